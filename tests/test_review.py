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
    approve_entries(config, "de", "Ana", ("home/hero/heading",), on=DAY)
    kept = {r.msgid for r in load_records(config.po_path("de")).values()
            if r.msgctxt == "home/hero/heading"}
    assert kept == {"The future must be yours to shape."}   # the old approval is superseded


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


# ------------------------------------------------------------------ review packets


def _packet(project: Path, tmp_path: Path) -> Path:
    out = tmp_path / "de-review.po"
    made = run(project, "review", "de", "--format", "po", "--out", str(out))
    assert made.exit_code == 0, made.output
    return out


def test_a_review_packet_names_its_language_and_what_it_is(project, tmp_path):
    packet = read_po(_packet(project, tmp_path))
    assert packet.header_value("Language") == "de"
    assert packet.header_value("X-Reclaim-Review").startswith("de ")
    assert "Review packet" in packet.header.comments[0]
    subprocess.run([tool("msgfmt"), "-c", "-o", "/dev/null", str(tmp_path / "de-review.po")],
                   check=True)


def test_a_corrected_packet_writes_corrections_and_approves_the_rest(project, tmp_path):
    path = _packet(project, tmp_path)
    packet = read_po(path)
    by_ctxt = {m.msgctxt: m for m in packet.active}
    by_ctxt["home/hero/heading"].msgstr = "Die Zukunft gestalten wir."           # corrected
    by_ctxt["home/hero/slogan"].msgid = "Reclaim our space!"                     # stale
    write_po(packet, path)
    changed = edit_entry(project, "home/hero/cta",                               # conflict
                         lambda m: setattr(m, "msgstr", "Mach mit"))
    result = run(project, "approve", "de", str(path), "--reviewer", "Ana")
    assert result.exit_code == 1, result.output
    assert "1 corrected and written" in result.output
    assert "English changed since the packet was made" in result.output
    assert "translation changed since the packet was made" in result.output
    catalog = read_po(load_config(project).po_path("de"))
    heading = next(m for m in catalog.active if m.msgctxt == "home/hero/heading")
    assert heading.msgstr == "Die Zukunft gestalten wir."
    approved = approved_now(project)
    assert heading.key in approved and changed not in approved
    assert not any(ctxt == "home/hero/slogan" for ctxt, _ in approved)
    translated = {m.key for m in catalog.active if m.translated}
    assert len(approved) == len(translated) - 2


def test_a_correction_that_fails_a_check_is_not_written(project, tmp_path):
    path = _packet(project, tmp_path)
    packet = read_po(path)
    next(m for m in packet.active if m.msgctxt == "home/hero/heading").msgstr = "<script>x"
    write_po(packet, path)
    result = run(project, "approve", "de", "--packet", str(path), "--reviewer", "Ana")
    assert result.exit_code == 1 and "fails a check" in result.output
    catalog = read_po(load_config(project).po_path("de"))
    assert "<script>" not in next(m for m in catalog.active
                                  if m.msgctxt == "home/hero/heading").msgstr


def test_a_work_packet_is_not_a_review_packet(project, tmp_path):
    work = tmp_path / "work.po"
    run(project, "todo", "de", "--format", "po", "--out", str(work))
    result = run(project, "approve", "de", str(work), "--reviewer", "Ana")
    assert result.exit_code == 2 and "not a review packet" in result.output


# ------------------------------------------------------------ publishing, counting


def _require_review(project: Path, code: str = "de") -> None:
    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write(f"\n[tool.reclaim-i18n.locale.{code}]\nrequire-review = true\n"
                "publish-threshold = 0\n")


def _artefacts(build: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file())


def test_require_review_publishes_only_approved_translations(project):
    _require_review(project)
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    heading = next(m for m in catalog.active if m.msgctxt == "home/hero/heading")
    slogan = next(m for m in catalog.active if m.msgctxt == "home/hero/slogan")
    french = next(m for m in read_po(config.po_path("fr")).active
                  if m.msgctxt == "home/hero/slogan")
    assert run(project, "build").exit_code == 0
    assert heading.msgstr.encode() not in _artefacts(project / "build")   # nothing approved
    approve_entries(config, "de", "Ana Lima", ("home/hero/heading",), on=DAY)
    assert run(project, "build").exit_code == 0                             # incremental
    out = _artefacts(project / "build")
    assert heading.msgstr.encode() in out
    assert slogan.msgstr.encode() not in out           # translated, unapproved: falls back
    assert french.msgstr.encode() in out               # fr does not require review
    mo = (project / "build/locale/de/LC_MESSAGES/messages.mo").read_bytes()
    assert heading.msgstr.encode() in mo and slogan.msgstr.encode() not in mo
    bundle = (project / "build/bundles/de.json").read_text()
    assert '"home/hero/slogan": "en"' in bundle        # recorded as a fallback
    assert b"Ana Lima" not in out and b"review" not in out.lower().replace(b"reviewed", b"")
    assert not list((project / "build").rglob("*.review"))


def test_an_error_stays_out_of_artefacts_whatever_its_approval(project):
    from reclaim_i18n.build.load import Inputs
    from reclaim_i18n.review.records import save_records
    from reclaim_i18n.review.state import approve

    _require_review(project)
    config = load_config(project)
    key = edit_entry(project, "home/hero/heading", lambda m: setattr(m, "msgstr", "<script>"))
    catalog = read_po(config.po_path("de"))
    records = load_records(config.po_path("de"))
    approve(records, catalog.index()[key], "Ana", DAY)     # by hand, past every check
    save_records(config.po_path("de"), records, catalog)
    assert key in approved_now(project)
    assert key in Inputs(config).excluded("de")


def test_report_badges_and_manifest_count_approved_words(project, tmp_path):
    import json

    _require_review(project)
    config = load_config(project)
    approve_entries(config, "de", "Ana", ("home/hero/heading", "home/title"), on=DAY)
    words = 7 + 8   # "The future must be ours to shape.", "Reclaim Your Face – Ban …"
    doc = json.loads(run(project, "report", "--format", "json").output)
    de = next(item for item in doc["locales"] if item["locale"] == "de")
    assert (de["words"]["approved"], de["messages"]["approved"]) == (words, 2)
    assert de["require_review"] is True and de["percent_approved"]["words"] > 0
    for fmt in ("text", "markdown", "html"):
        assert "Approved" in run(project, "report", "--format", fmt).output
    run(project, "report", "--format", "svg", "--out", str(tmp_path / "badges"))
    assert (tmp_path / "badges" / "de.approved.svg").is_file()
    gate = run(project, "report", "--locale", "de", "--by", "approved", "--fail-under", "50")
    assert gate.exit_code == 1 and "under the threshold (approved): de" in gate.output
    assert run(project, "report", "--locale", "de", "--fail-under", "50").exit_code == 0
    run(project, "build")
    manifest = json.loads((project / "build/bundles/manifest.json").read_text())
    assert manifest["locales"]["de"]["completeness"]["words"]["approved"] == words


def test_the_publish_threshold_of_a_reviewed_language_counts_approved_words(project):
    import json

    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.reclaim-i18n.locale.de]\nrequire-review = true\n")
    run(project, "build")
    manifest = json.loads((project / "build/bundles/manifest.json").read_text())
    assert not manifest["locales"]["de"]["published"]     # translated, but not approved
    approve_all(project)
    run(project, "build")
    manifest = json.loads((project / "build/bundles/manifest.json").read_text())
    assert manifest["locales"]["de"]["published"]


@pytest.mark.parametrize("table,error", [
    ({"require-review": "yes"}, "require-review must be true or false"),
    ({"locale": {"de": {"self-review": 1}}}, "locale.de.self-review must be true or false"),
])
def test_review_settings_are_checked(tmp_path, table, error):
    from reclaim_i18n.config import config_from_table
    from reclaim_i18n.errors import ConfigError

    with pytest.raises(ConfigError, match=error):
        config_from_table({"languages": ["de", "fr"], **table}, tmp_path)


def test_review_settings_default_off_and_a_language_overrides_the_global_one(tmp_path):
    from reclaim_i18n.config import config_from_table

    plain = config_from_table({"languages": ["de", "fr"]}, tmp_path)
    assert not plain.requires_review("de") and not plain.allows_self_review("de")
    mixed = config_from_table({"languages": ["de", "fr"], "require-review": True,
                               "locale": {"fr": {"require-review": False}}}, tmp_path)
    assert mixed.requires_review("de") and not mixed.requires_review("fr")


def test_all_runs_again_after_an_approval(project):
    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.reclaim-i18n.locale.de]\nrequire-review = true\n"
                "publish-threshold = 0\n")
    assert run(project, "all").exit_code == 0
    assert "nothing changed" in run(project, "all").output
    approve_entries(load_config(project), "de", "Ana", ("home/hero/heading",), on=DAY)
    again = run(project, "all")
    assert again.exit_code == 0 and "nothing changed" not in again.output
    assert "Die Zukunft muss" in (project / "build/bundles/de.json").read_text()


def test_a_merge_conflict_in_the_review_file_is_named_with_its_remedy(tmp_path):
    with pytest.raises(CatalogError) as info:
        parse_records(b'<<<<<<< ours\n{"msgctxt": null, "msgid": "a"}\n', tmp_path / "x")
    assert info.value.line == 1 and "merge=union" in info.value.hint


def test_a_broken_review_file_fails_its_language_only_in_the_report(project):
    review_path(load_config(project).po_path("de")).write_text("oops\n")
    result = run(project, "report", "--format", "json")
    assert result.exit_code == 1 and "messages.review:1" in result.output
    assert '"locale": "fr"' in result.output


def test_a_packets_translator_cannot_approve_their_own_work(project, tmp_path):
    packet = tmp_path / "cs.po"
    assert run(project, "todo", "cs", "--format", "po", "--out", str(packet)).exit_code == 0
    work = read_po(packet)
    entry = next(m for m in work.active if not m.msgstr and not m.is_plural)
    entry.msgstr = "Překlad"
    write_po(work, packet)
    applied = run(project, "apply-packet", str(packet), "--translator", "Eva Nová <eva@x.cz>")
    assert applied.exit_code == 0, applied.output
    own = run(project, "approve", "cs", "--reviewer", "Eva Nová", "--context", entry.msgctxt)
    assert own.exit_code == 1 and entry.key not in approved_now(project, "cs")
    other = run(project, "approve", "cs", "--reviewer", "Jan", "--context", entry.msgctxt)
    assert other.exit_code == 0, other.output
    assert entry.key in approved_now(project, "cs")
    assert "eva@x.cz" not in review_path(load_config(project).po_path("cs")).read_text()


def test_report_and_build_agree_that_unapproved_words_do_not_publish(project):
    import json

    from reclaim_i18n.report.runner import build_report

    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.reclaim-i18n.locale.de]\nrequire-review = true\n")
    assert run(project, "build", "--locale", "de").exit_code == 0
    manifest = json.loads((project / "build/bundles/manifest.json").read_text())
    (row,) = build_report(load_config(project), ("de",)).rows
    assert row.stats.words.percent == 100.0                 # all translated, none approved
    assert manifest["locales"]["de"]["published"] is False
    assert row.published is False
