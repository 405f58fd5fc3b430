"""Work spread over processes gives what the same work gives in one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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
    results = list(ordered_map(_square_and_remember, _Store(), range(4)))
    assert {pid for _, pid in results} == {os.getpid()}   # all of it in this process
    monkeypatch.setenv("RECLAIM_I18N_JOBS", "nonsense")
    assert default_jobs() >= 1


def _dies_on_three(_shared, n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), 9)   # as the out-of-memory killer would
    return n


def test_a_worker_that_dies_is_an_error_naming_its_item_not_a_hang():
    from reclaim_i18n.parallel import WorkerError

    results = ordered_map(_dies_on_three, None, ["de", "fr", "pl", 3, "it"], jobs=2)
    assert next(results) == "de"
    with pytest.raises(WorkerError, match=r"worker process for 3 was killed by signal 9") as err:
        list(results)
    assert "RECLAIM_I18N_JOBS=1" in str(err.value)
    _assert_no_children_left()


class _Unpicklable(Exception):
    def __init__(self, code, reason):   # pickle calls it with one argument: it fails
        super().__init__(f"{code}: {reason}")


def _raises_unpicklable(_shared, n: int) -> int:
    if n == 2:
        raise _Unpicklable("de", "broken")
    return n


def test_an_error_that_cannot_cross_processes_still_reaches_the_caller_with_its_text():
    with pytest.raises(RuntimeError, match=r"_Unpicklable: de: broken"):
        list(ordered_map(_raises_unpicklable, None, range(5), jobs=2))
    _assert_no_children_left()


def _big(_shared, n: int) -> bytes:
    return bytes([n]) * (3 * 1024 * 1024)   # far more than a pipe holds


def test_large_results_arrive_whole():
    results = list(ordered_map(_big, None, range(4), jobs=2))
    assert [len(r) for r in results] == [3 * 1024 * 1024] * 4
    assert [r[-1] for r in results] == [0, 1, 2, 3]


def test_a_map_left_half_read_stops_its_workers():
    results = ordered_map(_square_and_remember, _Store(), range(50), jobs=2)
    assert next(results)[0] == 0
    results.close()
    _assert_no_children_left()


def _nested(_shared, n: int) -> list[int]:
    return [pid for _, pid in ordered_map(_square_and_remember, _Store(), range(3), jobs=2)]


class _Store:
    def put(self, key, value):
        pass


def test_work_inside_a_worker_is_not_spread_again():
    for pids in ordered_map(_nested, None, range(2), jobs=2):
        assert len(set(pids)) == 1 and pids[0] != os.getpid()


def _assert_no_children_left():
    if not hasattr(os, "waitpid"):
        return
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def _fails_first_then_big(_shared, n: int) -> bytes:
    if n == 0:
        raise ValueError("first")
    time.sleep(0.2)  # still at work when the caller gives up
    return _big(None, n)


def test_an_early_error_does_not_wait_for_workers_blocked_on_a_large_result():
    with pytest.raises(ValueError, match="first"):
        list(ordered_map(_fails_first_then_big, None, range(4), jobs=2))
    _assert_no_children_left()


def test_when_no_process_can_be_started_the_work_is_done_here(monkeypatch):
    calls = []

    def no_fork():
        calls.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    results = list(ordered_map(_square_and_remember, _Store(), range(5), jobs=2))
    assert calls and [r for r, _ in results] == [0, 1, 4, 9, 16]
    assert {pid for _, pid in results} == {os.getpid()}


@pytest.mark.parametrize(("quota", "period", "cpus"), [
    ("200000", "100000", 2), ("150000", "100000", 2), ("50000", "100000", 1),
    ("max", "100000", None), ("-1", "100000", None), ("", "", None), ("100000", "0", None)])
def test_a_container_cpu_quota_limits_the_workers(quota, period, cpus):
    from reclaim_i18n.parallel import cpus_from_quota

    assert cpus_from_quota(quota, period) == cpus


def test_the_quota_caps_the_cores_seen(monkeypatch):
    from reclaim_i18n import parallel

    monkeypatch.delenv("RECLAIM_I18N_JOBS", raising=False)
    monkeypatch.setattr(parallel, "cgroup_cpus", lambda: 1)
    assert parallel.default_jobs() == 1


_SLOW_MAP = """
import time
from reclaim_i18n.parallel import ordered_map

def slow(_shared, n):
    time.sleep(60)
    return n

list(ordered_map(slow, None, range(4), jobs=2))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_ctrl_c_leaves_no_process_behind():
    import reclaim_i18n

    env = dict(os.environ, PYTHONPATH=str(Path(reclaim_i18n.__file__).parents[1]))
    run = subprocess.Popen([sys.executable, "-c", _SLOW_MAP], env=env, text=True,
                           stderr=subprocess.PIPE, start_new_session=True)
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
    deadline = time.monotonic() + 20
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(children.read_text().split()) == 2   # both workers at work
    os.killpg(run.pid, signal.SIGINT)   # a terminal's Ctrl-C: the whole process group
    _, stderr = run.communicate(timeout=20)
    assert run.returncode != 0 and "KeyboardInterrupt" in stderr
    time.sleep(0.2)   # orphans, if any, would still be running
    with pytest.raises(ProcessLookupError):
        os.killpg(run.pid, 0)
