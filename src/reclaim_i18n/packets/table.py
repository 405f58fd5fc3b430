"""A packet as a table (xlsx, ods, csv): the columns, formula-safe cells, reading back.

Columns are found by their header, so a volunteer may sort or reorder rows, move or add
columns and show the hidden id column. The id column's header carries the packet stamp
(``X-Reclaim-Packet: de 2026-11-26 13:38+0000``), so a sheet says what it was made from.

**Formula injection.** A cell text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written as text (xlsx: a string cell with the quote prefix; ods: a
string cell) so that no spreadsheet program evaluates it. CSV has no cell types: such a
text is written with OWASP's prefix, an apostrophe (``'=1+1``), and so is a text that
starts with an apostrophe (``''s Avonds``), so that reading strips exactly one leading
apostrophe when the rest starts with one of those characters or an apostrophe. An
imported formula (an xlsx formula cell, an ods ``table:formula``, a CSV cell starting
with ``=`` that we did not escape) is never evaluated: its row is reported. So is a
Translation cell that a spreadsheet program turned into a date or a true/false value; a
number is taken as its plain text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.packets.incoming import Incoming, InRow
from reclaim_i18n.packets.po import PACKET_HEADER
from reclaim_i18n.packets.rows import Row, Sheet

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DONE = {"done", "ok", "yes", "x", "✓", "translated"}
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
HEADER_SCAN = 20   # rows searched for the header row (a volunteer may add some above)
# A packet of a whole campaign is well under 1 MB as .xlsx/.ods and a few MB unpacked.
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024    # the file on disk, like a catalogue's limit
MAX_UNPACKED_BYTES = 50 * 1024 * 1024   # its zip members unpacked, all together
# Cells further out are not read (a packet has a row per message, 8 columns and a few a
# volunteer adds): a stray value at XFD1048576 costs nothing.
MAX_ROWS = 50_000
MAX_COLUMNS = 64


# what openpyxl and odfpy raise for a damaged file (they have no error class of their own)
DAMAGED = (KeyError, ValueError, TypeError, IndexError, AttributeError, OSError, SyntaxError,
           zipfile.BadZipFile)


class PacketFormatError(ReclaimError):
    """A packet file is not what its name says, or lacks what the tool needs."""

    exit_code = 2


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int          # characters
    editable: bool = False
    hidden: bool = False


COLUMNS = (
    Column("where", "Where", 24),
    Column("form", "Plural form", 18),
    Column("english", "English", 50),
    Column("translation", "Translation", 50, editable=True),
    Column("status", "Status", 12, editable=True),
    Column("notes", "Notes from the organisers", 40),
    Column("max_length", "Max. characters", 10),
    Column("id", PACKET_HEADER, 30, hidden=True),
)
_STATUS = {"untranslated": "new", "fuzzy": "check", "needs-fixing": "fix"}


def fixed_zip(data: bytes) -> bytes:
    """The archive again with every member dated 1980-01-01 (zip's first date), in the
    same order and compression: a packet exported twice is the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            new.writestr(fixed, old.read(info))
    return out.getvalue()


def check_archive(path, data: bytes) -> None:
    """Refuse an .xlsx/.ods too big to be a packet before openpyxl or odfpy unpack it (a
    zip bomb: kilobytes that unpack to gigabytes). The sizes the zip directory declares
    are a bound: Python's zipfile never unpacks a member beyond its declared size."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise PacketFormatError(f"{len(data):,} bytes: too big for a work packet (the "
                                f"limit is {MAX_ARCHIVE_BYTES // 2**20} MB)", path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except DAMAGED:
        return                     # the format's own check names what the file is
    if unpacked > MAX_UNPACKED_BYTES:
        raise PacketFormatError(f"unpacks to {unpacked:,} bytes: too big for a work packet "
                                f"(the limit is {MAX_UNPACKED_BYTES // 2**20} MB)", path,
                                hint="export a fresh packet with 'reclaim-i18n todo'")


def csv_escape(text: str) -> str:
    return "'" + text if text.startswith(TRIGGERS + ("'",)) else text


def csv_unescape(text: str) -> tuple[str, bool]:
    """(the text, whether it is an unescaped formula)."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS + ("'",)):
        return text[1:], False
    return text, text.startswith("=")


def header_cells(sheet: Sheet) -> list[str]:
    return [f"{PACKET_HEADER}: {sheet.stamp}" if c.key == "id" else c.header for c in COLUMNS]


def row_cells(row: Row) -> list:
    """The cells of one row, in COLUMNS order (text, or an int for the length limit)."""
    values = {"where": row.where, "form": row.form_label, "english": row.english,
              "translation": row.translation, "status": _STATUS.get(row.state, row.state),
              "notes": row.notes, "max_length": row.max_length, "id": row_cell_id(row)}
    return [values[c.key] for c in COLUMNS]


def row_cell_id(row: Row) -> str:
    """The id, then the msgctxt (the digest in the id covers it: an edit is detected)."""
    return row.id if row.msgctxt is None else f"{row.id} {row.msgctxt}"


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    names = {c.header.casefold(): c.key for c in COLUMNS}
    for i, text in enumerate(header):
        text = text.strip()
        if text.startswith(PACKET_HEADER):
            found.setdefault("id", i)
        elif text.casefold() in names:
            found.setdefault(names[text.casefold()], i)
    return found


def _find_header(rows: list[tuple[int, list]]) -> tuple[int, dict[str, int], str]:
    for index, (_, cells) in enumerate(rows[:HEADER_SCAN]):
        texts = [c[0] for c in cells]
        columns = _columns(texts)
        if {"id", "english", "translation"} <= columns.keys():
            stamp = texts[columns["id"]].strip()[len(PACKET_HEADER):].lstrip(":").strip()
            return index, columns, stamp
    raise PacketFormatError(
        f"no header row with the columns English, Translation and {PACKET_HEADER}",
        hint="bring back the sheet 'reclaim-i18n todo' made, with its header row "
             "(columns may be moved, not renamed)")


def _problem(kinds: dict[str, bool | str]) -> str | None:
    """What is wrong with a row's cells, by the kind each holds: True for a formula (in
    any column), a name ("a date") for a value that is not text in the Translation column
    (a spreadsheet program made it of what was typed: applying its text would be wrong)."""
    formulas = [k for k, kind in kinds.items() if kind is True]
    problems = []
    if formulas:
        problems.append(f"the {', '.join(formulas)} cell holds a formula, which is never "
                        "evaluated: type the text itself")
    if isinstance(kinds.get("translation"), str) and kinds["translation"]:
        problems.append(f"the translation cell holds {kinds['translation']}, not text: "
                        "type the text with an apostrophe first ('1/2) or format the "
                        "cell as text")
    return "; ".join(problems) or None


def read_table(path: str, rows: list[tuple[int, list]]) -> Incoming:
    """Rows of (row number, [(text, kind), …]) → the packet's incoming rows; a cell's
    kind is False for text (or a number), True for a formula, or names what else it is
    ("a date", see :func:`_problem`)."""
    try:
        index, columns, stamp = _find_header(rows)
    except PacketFormatError as exc:
        exc.path = str(path)
        raise
    code = stamp.split(" ", 1)[0] or None
    found = []
    for number, cells in rows[index + 1:]:
        def cell(key, cells=cells):
            i = columns.get(key)
            return cells[i] if i is not None and i < len(cells) else ("", False)

        if not any(text.strip() for text, _ in cells):
            continue
        id_text, _, msgctxt = cell("id")[0].strip().partition(" ")
        found.append(InRow(
            line=number, id=id_text, msgctxt=msgctxt if msgctxt else None,
            english=cell("english")[0], translation=cell("translation")[0],
            status="done" if cell("status")[0].strip().casefold() in DONE else None,
            problem=_problem({k: cell(k)[1] for k in columns})))
    return Incoming(str(path), code, stamp or None, found, unit="row")
