"""The one place that reads and writes PO files.

Reading is strict: every syntax or encoding problem is a :class:`CatalogError` naming the
file, the line and what to do (with every further malformed entry, up to a limit). What
GNU tools refuse but can be read -- a byte-order mark, CR line ends, an obsolete entry
that repeats another -- is a :class:`ReaderWarning` in ``Catalog.warnings``, and the next
write of the file repairs it. Writing follows GNU gettext (``msgcat``) byte for byte for
entries the tool creates or changes, and keeps the exact text of every entry it did not
change, whatever editor saved it last.
"""

from reclaim_i18n.pofile.catalog import (
    Catalog,
    Message,
    ReaderWarning,
    header_field_line,
    new_message_from,
    parse_header,
)
from reclaim_i18n.pofile.escapes import escape, unescape
from reclaim_i18n.pofile.reader import MAX_FILE_BYTES, parse_po, read_po
from reclaim_i18n.pofile.writer import (
    WIDTH,
    catalog_modified,
    format_message,
    format_po,
    po_bytes,
    write_po,
)

__all__ = ["MAX_FILE_BYTES", "WIDTH", "Catalog", "Message", "ReaderWarning", "catalog_modified", "escape",
           "format_message", "format_po", "header_field_line", "new_message_from",
           "parse_header", "parse_po", "po_bytes", "read_po", "unescape", "write_po"]
