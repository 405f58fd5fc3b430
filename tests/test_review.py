"""Review before publishing (issue 17): approval records beside each catalogue, bound to
the exact English and translation; the review and approve commands; four eyes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import tool

from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.errors import CatalogError
from reclaim_i18n.pofile import read_po, write_po
from reclaim_i18n.review import approved_keys, load_records, review_path
from reclaim_i18n.review.policy import ReviewError, person_name
from reclaim_i18n.review.records import format_records, parse_records
from reclaim_i18n.review.workflow import approve_entries, record_translators

DAY = "2026-12-06"


def run(project: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(project), *args])


def approved_now(project: Path, code: str = "de") -> frozenset:
    path = load_config(project).po_path(code)
    return approved_keys(read_po(path), load_records(path))


def approve_all(project: Path, code: str = "de", who: str = "Ana Lima"):
    return approve_entries(load_config(project), code, who, everything=True, on=DAY)


def edit_entry(project: Path, ctxt: str, change, code: str = "de") -> tuple:
    """Change the first entry of field ``ctxt`` with ``change(msg)``; its key."""
    path = load_config(project).po_path(code)
    catalog = read_po(path)
    msg = next(m for m in catalog.active if m.msgctxt == ctxt)
    change(msg)
    write_po(catalog, path)
    return msg.key


# ------------------------------------------------------------------ the file


def test_records_are_sorted_one_line_each_without_header_and_stable(project):
    approve_all(project)
    path = review_path(load_config(project).po_path("de"))
    assert path.name == "messages.review"
    data = path.read_bytes()
    lines = data.decode().split("\n")
    records = [line for line in lines if line]
    assert all(line == "" for line in lines[1::2])        # a blank line between two records
    assert len(records) == len(read_po(load_config(project).po_path("de")).active)
    assert sum('"approved"' in line for line in records) == len(approved_now(project))
    keys = [(r.msgctxt or "", r.msgid) for r in parse_records(data).values()]
    assert keys == sorted(keys)
    assert format_records(parse_records(data).values()) == data   # deterministic
    approve_all(project)                                          # nothing new: unchanged
    assert path.read_bytes() == data


def test_a_broken_record_is_an_error_with_its_line(tmp_path):
    with pytest.raises(CatalogError) as info:
        parse_records(b'{"msgctxt": null, "msgid": "a"}\n\nnot json\n', tmp_path / "x.review")
    assert info.value.line == 3


def test_two_reviewers_approving_different_entries_merge_cleanly(project, tmp_path):
    """Each side approves other fields (even neighbouring ones): git's merge takes both."""
    config = load_config(project)
    fields = sorted({m.msgctxt for m in read_po(config.po_path("de")).active
                     if m.translated and m.msgctxt})
    path = review_path(config.po_path("de"))
    approve_entries(config, "de", "Base", tuple(fields[0:20:4]), on=DAY)
    base = path.read_bytes()
    approve_entries(config, "de", "Ana", (fields[1], fields[5]), on=DAY)
    ours = path.read_bytes()
    path.write_bytes(base)
    approve_entries(config, "de", "Ben", (fields[2], fields[9]), on=DAY)
    theirs = path.read_bytes()
    files = []
    for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    merged = subprocess.run([tool("git"), "merge-file", "-p", *files], capture_output=True,
                            check=False)
    assert merged.returncode == 0, merged.stdout.decode()
    by = {r.msgctxt: r.approved.by for r in parse_records(merged.stdout).values()
          if r.approved}
    assert by[fields[1]] == by[fields[5]] == "Ana" and by[fields[2]] == by[fields[9]] == "Ben"


# ------------------------------------------------------- void on change, survival


def test_a_one_character_edit_voids_exactly_one_approval(project):
    approve_all(project)
    before = approved_now(project)
    key = edit_entry(project, "home/hero/heading", lambda m: setattr(m, "msgstr",
                                                                     m.msgstr[:-1] + "!"))
    assert before - approved_now(project) == {key}
    assert approved_now(project) < before


def test_approval_is_void_when_the_english_or_a_plural_form_changes(project):
    from reclaim_i18n.review.state import is_approved

    config = load_config(project)
    approve_all(project)
    catalog = read_po(config.po_path("de"))
    records = load_records(config.po_path("de"))
    plural = next(m for m in catalog.active if m.is_plural and m.translated)
    assert is_approved(plural, records[plural.key])
    plural.msgstr_plural[-1] += "x"
    assert not is_approved(plural, records[plural.key])
    plural.msgstr_plural[-1] = plural.msgstr_plural[-1][:-1]
    plural.msgid_plural += " more"
    assert not is_approved(plural, records[plural.key])
    plural.msgid_plural = plural.msgid_plural[:-5]
    plural.set_fuzzy(True)
    assert not is_approved(plural, records[plural.key])


def _msgcat(path: Path) -> None:
    subprocess.run([tool("msgcat"), "--sort-output", "-w", "60", "-o", str(path), str(path)],
                   check=True)


def _msgmerge(path: Path) -> None:
    pot = path.parents[2] / "messages.pot"
    subprocess.run([tool("msgmerge"), "--quiet", "--no-fuzzy-matching", "-w", "70", "-o",
                    str(path), str(path), str(pot)], check=True)


def _translate_toolkit(path: Path) -> None:
    po = pytest.importorskip("translate.storage.po")
    store = po.pofile.parsefile(str(path))
    store.units[1:] = store.units[:0:-1]   # another order (header first), as a tool may save
    path.write_bytes(bytes(store))


@pytest.mark.parametrize("rewrite", [_msgcat, _msgmerge, _translate_toolkit],
                         ids=["msgcat", "msgmerge", "translate-toolkit"])
def test_approvals_survive_tools_that_rewrite_the_catalogue(project, rewrite):
    approve_all(project)
    path = load_config(project).po_path("de")
    before = approved_now(project)
    assert len(before) > 50
    original = path.read_bytes()
    rewrite(path)
    assert path.read_bytes() != original   # it did rewrite (order, wrapping)
    assert approved_now(project) == before


def test_a_translation_saved_by_translate_toolkit_voids_only_its_approval(project):
    """As Weblate saves a volunteer's edit: translate-toolkit's PO writer."""
    po = pytest.importorskip("translate.storage.po")
    approve_all(project)
    path = load_config(project).po_path("de")
    before = approved_now(project)
    store = po.pofile.parsefile(str(path))
    unit = next(u for u in store.units if u.getcontext() == "home/hero/slogan")
    unit.target = unit.target + "!"
    path.write_bytes(bytes(store))
    assert before - approved_now(project) == {("home/hero/slogan", unit.source)}
    assert len(approved_now(project)) == len(before) - 1


# ------------------------------------------------------------------ commands


def test_review_lists_unapproved_entries_in_page_order_with_diffs(project):
    config = load_config(project)
    approve_entries(config, "de", "Ana", ("home/hero/heading",), on=DAY)
    edit_entry(project, "home/hero/heading",
               lambda m: setattr(m, "msgstr", m.msgstr.replace("Zukunft", "Welt")))
    shown = run(project, "review", "de")
    assert shown.exit_code == 0, shown.output
    out = shown.output
    assert out.index("home/title") < out.index("home/hero/heading") < out.index("partners")
    assert "approved by Ana on 2026-12-06; changed since:" in out
    assert "[-Zukunft-] {+Welt+}" in out
    approve_entries(config, "de", "Ana", ("home/hero/heading",), on=DAY)
    assert "home/hero/heading" not in run(project, "review", "de").output


def test_review_shows_the_english_change_since_approval(project):
    from reclaim_i18n.review.state import to_review

    config = load_config(project)
    approve_entries(config, "de", "Ana", ("home/hero/heading",), on=DAY)
    edit_entry(project, "home/hero/heading",
               lambda m: setattr(m, "msgid", m.msgid.replace("ours", "yours")))
    catalog = read_po(config.po_path("de"))
    item = next(i for i in to_review(catalog, load_records(config.po_path("de")))
                if i.msg.msgctxt == "home/hero/heading")
    assert item.english_diff == "The future must be [-ours-] {+yours+} to shape."
    assert item.translation_diff is None


def test_approve_refuses_fuzzy_erroneous_and_unknown_entries(project):
    bad = edit_entry(project, "home/hero/cta", lambda m: setattr(m, "msgstr", "<script>x"))
    edit_entry(project, "home/title", lambda m: m.set_fuzzy(True))
    result = run(project, "approve", "de", "--reviewer", "Ana", "--context", "home/hero/cta",
                 "--context", "home/title", "--context", "no/such/field")
    assert result.exit_code == 1
    assert "fails a check" in result.output and "fuzzy" in result.output
    assert "--context no/such/field: no entry has this context" in result.output
    run(project, "approve", "de", "--reviewer", "Ana", "--all")
    assert bad not in approved_now(project) and approved_now(project)


def test_approve_needs_one_selection_and_a_name_without_address(project):
    assert run(project, "approve", "de", "--reviewer", "Ana").exit_code == 2
    result = run(project, "approve", "de", "--reviewer", "ana@example.org", "--all")
    assert result.exit_code == 2 and "not an e-mail address" in result.output
    assert person_name("Ana Lima <ana@example.org>") == "Ana Lima"
    with pytest.raises(ReviewError):
        person_name("<ana@example.org>")
    run(project, "approve", "de", "--reviewer", "Ana Lima <ana@example.org>", "--all")
    data = review_path(load_config(project).po_path("de")).read_text()
    assert "Ana Lima" in data and "@" not in data


def test_four_eyes_the_last_translator_cannot_approve_unless_self_review(project):
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    done = [m for m in catalog.active if m.msgctxt == "home/hero/heading"]
    record_translators(config, "de", done, "Jo")
    refused = run(project, "approve", "de", "--reviewer", "jo", "--context", "home/hero/heading")
    assert refused.exit_code == 1 and "jo translated it" in refused.output
    assert run(project, "approve", "de", "--reviewer", "Kim", "--context",
               "home/hero/heading").exit_code == 0
    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.reclaim-i18n.locale.de]\nself-review = true\n")
    edit_entry(project, "home/hero/heading", lambda m: setattr(m, "msgstr", m.msgstr + " "))
    record_translators(load_config(project), "de",
                       [m for m in read_po(config.po_path("de")).active
                        if m.msgctxt == "home/hero/heading"], "Jo")
    assert run(project, "approve", "de", "--reviewer", "Jo", "--context",
               "home/hero/heading").exit_code == 0


def test_a_translators_record_says_nothing_once_the_text_changed(project):
    from reclaim_i18n.review.state import last_translator

    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    msg = next(m for m in catalog.active if m.msgctxt == "home/hero/heading")
    record_translators(config, "de", [msg], "Jo")
    assert last_translator(msg, load_records(config.po_path("de"))[msg.key]) == "Jo"
    msg.msgstr += "!"
    assert last_translator(msg, load_records(config.po_path("de"))[msg.key]) is None
