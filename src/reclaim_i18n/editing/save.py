"""Check, save and approve one entry: what the editor writes, through the one PO writer.

A save re-reads the catalogue from disk under the lock and changes only that entry (and
the header's ``PO-Revision-Date`` and ``Last-Translator``): whatever else changed on
disk since the volunteer loaded the entry (a git pull, ``update``, another volunteer's
save) is kept -- an entry-level merge. The volunteer's ``revision`` must still be the
entry's, else it is a :class:`Conflict` showing both texts, never a silent overwrite.
"""

from __future__ import annotations

import contextlib
import threading
import time

from reclaim_i18n.editing.entries import (
    InvalidEntry,
    Snapshot,
    UnknownEntry,
    cached,
    entry_dict,
    entry_id,
    file_signature,
    finding_dict,
    glossary,
    make_snapshot,
    remember,
    revision,
    snapshot,
)
from reclaim_i18n.errors import LockError, ReclaimError
from reclaim_i18n.pofile import Catalog, Message

LOCK_WAIT = 10.0   # seconds a save waits for another run (update, build) to finish
_FILE_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


class Conflict(ReclaimError):
    """The entry changed since the volunteer loaded it: both versions."""

    def __init__(self, mine: dict, theirs: dict):
        super().__init__("this entry was changed by someone else since you opened it",
                         hint="compare both versions, then save again with the new revision")
        self.mine, self.theirs = mine, theirs


@contextlib.contextmanager
def writing(config, code: str):
    """One writer per catalogue in this process, and the project lock against other
    processes (waited for, up to :data:`LOCK_WAIT`)."""
    from reclaim_i18n.lock import project_lock

    with _LOCKS_LOCK:
        lock = _FILE_LOCKS.setdefault(code, threading.Lock())
    with lock:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                with project_lock(config.root):
                    yield
                return
            except LockError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


def _forms(msg: Message, catalog: Catalog, code: str, msgstr) -> list[str]:
    from reclaim_i18n.plurals.catalog import catalog_plurals

    if not isinstance(msgstr, list) or not all(isinstance(s, str) for s in msgstr):
        raise InvalidEntry("msgstr must be a list of strings")
    wanted = catalog_plurals(catalog, code)[0] if msg.is_plural else 1
    if len(msgstr) != wanted:
        raise InvalidEntry(f"this entry has {wanted} form(s), not {len(msgstr)}")
    return msgstr


def apply_text(msg: Message, forms: list[str], fuzzy: bool) -> None:
    """Put a volunteer's text into the entry; finishing a fuzzy entry drops ``#|``."""
    if msg.is_plural:
        msg.msgstr_plural = list(forms)
    else:
        msg.msgstr = forms[0]
    msg.set_fuzzy(bool(fuzzy) and any(forms))
    if not msg.fuzzy:
        msg.previous_msgctxt = msg.previous_msgid = msg.previous_msgid_plural = None


def check_entry(config, code: str, eid: str, msgstr, fuzzy: bool | None = None) -> list[dict]:
    """The findings ``reclaim-i18n check`` would give the entry with this text; nothing is
    written."""
    from reclaim_i18n.checks import check_entry as run_checks
    from reclaim_i18n.pofile import new_message_from

    snap = snapshot(config, code)
    msg = snap.message(eid)
    draft = new_message_from(msg)
    apply_text(draft, _forms(msg, snap.catalog, code, msgstr),
               msg.fuzzy if fuzzy is None else fuzzy)
    draft.line, draft.msgstr_line = msg.line, msg.msgstr_line
    return [finding_dict(f) for f in run_checks(snap.catalog, draft, code, config,
                                                glossary(config))]


def _current(config, code: str) -> Snapshot:
    """The catalogue as it is on disk now (not the cached one)."""
    from reclaim_i18n.editing.entries import read_snapshot

    return read_snapshot(config, code)


def _after_write(config, code: str, catalog: Catalog, before: tuple | None,
                 changed: Message | None) -> Snapshot:
    """The snapshot of what was just written: the findings of the one changed entry are
    checked again, the others kept when the cached snapshot was of the file we read."""
    from reclaim_i18n.checks import check_entry as run_checks

    old = cached(config, code, before)
    findings = None if old is None else dict(old.findings)
    if findings is not None and changed is not None:
        findings[changed.key] = run_checks(catalog, changed, code, config, glossary(config))
    snap = make_snapshot(config, code, catalog, file_signature(config.po_path(code)), findings)
    remember(config, snap, snap.signature)
    return snap


def save_entry(config, code: str, eid: str, msgstr, fuzzy: bool, base_revision: str,
               translator: str) -> dict:
    """Write one entry atomically; return it as saved, with its findings. Raises
    :class:`Conflict` when the entry is no longer at ``base_revision``."""
    from reclaim_i18n.content.extract import now_stamp
    from reclaim_i18n.pofile import read_po, write_po
    from reclaim_i18n.review.policy import person_name
    from reclaim_i18n.review.workflow import record_translators

    name = person_name(translator, "translator")
    with writing(config, code):
        path = config.po_path(code)
        before = file_signature(path)
        catalog = read_po(path)
        msg = _find(catalog, eid)
        forms = _forms(msg, catalog, code, msgstr)
        wanted = (forms, bool(fuzzy) and any(forms))
        if revision(msg) != base_revision and (msg.translations, msg.fuzzy) != wanted:
            raise _conflict(config, code, msg, forms, fuzzy)
        if (msg.translations, msg.fuzzy) != wanted:
            apply_text(msg, forms, fuzzy)
            catalog.set_header("PO-Revision-Date", now_stamp())
            catalog.set_header("Last-Translator", name)
            write_po(catalog)
            record_translators(config, code, [msg], name)
        snap = _after_write(config, code, catalog, before, msg)
    return entry_dict(snap, snap.message(eid), config)


def _find(catalog: Catalog, eid: str) -> Message:
    msg = next((m for m in catalog.active if entry_id(m.msgctxt, m.msgid) == eid), None)
    if msg is None:
        raise UnknownEntry(f"no entry {eid!r} in this language",
                           hint="the English may have changed: reload the list")
    return msg


def _conflict(config, code: str, msg: Message, forms: list[str], fuzzy: bool) -> Conflict:
    snap = _current(config, code)
    theirs = entry_dict(snap, snap.message(entry_id(msg.msgctxt, msg.msgid)), config)
    return Conflict({"msgstr": forms, "fuzzy": bool(fuzzy)}, theirs)


def approve_entry(config, code: str, eid: str, reviewer: str) -> dict:
    """Approve one entry as it is now, by the review rules (four eyes, no errors, not
    fuzzy); a refusal is a :class:`ReviewError` saying why."""
    from reclaim_i18n.review.policy import ReviewError, person_name
    from reclaim_i18n.review.records import save_records
    from reclaim_i18n.review.workflow import (
        ApproveResult,
        approve_messages,
        check_errors,
        open_review,
        today,
    )

    name = person_name(reviewer)
    with writing(config, code):
        before = file_signature(config.po_path(code))
        review = open_review(config, code)
        msg = _find(review.catalog, eid)
        result = ApproveResult()
        approve_messages(config, review, [msg], name, today(), result,
                         check_errors(review.catalog, code, config))
        if result.refused:
            raise ReviewError(f"not approved: {result.refused[0][1]}")
        if result.approved:
            save_records(review.catalog.path, review.records, review.catalog)
        snap = _after_write(config, code, review.catalog, before, None)
    return entry_dict(snap, snap.message(eid), config)
