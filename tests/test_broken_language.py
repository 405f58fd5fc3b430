"""A catalogue that cannot be read is described in the same words everywhere: by update,
build (its line and the manifest), report (text and JSON) and check."""

from __future__ import annotations

import json
import pickle

from click.testing import CliRunner

from reclaim_i18n.cli import cli
from reclaim_i18n.errors import CatalogError, ReclaimError

WHERE = "locales/de/LC_MESSAGES/messages.po"


def _break_german(project):
    po = project / WHERE
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith("msgstr ") and i > 20)
    lines[line] = 'msgstr "an "unescaped" quote"\n'
    po.write_text("".join(lines), encoding="utf-8")
    return line + 1


def _run(project, *args):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def test_one_broken_catalogue_reads_the_same_in_every_command(project, monkeypatch):
    monkeypatch.chdir(project)
    line = _break_german(project)
    build = _run(project, "build", "--locale", "de")
    update = _run(project, "update", "--locale", "de")
    report = _run(project, "report", "--format", "json", "--locale", "de", "--out", "r.json")
    check = _run(project, "check", "--locale", "de", "--format", "json")
    manifest = json.loads((project / "build/bundles/manifest.json").read_text())
    described = manifest["locales"]["de"]["error"]
    assert described.startswith(f"{WHERE}:{line}: ")
    assert f"de       FAILED  {described}" in build.output
    assert f"error: {described}" in update.output
    (row,) = json.loads((project / "r.json").read_text())["locales"]
    assert row["error"] == described
    assert f"error: {described}" in report.output
    (finding,) = json.loads(check.output)
    assert (finding["file"], finding["line"]) == (WHERE, line)
    assert described == f"{WHERE}:{line}: {finding['message']} (hint: {finding['hint']})"
    assert {build.exit_code, update.exit_code, report.exit_code, check.exit_code} == {1}


def test_an_error_crosses_a_process_whole():
    error = CatalogError("bad string", "/p/de.po", 3, hint="escape the quote")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is CatalogError
    assert (copy.message, copy.path, copy.line, copy.hint) == ("bad string", "/p/de.po", 3,
                                                              "escape the quote")


def test_an_error_is_shown_from_the_project(tmp_path):
    error = ReclaimError("bad", tmp_path / "locales" / "x.po", 2, hint="fix it")
    assert error.relative_to(tmp_path).one_line() == "locales/x.po:2: bad (hint: fix it)"
    assert str(error.relative_to(tmp_path)) == "locales/x.po:2: bad\n  hint: fix it"
    assert error.relative_to(tmp_path / "elsewhere").path == str(tmp_path / "locales" / "x.po")
