"""Work packets: what is left to translate in one language, carried away and back.

- :mod:`~reclaim_i18n.packets.po` — the to-do list and PO packets: make, merge, apply
  (the rules every format follows).
- :mod:`~reclaim_i18n.packets.rows` — the format-neutral packet: one row per message
  and plural form, with a stable id.
- :mod:`~reclaim_i18n.packets.table`, ``xlsx``, ``ods``, ``csvfile`` — spreadsheets;
  :mod:`~reclaim_i18n.packets.xliff` — XLIFF 1.2 for CAT tools.
- :mod:`~reclaim_i18n.packets.incoming` — rows read back → a PO packet;
  :mod:`~reclaim_i18n.packets.suggest` — stale translations kept as fuzzy suggestions.
- :mod:`~reclaim_i18n.packets.formats` — the format of a file, export and apply.

``apply_packet`` here takes a packet of any format; the names of ``po`` stay importable
from ``reclaim_i18n.packets`` as they were before the package.
"""

from reclaim_i18n.packets.po import (
    PACKET_HEADER,
    ApplyResult,
    TodoItem,
    check_errors,
    english_now,
    entry_errors,
    finding_text,
    make_packet,
    merge_packet,
    packet_locale,
    packet_stamp,
    parse_stamp,
    read_catalogs,
    record_revision,
    todo_items,
    translator_of,
    word_diff,
)

__all__ = ["FORMATS", "PACKET_HEADER", "ApplyResult", "TodoItem", "apply_packet",
           "check_errors", "english_now", "entry_errors", "export_packet", "finding_text",
           "format_of", "make_packet", "merge_packet", "packet_locale", "packet_stamp",
           "parse_stamp", "read_catalogs", "record_revision", "todo_items", "translator_of",
           "word_diff"]

_FORMATS_NAMES = ("FORMATS", "apply_packet", "export_packet", "format_of")


def __getattr__(name: str):
    # imported when first used: a to-do list or a PO packet need not load the spreadsheet,
    # XLIFF and review modules behind the other formats (about 0.1 s)
    if name in _FORMATS_NAMES:
        from reclaim_i18n.packets import formats

        return getattr(formats, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
