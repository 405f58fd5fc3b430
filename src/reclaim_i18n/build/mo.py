"""Compiled catalogues (GNU ``.mo``), as ``msgfmt`` writes them, without private data.

Entries are sorted by their original string; the header entry (msgid "") comes first;
msgctxt is joined to the msgid with ``\\x04`` and plural forms with ``\\x00``. Fuzzy,
untranslated and erroneous entries are left out. The header keeps the translator's name
but not their e-mail address, and always declares UTF-8 and the file's Plural-Forms.
"""

from __future__ import annotations

import struct

from reclaim_i18n.build.entries import Key, publishable, strip_emails
from reclaim_i18n.pofile import Catalog, parse_header

MAGIC = 0x950412DE
_DROP = {"content-type", "plural-forms"}


def public_header(catalog: Catalog, nplurals: int, expr: str) -> str:
    """The header text for the ``.mo``: addresses stripped, charset UTF-8, Plural-Forms."""
    fields = []
    for key, value in parse_header(catalog.header.msgstr):
        if not key or key.lower() in _DROP:
            continue
        fields.append((key, strip_emails(value)))
    fields.append(("Content-Type", "text/plain; charset=UTF-8"))
    fields.append(("Plural-Forms", f"nplurals={nplurals}; plural={expr};"))
    return "".join(f"{k}: {v}\n" for k, v in fields)


def mo_entries(catalog: Catalog, excluded: set[Key] | frozenset, nplurals: int, expr: str
               ) -> list[tuple[bytes, bytes]]:
    """(original, translation) byte pairs, header first, sorted by original."""
    pairs = []
    for msg in publishable(catalog, excluded, nplurals).values():
        original = msg.msgid if msg.msgid_plural is None else f"{msg.msgid}\0{msg.msgid_plural}"
        if msg.msgctxt is not None:
            original = f"{msg.msgctxt}\x04{original}"
        translation = "\0".join(msg.msgstr_plural) if msg.is_plural else msg.msgstr
        pairs.append((original.encode("utf-8"), translation.encode("utf-8")))
    pairs.sort()
    header = public_header(catalog, nplurals, expr).encode("utf-8")
    return [(b"", header), *pairs]


def write_mo(catalog: Catalog, excluded: set[Key] | frozenset, nplurals: int, expr: str
             ) -> bytes:
    """The ``.mo`` bytes (little-endian, revision 0, no hash table)."""
    entries = mo_entries(catalog, excluded, nplurals, expr)
    count = len(entries)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    blob = bytearray()
    table_o, table_t = [], []
    for original, _ in entries:
        table_o.append((len(original), data_at + len(blob)))
        blob += original + b"\0"
    for _, translation in entries:
        table_t.append((len(translation), data_at + len(blob)))
        blob += translation + b"\0"
    head = struct.pack("<7I", MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    tables = b"".join(struct.pack("<2I", *t) for t in table_o + table_t)
    return head + tables + bytes(blob)
