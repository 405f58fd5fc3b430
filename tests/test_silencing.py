"""``#, ignore-<check>`` flags: a translator cannot switch off what protects readers, every
other check can still be silenced, and every silenced check is shown to a reviewer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n.checks import CHECKS, check_catalog, silenced_checks
from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.model import Severity
from reclaim_i18n.pofile import parse_po, read_po, write_po
from test_checks import CONFIG, findings, make_catalog
from test_checks_cli import DE, catalogue, entry, make_project

README = Path(__file__).parent.parent / "src/reclaim_i18n/checks/README.md"
LINK = "See [the document](https://reclaimyourface.eu/doc/)."
# One failing (English, translation) per check that protects readers.
PROTECTED = {
    "url-scheme": ("Join", "[Mach mit](javascript:alert(1))"),
    "url-idn": (LINK, "Siehe [das Dokument](https://reclaimyourface.xn--e1afmkfd/doc/)."),
    "url-allowed": ("Join", "Mach mit auf https://evil.example/join"),
    "markdown-links": (LINK, "Siehe das Dokument."),
    "markdown-count": ("Join", "[Mach mit](https://reclaimyourface.eu/join/)"),
    "html-unsafe": ("Join", 'Mach <img src=x onerror="alert(1)"> mit'),
    "bidi-control": ("Join", "Mach \u202emit"),
    "control-char": ("Join", "Mach\x00 mit"),
    "text-size": ("Join", "Mach mit " * 3000),
}


def _protected_ids() -> set[str]:
    return {c.id for c in CHECKS.values() if c.protects_readers}


def test_the_checks_that_protect_readers_are_marked_and_documented():
    assert _protected_ids() == set(PROTECTED)
    section = README.read_text(encoding="utf-8").split("## Checks that protect readers")[1]
    table = section.split("\n\n")[2]
    assert set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE)) == set(PROTECTED)


@pytest.mark.parametrize("check_id", sorted(PROTECTED))
def test_a_protective_check_cannot_be_silenced_and_the_flag_is_reported(check_id):
    source, translation = PROTECTED[check_id]
    flag = f"ignore-{check_id}"
    found = findings(source, translation, flags=[flag])
    assert (check_id, Severity.ERROR) in {(f.check, f.severity) for f in found}
    if check_id == "text-size":  # a runaway text is not checked further, flags included
        return
    (warning,) = [f for f in found if f.check == "silence-flag"]
    assert warning.severity is Severity.WARNING and warning.msgctxt == "page/field"
    assert f"“#, {flag}” has no effect" in warning.message
    assert "allowed-urls" in warning.hint and "pyproject.toml" in warning.hint
    assert silenced_checks(make_catalog(source, translation, flags=[flag]), "de") == []


@pytest.mark.parametrize("flag, hint", [
    ("ignore-max-lenght", "did you mean “ignore-max-length”?"),
    ("ignore-html-unsave", "did you mean “ignore-html-unsafe”?"),
    ("ignore-zzzzzzzz", "names no check and has no effect"),
])
def test_an_unknown_check_id_is_a_warning_with_a_guess(flag, hint):
    found = findings("Join", "Mach mit", flags=[flag])
    assert [(f.check, f.severity) for f in found] == [("silence-flag", Severity.WARNING)]
    assert hint in found[0].message and f"“#, {flag}”" in found[0].message
    if flag.endswith("z"):
        assert "did you mean" not in found[0].message


def test_other_flags_keep_working_and_are_listed():
    flags = ["ignore-max-length", "ignore-end-punctuation"]
    catalog = make_catalog("Why?", "Warum nur", flags=flags, comments=["(max-length:5)"])
    assert findings("Why?", "Warum nur", flags=flags, comments=["(max-length:5)"]) == []
    listed = silenced_checks(catalog, "de")
    assert [(s.check, s.line, s.msgctxt, s.locale) for s in listed] == [
        ("end-punctuation", 11, "page/field", "de"), ("max-length", 11, "page/field", "de")]


def test_a_flag_on_an_untranslated_entry_silences_nothing_and_is_not_listed():
    catalog = make_catalog("Why?", "", flags=["ignore-end-punctuation"])
    assert silenced_checks(catalog, "de") == []


def test_the_header_flags_are_listed_for_the_whole_file():
    data = (b'#, ignore-header-language, ignore-zzz\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n'
            b'"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Join"\nmsgstr "Mach mit"\n')
    catalog = parse_po(data, "x.po")
    (silenced,) = silenced_checks(catalog, "de")
    assert (silenced.check, silenced.line, silenced.msgctxt) == ("header-language", 2, None)
    found = check_catalog(catalog, "de", CONFIG)
    assert [f.check for f in found] == ["silence-flag"] and "ignore-zzz" in found[0].message


# ------------------------------------------------------------------ what a reviewer sees

def _run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args], env={"NO_COLOR": "1"})


@pytest.fixture
def flagged(tmp_path: Path) -> Path:
    template = catalogue("", entry("Why?", ""), entry("Join", "", ctxt="home/y"))
    return make_project(tmp_path, {"de": catalogue(
        "de", entry("Why?", "Warum", flags="ignore-end-punctuation"),      # msgstr: line 10
        entry("Join", "Mach mit", ctxt="home/y"))}, template)


def test_check_lists_every_silenced_check_in_text(flagged):
    result = _run(flagged, "check", "--fail-on", "warning")
    assert result.exit_code == 0, result.output  # silenced: not a problem
    lines = result.output.splitlines()
    assert lines[0] == "silenced by '#, ignore-…' flags (1 check):"
    assert lines[1] == f"{DE}:10: silenced[end-punctuation] [home/x]"
    assert lines[-1] == "no problems in 2 files (1 check silenced by ignore- flags)"


def test_check_lists_every_silenced_check_in_json(flagged):
    result = _run(flagged, "check", "--format", "json")
    assert result.exit_code == 0
    (item,) = json.loads(result.output)
    assert item == {"check": "end-punctuation", "severity": "silenced", "locale": "de",
                    "file": DE, "line": 10, "msgctxt": "home/x", "msgid": "Why?",
                    "message": "silenced by “#, ignore-end-punctuation”", "hint": ""}
    again = _run(flagged, "check", "--format", "json")   # the findings now come from the cache
    assert json.loads(again.output) == [item]


def test_report_counts_the_silenced_checks_per_language(flagged):
    out = flagged / "r.json"
    assert _run(flagged, "report", "--checks", "--format", "json", "--out", str(out)
                ).exit_code == 0
    (row,) = json.loads(out.read_text())["locales"]
    assert row["findings"] == {"error": 0, "warning": 0, "silenced": 1}
    for fmt in ("text", "markdown", "html"):
        target = flagged / f"r.{fmt}"
        _run(flagged, "report", "--checks", "--format", fmt, "--out", str(target))
        text = target.read_text(encoding="utf-8").replace("&#39;", "'")
        assert "Checks silenced by '#, ignore-' flags (reclaim-i18n check lists them): de 1" \
            in text, fmt
    plain = flagged / "plain.txt"
    _run(flagged, "report", "--format", "text", "--out", str(plain))
    assert "silenced" not in plain.read_text(encoding="utf-8")   # not counted without --checks


# ------------------------------------------------------------------ end to end

HOSTILE = "<img src=x onerror=alert(1)>[Mitmachen](https://evil.example/join)"
FLAGS = ["ignore-url-allowed", "ignore-markdown-links", "ignore-markdown-count",
         "ignore-max-length", "ignore-html-unsafe"]
ENGLISH = "Here's how you can get involved."
STRAY = "**Die Zukunft* muss in unserer Hand liegen."   # the English has no emphasis


@pytest.fixture
def hostile(project: Path) -> Path:
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    cta = catalog.index()[("partners/join/cta", ENGLISH)]
    cta.msgstr, cta.flags = HOSTILE, [*cta.flags, *FLAGS]
    catalog.index()[("home/hero/heading", "The future must be ours to shape.")].msgstr = STRAY
    write_po(catalog, config.po_path("de"))
    return project


def test_a_hostile_entry_with_every_ignore_flag_reaches_no_artefact(hostile):
    check = _run(hostile, "check", "--locale", "de", "--format", "json")
    assert check.exit_code == 1
    found = json.loads(check.output)
    on_cta = {(f["check"], f["severity"]) for f in found if f["msgctxt"] == "partners/join/cta"}
    assert {c for c, sev in on_cta if sev == "error"} == {"html-unsafe", "url-allowed",
                                                          "markdown-count"}
    assert ("max-length", "silenced") in on_cta   # not protective: the flag works
    warned = [f["message"] for f in found if f["check"] == "silence-flag"]
    assert sorted(re.findall(r"ignore-([a-z-]+)”", " ".join(warned))) == sorted(
        f[len("ignore-"):] for f in FLAGS if f != "ignore-max-length")
    assert ("markdown-unclosed", "error") in {(f["check"], f["severity"]) for f in found
                                              if f["msgctxt"] == "home/hero/heading"}
    assert _run(hostile, "all").exit_code == 0
    build = hostile / "build"
    for path in build.rglob("*"):
        if path.is_file() and ".cache" not in path.relative_to(build).parts:
            data = path.read_bytes()  # .mo files included, as bytes
            for marker in (b"onerror", b"evil.example", b"Die Zukunft*", b"*<em>"):
                assert marker not in data, (path.relative_to(build), marker)
    bundle = json.loads((build / "bundles" / "de.json").read_text(encoding="utf-8"))
    assert ENGLISH in json.dumps(bundle, ensure_ascii=False)
    for rel in ("i18next/de.json", "hugo/i18n/de.yaml", "site/de/partners/index.html"):
        text = (build / rel).read_text(encoding="utf-8").replace("&#39;", "'")
        assert "how you can get involved." in text, rel
    home = (build / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert "The future must be ours to shape." in home

