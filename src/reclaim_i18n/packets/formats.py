"""Work packets in every format: which format a file is, export, and apply.

The format comes from the file's extension and is checked against its content (an .xlsx
that is not a zip archive, a .csv that is binary: a clear error, exit 2). Applying
converts a spreadsheet or XLIFF into a PO packet (:mod:`reclaim_i18n.packets.incoming`)
and applies it with the PO packet's rules (:func:`reclaim_i18n.packets.po.apply_packet`):
the checks run, stale entries are listed (and kept as suggestions,
:mod:`reclaim_i18n.packets.suggest`), nothing else in the catalogue changes.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.fsio import relative
from reclaim_i18n.packets import po
from reclaim_i18n.packets.incoming import fill_packet, header_packet
from reclaim_i18n.packets.rows import packet_sheet
from reclaim_i18n.packets.table import PacketFormatError
from reclaim_i18n.plurals.catalog import catalog_plurals
from reclaim_i18n.pofile import format_po
from reclaim_i18n.review import approved_keys, load_records

FORMATS = ("po", "xlsx", "ods", "csv", "xliff")
SUFFIXES = {".po": "po", ".xlsx": "xlsx", ".ods": "ods", ".csv": "csv", ".tsv": "csv",
            ".txt": "csv", ".xlf": "xliff", ".xliff": "xliff"}
MAX_BYTES = 50 * 1024 * 1024
_MODULES = {"xlsx": "xlsx", "ods": "ods", "csv": "csvfile", "xliff": "xliff"}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 has no such characters


def format_of(path: str | Path) -> str:
    """The packet format a file's name says (.po, .xlsx, .ods, .csv/.tsv, .xlf/.xliff)."""
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise PacketFormatError(
            f"not a work packet's name: {Path(path).name}", path,
            hint="packets end in .po, .xlsx, .ods, .csv or .xlf (rename it to what it is)")
    return fmt


def _module(fmt: str):
    return importlib.import_module(f"reclaim_i18n.packets.{_MODULES[fmt]}")


def export_packet(config, catalog, template, bcp47: str, fmt: str, out: Path | None,
                  *todo_args) -> tuple[bytes, str]:
    """The packet's bytes and a summary ("12 entries"); ``todo_args`` go to
    :func:`~reclaim_i18n.packets.po.make_packet` (what is left, in which order)."""
    if out is not None and fmt != format_of(out):
        raise PacketFormatError(f"a {fmt} packet needs a name ending in "
                                f"{'/'.join(s for s, f in SUFFIXES.items() if f == fmt)}", out)
    english = config.language(bcp47).english_name
    if fmt == "po":
        packet = po.make_packet(catalog, template, bcp47, english, *todo_args)
        return format_po(packet), f"{len(packet.messages)} entries"
    if fmt in ("xlsx", "ods") and out is None:
        raise PacketFormatError(f"a {fmt} packet is a binary file: give --out FILE.{fmt}")
    approved = approved_keys(catalog, load_records(config.po_path(bcp47)))
    sheet = packet_sheet(catalog, template, bcp47, english, approved,
                         *todo_args)
    if fmt != "csv":
        _refuse_not_xml(sheet, catalog, fmt)
    writer = getattr(_module(fmt), f"write_{fmt}")
    if fmt == "xliff":
        data = writer(sheet, relative(config.po_path(bcp47), config.root))
    else:
        data = writer(sheet)
    messages = len({row.id.split("[")[0] for row in sheet.rows})
    return data, f"{messages} entries in {len(sheet.rows)} rows"


def _refuse_not_xml(sheet, catalog, fmt: str) -> None:
    """xlsx, ods and XLIFF are XML: a control character (Word's line break U+000B) would
    be refused by the writer or silently dropped, so the entry is named instead."""
    index = catalog.index()
    for row in sheet.rows:
        bad = NOT_XML.search(row.english + row.translation + row.notes)
        if bad:
            msg = index.get((row.msgctxt, row.msgid))
            raise CatalogError(
                f"{row.msgctxt or row.msgid!r} holds the control character "
                f"U+{ord(bad.group()):04X}, which a .{fmt} file cannot carry", catalog.path,
                msg.line if msg is not None else None,
                hint="remove it from the catalogue ('reclaim-i18n check' shows it), or "
                     "make a .csv or .po packet")


def read_incoming(path: Path, fmt: str):
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PacketFormatError(f"{size:,} bytes: too big for a work packet", path)
        data = path.read_bytes()
    except OSError as exc:
        raise PacketFormatError(f"cannot read it: {exc.strerror}", path) from None
    return getattr(_module(fmt), f"read_{fmt}")(path, data)


def apply_packet(config, path, requested: str | None = None, dry_run: bool = False,
                 *more, **options) -> po.ApplyResult:
    """Apply a packet of any format; further arguments go to the PO packet's apply."""
    path = Path(path)
    fmt = format_of(path)
    if fmt == "po":
        result = po.apply_packet(config, path, requested, dry_run, *more, **options)
    else:
        incoming = read_incoming(path, fmt)
        packet = header_packet(incoming)
        code = po.packet_locale(config, packet, requested)
        catalog, _ = po.read_catalogs(config, code)
        reported = fill_packet(packet, incoming, catalog, catalog_plurals(catalog, code))
        result = po.apply_packet(config, packet, requested, dry_run, *more, **options)
        result.rejected[:0] = reported
        if incoming.unit == "row" and (result.problems or result.notes):
            result.notes.insert(0, f"{path}:N is row N of the spreadsheet")
    return result
