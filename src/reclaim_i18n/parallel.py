"""Per-language work on every core: results in input order, so output stays deterministic.

Workers are forked, so they start with what the parent has already loaded (the
template, the source pages, language data) and cost a few milliseconds each. Where fork
is not available, or there is only one core or one item, the work runs in this process.
Workers only compute: everything is written by the parent, which keeps the writes atomic
and in one place. What a worker puts into a cache is sent back with its result and kept
by the parent (caches are saved when the parent exits).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

JOBS_ENV = "RECLAIM_I18N_JOBS"


def default_jobs() -> int:
    """Cores this process may use (``RECLAIM_I18N_JOBS`` overrides; 1 turns workers off)."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_SHARED: object = None  # what every call gets first; workers inherit it when they fork


def ordered_map(func: Callable[[S, T], R], shared: S, items: Iterable[T],
                jobs: int | None = None) -> Iterator[R]:
    """``func(shared, item)`` for each item, in order, over ``jobs`` forked workers.

    ``func`` must be a module-level function. ``shared`` (e.g. the loaded inputs) is
    not sent to the workers: they inherit it. An exception in ``func`` is raised here.
    """
    global _SHARED
    items = list(items)
    jobs = min(default_jobs() if jobs is None else jobs, len(items))
    if jobs < 2 or not _can_fork():
        yield from (func(shared, item) for item in items)
        return
    from reclaim_i18n import cache

    _SHARED = shared
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs, initializer=cache.start_journal) as pool:
            for result, journal in pool.imap(_Call(func), items, chunksize=1):
                cache.replay(journal)
                yield result
    finally:
        _SHARED = None


class _Call:
    """``func`` in a worker, with the cache entries it made."""

    def __init__(self, func):
        self.func = func

    def __call__(self, item):
        from reclaim_i18n import cache

        return self.func(_SHARED, item), cache.take_journal()


def _can_fork() -> bool:
    # macOS forks badly once system frameworks are loaded; Windows cannot fork
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
