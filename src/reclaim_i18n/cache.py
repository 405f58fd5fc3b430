"""A small persistent memo for work derived from file contents.

``build/.cache/<name>.json`` maps a content digest to a JSON value. Keys are made by
:func:`cache_key` from everything the value depends on: the input bytes and settings a
caller gives, and always the digest of the tool's whole code (:func:`code_digest`), so
a stale entry is never used: it is simply not found. :func:`memo` is the usual way in.
Writing is best effort — a cache that cannot be written only costs time — atomic, so a
crash never leaves a broken cache (a broken one is ignored and rebuilt), and in key
order, so the same entries always give the same bytes.
"""

from __future__ import annotations

import atexit
from functools import lru_cache
from pathlib import Path

MAX_ENTRIES = 2000  # per cache file; beyond it, entries this run did not use go
_OPEN: dict[Path, JsonCache] = {}
# In a worker process (reclaim_i18n.parallel): the puts, for the parent to keep; a
# worker's own caches are never saved.
_JOURNAL: list[tuple[Path, str, object]] | None = None


def digest(*parts) -> str:
    """SHA-256 of ``parts``, each length-prefixed: bytes as they are, anything else as
    canonical JSON (sorted keys), so a dict or list digests the same in every process."""
    import hashlib  # here, not at the top: workers and the .mo path need no digests
    import json

    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


# The libraries whose behaviour shapes a cached value (parsing, CLDR data, rendering,
# sanitising, matching): a new version of one makes every cached value unfindable.
LIBRARIES = ("babel", "jinja2", "markdown-it-py", "markupsafe", "nh3", "pyyaml", "rapidfuzz")
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The tool's own code, the versions of :data:`LIBRARIES` and Python's, once per
    process. Every file of the package counts (templates and data are code too): no
    cache lists the modules its value depends on, so none can forget one."""
    import sys

    versions = installed_versions()
    return digest(tree_digest(PACKAGE), sys.version,
                  *(f"{name}={versions.get(_normalise(name), '?')}" for name in LIBRARIES))


def tree_digest(folder: Path) -> str:
    """Digest of every file below ``folder`` (names and bytes), bytecode folders aside."""
    from reclaim_i18n.fsio import files_under

    parts: list = []
    for rel, full in files_under(folder, skip=("__pycache__",)):
        parts += [rel, Path(full).read_bytes()]
    return digest(*parts)


def cache_key(*parts) -> str:
    """The key of a cached value: the digest of everything it depends on — ``parts`` (the
    input bytes, the settings) and, always, :func:`code_digest`."""
    return digest(code_digest(), *parts)


def memo(cache: JsonCache, key_parts: tuple, compute):
    """The value ``cache`` holds for ``key_parts`` (see :func:`cache_key`), else
    ``compute()``'s, which is kept. Values are JSON; ``None`` is never kept."""
    key = cache_key(*key_parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.put(key, value)
    return value


@lru_cache(maxsize=1)
def installed_versions() -> dict[str, str]:
    """{normalised name: version} of the distributions on ``sys.path``, the first found
    winning (as imports do), read from the ``*.dist-info`` folder names. Importing
    importlib.metadata for this would cost a fifth of a no-op run's start-up."""
    import os
    import sys

    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[: -len(".dist-info")].partition("-")
                found.setdefault(_normalise(dist), version)
    return found


def _normalise(name: str) -> str:
    """PEP 503: ``markdown-it-py`` and ``markdown_it_py`` are one distribution."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


class JsonCache:
    def __init__(self, path: Path):
        import json

        self.path = path
        self.dirty = False
        self.used: set[str] = set()  # keys read or written by this process
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.data = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            self.data = {}

    def get(self, key: str):
        value = self.data.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        self.data[key] = value
        self.used.add(key)
        self.dirty = True
        if _JOURNAL is not None:
            _JOURNAL.append((self.path, key, value))

    def save(self) -> None:
        import json

        from reclaim_i18n.fsio import atomic_write

        if not self.dirty:
            return
        try:
            atomic_write(self.path, json.dumps(self.kept(), ensure_ascii=False).encode("utf-8"))
            self.dirty = False
        except OSError:
            pass

    def kept(self) -> dict:
        """What is saved, in key order (the same entries give the same bytes, whatever
        order the work and the workers finished in): the entries this process used, and
        the others while they fit in :data:`MAX_ENTRIES`."""
        unused = [key for key in sorted(self.data) if key not in self.used]
        drop = set(unused[: max(0, len(self.data) - MAX_ENTRIES)])
        return {key: self.data[key] for key in sorted(self.data) if key not in drop}


def open_cache(build_dir: Path, name: str) -> JsonCache:
    """One instance per file and process, saved when the process ends."""
    path = Path(build_dir) / ".cache" / f"{name}.json"
    if path not in _OPEN:
        _OPEN[path] = JsonCache(path)
    return _OPEN[path]


def start_journal() -> None:
    global _JOURNAL
    _JOURNAL = []


def take_journal() -> list[tuple[Path, str, object]]:
    """The puts since :func:`start_journal` (or the last call), to replay in the parent."""
    global _JOURNAL
    journal, _JOURNAL = _JOURNAL or [], []
    return journal


def replay(journal: list[tuple[Path, str, object]]) -> None:
    for path, key, value in journal:
        if path not in _OPEN:
            _OPEN[path] = JsonCache(path)
        _OPEN[path].put(key, value)


@atexit.register
def save_all() -> None:
    for cache in _OPEN.values():
        cache.save()
