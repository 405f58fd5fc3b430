"""``reclaim-i18n todo`` and work packets: order, what changed, the round trip, stale entries."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from reclaim_i18n.cli import cli
from reclaim_i18n.config import load_config
from reclaim_i18n.packets import PACKET_HEADER, entry_errors, todo_items, word_diff
from reclaim_i18n.pofile import Message, read_po, write_po
from reclaim_i18n.stats import catalog_stats

MAIN = Path(__file__).resolve().parents[1]
HERO = "The future must be ours to shape."
JOIN = "Should your organisation be here, too?"


def edit_source(root: Path, page: str, old: str, new: str) -> None:
    """Change the English of one field, then extract and update as the pipeline does."""
    from reclaim_i18n.extract import run_extract
    from reclaim_i18n.update import run_update

    path = root / "source_content" / "pages" / f"{page}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    config = load_config(root)
    run_extract(config)
    run_update(config, ("de",))


@pytest.fixture
def project(tmp_path) -> Path:
    """German: the home page translated; then the hero heading changed (so it is fuzzy)."""
    from reclaim_i18n.update import run_update

    root = tmp_path / "campaign"
    root.mkdir()
    shutil.copy(MAIN / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(MAIN / "source_content", root / "source_content")
    (root / "locales").mkdir()
    shutil.copy(MAIN / "locales" / "messages.pot", root / "locales" / "messages.pot")
    config = load_config(root)
    run_update(config, ("de",))
    catalog = read_po(config.po_path("de"))
    for msg in catalog.active:
        if (msg.msgctxt or "").startswith("home/"):
            msg.msgstr = f"DE {msg.msgid}"
    write_po(catalog)
    edit_source(root, "home", HERO, "The future must be ours to shape, together.")
    return root


def invoke(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--project", str(root), *args])


def de(root: Path):
    config = load_config(root)
    return read_po(config.po_path("de")), read_po(config.pot_path)


# ------------------------------------------------------------------------------ todo


def test_todo_lists_untranslated_then_fuzzy_in_page_order(project):
    catalog, template = de(project)
    items = todo_items(catalog, template)
    states = [it.state for it in items]
    assert states == sorted(states, key=["untranslated", "fuzzy"].index)
    order = {m.key: i for i, m in enumerate(template.messages)}
    for state in ("untranslated", "fuzzy"):
        positions = [order[it.msg.key] for it in items if it.state == state]
        assert positions == sorted(positions)
    assert [it.msg.msgctxt for it in items if it.state == "fuzzy"] == ["home/hero/heading"]
    assert items[0].msg.msgctxt.startswith("partners/")  # home is done; partners comes next


def test_todo_text_gives_file_line_context_and_what_changed(project):
    run = invoke(project, "todo", "de")
    assert run.exit_code == 0, run.output
    out = run.output
    assert out.index("Untranslated (") < out.index("Fuzzy: the English changed")
    assert "[-shape.-] {+shape, together.+}" in out
    assert "Page “partners”, join › heading (heading)." in out  # the context for translators
    po = load_config(project).po_path("de")
    lines = po.read_text(encoding="utf-8").splitlines()
    refs = [line.split()[0] for line in out.splitlines() if "messages.po:" in line]
    assert len(refs) == len(todo_items(*de(project)))
    for ref in refs:  # every file:line is the msgstr to edit
        assert lines[int(ref.rsplit(":", 1)[1]) - 1].startswith("msgstr")


@pytest.mark.parametrize("old,new,diff", [
    ("a b c", "a b c", "a b c"),
    ("a b c", "a x c", "a [-b-] {+x+} c"),
    ("a b", "a b c d", "a b {+c d+}"),
    ("a b c", "c", "[-a b-] c"),
])
def test_word_diff(old, new, diff):
    assert word_diff(old, new) == diff


def test_todo_of_a_language_without_catalogue_is_a_clear_error(project):
    run = invoke(project, "todo", "fr")
    assert run.exit_code == 1 and "reclaim-i18n init fr" in run.output


# --------------------------------------------------------------------------- packets


def make_packet(root: Path, tmp_path: Path) -> Path:
    packet = tmp_path / "de-packet.po"
    run = invoke(root, "todo", "de", "--format", "po", "--out", str(packet))
    assert run.exit_code == 0, run.output
    return packet


def translate_packet(packet: Path, prefix: str = "ÜB") -> None:
    catalog = read_po(packet)
    for msg in catalog.active:
        if msg.is_plural:
            msg.msgstr_plural = [f"{prefix} {msg.msgid}", f"{prefix} {msg.msgid_plural}"]
        else:
            msg.msgstr = f"{prefix} {msg.msgid}"
        msg.set_fuzzy(False)
    catalog.set_header("PO-Revision-Date", "2030-01-02 03:04+0100")
    write_po(catalog)


def test_packet_has_just_the_work_in_page_order(project, tmp_path):
    packet = read_po(make_packet(project, tmp_path))
    catalog, template = de(project)
    assert packet.header_value(PACKET_HEADER) == \
        f"de {template.header_value('POT-Creation-Date')}"
    for name in ("Language", "Plural-Forms"):
        assert packet.header_value(name) == catalog.header_value(name)
    order = {m.key: i for i, m in enumerate(template.messages)}
    keys = [m.key for m in packet.messages]
    assert keys == sorted(keys, key=order.__getitem__)
    assert set(keys) == {it.msg.key for it in todo_items(catalog, template)}
    fuzzy = next(m for m in packet.messages if m.fuzzy)
    assert fuzzy.previous_msgid == HERO and fuzzy.msgstr == f"DE {HERO}"
    assert any(m.is_plural for m in packet.messages)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
def test_packet_is_a_valid_po_file_for_gettext(project, tmp_path):
    packet = make_packet(project, tmp_path)
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(packet)], check=False,
                         capture_output=True, text=True)
    assert run.returncode == 0 and "warning" not in run.stderr, run.stderr


def test_round_trip_make_translate_apply(project, tmp_path):
    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    run = invoke(project, "apply-packet", str(packet))
    assert run.exit_code == 0, run.output
    catalog, _ = de(project)
    stats = catalog_stats(catalog, "de")
    assert stats.messages.translated == stats.messages.total
    hero = next(m for m in catalog.active if m.msgctxt == "home/hero/heading")
    assert hero.msgstr.startswith("ÜB ") and hero.previous_msgid is None and not hero.fuzzy
    po = load_config(project).po_path("de")
    before = po.read_bytes()
    again = invoke(project, "apply-packet", str(packet))
    assert again.exit_code == 0 and "applied 0" in again.output and po.read_bytes() == before
    assert "nothing left to translate" in invoke(project, "todo", "de").output


# who and when: (packet's Last-Translator, --translator) → the catalogue's Last-Translator
@pytest.mark.parametrize("in_packet,option,recorded", [
    ("Jana Novak", None, "Jana Novak"),
    ("Jana Novak <jana.novak@example.org>", None, "Jana Novak <jana.novak@example.org>"),
    ("", "Ana Lima", "Ana Lima"),
    ("FULL NAME <EMAIL@ADDRESS>", "Ana Lima", "Ana Lima"),
    ("Jana Novak", "Ana Lima", "Ana Lima"),
    ("", None, "KEEP"),       # nobody named: the catalogue's own stays
])
def test_apply_records_who_and_when(project, tmp_path, monkeypatch, in_packet, option,
                                    recorded):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01 00:00 UTC
    before = de(project)[0].header_value("Last-Translator")
    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    catalog = read_po(packet)
    catalog.set_header("Last-Translator", in_packet)
    write_po(catalog)
    run = invoke(project, "apply-packet", str(packet),
                 *(["--translator", option] if option else []))
    assert run.exit_code == 0, run.output
    catalog = de(project)[0]
    assert catalog.header_value("PO-Revision-Date") == "2030-01-01 00:00+0000"
    assert catalog.header_value("Last-Translator") == (before if recorded == "KEEP" else recorded)


def test_nothing_applied_records_nothing(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")
    packet = make_packet(project, tmp_path)   # left untranslated
    po = load_config(project).po_path("de")
    before = po.read_bytes()
    run = invoke(project, "apply-packet", str(packet), "--translator", "Ana")
    assert run.exit_code == 0 and po.read_bytes() == before, run.output
    translate_packet(packet)
    run = invoke(project, "apply-packet", str(packet), "--translator", "Ana", "--dry-run")
    assert run.exit_code == 0 and po.read_bytes() == before, run.output


def test_a_translator_address_from_a_packet_reaches_no_artefact(project, tmp_path):
    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    catalog = read_po(packet)
    catalog.set_header("Last-Translator", "Jana Novak <jana.novak@example.org>")
    write_po(catalog)
    assert invoke(project, "apply-packet", str(packet)).exit_code == 0
    run = invoke(project, "build", "--locale", "de")
    assert run.exit_code == 0, run.output
    files = [p for p in (project / "build").rglob("*") if p.is_file()]
    assert any(p.suffix == ".mo" for p in files)
    assert [p for p in files if b"jana.novak@example.org" in p.read_bytes()] == []


def test_stale_entries_are_listed_and_not_applied(project, tmp_path):
    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    edit_source(project, "partners", JOIN, "Should your group be listed here?")
    run = invoke(project, "apply-packet", str(packet))
    assert run.exit_code == 1
    assert "English changed since the packet was made" in run.output
    assert JOIN in run.output and "Should your group be listed here?" in run.output
    made = read_po(packet).header_value(PACKET_HEADER).split(" ", 1)[1]
    now = de(project)[1].header_value("POT-Creation-Date")
    assert ("the English was updated since the packet was made" in run.output) == (made != now)
    catalog, _ = de(project)
    join = next(m for m in catalog.active if m.msgctxt == "partners/join/heading")
    assert not join.translated and join.fuzzy  # kept as a suggestion, for review
    assert join.msgstr == f"ÜB {JOIN}" and join.previous_msgid == JOIN
    others = [m for m in catalog.active if m.msgctxt != "partners/join/heading"]
    assert all(m.translated for m in others)  # everything still current was applied


def test_a_different_finished_translation_is_a_conflict(project, tmp_path):
    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    config = load_config(project)
    catalog = read_po(config.po_path("de"))
    join = next(m for m in catalog.active if m.msgctxt == "partners/join/heading")
    join.msgstr = "Gehört Ihre Organisation auch hierher?"
    write_po(catalog)
    run = invoke(project, "apply-packet", str(packet))
    assert run.exit_code == 1 and "conflicts 1" in run.output
    assert "Gehört Ihre Organisation auch hierher?" in run.output
    join = next(m for m in read_po(config.po_path("de")).active
                if m.msgctxt == "partners/join/heading")
    assert join.msgstr == "Gehört Ihre Organisation auch hierher?"


def test_entries_with_check_errors_are_rejected(project, tmp_path, monkeypatch):
    from reclaim_i18n.packets import po as packets

    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    key = ("partners/join/heading", JOIN)
    monkeypatch.setattr(packets, "check_errors",
                        lambda *a: ({key: "placeholders: {count} is missing"}, []))
    run = invoke(project, "apply-packet", str(packet))
    assert run.exit_code == 1 and "{count} is missing" in run.output
    assert not next(m for m in de(project)[0].active if m.key == key).translated


def test_dry_run_writes_nothing(project, tmp_path):
    packet = make_packet(project, tmp_path)
    translate_packet(packet)
    po = load_config(project).po_path("de")
    before = po.read_bytes()
    run = invoke(project, "apply-packet", "--dry-run", str(packet))
    assert run.exit_code == 0 and "would apply" in run.output and po.read_bytes() == before


@pytest.mark.parametrize("change,args,message", [
    (None, ["--locale", "fr"], "the packet is for 'de', not 'fr'"),
    ("no header", [], "the packet names no language"),
    ("broken", [], "de-packet.po:"),
])
def test_bad_packets_are_clear_errors(project, tmp_path, change, args, message):
    packet = make_packet(project, tmp_path)
    text = packet.read_text(encoding="utf-8")
    if change == "no header":
        text = text.replace(f'"{PACKET_HEADER}:', '"X-Other:').replace('"Language: de', '"X-L: de')
    elif change == "broken":
        text = text.replace('msgstr ""\n\n', 'msgstr "unclosed\n\n', 1)
    packet.write_text(text, encoding="utf-8")
    po = load_config(project).po_path("de")
    before = po.read_bytes()
    run = invoke(project, "apply-packet", str(packet), *args)
    assert run.exit_code in (1, 2) and message in run.output and "Traceback" not in run.output
    assert po.read_bytes() == before


def test_todo_names_missing_plural_forms_and_the_fuzzy_translation():
    from reclaim_i18n.pofile import parse_po
    from reclaim_i18n.report.render_todo import render_todo

    catalog = parse_po(
        b'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"\n\n'
        b'#, fuzzy\n#| msgid "Join us"\nmsgctxt "home/ban/cta"\nmsgid "Join us today"\n'
        b'msgstr "Dolacz"\n\n'
        b'msgctxt "partners/coalition/count"\nmsgid "{count} organisation"\n'
        b'msgid_plural "{count} organisations"\nmsgstr[0] "{count} organizacja"\n'
        b'msgstr[1] ""\nmsgstr[2] ""\n', "pl.po")
    items = todo_items(catalog)
    assert [(it.state, it.partial) for it in items] == [("untranslated", True), ("fuzzy", False)]
    text = render_todo(items, "pl", "polski", "pl.po")
    assert "missing:      plural form msgstr[1], msgstr[2]" in text and "pl.po:14" in text
    assert "Join us {+today+}" in text and "translation:  Dolacz" in text


# ---------------------------------------------------------------------- needs fixing

UNSAFE = '<img src=x onerror="alert(1)"> Mitmachen'


def break_one(root: Path) -> Message:
    """A finished German translation an error-level check fails on (unsafe HTML)."""
    config = load_config(root)
    catalog = read_po(config.po_path("de"))
    target = next(m for m in catalog.active if m.translated and not m.is_plural
                  and m.msgctxt.startswith("home/") and "<" not in m.msgid)
    target.msgstr = UNSAFE
    write_po(catalog)
    return target


def test_todo_lists_what_needs_fixing_first_with_the_finding(project):
    broken = break_one(project)
    out = invoke(project, "todo", "de").output
    assert "1 to fix, " in out.splitlines()[0]
    assert out.index("Needs fixing") < out.index("Untranslated (") < out.index("Fuzzy:")
    group = out[out.index("Needs fixing"):out.index("Untranslated (")]
    assert broken.msgctxt in group and "to fix:" in group and "how:" in group
    finding = entry_errors(*de(project)[:1], "de", load_config(project))[broken.key]
    assert finding.message in group and "onerror" in group  # the finding, the translation


def test_a_packet_carries_what_needs_fixing_first_and_the_fix_is_applied(project, tmp_path):
    broken = break_one(project)
    packet = make_packet(project, tmp_path)
    first = read_po(packet).messages[0]
    assert first.key == broken.key and first.auto_comments[0].startswith("needs fixing: ")
    translate_packet(packet)
    run = invoke(project, "apply-packet", str(packet))
    assert run.exit_code == 0 and "conflicts 0" in run.output, run.output
    fixed = next(m for m in de(project)[0].active if m.key == broken.key)
    assert fixed.msgstr == f"ÜB {broken.msgid}"
    assert first.auto_comments[0] not in fixed.auto_comments  # the finding stays in the packet


def test_report_and_manifest_count_what_needs_fixing_apart(project):
    import json

    before = json.loads(invoke(project, "report", "--format", "json", "--locale", "de").output)
    break_one(project)
    after = json.loads(invoke(project, "report", "--format", "json", "--locale", "de").output)
    old, new = before["locales"][0], after["locales"][0]
    assert (old["messages"]["needs_fixing"], new["messages"]["needs_fixing"]) == (0, 1)
    assert new["messages"]["translated"] == old["messages"]["translated"] - 1
    assert new["words"]["needs_fixing"] > 0 and new["percent"]["words"] < old["percent"]["words"]
    assert new["messages"]["total"] == old["messages"]["total"]
    text = invoke(project, "report", "--locale", "de").output
    assert "To fix" in text.splitlines()[0]
    invoke(project, "build", "--locale", "de")
    manifest = json.loads((project / "build" / "bundles" / "manifest.json").read_text("utf-8"))
    counts = manifest["locales"]["de"]["completeness"]
    assert counts["messages"]["needs_fixing"] == 1 and counts["words"]["percent"] == \
        new["percent"]["words"]
