"""QA: what `update` does to volunteers' translations across organisers' edits."""

from __future__ import annotations

from reclaim_i18n.pofile import read_po, write_po
from test_merge_edits import edit, po, refresh, translate

MEP = "partners/supporters/{}/role"
HIS, HERS = "cs:poslanec Evropského parlamentu, Česko", "cs:poslankyně Evropského parlamentu, Česko"


def test_two_items_renamed_at_once_each_get_their_own_translation_as_suggestion(project):
    """Two members with the same English title renamed in one edit cannot be told apart
    as renames; each is offered, fuzzy, the translation of its own old item — not the
    masculine title of the first member for both."""
    translate(project, "cs", {MEP.format("marcel-kolaja"): HIS,
                              MEP.format("katerina-konecna"): HERS})
    edit(project, "partners", "id: marcel-kolaja", "id: kolaja")
    edit(project, "partners", "id: katerina-konecna", "id: konecna")
    refresh(project, "cs")
    entries = {m.msgctxt: m for m in read_po(po(project, "cs")).active}
    his, hers = entries[MEP.format("kolaja")], entries[MEP.format("konecna")]
    assert (his.msgstr, hers.msgstr) == (HIS, HERS)
    assert his.fuzzy and hers.fuzzy
    assert hers.previous_msgctxt == MEP.format("katerina-konecna")


def test_an_accepted_suggestion_loses_its_note_when_its_english_changes(project):
    """A volunteer accepted a suggestion (done, `#|` gone); when its own English is
    reworded later, `#|` shows its own old English — the note 'suggestion: same English
    as …' would now tell the volunteer the translation came from elsewhere."""
    translate(project, "cs", {MEP.format("marcel-kolaja"): HIS,
                              MEP.format("katerina-konecna"): HERS})
    edit(project, "partners", "id: marcel-kolaja", "id: kolaja")
    edit(project, "partners", "id: katerina-konecna", "id: konecna")
    refresh(project, "cs")
    catalog = read_po(po(project, "cs"))
    hers = next(m for m in catalog.active if m.msgctxt == MEP.format("konecna"))
    assert any(c.startswith("suggestion:") for c in hers.comments)
    hers.set_fuzzy(False)
    hers.previous_msgctxt = hers.previous_msgid = None
    write_po(catalog, po(project, "cs"))
    edit(project, "partners", "text: Member of the European Parliament, Czechia",
         "text: Member of the European Parliament for Czechia")
    refresh(project, "cs")
    hers = next(m for m in read_po(po(project, "cs")).active
                if m.msgctxt == MEP.format("konecna"))
    assert hers.fuzzy and hers.msgstr == HERS
    assert hers.previous_msgid == "Member of the European Parliament, Czechia"
    assert not any(c.startswith("suggestion:") for c in hers.comments), hers.comments


def test_update_removes_the_temporary_file_a_killed_run_left_beside_a_catalogue(project):
    from reclaim_i18n.config import load_config
    from reclaim_i18n.update import run_update

    config = load_config(project)
    leftover = config.po_path("de").with_name(".messages.po.k3x9q_ab.tmp")
    leftover.write_bytes(b'msgid ""\nmsgstr "half a file')
    run_update(config, ("de",))
    assert not leftover.exists() and config.po_path("de").exists()
