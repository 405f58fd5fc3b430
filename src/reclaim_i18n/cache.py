"""A small persistent memo for work derived from file contents.

``build/.cache/<name>.json`` maps a content digest to a JSON value. Keys are digests of
everything the value depends on (the input bytes, the settings and the tool's own code),
so a stale entry is never used: it is simply not found. Writing is best effort — a
cache that cannot be written only costs time — and atomic, so a crash never leaves a
broken cache (a broken one is ignored and rebuilt).
"""

from __future__ import annotations

import atexit
from functools import lru_cache
from pathlib import Path

MAX_ENTRIES = 2000  # oldest entries are dropped beyond this (per cache file)
_OPEN: dict[Path, JsonCache] = {}
# In a worker process (reclaim_i18n.parallel): the puts, for the parent to keep; a
# worker's own caches are never saved.
_JOURNAL: list[tuple[Path, str, object]] | None = None


def digest(*parts) -> str:
    import hashlib  # here, not at the top: workers and the .mo path need no digests

    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=16)
def code_digest(modules: tuple[str, ...], libraries: tuple[str, ...] = ()) -> str:
    """Digest of some of the tool's own modules (files or packages) and library versions:
    a change of the code that computed a cached value makes the value unfindable."""
    from reclaim_i18n.fsio import files_under

    package = Path(__file__).resolve().parent
    parts: list = []
    for name in modules:
        folder = package / name
        if folder.is_dir():  # every file: templates and data are code too
            paths = [(f"{name}/{rel}".lstrip("/"), full)
                     for rel, full in files_under(folder, skip=("__pycache__",))]
        else:
            paths = [(name, folder)]
        for rel, full in paths:
            parts += [rel, Path(full).read_bytes()]
    versions = installed_versions() if libraries else {}
    for name in libraries:
        parts.append(f"{name}={versions.get(_normalise(name), '?')}")
    return digest(*parts)


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
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            self.data = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            self.data = {}

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        self.data.pop(key, None)
        self.data[key] = value  # newest last
        while len(self.data) > MAX_ENTRIES:
            self.data.pop(next(iter(self.data)))
        self.dirty = True
        if _JOURNAL is not None:
            _JOURNAL.append((self.path, key, value))

    def save(self) -> None:
        import json

        from reclaim_i18n.fsio import atomic_write

        if not self.dirty:
            return
        try:
            atomic_write(self.path, json.dumps(self.data, ensure_ascii=False).encode("utf-8"))
            self.dirty = False
        except OSError:
            pass


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
