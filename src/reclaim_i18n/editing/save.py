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
from dataclasses import dataclass

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
_PROJECT_LOCK = threading.Lock()


class Conflict(ReclaimError):
    """The entry changed since the volunteer loaded it: both versions."""

    def __init__(self, mine: dict, theirs: dict):
        super().__init__("this entry was changed by someone else since you opened it",
                         hint="compare both versions, then save again with the new revision")
        self.mine, self.theirs = mine, theirs


@contextlib.contextmanager
def writing(config, code: str):
    """One writer per catalogue, one holder of the project lock in this process (its
    threads wait in turn), and the project lock against other processes (waited for, up
    to :data:`LOCK_WAIT`)."""
    with _LOCKS_LOCK:
        lock = _FILE_LOCKS.setdefault(code, threading.Lock())
    with lock, _PROJECT_LOCK, contextlib.ExitStack() as stack:
        _take_project_lock(stack, config.root)
        yield


def _take_project_lock(stack: contextlib.ExitStack, root) -> None:
    from reclaim_i18n.lock import project_lock

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            stack.enter_context(project_lock(root))
            return
        except LockError:   # another process (update, build) is writing
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _forms(msg: Message, catalog: Catalog, code: str, msgstr) -> list[str]:
    from reclaim_i18n.plurals.catalog import catalog_plurals

    if not isinstance(msgstr, list) or not all(isinstance(s, str) for s in msgstr):
        raise InvalidEntry("msgstr must be a list of strings")
    if any(_unstorable(s) for s in msgstr):   # would leave a PO file nothing can read
        raise InvalidEntry("the text holds a NUL or an unpaired surrogate character",
                           hint="delete the text around it and type it again")
    wanted = catalog_plurals(catalog, code)[0] if msg.is_plural else 1
    if len(msgstr) != wanted:
        raise InvalidEntry(f"this entry has {wanted} form(s), not {len(msgstr)}")
    return msgstr


def _unstorable(text: str) -> bool:
    """NUL (the PO reader refuses the file) or a lone surrogate (not encodable as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return "\0" in text


def apply_text(msg: Message, forms: list[str], fuzzy: bool) -> None:
    """Put a volunteer's text into the entry; finishing a fuzzy entry drops ``#|``."""
    msg.set_translations(forms)
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


def _after_write(config, code: str, catalog: Catalog, before: tuple | None,
                 changed: list[Message]) -> Snapshot:
    """The snapshot of what was just written: the findings of the changed entries are
    checked again, the others kept when the cached snapshot was of the file we read."""
    from reclaim_i18n.checks import check_entry as run_checks

    old = cached(config, code, before)
    findings = None if old is None else dict(old.findings)
    if findings is not None:
        for msg in changed:
            findings[msg.key] = run_checks(catalog, msg, code, config, glossary(config))
    snap = make_snapshot(config, code, catalog, file_signature(config.po_path(code)), findings)
    remember(config, snap, snap.signature)
    return snap


@dataclass(eq=False)
class _Save:
    """One volunteer's save, waiting for the writer of its catalogue."""

    eid: str
    msgstr: list
    fuzzy: bool
    base: str
    name: str
    error: Exception | None = None
    mine: dict | None = None       # set on a conflict: what the volunteer sent
    snap: Snapshot | None = None
    done: bool = False


_QUEUES: dict[str, list[_Save]] = {}


def save_entry(config, code: str, eid: str, msgstr, fuzzy: bool, base_revision: str,
               translator: str) -> dict:
    """Write one entry atomically; return it as saved, with its findings. Raises
    :class:`Conflict` when the entry is no longer at ``base_revision``.

    Saves of one catalogue that arrive while it is being written wait, then are written
    together by whichever of them gets the lock next (one read and one write for all,
    each still checked against its own revision): the queue never grows with the load.
    """
    from reclaim_i18n.review.policy import person_name

    job = _Save(eid, msgstr, bool(fuzzy), base_revision, person_name(translator, "translator"))
    with _LOCKS_LOCK:
        _QUEUES.setdefault(code, []).append(job)
    try:
        with writing(config, code):
            if not job.done:
                with _LOCKS_LOCK:
                    batch, _QUEUES[code] = _QUEUES[code], []
                _write_batch(config, code, batch)
    finally:
        with _LOCKS_LOCK:   # not written (the lock was not had): never written later
            if not job.done and job in _QUEUES.get(code, []):
                _QUEUES[code].remove(job)
    if job.error is not None:
        raise job.error
    saved = entry_dict(job.snap, job.snap.message(eid), config)
    if job.mine is not None:
        raise Conflict(job.mine, saved)
    return saved


def _write_batch(config, code: str, batch: list[_Save]) -> None:
    from reclaim_i18n.content.extract import now_stamp
    from reclaim_i18n.pofile import read_po, write_po

    try:
        path = config.po_path(code)
        before = file_signature(path)
        catalog = read_po(path)
        changed = [(msg, job.name) for job in batch if (msg := _take(catalog, code, job))]
        if changed:
            catalog.set_header("PO-Revision-Date", now_stamp())
            catalog.set_header("Last-Translator", changed[-1][1])
            write_po(catalog)
            _record(config, code, catalog, changed)
        snap = _after_write(config, code, catalog, before, [m for m, _ in changed])
        for job in batch:
            job.snap = snap
    except Exception as exc:  # noqa: BLE001 - each waiting save reports it
        for job in batch:
            job.error = job.error or exc
    finally:
        for job in batch:
            job.done = True


def _take(catalog: Catalog, code: str, job: _Save) -> Message | None:
    """Apply one save to the catalogue read from disk; the entry if it changed (None
    when nothing changed, or on a conflict or error, which the job then holds)."""
    try:
        msg = _find(catalog, job.eid)
        forms = _forms(msg, catalog, code, job.msgstr)
    except ReclaimError as exc:
        job.error = exc
        return None
    wanted = (forms, job.fuzzy and any(forms))
    if (msg.translations, msg.fuzzy) == wanted:
        return None          # already so (the same save sent twice): not a conflict
    if revision(msg) != job.base:
        job.mine = {"msgstr": forms, "fuzzy": job.fuzzy}
        return None
    apply_text(msg, forms, job.fuzzy)
    return msg


def _record(config, code: str, catalog: Catalog, changed: list[tuple[Message, str]]) -> None:
    """Remember each entry's translator (four eyes: they may not approve it)."""
    from reclaim_i18n.review.workflow import record_each_translator

    record_each_translator(config, code, changed, catalog)


def _find(catalog: Catalog, eid: str) -> Message:
    msg = next((m for m in catalog.active if entry_id(m.msgctxt, m.msgid) == eid), None)
    if msg is None:
        raise UnknownEntry(f"no entry {eid!r} in this language",
                           hint="the English may have changed: reload the list")
    return msg


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
        snap = _after_write(config, code, review.catalog, before, [])
    return entry_dict(snap, snap.message(eid), config)
