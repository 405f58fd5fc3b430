"""CSV packets: UTF-8 with a byte-order mark (so Excel reads the accents), comma
separated, CRLF line ends, every field quoted.

Reading tolerates what spreadsheet programs write back: with or without the byte-order
mark, ``,``, ``;`` or tab separators (found from the header row), CRLF or LF, quoting.
Formula-safe cells: see :mod:`reclaim_i18n.packets.table`.
"""

from __future__ import annotations

import csv
import io

from reclaim_i18n.packets.incoming import Incoming
from reclaim_i18n.packets.po import PACKET_HEADER
from reclaim_i18n.packets.rows import Sheet
from reclaim_i18n.packets.table import (
    PacketFormatError,
    csv_escape,
    csv_unescape,
    header_cells,
    read_table,
    row_cells,
)

SEPARATORS = (",", ";", "\t")


def write_csv(sheet: Sheet) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header_cells(sheet))
    for row in sheet.rows:
        writer.writerow(["" if v is None else csv_escape(str(v)) for v in row_cells(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _separator(text: str) -> str:
    """The separator that splits the header row around the packet's id column."""
    first = text.split("\n", 1)[0]
    for sep in SEPARATORS:
        cells = next(csv.reader([first], delimiter=sep), [])
        if len(cells) > 2 and any(c.strip().startswith(PACKET_HEADER) for c in cells):
            return sep
    return max(SEPARATORS, key=first.count)


def read_csv(path, data: bytes) -> Incoming:
    if b"\x00" in data:
        raise PacketFormatError("this is a binary file, not CSV text", path,
                                hint="export the sheet as CSV (UTF-8), or bring the "
                                     ".xlsx/.ods file itself")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PacketFormatError(f"not UTF-8 text (byte {exc.start})", path,
                                hint="save it as 'CSV UTF-8' (Excel) or with the "
                                     "character set 'Unicode (UTF-8)' (LibreOffice)") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, [csv_unescape(c) for c in cells]))
    except csv.Error as exc:
        raise PacketFormatError(f"not readable as CSV: {exc}", path,
                                line=reader.line_num) from None
    return read_table(str(path), _numbered(rows))


def _numbered(rows: list) -> list:
    """Row numbers as a spreadsheet shows them (a quoted line break is not a new row)."""
    return [(i, cells) for i, (_, cells) in enumerate(rows, 1)]
