"""Excel packets (openpyxl): a header row, column widths, wrapped text, the id column
hidden, the cells not to edit greyed. Every text is a string cell with the quote prefix,
so nothing a volunteer sees is evaluated (see :mod:`reclaim_i18n.packets.table`).

The sheet is not protected: protection stops sorting, filtering and adding columns,
which volunteers do and the importer tolerates; an edited English or id is reported.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from reclaim_i18n.packets.incoming import Incoming
from reclaim_i18n.packets.rows import Sheet
from reclaim_i18n.packets.table import (
    COLUMNS,
    DAMAGED,
    MAX_COLUMNS,
    MAX_ROWS,
    ZIP_EPOCH,
    PacketFormatError,
    check_archive,
    fixed_zip,
    header_cells,
    read_table,
    row_cells,
)

GREY = PatternFill("solid", start_color="EEEEEE", end_color="EEEEEE")


def _put(ws, row: int, col: int, value, column) -> None:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"          # never a formula, whatever the text starts with
        cell.quotePrefix = True
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.protection = Protection(locked=not column.editable)
    if not column.editable and row > 1:
        cell.fill = GREY


def write_xlsx(sheet: Sheet) -> bytes:
    wb = Workbook()
    wb.properties.created = wb.properties.modified = datetime(*ZIP_EPOCH)  # not the clock
    ws = wb.active
    ws.title = sheet.locale[:31]
    for col, (column, text) in enumerate(zip(COLUMNS, header_cells(sheet)), 1):
        _put(ws, 1, col, text, column)
        ws.cell(row=1, column=col).font = Font(bold=True)
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.width = column.width
        dim.hidden = column.hidden
    for r, row in enumerate(sheet.rows, 2):
        for col, (column, value) in enumerate(zip(COLUMNS, row_cells(row)), 1):
            _put(ws, r, col, value, column)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(sheet.rows) + 1}"
    out = io.BytesIO()
    # ExcelWriter, not wb.save: save stamps the workbook "modified" with the clock
    ExcelWriter(wb, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_zip(out.getvalue())


def _text(cell) -> tuple[str, bool | str]:
    """The cell's text and kind (see :func:`~reclaim_i18n.packets.table.read_table`): a
    number is taken as its plain text, a date or a true/false value is named."""
    value = cell.value
    if cell.data_type == "f":
        return str(value or ""), True      # a formula (or an array formula object)
    if isinstance(value, bool):
        return str(value), "a true/false value"
    if isinstance(value, (date, time, timedelta)):
        return str(value), "a date or time"
    if value is None:
        return "", False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, (str, int, float)):
        return str(value), True            # nothing else is expected: never applied
    return str(value), False


def read_xlsx(path, data: bytes) -> Incoming:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise PacketFormatError("not an .xlsx file (an .xlsx is a zip archive)", path,
                                hint="save it as 'Excel 2007-365 (.xlsx)', or rename it "
                                     "to what it is (.csv, .ods)")
    check_archive(path, data)
    try:
        rows = _rows(load_workbook(io.BytesIO(data), read_only=True))
    except DAMAGED as exc:
        raise PacketFormatError(f"not readable as .xlsx: {exc}", path) from None
    return read_table(str(path), rows)


def _rows(wb) -> list:
    """(row number, cells) of the first sheet's filled rows. Read-only mode reads the
    cells the file holds, up to row MAX_ROWS and column MAX_COLUMNS: a stray value at
    XFD1048576 does not make millions of empty cells."""
    rows = []
    sheet = wb.worksheets[0].iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS)
    for number, cells in enumerate(sheet, 1):
        if any(c.value is not None for c in cells):
            rows.append((number, [_text(c) for c in cells]))
    wb.close()
    return rows
