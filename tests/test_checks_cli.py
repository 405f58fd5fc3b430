"""``reclaim-i18n check``: formats, exit codes, bounded output, the hostile catalogue and
the malformed corpus (tests/data/hostile, tests/data/malformed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n.cli import cli

DATA = Path(__file__).parent / "data"
SRC = Path(__file__).parent.parent / "src"
DE = "locales/de/LC_MESSAGES/messages.po"
HEADER = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
GLOSSARY = """\
do-not-translate:
  - Reclaim Your Face
terms:
  biometric mass surveillance:
    de: biometrische Massenüberwachung
    match: stem
  facial recognition:
    de: Gesichtserkennung
    match: stem
"""
ANSI = re.compile(r"\x1b\[")


def entry(msgid: str, msgstr: str, ctxt: str = "home/x", flags: str = "") -> str:
    return (f"#, {flags}\n" if flags else "") + \
        f'msgctxt "{ctxt}"\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n\n'


def catalogue(lang: str, *entries: str) -> bytes:
    return (HEADER.format(lang=lang) + "".join(entries)).encode()


CLEAN = entry("Join the movement", "Mach mit")
BROKEN = entry("{count} people", "Leute", flags="python-brace-format")   # msgstr: line 10
WARNED = entry("Why?", "Warum.")                                          # msgstr: line 9


def make_project(root: Path, files: dict[str, bytes], template: bytes | None = None) -> Path:
    languages = ", ".join(f'"{code}"' for code in files) or '"de"'
    (root / "pyproject.toml").write_text(
        f'[tool.reclaim-i18n]\nlanguages = [{languages}]\n'
        'allowed-urls = ["https://reclaimyourface.eu/*"]\n', encoding="utf-8")
    (root / "source_content").mkdir(parents=True, exist_ok=True)
    (root / "source_content" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    from reclaim_i18n.locales import gettext_code

    for code, data in files.items():
        folder = root / "locales" / gettext_code(code) / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "messages.po").write_bytes(data)
    if template is not None:
        (root / "locales" / "messages.pot").write_bytes(template)
    return root


def run(project: Path, *args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, ["--project", str(project), "check", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result


# ------------------------------------------------------------------ formats and exit codes


def test_text_output_names_file_line_and_check(tmp_path):
    project = make_project(tmp_path, {"de": catalogue("de", BROKEN), "fr": catalogue("fr",
                                                                                      CLEAN)})
    result = run(project)
    assert result.exit_code == 1
    assert f"{DE}:10: error[placeholders] the placeholder “{{count}}” is missing" in result.output
    assert "    [home/x] hint: copy {count} exactly" in result.output
    assert "locales/fr/" not in result.output
    assert result.output.rstrip().endswith("1 error, 0 warnings in 1 of 2 files")
    assert not ANSI.search(result.output)


def test_clean_catalogues_exit_0(tmp_path):
    result = run(make_project(tmp_path, {"de": catalogue("de", CLEAN)}), "--locale", "de")
    assert result.exit_code == 0 and result.output == "no problems in 1 file\n"


@pytest.mark.parametrize("files, fail_on, code", [
    ({"de": catalogue("de", WARNED)}, "error", 0),
    ({"de": catalogue("de", WARNED)}, "warning", 1),
    ({"de": catalogue("de", BROKEN)}, "error", 1),
    ({"de": catalogue("de", BROKEN)}, "warning", 1),
    ({"de": catalogue("de", CLEAN)}, "warning", 0),
])
def test_fail_on_decides_the_exit_code(tmp_path, files, fail_on, code):
    result = run(make_project(tmp_path, files), "--fail-on", fail_on)
    assert result.exit_code == code, result.output


def test_json_output_is_a_sorted_documented_list(tmp_path):
    project = make_project(tmp_path, {"de": catalogue("de", WARNED, BROKEN),
                                      "fr": catalogue("de", CLEAN)})
    result = run(project, "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert [list(i) for i in items] == [["check", "severity", "locale", "file", "line",
                                         "msgctxt", "msgid", "message", "hint"]] * len(items)
    keys = [(i["file"], i["line"], i["check"], i["message"]) for i in items]
    assert keys == sorted(keys)
    assert {(i["file"], i["line"], i["check"], i["severity"]) for i in items} == {
        (DE, 9, "end-punctuation", "warning"), (DE, 14, "placeholders", "error"),
        ("locales/fr/LC_MESSAGES/messages.po", 3, "header-language", "error")}
    assert result.stdout.isascii()


def test_json_of_clean_catalogues_is_an_empty_list(tmp_path):
    result = run(make_project(tmp_path, {"de": catalogue("de", CLEAN)}), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_github_annotations(tmp_path):
    result = run(make_project(tmp_path, {"de": catalogue("de", BROKEN, WARNED)}),
                 "--format", "github")
    lines = result.output.splitlines()
    assert lines[0].startswith(f"::error file={DE},line=10,title=placeholders::the placeholder")
    assert "%0A" in lines[0]    # the hint, on its own line in the annotation
    assert lines[1].startswith(f"::warning file={DE},line=14,title=end-punctuation::")
    assert result.exit_code == 1


def test_colour_only_on_a_terminal(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"de": catalogue("de", BROKEN)})
    assert not ANSI.search(run(project).output)                      # not a terminal
    from reclaim_i18n import ui

    monkeypatch.setattr(ui, "use_colour", lambda stream=None: True)
    coloured = CliRunner().invoke(cli, ["--project", str(project), "check"], color=True)
    assert ANSI.search(coloured.output)
    monkeypatch.undo()
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert ui.use_colour() is False


def test_unknown_locale_is_a_usage_error(tmp_path):
    result = run(make_project(tmp_path, {"de": catalogue("de", CLEAN)}), "--locale", "xx")
    assert result.exit_code == 2 and "not one of the configured languages" in result.output


def test_missing_catalogue_is_reported(tmp_path):
    project = make_project(tmp_path, {"de": catalogue("de", CLEAN)})
    (project / DE).unlink()
    result = run(project)
    assert result.exit_code == 1 and f"{DE}: error[syntax] file not found" in result.output


def test_template_is_checked_only_without_locale(tmp_path):
    template = (HEADER.format(lang="") + entry("We want to have have choice", "")).encode()
    project = make_project(tmp_path, {"de": catalogue("de", CLEAN)}, template)
    everything = run(project)
    assert "locales/messages.pot:7: warning[source-doubled-word]" in everything.output
    assert "messages.pot" not in run(project, "--locale", "de").output


def test_text_output_is_bounded_per_file_json_is_complete(tmp_path):
    entries = [entry("{count} people", "Leute", f"c{i}", "python-brace-format")
               for i in range(120)]
    project = make_project(tmp_path, {"de": catalogue("de", *entries)})
    text = run(project).output
    assert text.count("error[placeholders]") == 50
    assert f"… and 70 more in {DE}" in text
    assert len(json.loads(run(project, "--format", "json").stdout)) == 120


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    project = make_project(tmp_path, {"de": b'msgid "x\n', "fr": catalogue("fr", BROKEN)})
    (project / "source_content" / "glossary.yaml").write_text("terms: [\n")
    output = run(project).output
    assert f"{DE}:1: error[syntax]" in output
    assert "locales/fr/LC_MESSAGES/messages.po:10: error[placeholders]" in output
    assert "source_content/glossary.yaml:2: error[syntax] invalid YAML" in output


def test_terminal_escapes_from_a_catalogue_are_made_visible(tmp_path):
    evil = entry("Join", "Mach\\033[2J mit\\033]0;pwned\\007", ctxt="x\\033[31m")
    output = run(make_project(tmp_path, {"de": catalogue("de", evil)})).output
    assert "\x1b" not in output and "\x07" not in output
    assert "<U+001B>" in output and "error[control-char]" in output


# ------------------------------------------------------------------ the hostile catalogue


def _expected(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split())
    return rows


def test_hostile_catalogue_reports_every_problem(tmp_path):
    data = (DATA / "hostile" / "messages.po").read_bytes()
    project = make_project(tmp_path, {"de": data})
    result = run(project, "--locale", "de")
    assert result.exit_code == 1
    expected = {(int(r[0]), r[1], r[2]) for r in _expected(DATA / "hostile" / "expected.txt")}
    for line, severity, check_id in expected:
        assert f"{DE}:{line}: {severity}[{check_id}]" in result.output
    found = json.loads(run(project, "--locale", "de", "--format", "json").stdout)
    assert {(f["line"], f["severity"], f["check"]) for f in found} == expected
    must = {"url-allowed", "html-unsafe", "bidi-control", "placeholders"}
    assert must <= {c for _, sev, c in expected if sev == "error"}


# ------------------------------------------------------------------ the malformed corpus

MALFORMED = _expected(DATA / "malformed" / "expected.txt")


def test_every_malformed_file_has_an_expectation():
    listed = {row[0] for row in MALFORMED}
    present = {p.name for p in (DATA / "malformed").glob("*.po")}
    assert listed == present


def _assert_reported(result, elapsed: float, line: int, check_id: str, words: str):
    output = result.output
    assert result.exit_code == 1, output
    assert f"{DE}:{line}: error[{check_id}]" in output, output
    assert words in output
    assert "Traceback" not in output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a crash
    assert len(output) < 20_000 and output.count("\n") < 120   # 50 findings at most
    assert elapsed < 15


@pytest.mark.parametrize("name, line, check_id, words",
                         [(r[0], int(r[1]), r[2], " ".join(r[3:])) for r in MALFORMED],
                         ids=[r[0] for r in MALFORMED])
def test_malformed_catalogue(tmp_path, name, line, check_id, words):
    project = make_project(tmp_path, {"de": (DATA / "malformed" / name).read_bytes()})
    start = time.monotonic()
    result = run(project, "--locale", "de")
    _assert_reported(result, time.monotonic() - start, line, check_id, words)


def _h() -> str:
    return HEADER.format(lang="de")


GENERATED = {
    # name: (file text, line, check id, words)
    "long-line-valid": (lambda: _h() + 'msgid "Join"\nmsgstr "' + "a" * 5_000_000 + '"\n',
                        8, "text-size", "5,000,000 characters"),
    "long-line-unterminated": (lambda: _h() + 'msgid "Join"\nmsgstr "' + "a " * 2_500_000,
                               8, "syntax", "not closed"),
    "long-line-garbage": (lambda: _h() + "x" * 5_000_000 + "\n", 7, "syntax",
                          "unexpected text"),
    "repeated-entry": (lambda: _h() + 'msgid "Join"\nmsgstr "Mach mit"\n\n' * 6667, 10,
                       "syntax", "duplicate entry"),
    "repeated-lines": (lambda: _h() + 'msgid "Join"\nmsgstr ""\n' + '"Mach mit "\n' * 20_000,
                       8, "text-size", "180,000 characters"),
    "20000-bad-entries": (lambda: _h() + "".join(
        f'msgctxt "c{i}"\nmsgid "Join {i}"\nmsgstr "<script>x</script> Mach mit {i}"\n\n'
        for i in range(20_000)), 9, "html-unsafe", "checking stopped after 1,000 findings"),
    "20000-clean-entries": (lambda: _h() + "".join(
        f'msgctxt "c{i}"\nmsgid "Join [us](https://reclaimyourface.eu/{i}) **now**"\n'
        f'msgstr "Mach [mit](https://reclaimyourface.eu/{i}) **jetzt**"\n\n'
        for i in range(20_000)), 8005, "findings-limit", "2,000 translated entries"),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_malformed_catalogue(tmp_path, name):
    make, line, check_id, words = GENERATED[name]
    project = make_project(tmp_path, {"de": make().encode()})
    start = time.monotonic()
    result = run(project, "--locale", "de")
    _assert_reported(result, time.monotonic() - start, line, check_id, words)


def test_whole_corpus_in_one_real_run(tmp_path):
    """The real command (no CliRunner) over every malformed file at once, one language
    each: exit 1, every file named with its line, no traceback, bounded, in seconds."""
    from reclaim_i18n.config import DEFAULT_LANGUAGES

    assert len(MALFORMED) <= len(DEFAULT_LANGUAGES)
    files = {code: (DATA / "malformed" / row[0]).read_bytes()
             for code, row in zip(DEFAULT_LANGUAGES, MALFORMED)}
    project = make_project(tmp_path, files)
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "reclaim_i18n", "--project", str(project),
                           "check"], capture_output=True, text=True, env=env, timeout=120,
                          check=False)
    elapsed = time.monotonic() - start
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in output
    from reclaim_i18n.locales import gettext_code

    for code, row in zip(DEFAULT_LANGUAGES, MALFORMED):
        path = f"locales/{gettext_code(code)}/LC_MESSAGES/messages.po"
        assert f"{path}:{row[1]}: error[{row[2]}]" in output, (row, output)
    assert output.count("\n") < 20 * len(MALFORMED) and elapsed < 30


# ------------------------------------------------------------------ the shipped campaign


def test_shipped_sample_translations_have_no_errors(project):
    from reclaim_i18n.checks.runner import run_checks
    from reclaim_i18n.config import load_config
    from reclaim_i18n.model import Severity

    reports = run_checks(load_config(project))
    errors = [(f.path, f.line, f.check, f.message) for r in reports for f in r.findings
              if f.severity is Severity.ERROR]
    assert errors == []


def test_every_malformed_entry_is_a_syntax_finding_and_others_say_how_many(tmp_path):
    broken = (_h() + 'msgid "Join\nmsgstr ""\n\n' + CLEAN            # line 7: not closed
              + 'msgid "Say "hi""\nmsgstr ""\n\n'                     # line 14: bare quote
              + 'msgid "Why\nmsgstr ""\n')                            # line 17: not closed
    project = make_project(tmp_path, {"de": broken.encode()}, template=_h().encode())
    result = run(project, "--locale", "de")
    assert result.exit_code == 1
    assert [line for line in (7, 14, 17) if f"{DE}:{line}: error[syntax]" in result.output] \
        == [7, 14, 17], result.output
    report = CliRunner().invoke(cli, ["--project", str(project), "report", "--locale", "de"])
    assert report.exit_code == 1 and f"{DE}:7:" in report.output
    assert "(and 2 more in this file)" in report.output
