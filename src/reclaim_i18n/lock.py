"""One writing run at a time per project.

An advisory ``flock`` on ``.reclaim-i18n.lock`` in the project folder: the kernel drops
it when the holder dies, so a lock left by a killed run (a stale pid in the file) is
simply taken over. The file names the holder's pid for the error message.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from reclaim_i18n.errors import LockError

LOCK_NAME = ".reclaim-i18n.lock"


@contextlib.contextmanager
def project_lock(root: Path):
    path = Path(root) / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise LockError(f"another run is in progress (pid {holder})", path,
                            hint="wait for it to finish; a run that was killed releases "
                                 "the lock by itself") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock
