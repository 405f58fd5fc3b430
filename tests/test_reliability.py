"""Crashes, concurrent runs and random edits: nothing is corrupted or lost.

Fast variants run in ``make test``; ``make fuzz`` runs the ``slow`` ones longer
(``KILL_RUNS``, ``EDIT_EXAMPLES``).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po, write_po

SRC = Path(__file__).resolve().parent.parent / "src"


def run_cli(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def spawn(project: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, "-m", "reclaim_i18n", "--project", str(project),
                             *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def catalogues(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project / "locales").rglob("*.po"))}


def reword_everything(project: Path) -> None:
    """An edit that changes every catalogue: a word in the first paragraph."""
    page = project / "source_content" / "pages" / "home.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("can and will be used", "can and will surely be used"),
                    encoding="utf-8")
    assert run_cli(project, "extract").exit_code == 0


def test_a_second_run_waits_its_turn_and_a_dead_holder_releases_the_lock(project):
    code = (f"import sys, time; sys.path.insert(0, {str(SRC)!r})\n"
            "from reclaim_i18n.lock import project_lock\n"
            f"with project_lock({str(project)!r}):\n"
            "    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli(project, "update")
        assert result.exit_code == 1
        assert f"another run is in progress (pid {holder.pid})" in result.output
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (project / ".reclaim-i18n.lock").read_text().strip() == str(holder.pid)
    assert run_cli(project, "update").exit_code == 0  # the stale lock is taken over


def test_two_updates_at_once_never_corrupt_a_catalogue(project):
    reword_everything(project)
    runs = [spawn(project, "update") for _ in range(2)]
    results = [(r.wait(timeout=120), r.stderr.read().decode()) for r in runs]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1])
    for code, err in results:
        assert code == 0 or "another run is in progress" in err
    for path in catalogues(project):
        read_po(path)  # every file parses


def _duration(project: Path, args: tuple[str, ...], reset) -> float:
    """How long one uninterrupted run takes here (kills are drawn within it)."""
    reset()
    start = time.perf_counter()
    assert spawn(project, *args).wait(timeout=300) == 0
    return time.perf_counter() - start


def _kill_runs(project: Path, args: tuple[str, ...], runs: int, reset, verify) -> int:
    rng = random.Random(20261126)
    span = _duration(project, args, reset)
    killed = 0
    for _ in range(runs):
        reset()
        proc = spawn(project, *args)
        time.sleep(rng.uniform(0.15, 0.95) * span)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        verify()
    return killed


def _kill_update(project: Path, runs: int) -> None:
    reword_everything(project)
    old = catalogues(project)
    reference = project.parent / "reference"
    import shutil

    shutil.copytree(project, reference)
    assert run_cli(reference, "update").exit_code == 0
    new = {project / p.relative_to(reference): b for p, b in catalogues(reference).items()}
    assert all(old[p] != new[p] for p in old)

    def reset():
        for path, data in old.items():
            path.write_bytes(data)

    def verify():
        for path, data in catalogues(project).items():
            assert data in (old[path], new[path]), f"{path} is neither old nor new"

    killed = _kill_runs(project, ("update",), runs, reset, verify)
    assert killed >= 1


def test_killing_update_leaves_each_catalogue_old_or_new(project):
    _kill_update(project, int(os.environ.get("KILL_RUNS", "4")))


@pytest.mark.slow
def test_killing_update_many_times(project):
    _kill_update(project, int(os.environ.get("KILL_RUNS", "60")))


def test_killing_build_leaves_only_complete_files(project, tmp_path):
    reference = tmp_path / "reference-build"
    assert run_cli(project, "build", "--out", str(reference)).exit_code == 0
    expected = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*")
                if p.is_file()}
    out = project / "build"

    def reset():
        import shutil

        shutil.rmtree(out, ignore_errors=True)

    def verify():
        for path in out.rglob("*") if out.exists() else ():
            if path.is_file() and not path.name.startswith("."):  # skip temporaries, state
                rel = path.relative_to(out)
                if rel in expected:
                    assert path.read_bytes() == expected[rel], rel

    _kill_runs(project, ("build", "--out", str(out)), int(os.environ.get("KILL_RUNS", "3")),
               reset, verify)


# ----------------------------------------------------- nothing lost, as a property

PARAGRAPHS = st.sampled_from([
    "A new paragraph about facial recognition.",
    "Another sentence the organisers added.",
    "Biometric mass surveillance must be banned.",
])


@st.composite
def edits(draw):
    return draw(st.lists(st.tuples(
        st.sampled_from(["insert", "delete", "reword", "reorder", "drop-page"]),
        st.integers(0, 10_000), PARAGRAPHS), min_size=1, max_size=4))


def _apply(project: Path, plan) -> None:
    import yaml

    pages = sorted((project / "source_content" / "pages").glob("*.yaml"))
    for action, n, text in plan:
        if action == "drop-page" and len(pages) > 1:
            pages.pop(n % len(pages)).unlink()
            continue
        page = pages[n % len(pages)]
        data = yaml.safe_load(page.read_text(encoding="utf-8"))
        sections = data["sections"]
        bodies = [s for s in sections if isinstance(s.get("body"), str)]
        if action == "reorder" and len(sections) > 1:
            sections.insert(0, sections.pop(n % len(sections)))
        elif bodies:
            section = bodies[n % len(bodies)]
            blocks = section["body"].strip().split("\n\n")
            i = n % len(blocks)
            if action == "insert":
                blocks.insert(i, text)
            elif action == "delete" and len(blocks) > 1:
                blocks.pop(i)
            elif action == "reword":
                words = blocks[i].split(" ")
                plain = [j for j, w in enumerate(words) if w.isalpha()] or [0]
                words[plain[n % len(plain)]] = "changed"
                blocks[i] = " ".join(words)
            section["body"] = "\n\n".join(blocks) + "\n"
        page.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


def _translate(project: Path) -> set[str]:
    config = load_config(project)
    done = set()
    for code in ("de", "fr"):
        catalog = read_po(config.po_path(code))
        for m in catalog.messages:
            if m.is_plural:
                m.msgstr_plural = [f"{code}{i}:{m.msgid}" for i in range(len(m.msgstr_plural))]
            elif not m.msgstr:
                m.msgstr = f"{code}:{m.msgid}"
            done.update(m.translations)
        write_po(catalog, config.po_path(code))
    return done


def _nothing_lost(project: Path, plan) -> None:
    before = _translate(project)
    _apply(project, plan)
    assert run_cli(project, "extract").exit_code == 0
    assert run_cli(project, "update", "--locale", "de", "--locale", "fr").exit_code == 0
    config = load_config(project)
    after = {t for code in ("de", "fr") for m in read_po(config.po_path(code)).messages
             for t in m.translations}
    assert before - after == set()


@settings(max_examples=int(os.environ.get("EDIT_EXAMPLES", "3")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(plan=edits())
def test_random_source_edits_lose_no_translation(tmp_path_factory, plan):
    import shutil

    from conftest import ROOT

    project = tmp_path_factory.mktemp("edits") / "p"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copytree(ROOT / "source_content", project / "source_content")
    shutil.copytree(ROOT / "locales", project / "locales")
    _nothing_lost(project, plan)
