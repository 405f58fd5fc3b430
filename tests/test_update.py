"""Updating catalogues from the template never loses a volunteer's work."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import run_msgfmt_check, tool
from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.merge import normalise
from reclaim_i18n.pofile import read_po, write_po

LONG = "Governments, police forces and corporations use recording devices"
EDITS = [
    # (what, old text, new text)
    ("one word in a long paragraph", "to permanently identify each of us",
     "to permanently identify every one of us"),
    ("reworded heading", "heading: We've seen it already", "heading: We have seen it already"),
    ("punctuation only", "heading: The future must be ours to shape.",
     "heading: The future must be ours to shape"),
    ("curly quotes only", "Who’s saying what", "Who's saying what"),
]


def cli_run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def translate_all(path: Path) -> dict:
    """Give every entry of a catalogue a recognisable translation; returns them by key."""
    catalog = read_po(path)
    for m in catalog.messages:
        if m.is_plural:
            m.msgstr_plural = [f"DE[{i}] {m.msgid}" for i in range(len(m.msgstr_plural))]
        else:
            m.msgstr = f"DE {m.msgid}"
        m.set_fuzzy(False)
    write_po(catalog, path)
    return {m.key: m.translations for m in catalog.messages}


def edit_source(project: Path, old: str, new: str) -> None:
    for page in (project / "source_content" / "pages").glob("*.yaml"):
        text = page.read_text(encoding="utf-8")
        if old in text:
            page.write_text(text.replace(old, new, 1), encoding="utf-8")
            return
    raise AssertionError(f"{old!r} not in the source")


def remove_question(project: Path, item: str = "hospital") -> None:
    page = project / "source_content" / "pages" / "home.yaml"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.strip() == f"- id: {item}")
    end = start + 1
    while not lines[end].strip().startswith("- id:") and lines[end].strip():
        end += 1
    page.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@pytest.fixture
def translated(project):
    assert cli_run(project, "extract").exit_code == 0
    assert cli_run(project, "update", "--locale", "de").exit_code == 0
    po = load_config(project).po_path("de")
    return project, po, translate_all(po)


def test_edits_keep_fuzzy_carry_over_or_obsolete_and_lose_nothing(translated):
    project, po, before = translated
    for _, old, new in EDITS:
        edit_source(project, old, new)
    remove_question(project)
    assert cli_run(project, "extract").exit_code == 0
    result = cli_run(project, "update", "--locale", "de")
    assert result.exit_code == 0, result.output
    catalog = read_po(po)
    everywhere = {t for m in catalog.messages for t in m.translations}
    lost = [k for k, forms in before.items() if not set(forms) <= everywhere]
    assert lost == []
    active = catalog.index()
    # one word changed in a long paragraph: fuzzy, with the previous English
    para = next(m for m in catalog.active if m.msgid.startswith(LONG))
    assert para.fuzzy and "each of us" in para.previous_msgid
    assert para.msgstr.startswith("DE " + LONG)
    # reworded heading: fuzzy with #|
    heading = active[("home/themes/money/seen-it/heading", "We have seen it already")]
    assert heading.fuzzy and heading.previous_msgid == "We've seen it already"
    # typography only: carried over, not fuzzy
    for key in (("home/hero/heading", "The future must be ours to shape"),
                ("home/voices/heading",
                 "Who's saying what about biometric mass surveillance?")):
        assert active[key].translated, key
    # removed question: obsolete, translation kept
    gone = [m for m in catalog.obsolete if m.msgctxt.startswith("home/should/hospital/")]
    assert len(gone) == 2 and all(m.msgstr.startswith("DE ") for m in gone)
    assert "carried over" in result.output and "obsolete" in result.output
    assert run_msgfmt_check(po).returncode == 0


def test_second_update_changes_no_byte(translated):
    project, _, _ = translated
    edit_source(project, *EDITS[0][1:])
    cli_run(project, "extract")
    cli_run(project, "update")
    snapshot = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    result = cli_run(project, "update")
    assert result.exit_code == 0
    assert {p: p.read_bytes() for p in snapshot} == snapshot
    assert "updated" not in result.output


def test_an_old_fuzzy_guess_keeps_the_text_it_was_made_for(translated):
    project, po, _ = translated
    edit_source(project, *EDITS[1][1:])
    cli_run(project, "extract")
    cli_run(project, "update", "--locale", "de")
    edit_source(project, "heading: We have seen it already", "heading: We have seen it all")
    cli_run(project, "extract")
    cli_run(project, "update", "--locale", "de")
    entry = read_po(po).index()[("home/themes/money/seen-it/heading", "We have seen it all")]
    assert entry.fuzzy and entry.previous_msgid == "We've seen it already"


def test_obsolete_entries_come_back_when_their_text_returns(translated):
    project, po, before = translated
    original = (project / "source_content" / "pages" / "home.yaml").read_text(encoding="utf-8")
    remove_question(project)
    cli_run(project, "extract")
    cli_run(project, "update", "--locale", "de")
    (project / "source_content" / "pages" / "home.yaml").write_text(original, encoding="utf-8")
    cli_run(project, "extract")
    result = cli_run(project, "update", "--locale", "de")
    catalog = read_po(po)
    assert not catalog.obsolete and "revived" in result.output
    assert all(catalog.index()[k].translations == v for k, v in before.items())


def test_purge_obsolete_deletes_them_only_when_asked(translated):
    project, po, _ = translated
    remove_question(project)
    cli_run(project, "extract")
    cli_run(project, "update", "--locale", "de")
    assert read_po(po).obsolete
    cli_run(project, "update", "--locale", "de", "--purge-obsolete")
    assert not read_po(po).obsolete


def test_a_broken_catalogue_is_reported_and_the_others_updated(translated):
    project, po, _ = translated
    fr = load_config(project).po_path("fr")
    fr.write_text(fr.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    broken = fr.read_bytes()
    edit_source(project, *EDITS[1][1:])
    cli_run(project, "extract")
    result = cli_run(project, "update")
    assert result.exit_code == 1
    assert "fr/LC_MESSAGES/messages.po:" in result.output and "Traceback" not in result.output
    assert fr.read_bytes() == broken  # never rewritten
    assert ("home/themes/money/seen-it/heading", "We have seen it already") in read_po(po).index()


FRENCH_TRADITIONAL = "nplurals=2; plural=(n > 1);"
LATVIAN_TRADITIONAL = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"


@pytest.mark.parametrize("code, header, forms", [
    ("fr", FRENCH_TRADITIONAL, ["{count} organisation", "{count} organisations"]),
    ("lv", LATVIAN_TRADITIONAL, ["{count} organizācija", "{count} organizācijas",
                                 "{count} organizāciju"]),
])
def test_a_volunteers_plural_forms_header_is_respected(project, code, header, forms):
    cli_run(project, "extract")
    cli_run(project, "update", "--locale", code)
    po = load_config(project).po_path(code)
    catalog = read_po(po)
    catalog.set_header("Plural-Forms", header)
    for m in catalog.messages:
        if m.is_plural:
            m.msgstr_plural = list(forms) if "{count}" in m.msgid else [f"%(count)s {i}" for i in range(len(forms))]
    write_po(catalog, po)
    edit_source(project, *EDITS[1][1:])
    cli_run(project, "extract")
    result = cli_run(project, "update", "--locale", code)
    assert "migrate-plurals" in result.output  # the mismatch is reported
    after = read_po(po)
    assert after.plural_forms == header
    plural = after.index()[("partners/coalition/count", "{count} organisation supports the ban")]
    assert plural.msgstr_plural == forms  # never renumbered or dropped


def test_migrate_plurals_remaps_by_evaluating_both_rules(project):
    cli_run(project, "extract")
    cli_run(project, "update", "--locale", "fr")
    po = load_config(project).po_path("fr")
    catalog = read_po(po)
    catalog.set_header("Plural-Forms", FRENCH_TRADITIONAL)
    for m in catalog.messages:
        if m.is_plural:
            m.msgstr_plural = ["un %(count)s", "plusieurs %(count)s"]
    write_po(catalog, po)
    result = cli_run(project, "update", "--locale", "fr", "--migrate-plurals")
    assert result.exit_code == 0, result.output
    after = read_po(po)
    assert after.plural_forms.startswith("nplurals=3")
    entry = next(m for m in after.messages if m.is_plural)
    # CLDR French: one (0, 1), many (1 000 000), other — many and other both took form 1
    assert entry.msgstr_plural == ["un %(count)s", "plusieurs %(count)s", "plusieurs %(count)s"]
    assert entry.fuzzy
    assert run_msgfmt_check(po).returncode == 0


def test_new_catalogues_have_a_complete_header_for_every_language(project):
    config = load_config(project)
    for code in config.languages:
        catalog = read_po(config.po_path(code))
        lang = config.language(code)
        assert catalog.language == lang.gettext
        assert catalog.plural_forms == lang.plural_forms
        assert "charset=UTF-8" in catalog.header_value("Content-Type")
        assert catalog.header_value("Language-Team") and catalog.header_value("X-Generator") \
            or catalog.header_value("Last-Translator")
        assert run_msgfmt_check(config.po_path(code)).returncode == 0, code


def test_init_creates_a_catalogue_for_an_added_language(project):
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"sr-Latn",', '"sr-Latn", "uk",'))
    result = cli_run(project, "init", "uk")
    assert result.exit_code == 0, result.output
    catalog = read_po(project / "locales" / "uk" / "LC_MESSAGES" / "messages.po")
    assert catalog.plural_forms.startswith("nplurals=3")
    assert cli_run(project, "init", "uk").exit_code == 2  # exists already


NORMALISED = [
    ("It’s “on”", "It's \"on\""),
    ("two  spaces", "two spaces"),
    ("trailing full stop.", "trailing full stop"),
    ("dash – here", "dash - here"),
]


@pytest.mark.parametrize("a, b", NORMALISED)
def test_typography_only_differences_are_recognised(a, b):
    assert normalise(a) == normalise(b)


def test_real_wording_changes_are_not_typography():
    assert normalise("We want choice") != normalise("We want a choice")
    assert normalise("Wait...") != normalise("Wait")


def test_same_fuzzy_choices_as_msgmerge_on_the_campaign(translated, tmp_path):
    """Where msgmerge offers an old translation, we offer the same one (or a better one
    from the same field); differences are listed and explained here."""
    msgmerge = tool("msgmerge")
    project, po, _ = translated
    old_po = tmp_path / "old.po"
    old_po.write_bytes(po.read_bytes())
    for _, old, new in EDITS:
        edit_source(project, old, new)
    remove_question(project)
    cli_run(project, "extract")
    theirs_path = tmp_path / "theirs.po"
    subprocess.run([msgmerge, "--previous", "-q", "-o", str(theirs_path), str(old_po),
                    str(project / "locales" / "messages.pot")], check=True)
    cli_run(project, "update", "--locale", "de")
    ours, theirs = read_po(po).index(), read_po(theirs_path).index()
    assert ours.keys() == theirs.keys()
    for key, mine in ours.items():
        other = theirs[key]
        if other.fuzzy and other.msgstr:
            # msgmerge guessed; we must have the same translation (fuzzy, or carried over
            # where only typography changed — msgmerge cannot tell those apart)
            assert mine.msgstr == other.msgstr, key
            assert mine.fuzzy or normalise(mine.msgid) == normalise(other.previous_msgid)
        elif other.translated:
            assert mine.translated and mine.msgstr == other.msgstr, key


# ----------------------------------------------------------------- update --check

def every_file(project: Path) -> dict[str, bytes]:
    """Every file of the project, the build folder and its caches included."""
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for p in sorted(project.rglob("*")) if p.is_file()}


@pytest.fixture
def built(project, monkeypatch):
    monkeypatch.chdir(project)  # paths are shown from the current folder
    result = cli_run(project, "all")
    assert result.exit_code == 0, result.output
    return project


def test_update_check_passes_on_a_project_that_is_up_to_date(built):
    before = every_file(built)
    result = cli_run(built, "update", "--check")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output and "would change" not in result.output
    assert every_file(built) == before


def test_update_check_names_what_an_edited_page_would_change_and_writes_nothing(built):
    edit_source(built, *EDITS[1][1:])
    before = every_file(built)
    result = cli_run(built, "update", "--check", "--locale", "de", "--locale", "fr")
    assert result.exit_code == 1
    named = [line.split()[-1] for line in result.output.splitlines()
             if line.startswith("would change")]
    assert named == ["locales/messages.pot", "locales/de/LC_MESSAGES/messages.po",
                     "locales/fr/LC_MESSAGES/messages.po"]
    assert every_file(built) == before
    assert cli_run(built, "extract").exit_code == 0  # what the check said is what happens
    assert cli_run(built, "update").exit_code == 0
    assert cli_run(built, "update", "--check").exit_code == 0


def test_update_check_names_only_the_catalogue_that_is_out_of_date(built):
    po = load_config(built).po_path("de")
    catalog = read_po(po)
    catalog.messages = catalog.messages[1:]  # an entry lost: update would add it back
    write_po(catalog, po)
    before = every_file(built)
    result = cli_run(built, "update", "--check")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("would")] == [
        "would change locales/de/LC_MESSAGES/messages.po"]
    assert every_file(built) == before


def test_update_check_fails_on_a_catalogue_it_cannot_read(built):
    po = load_config(built).po_path("de")
    po.write_bytes(po.read_bytes() + b'\nmsgid "unterminated\n')
    result = cli_run(built, "update", "--check")
    assert result.exit_code == 1
    assert "error:" in result.output and "messages.po" in result.output


def test_update_help_shows_the_check_mode_with_an_example(project):
    text = cli_run(project, "update", "--help").output
    assert "--check" in text and "reclaim-i18n update --check" in text


def test_a_byte_order_mark_is_a_warning_and_update_writes_it_away(project):
    po = load_config(project).po_path("de")
    po.write_bytes(b"\xef\xbb\xbf" + po.read_bytes())
    assert run_msgfmt_check(po).returncode != 0
    check = cli_run(project, "check", "--locale", "de")
    assert "gnu-compat" in check.output and "byte-order mark" in check.output
    assert check.exit_code == 0, check.output               # a warning, not an error
    run = cli_run(project, "update", "--locale", "de")
    assert run.exit_code == 0 and "byte-order mark" in run.output, run.output
    assert "next write" in run.output and "updated" in run.output
    assert not po.read_bytes().startswith(b"\xef\xbb\xbf")
    assert run_msgfmt_check(po).returncode == 0
    assert "gnu-compat" not in cli_run(project, "check", "--locale", "de").output
