"""Work spread over processes gives what the same work gives in one process."""

from __future__ import annotations

import os

import pytest

from reclaim_i18n import cache
from reclaim_i18n.parallel import default_jobs, ordered_map


def _square_and_remember(store, n: int) -> tuple[int, int]:
    store.put(f"k{n}", n * n)
    return n * n, os.getpid()


def _fails_on_three(_shared, n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_input_order_and_cache_entries_reach_the_parent(tmp_path, jobs):
    store = cache.open_cache(tmp_path, "squares")
    results = list(ordered_map(_square_and_remember, store, range(12), jobs=jobs))
    assert [r for r, _ in results] == [n * n for n in range(12)]
    assert all(store.get(f"k{n}") == n * n for n in range(12))
    if jobs > 1 and os.name == "posix" and hasattr(os, "sched_getaffinity"):
        assert {pid for _, pid in results} != {os.getpid()}   # the work ran elsewhere


def test_an_error_in_a_worker_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="three"):
        list(ordered_map(_fails_on_three, None, range(6), jobs=2))


def test_jobs_can_be_set_from_the_environment(monkeypatch):
    monkeypatch.setenv("RECLAIM_I18N_JOBS", "1")
    assert default_jobs() == 1
    monkeypatch.setenv("RECLAIM_I18N_JOBS", "nonsense")
    assert default_jobs() >= 1
