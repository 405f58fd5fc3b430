"""QA: hostile and unusual packet files give a clear error (exit 2, the file named),
never a traceback; exported packets are deterministic."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentSpreadsheet

import test_todo
from test_todo import invoke

project = test_todo.project


def apply(root: Path, path: Path, *args: str):
    return invoke(root, "apply-packet", str(path), *args)


def test_an_ods_file_without_a_sheet_is_a_clear_error(project, tmp_path):
    out = io.BytesIO()
    OpenDocumentSpreadsheet().write(out)
    path = tmp_path / "de.ods"
    path.write_bytes(out.getvalue())
    run = apply(project, path)
    assert run.exit_code == 2 and "de.ods" in run.output, run.output
    assert "no sheet" in run.output and isinstance(run.exception, SystemExit)


def test_a_translator_name_with_a_line_break_adds_no_header_field(project, tmp_path):
    from reclaim_i18n.config import load_config
    from reclaim_i18n.pofile import read_po
    from test_packet_formats import fill_csv

    path = tmp_path / "de.csv"
    assert invoke(project, "todo", "de", "--format", "csv", "--out", str(path)).exit_code == 0
    fill_csv(path)
    apply(project, path, "--translator", "Ana\nPlural-Forms: nplurals=1; plural=0;")
    catalog = read_po(load_config(project).po_path("de"))
    assert catalog.header_value("Last-Translator") == "Ana Plural-Forms: nplurals=1; plural=0;"
    assert "nplurals=2" in catalog.header_value("Plural-Forms")


def test_a_packet_exported_twice_is_byte_identical(project, tmp_path):
    """Zip member times and the workbook's dates do not depend on the clock."""
    import time

    import pytest

    for fmt in ("xlsx", "ods"):
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        assert invoke(project, "todo", "de", "--format", fmt, "--out", str(first)).exit_code == 0
        later = time.time() + 3 * 86400
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(time, "time", lambda later=later: later)
            mp.setattr(time, "localtime", lambda secs=None, later=later: time.gmtime(later))
            run = invoke(project, "todo", "de", "--format", fmt, "--out", str(second))
        assert run.exit_code == 0
        assert first.read_bytes() == second.read_bytes(), fmt


def test_a_libreoffice_cell_comment_is_not_part_of_the_translation(project, tmp_path):
    """LibreOffice keeps a cell's comment (office:annotation) inside the cell."""
    from odf import teletype
    from odf.office import Annotation
    from odf.opendocument import load
    from odf.table import TableCell, TableRow
    from odf.text import P

    from reclaim_i18n.config import load_config
    from reclaim_i18n.pofile import read_po

    path = tmp_path / "de.ods"
    assert invoke(project, "todo", "de", "--format", "ods", "--out", str(path)).exit_code == 0
    doc = load(str(path))
    head, first = doc.spreadsheet.getElementsByType(TableRow)[:2]
    texts = [teletype.extractText(c) for c in head.getElementsByType(TableCell)]
    cells = first.getElementsByType(TableCell)
    english = teletype.extractText(cells[texts.index("English")])
    for column, words in (("English", "where does this go?"), ("Translation", "too long?")):
        cell = cells[texts.index(column)]
        for paragraph in list(cell.getElementsByType(P)):
            cell.removeChild(paragraph)
        note = Annotation()
        note.addElement(P(text=f"Reviewer: {words}"))
        cell.addElement(note)                      # first, as LibreOffice writes it
        cell.addElement(P(text=english if column == "English" else "Übersetzt"))
    doc.save(str(path))
    run = apply(project, path)
    assert "applied 1" in run.output, run.output
    catalog = read_po(load_config(project).po_path("de"))
    assert [m.msgstr for m in catalog.active if m.msgid == english] == ["Übersetzt"]


def test_a_control_character_xml_cannot_carry_is_named_not_a_traceback(project, tmp_path):
    """Word's line break is U+000B: xlsx, ods and XLIFF (XML) cannot hold it."""
    from reclaim_i18n.config import load_config
    from reclaim_i18n.pofile import read_po, write_po

    path = load_config(project).po_path("de")
    catalog = read_po(path)
    fuzzy = next(m for m in catalog.active if m.fuzzy)
    fuzzy.msgstr = "Zeile\vzwei"
    write_po(catalog, path)
    line = next(m for m in read_po(path).active if m.fuzzy).line
    for fmt in ("xlsx", "ods", "xlf"):
        out = tmp_path / f"de.{fmt}"
        run = invoke(project, "todo", "de", "--format", "xliff" if fmt == "xlf" else fmt,
                     "--out", str(out))
        assert run.exit_code == 1 and isinstance(run.exception, SystemExit), run.output
        assert f"messages.po:{line}:" in run.output and "U+000B" in run.output, run.output
        assert not out.exists()
    csv = tmp_path / "de.csv"
    assert invoke(project, "todo", "de", "--format", "csv", "--out", str(csv)).exit_code == 0


def test_an_ignore_flag_added_in_a_packet_does_not_let_an_error_in(project, tmp_path):
    """The catalogue does not take a packet's flags, so import checks do not either: an
    entry that would fail a check in the catalogue is rejected, not reported applied."""
    from reclaim_i18n.config import load_config
    from reclaim_i18n.pofile import read_po, write_po

    path = tmp_path / "de.po"
    assert invoke(project, "todo", "de", "--format", "po", "--out", str(path)).exit_code == 0
    packet = read_po(path)
    entry = next(m for m in packet.active if "Reclaim Your Face" in m.msgid)
    entry.msgstr = "Ohne Namen"
    entry.flags.append("ignore-glossary-name")
    packet.header.flags.append("ignore-glossary-name")
    write_po(packet, path)
    run = apply(project, path)
    assert "rejected 1" in run.output and "glossary-name" in run.output, run.output
    catalog = read_po(load_config(project).po_path("de"))
    assert "Ohne Namen" not in [m.msgstr for m in catalog.active]


def _zip_bomb(path: Path, member: str) -> None:
    """A few kB on disk whose one member unpacks to 60 MB of spaces."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if path.suffix == ".ods":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        with archive.open(member, "w") as out:
            for _ in range(60):
                out.write(b" " * 2**20)


@pytest.mark.parametrize("name, member", [("de.xlsx", "xl/worksheets/sheet1.xml"),
                                          ("de.ods", "content.xml")])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(project, tmp_path, name, member):
    path = tmp_path / name
    _zip_bomb(path, member)
    assert path.stat().st_size < 200_000
    run = apply(project, path)
    assert run.exit_code == 2 and isinstance(run.exception, SystemExit), run.output
    assert name in run.output and "unpacks to 62,9" in run.output, run.output


def test_an_ods_file_too_big_for_a_packet_is_refused(project, tmp_path):
    path = tmp_path / "de.ods"
    path.write_bytes(b"PK" + b"\0" * (21 * 2**20))
    run = apply(project, path)
    assert run.exit_code == 2 and "de.ods" in run.output, run.output
    assert "too big for a work packet" in run.output, run.output


def _repeated_ods(root: Path, path: Path, filled_repeat: int) -> None:
    """An exported .ods with one translation, LibreOffice's empty rows and cells repeated
    to the sheet's end, and (``filled_repeat`` > 1) a filled row repeated that often."""
    from odf import teletype
    from odf.opendocument import load
    from odf.table import TableCell, TableRow
    from odf.text import P

    assert invoke(root, "todo", "de", "--format", "ods", "--out", str(path)).exit_code == 0
    doc = load(str(path))
    rows = doc.spreadsheet.getElementsByType(TableRow)
    texts = [teletype.extractText(c) for c in rows[0].getElementsByType(TableCell)]
    cell = rows[1].getElementsByType(TableCell)[texts.index("Translation")]
    cell.addElement(P(text="Übersetzt"))
    for row in rows:
        row.addElement(TableCell(numbercolumnsrepeated=16376))
    table = rows[0].parentNode
    if filled_repeat > 1:
        rows[1].setAttribute("numberrowsrepeated", str(filled_repeat))
    empty = TableRow(numberrowsrepeated=1048000)
    empty.addElement(TableCell(numbercolumnsrepeated=16384))
    table.addElement(empty)
    doc.save(str(path))


def test_ods_empty_rows_and_cells_repeated_to_the_sheets_end_are_skipped(project, tmp_path):
    path = tmp_path / "de.ods"
    _repeated_ods(project, path, 1)
    run = apply(project, path)
    assert run.exit_code == 0 and "applied 1" in run.output, run.output


def test_ods_a_filled_row_repeated_thousands_of_times_is_refused(project, tmp_path):
    path = tmp_path / "de.ods"
    _repeated_ods(project, path, 5000)
    run = apply(project, path)
    assert run.exit_code == 2 and isinstance(run.exception, SystemExit), run.output
    assert "de.ods" in run.output and "repeated 5,000 times" in run.output, run.output


def _xlsx(root: Path, path: Path, translation, **cells) -> str:
    """An exported .xlsx whose first row's Translation cell holds ``translation`` (any
    cell value), and other cells by coordinate; the first row's English."""
    from openpyxl import load_workbook

    assert invoke(root, "todo", "de", "--format", "xlsx", "--out", str(path)).exit_code == 0
    wb = load_workbook(path)
    ws = wb.active
    columns = {str(c.value): c.column for c in ws[1] if c.value}
    ws.cell(2, columns["Translation"]).value = translation
    for coordinate, value in cells.items():
        ws[coordinate] = value
    wb.save(path)
    return ws.cell(2, columns["English"]).value


def test_xlsx_a_value_far_out_does_not_make_millions_of_cells(project, tmp_path):
    import time

    path = tmp_path / "de.xlsx"
    _xlsx(project, path, "Übersetzt", XFD1="x", XFD1048576="far", A1048576="far")
    start = time.monotonic()
    run = apply(project, path)
    assert run.exit_code == 0 and "applied 1" in run.output, run.output
    assert time.monotonic() - start < 30


@pytest.mark.parametrize("value, reason", [
    (datetime(2026, 12, 1), "holds a date or time, not text"),
    (True, "holds a true/false value, not text"),
    ("=1+1", "holds a formula"),
])
def test_xlsx_a_translation_that_is_not_text_is_reported_as_what_it_is(project, tmp_path,
                                                                      value, reason):
    from reclaim_i18n.config import load_config
    from reclaim_i18n.pofile import read_po

    def translations():
        return [m.msgstr for m in read_po(load_config(project).po_path("de")).active]

    path = tmp_path / "de.xlsx"
    _xlsx(project, path, value)
    before = translations()
    run = apply(project, path)
    assert "rejected 1" in run.output and reason in run.output, run.output
    assert "applied 0" in run.output and translations() == before, run.output


def test_xlsx_a_number_is_taken_as_its_plain_text(project, tmp_path):
    path = tmp_path / "de.xlsx"
    _xlsx(project, path, 42.0)
    run = apply(project, path)
    assert "applied 1" in run.output, run.output


def _split_xliff(path: Path, language: str = "de") -> None:
    """The packet's units in two <file>s, as a CAT tool's project may save them; the
    second one for ``language``."""
    import copy

    from lxml import etree

    from reclaim_i18n.packets.xliff import NS

    tree = etree.parse(str(path))
    first = tree.getroot().find(f"{{{NS}}}file")
    second = copy.deepcopy(first)
    second.set("target-language", language)
    first_body, second_body = (f.find(f"{{{NS}}}body") for f in (first, second))
    for unit in list(first_body)[1:]:
        first_body.remove(unit)
    second_body.remove(second_body[0])
    first.addnext(second)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_xliff_every_file_element_is_read(project, tmp_path):
    from test_packet_formats import de, expected_catalog, export, fill_xliff

    path = export(project, tmp_path, "xliff")
    fill_xliff(path)
    _split_xliff(path)
    expected = expected_catalog(project)
    run = apply(project, path)
    assert run.exit_code == 0, run.output
    assert [m.state() for m in de(project)[0].messages] == expected


def test_xliff_file_elements_for_two_languages_are_refused(project, tmp_path):
    from test_packet_formats import export, fill_xliff

    path = export(project, tmp_path, "xliff")
    fill_xliff(path)
    _split_xliff(path, "fr")
    run = apply(project, path)
    assert run.exit_code == 2 and isinstance(run.exception, SystemExit), run.output
    assert "different target languages: de, fr" in run.output, run.output


def test_xliff_needs_translation_with_a_text_is_taken_as_fuzzy(project, tmp_path):
    """A CAT tool that copies the source into the target leaves state="needs-translation"
    (Weblate's convention: such a target is fuzzy, not finished)."""
    from lxml import etree

    from reclaim_i18n.config import load_config
    from reclaim_i18n.packets.xliff import NS
    from reclaim_i18n.pofile import read_po
    from test_packet_formats import export

    path = export(project, tmp_path, "xliff")
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter(f"{{{NS}}}trans-unit")
                if u.find(f"{{{NS}}}target").get("state") == "needs-translation")
    key = (unit.get("resname"), unit.find(f"{{{NS}}}source").text)
    unit.find(f"{{{NS}}}target").text = "Kopiert"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    run = apply(project, path)
    assert run.exit_code == 0 and "applied 1" in run.output, run.output
    catalog = read_po(load_config(project).po_path("de"))
    assert [(m.msgstr, m.fuzzy) for m in catalog.active if (m.msgctxt, m.msgid) == key] == \
        [("Kopiert", True)]
