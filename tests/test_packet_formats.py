"""Work packets as spreadsheets (xlsx, ods, csv) and XLIFF: round trips, what spreadsheet
programs do to a file, formula injection, stale and edited rows, LibreOffice, and
translate-toolkit as an independent XLIFF reader."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

import test_todo
from reclaim_i18n.config import load_config
from reclaim_i18n.packets import read_catalogs, todo_items
from reclaim_i18n.packets.csvfile import write_csv
from reclaim_i18n.packets.ods import write_ods
from reclaim_i18n.packets.rows import packet_sheet
from reclaim_i18n.packets.xliff import NS
from reclaim_i18n.packets.xlsx import write_xlsx
from test_todo import JOIN, de, edit_source, invoke

project = test_todo.project  # the same German project: home translated, one entry fuzzy

SUFFIX = {"xlsx": "xlsx", "ods": "ods", "csv": "csv", "xliff": "xlf"}
# what spreadsheet programs would evaluate; each also passes the checks on import
RISKY = ["=1+1", "+49", "-5 °C", "@team", "'=q", "'s", "=A1"]
TRIGGERS = ["=1+1", "+1", "-1", "@a", "\tx", "\rx", "'=x", "''x", "'x", "'", "=", "\t", "x"]


def export(root: Path, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"de-packet.{SUFFIX[fmt]}"
    run = invoke(root, "todo", "de", "--format", fmt, "--out", str(out))
    assert run.exit_code == 0, run.output
    return out


def german(english: str) -> str:
    return f"ÜB {english}"


def expected_catalog(root: Path, translate=german) -> list:
    """The German catalogue as a PO packet translated the same way would leave it."""
    catalog, template = de(root)
    for item in todo_items(catalog, template):
        msg = item.msg
        if msg.is_plural:
            msg.msgstr_plural = [translate(msg.msgid), translate(msg.msgid_plural)]
        else:
            msg.msgstr = translate(msg.msgid)
        msg.set_fuzzy(False)
        msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None
    return [m.state() for m in catalog.messages]


def written_sheet(root: Path, translate=german):
    """The packet's rows, translated as a volunteer would."""
    config = load_config(root)
    catalog, template = read_catalogs(config, "de")
    sheet = packet_sheet(catalog, template, "de", "German")
    return replace(sheet, rows=tuple(replace(r, translation=translate(r.english))
                                     for r in sheet.rows))


# ------------------------------------------------------------- filling, per format


def _header(ws):
    return {str(c.value).split(":")[0]: c.column for c in ws[1] if c.value}


def fill_xlsx(path: Path, translate=german) -> None:
    wb = load_workbook(path)
    ws = wb.active
    cols = _header(ws)
    for r in range(2, ws.max_row + 1):
        english = ws.cell(r, cols["English"]).value
        cell = ws.cell(r, cols["Translation"])
        cell.value = translate(english)
        cell.data_type = "s"
    wb.save(path)


def fill_csv(path: Path, translate=german) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    head = rows[0]
    for row in rows[1:]:
        english = row[head.index("English")].removeprefix("'")
        row[head.index("Translation")] = "'" + translate(english) \
            if translate(english).startswith(("=", "+", "-", "@", "\t", "\r", "'")) \
            else translate(english)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))


def fill_xliff(path: Path, translate=german) -> None:
    tree = etree.parse(str(path))
    for unit in tree.iter(f"{{{NS}}}trans-unit"):
        target = unit.find(f"{{{NS}}}target")
        target.text = translate(unit.find(f"{{{NS}}}source").text)
        target.set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def fill(root: Path, path: Path, fmt: str, translate=german) -> None:
    if fmt == "xlsx":
        fill_xlsx(path, translate)
    elif fmt == "csv":
        fill_csv(path, translate)
    elif fmt == "xliff":
        fill_xliff(path, translate)
    else:  # odfpy has no convenient editing: write the translated rows as the tool would
        path.write_bytes(write_ods(written_sheet(root, translate)))


def apply(root: Path, path: Path, *args: str):
    return invoke(root, "apply-packet", str(path), *args)


# -------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv", "xliff"])
def test_round_trip_export_fill_import(project, tmp_path, fmt):
    path = export(project, tmp_path, fmt)
    fill(project, path, fmt)
    expected = expected_catalog(project)
    run = apply(project, path)
    assert run.exit_code == 0, run.output
    assert [m.state() for m in de(project)[0].messages] == expected
    po = load_config(project).po_path("de")
    before = po.read_bytes()
    again = apply(project, path)
    assert again.exit_code == 0 and "applied 0" in again.output and po.read_bytes() == before


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv", "xliff"])
def test_dry_run_writes_nothing(project, tmp_path, fmt):
    path = export(project, tmp_path, fmt)
    fill(project, path, fmt)
    po = load_config(project).po_path("de")
    before = po.read_bytes()
    run = apply(project, path, "--dry-run")
    assert run.exit_code == 0 and "would apply" in run.output and po.read_bytes() == before


def test_a_sheet_has_a_row_per_plural_form_labelled(project, tmp_path):
    ws = load_workbook(export(project, tmp_path, "xlsx")).active
    cols = _header(ws)
    labels = [ws.cell(r, cols["Plural form"]).value for r in range(2, ws.max_row + 1)]
    assert "one (1)" in labels and any(str(v).startswith("other (0, 2, 3") for v in labels)
    assert ws.column_dimensions["H"].hidden and ws.cell(1, cols["English"]).font.bold
    assert ws.cell(2, cols["English"]).fill.start_color.rgb.endswith("EEEEEE")
    limit = next(r for r in range(2, ws.max_row + 1)
                 if ws.cell(r, cols["Where"]).value == "partners › join › cta")
    assert ws.cell(limit, cols["Max. characters"]).value == 40


# ------------------------------------------------- what spreadsheet programs do


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("mangle", ["semicolon", "tab", "no-bom-lf", "reordered"])
def test_csv_as_spreadsheet_programs_save_it(project, tmp_path, mangle):
    path = export(project, tmp_path, "csv")
    fill(project, path, "csv")
    rows = _csv_rows(path)
    head, body = rows[0], rows[1:]
    sep, newline, bom = {"semicolon": (";", "\r\n", True), "tab": ("\t", "\r\n", True),
                         "no-bom-lf": (",", "\n", False),
                         "reordered": (",", "\r\n", True)}[mangle]
    if mangle == "reordered":  # rows sorted, columns moved, one added
        order = [head.index(h) for h in reversed(head)]
        head = ["My notes"] + [head[i] for i in order]
        body = sorted((["x"] + [r[i] for i in order] for r in body), key=lambda r: r[3])
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=sep, lineterminator=newline,
               quoting=csv.QUOTE_MINIMAL).writerows([head, *body])
    path.write_bytes(("\ufeff" * bom + out.getvalue()).encode("utf-8"))
    expected = expected_catalog(project)
    run = apply(project, path)
    assert run.exit_code == 0, run.output
    assert [m.state() for m in de(project)[0].messages] == expected


def test_xlsx_sorted_columns_added_hidden_shown(project, tmp_path):
    path = export(project, tmp_path, "xlsx")
    fill(project, path, "xlsx")
    wb = load_workbook(path)
    ws = wb.active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    rows.sort(key=lambda r: str(r[2]), reverse=True)
    ws.delete_rows(2, ws.max_row)
    for row in rows:
        ws.append(row)
    ws.insert_cols(1)
    ws.cell(1, 1).value = "Reviewer"
    for dim in ws.column_dimensions.values():
        dim.hidden = False
    wb.save(path)
    expected = expected_catalog(project)
    run = apply(project, path)
    assert run.exit_code == 0, run.output
    assert [m.state() for m in de(project)[0].messages] == expected


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_rows_whose_english_or_id_was_edited_are_reported(project, tmp_path, fmt):
    path = export(project, tmp_path, fmt)
    fill(project, path, fmt)
    if fmt == "xlsx":
        wb = load_workbook(path)
        ws = wb.active
        cols = _header(ws)
        ws.cell(3, cols["English"]).value = "Something else"
        ws.cell(4, cols[next(k for k in cols if k.startswith("X-Reclaim"))]).value = "mbad"
        wb.save(path)
    else:
        rows = _csv_rows(path)
        rows[2][2] = "Something else"
        rows[3][7] = "m0123456789abcdef " + rows[3][7].split(" ", 1)[1]
        out = io.StringIO(newline="")
        csv.writer(out).writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    run = apply(project, path)
    assert run.exit_code == 1
    assert f"{path}:3" in run.output and "English in this row was changed" in run.output
    assert f"{path}:4" in run.output and "id" in run.output.split(f"{path}:4", 1)[1][:200]
    catalog = de(project)[0]
    assert sum(not m.translated for m in catalog.active) == 2


# ------------------------------------------------------------------ formula injection


def risky_fill(english: str) -> str:
    return RISKY[len(english) % len(RISKY)] + " " + english


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_formula_like_text_is_written_as_text_and_read_back_exactly(project, tmp_path, fmt):
    path = tmp_path / f"de-packet.{fmt}"
    sheet = written_sheet(project, risky_fill)
    writer = {"xlsx": write_xlsx, "ods": write_ods, "csv": write_csv}[fmt]
    path.write_bytes(writer(sheet))
    if fmt == "xlsx":
        cells = [c for row in load_workbook(path).active.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
        assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    elif fmt == "csv":
        texts = [cell for row in _csv_rows(path) for cell in row]
        assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert "\"'=1+1 " in path.read_text(encoding="utf-8-sig")
    else:
        assert b"table:formula" not in _ods_content(path)
    expected = expected_catalog(project, risky_fill)
    run = apply(project, path)
    assert run.exit_code == 0, run.output
    assert [m.state() for m in de(project)[0].messages] == expected


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_every_trigger_reads_back_exactly(project, tmp_path, fmt):
    """Tab and CR first cannot pass the checks: the cells alone are compared here."""
    from reclaim_i18n.packets.formats import read_incoming

    sheet = written_sheet(project)
    triggers = [t for t in TRIGGERS if fmt != "ods" or "\r" not in t]  # XML turns CR to LF
    rows = tuple(replace(r, translation=triggers[i % len(triggers)])
                 for i, r in enumerate(sheet.rows))
    path = tmp_path / f"de-packet.{fmt}"
    writer = {"xlsx": write_xlsx, "ods": write_ods, "csv": write_csv}[fmt]
    path.write_bytes(writer(replace(sheet, rows=rows)))
    incoming = read_incoming(path, fmt)
    assert [r.translation for r in incoming.rows] == [r.translation for r in rows]
    assert not [r.problem for r in incoming.rows if r.problem]


def _ods_content(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("content.xml")


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_an_imported_formula_is_reported_not_evaluated(project, tmp_path, fmt):
    path = export(project, tmp_path, fmt)
    fill(project, path, fmt)
    if fmt == "xlsx":
        wb = load_workbook(path)
        ws = wb.active
        ws.cell(2, _header(ws)["Translation"]).value = "=C2&\"!\""  # a real formula cell
        wb.save(path)
    elif fmt == "csv":
        rows = _csv_rows(path)
        rows[1][3] = "=HYPERLINK(\"http://evil.example\",\"click\")"
        out = io.StringIO(newline="")
        csv.writer(out).writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    else:
        from odf.opendocument import load
        from odf.table import TableCell

        doc = load(str(path))
        doc.spreadsheet.getElementsByType(TableCell)[len(_COLUMNS) + 3].setAttribute(
            "formula", "of:=[.C2]")
        doc.save(str(path))
    (tmp_path / "x").mkdir()
    second_row = _csv_rows(export(project, tmp_path / "x", "csv"))[1][7].split(" ", 1)[1]
    run = apply(project, path)
    assert run.exit_code == 1 and f"{path}:2" in run.output and "holds a formula" in run.output
    assert not next(m for m in de(project)[0].active if m.msgctxt == second_row).translated
    assert sum(not m.translated for m in de(project)[0].active) == 1


_COLUMNS = range(8)


# ---------------------------------------------------------------- stale rows


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "xliff"])
def test_stale_rows_are_listed_and_kept_as_suggestions(project, tmp_path, fmt):
    path = export(project, tmp_path, fmt)
    fill(project, path, fmt)
    edit_source(project, "partners", JOIN, "Should your group be listed here?")
    run = apply(project, path)
    assert run.exit_code == 1
    assert "English changed since the packet was made" in run.output
    assert "Should your group be listed here?" in run.output and "suggestion" in run.output
    catalog = de(project)[0]
    join = next(m for m in catalog.active if m.msgctxt == "partners/join/heading")
    assert join.fuzzy and not join.translated and join.msgstr == german(JOIN)
    assert join.previous_msgid == JOIN
    others = [m for m in catalog.active if m.msgctxt != "partners/join/heading"]
    assert all(m.translated for m in others)


# --------------------------------------------------------- the format is checked


@pytest.mark.parametrize("name,content,message", [
    ("de.xlsx", b"Where,English\r\n", "not an .xlsx file"),
    ("de.ods", b"PK\x03\x04 not really", "not an OpenDocument spreadsheet"),
    ("de.csv", b"PK\x03\x04\x00\x00\x00binary", "binary file, not CSV"),
    ("de.csv", "Wo;Englisch\n".encode("utf-16"), "binary file, not CSV"),
    ("de.csv", b"Where,English\r\nx,y\r\n", "no header row"),
    ("de.xlf", b"<xliff version='1.2'><file", "not well-formed XML"),
    ("de.docx", b"", "not a work packet's name"),
])
def test_a_file_that_is_not_what_its_name_says_is_a_clear_error(project, tmp_path, name,
                                                                content, message):
    path = tmp_path / name
    path.write_bytes(content)
    run = apply(project, path)
    assert run.exit_code == 2 and message in run.output and "Traceback" not in run.output


def test_an_xlsx_packet_needs_a_file_and_a_matching_name(project, tmp_path):
    assert "give --out" in invoke(project, "todo", "de", "--format", "xlsx").output
    run = invoke(project, "todo", "de", "--format", "ods", "--out", str(tmp_path / "x.xlsx"))
    assert run.exit_code == 2 and ".ods" in run.output


# ------------------------------------------------------------------------ XLIFF


def test_xliff_reads_in_translate_toolkit(project, tmp_path):
    from translate.storage import poxliff

    path = export(project, tmp_path, "xliff")
    store = poxliff.PoXliffFile.parsestring(path.read_bytes())
    units = [u for u in store.units if not u.isheader()]
    catalog, template = de(project)
    items = todo_items(catalog, template)
    assert len(units) == len(items)
    plural = next(u for u in units if u.hasplural())
    assert plural.source.strings == ["{count} organisation supports the ban",
                                     "{count} organisations support the ban"]
    cta = next(u for u in units if u.xmlelement.get("resname") == "partners/join/cta")
    assert cta.xmlelement.get("maxwidth") == "40" and cta.xmlelement.get("size-unit") == "char"
    assert "max-length:40" in cta.getnotes()
    hero = next(u for u in units if u.xmlelement.get("resname") == "home/hero/heading")
    target = hero.xmlelement.find(f"{{{NS}}}target")
    assert target.get("state") == "needs-review-translation" and hero.target.startswith("DE ")
    states = {u.xmlelement.find(f"{{{NS}}}target").get("state") for u in units
              if not u.hasplural()}
    assert states == {"needs-translation", "needs-review-translation"}


def test_xliff_validates_against_the_xliff_12_schema(project, tmp_path):
    schema = os.environ.get("XLIFF12_XSD")
    if not schema or not Path(schema).exists():
        pytest.skip("the XLIFF 1.2 schema is not shipped offline (no package carries it): "
                    "set XLIFF12_XSD to xliff-core-1.2-strict.xsd to validate")
    path = export(project, tmp_path, "xliff")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineXmlNamespace())
    xsd = etree.XMLSchema(etree.parse(schema, parser))
    assert xsd.validate(etree.parse(str(path))), xsd.error_log


class _OfflineXmlNamespace(etree.Resolver):
    """The schema imports xml.xsd (xml:lang, xml:space) from the web: a copy, offline."""

    XML_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
        targetNamespace="http://www.w3.org/XML/1998/namespace">
      <xs:attribute name="lang" type="xs:language"/>
      <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
      </xs:restriction></xs:simpleType></xs:attribute>
    </xs:schema>"""

    def resolve(self, url, pubid, context):
        return self.resolve_string(self.XML_XSD, context) if url.endswith("xml.xsd") else None


def test_xliff_line_numbers_name_the_trans_unit(project, tmp_path):
    path = export(project, tmp_path, "xliff")
    fill(project, path, "xliff")
    text = path.read_text(encoding="utf-8")
    text = text.replace("<source>The future must be ours to shape, together.</source>",
                        "<source>The future is edited.</source>")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "home/hero/heading" in t)
    run = apply(project, path)
    assert run.exit_code == 1 and f"{path}:{line}" in run.output


# ------------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(not shutil.which("soffice"),
                    reason="LibreOffice (soffice) is not installed: apt-get install "
                           "libreoffice-calc-nogui")
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_packet_saved_by_libreoffice_imports(project, tmp_path, fmt):
    path = tmp_path / f"de-packet.{fmt}"
    path.write_bytes({"xlsx": write_xlsx, "ods": write_ods}[fmt](
        written_sheet(project, risky_fill)))
    out = tmp_path / "saved"
    run = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", fmt, "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180, check=False)
    saved = out / path.name
    assert saved.exists(), run.stdout + run.stderr
    assert saved.read_bytes() != path.read_bytes()
    expected = expected_catalog(project, risky_fill)
    result = apply(project, saved)
    assert result.exit_code == 0, result.output
    assert [m.state() for m in de(project)[0].messages] == expected
