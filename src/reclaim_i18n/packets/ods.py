"""OpenDocument packets (odfpy), for LibreOffice: a header row, column widths, wrapped
text, the id column hidden, the cells not to edit greyed. Every text is a string cell
(``office:value-type="string"``), so nothing is evaluated; a ``table:formula`` read back
is reported (see :mod:`reclaim_i18n.packets.table`).

Reading: LibreOffice repeats empty rows and cells to the sheet's end
(``table:number-rows-repeated="1048000"``): empty ones are skipped, never expanded; a
filled row or cell repeated more than MAX_REPEAT times is refused."""

from __future__ import annotations

import io
import zipfile

from odf import teletype
from odf.namespaces import TABLENS, TEXTNS
from odf.opendocument import OpenDocumentSpreadsheet, load
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

from reclaim_i18n.packets.incoming import Incoming
from reclaim_i18n.packets.rows import Sheet
from reclaim_i18n.packets.table import (
    COLUMNS,
    DAMAGED,
    MAX_COLUMNS,
    MAX_ROWS,
    PacketFormatError,
    check_archive,
    fixed_zip,
    header_cells,
    read_table,
    row_cells,
)

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_REPEAT = 1000   # a filled row or cell repeated more often is refused, not expanded


def _styles(doc) -> dict:
    def cell_style(name, **props):
        style = Style(name=name, family="table-cell")
        style.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top", **props))
        doc.automaticstyles.addElement(style)
        return style

    head = cell_style("head", cellprotect="protected")
    head.addElement(TextProperties(fontweight="bold"))
    styles = {"head": head, "edit": cell_style("edit", cellprotect="none"),
              "fixed": cell_style("fixed", cellprotect="protected",
                                  backgroundcolor="#eeeeee")}
    for column in COLUMNS:
        style = Style(name=f"col-{column.key}", family="table-column")
        style.addElement(TableColumnProperties(columnwidth=f"{column.width * 0.2:.1f}cm"))
        doc.automaticstyles.addElement(style)
        styles[column.key] = style
    return styles


def _cell(value, style) -> TableCell:
    if isinstance(value, int):
        cell = TableCell(valuetype="float", value=value, stylename=style)
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string", stylename=style)
    for line in (value or "").split("\n") if value else []:
        paragraph = P()
        teletype.addTextToElement(paragraph, line)
        cell.addElement(paragraph)
    return cell


def write_ods(sheet: Sheet) -> bytes:
    doc = OpenDocumentSpreadsheet()
    styles = _styles(doc)
    table = Table(name=sheet.locale)
    for column in COLUMNS:
        table.addElement(TableColumn(stylename=styles[column.key],
                                     visibility="collapse" if column.hidden else "visible"))
    head = TableRow()
    for text in header_cells(sheet):
        head.addElement(_cell(text, styles["head"]))
    table.addElement(head)
    for row in sheet.rows:
        line = TableRow()
        for column, value in zip(COLUMNS, row_cells(row)):
            line.addElement(_cell(value, styles["edit" if column.editable else "fixed"]))
        table.addElement(line)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return fixed_zip(out.getvalue())


def _cell_text(cell) -> tuple[str, bool]:
    # the cell's own paragraphs: a comment (office:annotation) holds paragraphs too
    paragraphs = [teletype.extractText(p) for p in cell.childNodes
                  if p.qname == (TEXTNS, "p")]
    return "\n".join(paragraphs), bool(cell.attributes.get((TABLENS, "formula")))


def _repeat(element, attribute: str, filled: bool, path) -> int:
    """How many times a row or cell stands. An empty one is never expanded (LibreOffice
    repeats empty ones to the sheet's end); a filled one at most MAX_REPEAT times."""
    try:
        repeat = max(int(element.attributes.get((TABLENS, attribute), 1)), 1)
    except ValueError:
        raise PacketFormatError(f"not readable as .ods: table:{attribute} is not a number",
                                path) from None
    if filled and repeat > MAX_REPEAT:
        raise PacketFormatError(f"a filled {'row' if 'rows' in attribute else 'cell'} is "
                                f"repeated {repeat:,} times (table:{attribute}); a packet "
                                f"needs it at most {MAX_REPEAT:,} times", path)
    return repeat


def _cells(row, path) -> list:
    """The row's cells up to its last filled one, at most MAX_COLUMNS."""
    cells: list = []
    empty = 0                  # empty cells seen since the last filled one
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        text = _cell_text(cell)
        repeat = _repeat(cell, "number-columns-repeated", any(text), path)
        if not any(text):
            empty += repeat
            continue
        if len(cells) + empty >= MAX_COLUMNS:
            break
        cells += [("", False)] * empty + [text] * repeat
        empty = 0
    return cells[:MAX_COLUMNS]


def _rows(table, path) -> list:
    """(row number, cells) of the filled rows, up to row MAX_ROWS."""
    rows, number = [], 0
    for row in table.getElementsByType(TableRow):
        cells = _cells(row, path)
        repeat = _repeat(row, "number-rows-repeated", bool(cells), path)
        if cells:
            last = min(number + repeat, MAX_ROWS)
            rows += [(n, cells) for n in range(number + 1, last + 1)]
        number += repeat
        if number >= MAX_ROWS:
            break
    return rows


def read_ods(path, data: bytes) -> Incoming:
    check_archive(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError):
        mimetype = b""
    if mimetype != MIMETYPE:
        raise PacketFormatError("not an OpenDocument spreadsheet (.ods)", path,
                                hint="save it as 'ODF Spreadsheet (.ods)', or rename it "
                                     "to what it is (.csv, .xlsx)")
    try:
        doc = load(io.BytesIO(data))
    except DAMAGED as exc:
        raise PacketFormatError(f"not readable as .ods: {exc}", path) from None
    tables = doc.spreadsheet.getElementsByType(Table)
    if not tables:
        raise PacketFormatError("the .ods file has no sheet", path)
    return read_table(str(path), _rows(tables[0], path))

