"""The editor's library side (the web workspace is a thin skin over it): entries of a
language with their state, findings, suggestions, plural examples and glossary terms;
live checks; entry-level saves with conflict detection; approvals; progress.

- :mod:`.entries` — ids, revisions, snapshots of a catalogue, listing;
- :mod:`.save` — check, save and approve one entry;
- :mod:`.progress` — words, messages, approved; pages in site order with what is left.
"""

from reclaim_i18n.editing.entries import STATES, UnknownEntry, entry_id, get_entry, list_entries
from reclaim_i18n.editing.progress import language_progress, pages_left
from reclaim_i18n.editing.save import Conflict, InvalidEntry, approve_entry, check_entry, save_entry

__all__ = ["STATES", "Conflict", "InvalidEntry", "UnknownEntry", "approve_entry", "check_entry",
           "entry_id", "get_entry", "language_progress", "list_entries", "pages_left",
           "save_entry"]
