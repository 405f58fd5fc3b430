"""Writing PO files as GNU gettext (msgcat) does, keeping untouched entries byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

from reclaim_i18n.fsio import write_if_changed
from reclaim_i18n.pofile.catalog import Catalog, Message
from reclaim_i18n.pofile.escapes import escape

WIDTH = 79


def _wrap(keyword: str, text: str, prefix: str = "", wrap: bool = True,
          width: int = WIDTH, flags: list[str] | tuple = ()) -> list[str]:
    """``keyword "text"`` as GNU gettext lays it out over one or more lines."""
    from reclaim_i18n.pofile.wrap import wrap_field

    return wrap_field(keyword, escape(text), prefix, width, wrap, tuple(flags))


def _flag_order(flags: list[str]) -> list[str]:
    """gettext's order: fuzzy, then format flags, then the rest in file order."""
    seen, out = set(), []
    for f in flags:
        if f not in seen:
            seen.add(f)
            out.append(f)
    fmt = [f for f in out if f.endswith("-format") and f != "fuzzy"]
    rest = [f for f in out if f != "fuzzy" and f not in fmt]
    wraps = [f for f in rest if f in ("wrap", "no-wrap")]
    rest = [f for f in rest if f not in wraps]
    return (["fuzzy"] if "fuzzy" in out else []) + fmt + rest + wraps


def format_message(msg: Message, width: int = WIDTH) -> str:
    """One entry, formatted as msgcat writes it (no trailing newline)."""
    out: list[str] = []
    for c in msg.comments:
        out.append(f"# {c}" if c else "#")
    for c in msg.auto_comments:
        out.append(f"#. {c}" if c else "#.")
    out.extend(_reference_lines(msg.references, width))
    if msg.flags:
        out.append("#, " + ", ".join(_flag_order(msg.flags)))
    wrap = "no-wrap" not in msg.flags
    kw_prefix = "#~ " if msg.obsolete else ""
    prev_prefix = "#~| " if msg.obsolete else "#| "
    for name in ("msgctxt", "msgid", "msgid_plural"):
        value = getattr(msg, "previous_" + name)
        if value is not None:
            out.extend(_wrap(name, value, prev_prefix, wrap, width, msg.flags))
    if msg.msgctxt is not None:
        out.extend(_wrap("msgctxt", msg.msgctxt, kw_prefix, wrap, width, msg.flags))
    out.extend(_wrap("msgid", msg.msgid, kw_prefix, wrap, width, msg.flags))
    if msg.msgid_plural is not None:
        out.extend(_wrap("msgid_plural", msg.msgid_plural, kw_prefix, wrap, width, msg.flags))
        for i, form in enumerate(msg.msgstr_plural):
            out.extend(_wrap(f"msgstr[{i}]", form, kw_prefix, wrap, width, msg.flags))
    else:
        out.extend(_wrap("msgstr", msg.msgstr, kw_prefix, wrap, width, msg.flags))
    return "\n".join(out)


def _reference_lines(refs: list[str], width: int) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if current != "#:" and len(current) + 1 + len(ref) > width:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def format_po(catalog: Catalog, width: int = WIDTH, keep_raw: bool = True) -> bytes:
    """The whole catalogue as bytes: unchanged entries verbatim, the rest as msgcat.

    ``keep_raw=False`` formats every entry as msgcat would (the template, which the tool
    owns).
    """
    if keep_raw and catalog.source_bytes is not None and not catalog_modified(catalog):
        return catalog.source_bytes
    ordered = [catalog.header, *catalog.active, *catalog.obsolete]
    blocks = [_entry_text(m, width, keep_raw) for m in ordered]
    text = "\n\n".join(blocks) + "\n"
    if catalog.trailing:
        text += "\n" + catalog.trailing
    if catalog.newline != "\n" and keep_raw:
        text = text.replace("\n", catalog.newline)
    return text.encode("utf-8")  # never a byte-order mark: GNU gettext refuses it


def catalog_modified(catalog: Catalog) -> bool:
    if catalog.repaired:
        return True  # a byte-order mark, CR line ends or a duplicate obsolete entry
    if catalog.charset != "utf-8" or catalog.charset_mismatch:
        return True  # written back as UTF-8 with a header that says so
    if tuple(id(m) for m in catalog.messages) != catalog.source_order:
        return True  # entries added, removed or moved
    return any(m.modified for m in (catalog.header, *catalog.messages))


def _entry_text(msg: Message, width: int, keep_raw: bool = True) -> str:
    if keep_raw and msg.raw is not None and not msg.modified:
        return msg.raw
    return format_message(msg, width)


def write_po(catalog: Catalog, path: str | Path | None = None, width: int = WIDTH,
             keep_raw: bool = True) -> bool:
    """Write atomically; returns False (and touches nothing) when the bytes are the same.

    ``keep_raw=False`` lays out every entry as msgcat would (for files the tool owns).
    """
    return write_if_changed(Path(path or catalog.path), po_bytes(catalog, width, keep_raw))


def po_bytes(catalog: Catalog, width: int = WIDTH, keep_raw: bool = True) -> bytes:
    """The bytes :func:`write_po` writes (a catalogue in another charset becomes UTF-8)."""
    if catalog.charset != "utf-8" or catalog.charset_mismatch:
        _declare_utf8(catalog)
    return format_po(catalog, width, keep_raw)


def _declare_utf8(catalog: Catalog) -> None:
    value = catalog.header_value("Content-Type") or ""
    new = re.sub(r"charset=\s*[A-Za-z0-9_.:-]+", "charset=UTF-8", value)
    catalog.set_header("Content-Type", new if "charset=" in new
                       else "text/plain; charset=UTF-8")
    catalog.charset, catalog.charset_mismatch = "utf-8", False
