"""The persistent memo: keys made from every input and the whole code, files written in
one order whatever order the work finished in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n import cache
from reclaim_i18n.cli import cli


@pytest.fixture
def fresh(monkeypatch):
    """No cache file opened by an earlier test, and the code digest computed anew."""
    monkeypatch.setattr(cache, "_OPEN", {})
    cache.code_digest.cache_clear()
    yield
    cache.code_digest.cache_clear()


def saved(path: Path, puts: list[tuple[str, object]]) -> bytes:
    store = cache.JsonCache(path)
    for key, value in puts:
        store.put(key, value)
    store.save()
    return path.read_bytes()


def test_the_same_entries_give_the_same_bytes_whatever_their_order(tmp_path):
    puts = [("b", [1]), ("a", {"y": 2, "x": 1}), ("c", "z")]
    assert saved(tmp_path / "one.json", puts) == saved(tmp_path / "two.json", puts[::-1])


def test_beyond_the_limit_the_entries_this_run_did_not_use_go_first(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    saved(path, [("old-1", 1), ("old-2", 2), ("old-3", 3)])
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    store = cache.JsonCache(path)
    assert store.get("old-3") == 3
    store.put("new", 4)
    store.save()
    assert cache.JsonCache(path).data == {"new": 4, "old-2": 2, "old-3": 3}


@pytest.mark.parametrize(("change", "same"), [
    # (what happens to the tree, whether the digest stays)
    (lambda root: (root / "pkg" / "a.py").write_text("x = 2\n"), False),
    (lambda root: (root / "pkg" / "templates" / "page.html").write_text("<p>2</p>"), False),
    (lambda root: (root / "pkg" / "new.py").write_text(""), False),
    (lambda root: (root / "pkg" / "a.py").rename(root / "pkg" / "b.py"), False),
    (lambda root: (root / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"\0"), True),
])
def test_the_code_digest_covers_every_file_of_the_package(tmp_path, change, same):
    package = tmp_path / "pkg"
    (package / "templates").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "a.py").write_text("x = 1\n")
    (package / "templates" / "page.html").write_text("<p>1</p>")
    before = cache.tree_digest(package)
    change(tmp_path)
    assert (cache.tree_digest(package) == before) is same


def test_every_cache_key_changes_with_the_code_and_the_libraries(tmp_path, monkeypatch, fresh):
    shutil.copytree(cache.PACKAGE, tmp_path / "pkg",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", tmp_path / "pkg")
    key = cache.cache_key(b"input")
    with (tmp_path / "pkg" / "stats.py").open("a") as handle:
        handle.write("# a change no caller lists\n")
    cache.code_digest.cache_clear()
    assert cache.cache_key(b"input") != key
    key = cache.cache_key(b"input")
    monkeypatch.setattr(cache, "installed_versions", lambda: {"babel": "0.0"})
    cache.code_digest.cache_clear()
    assert cache.cache_key(b"input") != key


def test_memo_computes_once_and_keeps_the_value(tmp_path, fresh):
    store = cache.open_cache(tmp_path, "squares")
    calls = []

    def compute():
        calls.append(1)
        return [9]

    assert cache.memo(store, (3,), compute) == [9]
    assert cache.memo(store, (3,), compute) == [9]
    assert cache.memo(store, (4,), lambda: None) is None  # None is not kept
    assert len(calls) == 1 and len(store.data) == 1


def test_parts_are_digested_by_value():
    assert cache.digest({"a": 1, "b": [1, 2]}) == cache.digest({"b": [1, 2], "a": 1})
    assert cache.digest("ab", "c") != cache.digest("a", "bc")
    assert cache.digest("1") != cache.digest(1)  # a setting keeps its type


def run(project: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--project", str(project), *args])
    assert result.exit_code in (0, 1), result.output


def test_two_runs_with_another_history_write_byte_identical_caches(project, fresh):
    """A check of one language first puts its findings first; the files do not show it."""
    caches = project / "build" / ".cache"
    run(project, "all")
    cache.save_all()  # what the end of the process does
    first = {p.name: p.read_bytes() for p in caches.glob("*.json") if p.name != "all.json"}
    shutil.rmtree(project / "build")
    cache._OPEN.clear()
    run(project, "check", "--locale", "fr")
    run(project, "report", "--checks", "--locale", "pl")
    cache.save_all()
    cache._OPEN.clear()
    run(project, "all")
    cache.save_all()
    again = {p.name: p.read_bytes() for p in caches.glob("*.json") if p.name != "all.json"}
    assert {"findings.json", "report.json", "update.json", "extract.json"} <= set(first)
    assert again == first
