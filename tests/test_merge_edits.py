"""What organisers do to the English — revert, rename, move, reuse, punctuation — and
what becomes of the translations (each case over a copy of the shipped campaign)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT
from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.merge import Matcher, merge_catalog
from reclaim_i18n.merge_notes import FINGERPRINT, fingerprint, suggest
from reclaim_i18n.pofile import Catalog, Message, read_po, write_po

ROLES = {"marcel-kolaja": "Poslanec Evropského parlamentu, Česko",
         "katerina-konecna": "Poslankyně Evropského parlamentu, Česko"}


def cli_run(project: Path, *args: str):
    result = CliRunner().invoke(cli, ["--project", str(project), *args])
    assert result.exit_code == 0, result.output
    return result


def refresh(project: Path, *locales: str) -> str:
    cli_run(project, "extract")
    return cli_run(project, "update", *(a for c in locales for a in ("--locale", c))).output


def po(project: Path, code: str) -> Path:
    return load_config(project).po_path(code)


def translate(project: Path, code: str, translations: dict | None = None) -> dict:
    """Translate every entry (``code:English``, or ``translations[msgctxt]``)."""
    catalog = read_po(po(project, code))
    for m in catalog.messages:
        text = (translations or {}).get(m.msgctxt, f"{code}:{m.msgid}")
        if m.is_plural:
            m.msgstr_plural = [f"{text}[{i}]" for i in range(len(m.msgstr_plural))]
        else:
            m.msgstr = text
        m.set_fuzzy(False)
    write_po(catalog, po(project, code))
    return {m.key: m.translations for m in catalog.messages}


def edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / "source_content" / "pages" / f"{page}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_yaml(project: Path, page: str, change) -> None:
    path = project / "source_content" / "pages" / f"{page}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def section(data: dict, ident: str) -> dict:
    return next(s for s in data["sections"] if s.get("id") == ident)


def test_english_changed_back_restores_the_translation(project):
    before = translate(project, "de")
    edit(project, "home", "text: Join the movement", "text: Join the campaign")
    refresh(project, "de")
    entry = read_po(po(project, "de")).index()[("home/hero/cta", "Join the campaign")]
    assert entry.fuzzy and entry.previous_msgid == "Join the movement"
    edit(project, "home", "text: Join the campaign", "text: Join the movement")
    output = refresh(project, "de")
    entry = read_po(po(project, "de")).index()[("home/hero/cta", "Join the movement")]
    assert not entry.fuzzy and entry.previous_msgid is None
    assert entry.translations == before[("home/hero/cta", "Join the movement")]
    assert "2 restored" in output  # the button and the page's description


def test_a_fuzzy_entry_whose_previous_english_is_its_english_is_done_again(project):
    translate(project, "de")
    catalog = read_po(po(project, "de"))
    entry = catalog.index()[("home/hero/cta", "Join the movement")]
    entry.set_fuzzy(True)
    entry.previous_msgctxt, entry.previous_msgid = entry.msgctxt, entry.msgid
    entry.comments.append(f"{FINGERPRINT}{fingerprint(entry)})")   # as update leaves it
    write_po(catalog, po(project, "de"))
    assert "1 restored" in refresh(project, "de")
    entry = read_po(po(project, "de")).index()[("home/hero/cta", "Join the movement")]
    assert not entry.fuzzy and entry.previous_msgid is None and entry.comments == []


@pytest.mark.parametrize("how", ["edited since", "fuzzied by another tool"])
def test_a_translation_not_known_to_be_the_one_made_for_the_english_stays_fuzzy(project, how):
    translate(project, "de")
    edit(project, "home", "text: Join the movement", "text: Join the campaign")
    refresh(project, "de")
    catalog = read_po(po(project, "de"))
    entry = catalog.index()[("home/hero/cta", "Join the campaign")]
    if how == "edited since":   # a volunteer adapted it to the new English, still fuzzy
        entry.msgstr = "Mach mit bei der Kampagne"
    else:                       # no fingerprint: nothing says it was left as it was
        entry.comments = []
    write_po(catalog, po(project, "de"))
    edit(project, "home", "text: Join the campaign", "text: Join the movement")
    refresh(project, "de")
    entry = read_po(po(project, "de")).index()[("home/hero/cta", "Join the movement")]
    assert entry.fuzzy and entry.has_translation


def test_a_fuzzy_entry_made_for_other_english_stays_fuzzy(project):
    translate(project, "de")
    edit(project, "home", "text: Join the movement", "text: Join the campaign")
    refresh(project, "de")
    edit(project, "home", "text: Join the campaign", "text: Join the campaign now")
    refresh(project, "de")
    entry = read_po(po(project, "de")).index()[("home/hero/cta", "Join the campaign now")]
    assert entry.fuzzy and entry.previous_msgid == "Join the movement"


def roles(project: Path, code: str) -> dict:
    return {m.msgctxt.split("/")[-2]: m for m in read_po(po(project, code)).messages
            if m.msgctxt and m.msgctxt.endswith("/role")}


@pytest.mark.parametrize("rename", [
    ("id: supporters", "id: backers"),               # a section
    ("page: partners", "page: allies"),              # a page
    ("id: katerina-konecna", "id: konecna"),         # an item
])
def test_a_rename_carries_every_translation_as_it_was(project, rename):
    ctxt = "partners/supporters/{}/role"
    translate(project, "cs", {ctxt.format(k): v for k, v in ROLES.items()})
    before = read_po(po(project, "cs"))
    edit(project, "partners", *rename)
    if rename[0] == "page: partners":
        pages = project / "source_content" / "pages"
        (pages / "partners.yaml").rename(pages / "allies.yaml")
    output = refresh(project, "cs")
    after = read_po(po(project, "cs"))
    # the feminine title stays with Kateřina Konečná, the masculine with Marcel Kolaja
    found = roles(project, "cs")
    assert found["marcel-kolaja"].msgstr == ROLES["marcel-kolaja"]
    assert found.get("katerina-konecna", found.get("konecna")).msgstr == ROLES[
        "katerina-konecna"]
    assert not any(m.fuzzy for m in after.messages)
    assert after.obsolete == []
    assert sorted(m.translations for m in before.active) == sorted(
        m.translations for m in after.active)
    assert "carried through renames and moves" in output


def test_a_moved_paragraph_keeps_its_translation(project):
    translate(project, "de")

    def move(data):
        what, ban = section(data, "what-is"), section(data, "ban")
        first, second = what["body"].strip().split("\n\n")
        what["body"], ban["body"] = first + "\n", ban["body"].rstrip() + "\n\n" + second + "\n"

    edit_yaml(project, "home", move)
    output = refresh(project, "de")
    catalog = read_po(po(project, "de"))
    moved = [m for m in catalog.active if m.msgctxt == "home/ban/body"
             and m.msgid.startswith("Governments, police forces")]
    assert len(moved) == 1 and not moved[0].fuzzy
    assert moved[0].msgstr == "de:" + moved[0].msgid
    assert catalog.obsolete == [] and "1 carried through renames and moves" in output


def test_same_english_elsewhere_is_offered_as_a_suggestion(project):
    translate(project, "de")
    edit_yaml(project, "partners", lambda d: d["sections"].append(
        {"id": "again", "heading": "Join the movement"}))
    output = refresh(project, "de")
    entry = read_po(po(project, "de")).index()[("partners/again/heading", "Join the movement")]
    assert entry.fuzzy and entry.msgstr == "de:Join the movement"
    assert entry.comments == ["suggestion: same English as home/hero/cta"]
    assert "1 suggested" in output


def test_same_english_in_an_obsolete_entry_is_offered_too(project):
    translate(project, "de")
    edit(project, "partners", "    heading: Should your organisation be here, too?\n", "")
    refresh(project, "de")
    assert read_po(po(project, "de")).obsolete
    edit_yaml(project, "home", lambda d: d["sections"].append(
        {"id": "join", "heading": "Should your organisation be here, too?"}))
    refresh(project, "de")
    catalog = read_po(po(project, "de"))
    entry = catalog.index()[("home/join/heading", "Should your organisation be here, too?")]
    assert entry.fuzzy and entry.msgstr == "de:Should your organisation be here, too?"
    assert entry.comments == [
        "suggestion: same English as partners/join/heading (obsolete)"]


def test_suggest_fills_an_empty_entry_only():
    catalog = Catalog(messages=[Message(msgid="Hello", msgctxt="a"),
                                Message(msgid="Bye", msgctxt="b", msgstr="Tschüss")])
    index = catalog.index()
    assert suggest(index[("a", "Hello")], ["Hallo!"], "work packet de-todo.po",
                   made_for=Message(msgid="Hello!", msgctxt="a"))
    entry = index[("a", "Hello")]
    assert entry.fuzzy and entry.msgstr == "Hallo!" and entry.previous_msgid == "Hello!"
    assert entry.comments == ["suggestion: work packet de-todo.po"]
    assert not suggest(index[("b", "Bye")], ["Ciao"], "x")
    assert index[("b", "Bye")].msgstr == "Tschüss" and not index[("b", "Bye")].fuzzy


# --- the README's punctuation table is the rule ---------------------------------------

def readme_punctuation_rows() -> list[tuple[str, str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("*Punctuation.*")
    table = text[start:text.index("\n\n", text.index("| English before", start))]
    rows = re.findall(r"^\| `(.*?)` \| `(.*?)` \| (\w+) \|$", table, re.MULTILINE)
    assert len(rows) >= 8, "the README's punctuation table was not found"
    return rows


@pytest.mark.parametrize("before,after,expected", readme_punctuation_rows())
def test_readme_punctuation_rule_is_what_update_does(before, after, expected):
    old = Catalog(messages=[Message(msgid=before, msgctxt="home/x", msgstr="T")])
    template = Catalog(messages=[Message(msgid=after, msgctxt="home/x")])
    merged, _ = merge_catalog(template, old, Matcher(template, {("home/x", before)}), 2)
    entry = merged.index()[("home/x", after)]
    assert entry.msgstr == "T"
    assert ("fuzzy" if entry.fuzzy else "kept") == expected
