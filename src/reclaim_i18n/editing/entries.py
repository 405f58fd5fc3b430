"""One language as the editor sees it: entry ids and revisions, states, findings,
suggestions, plural examples and glossary terms -- plain data, no web.

A :class:`Snapshot` is a catalogue read from disk with its findings; it is kept in memory
while the file on disk is the same (size, mtime, inode), so a long-running server checks
a catalogue once, not on every list.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field

from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.pofile import Catalog, Message

STATES = ("untranslated", "fuzzy", "translated", "problems", "review")


class UnknownEntry(ReclaimError):
    """No active entry of the catalogue has this id."""


class InvalidEntry(ReclaimError):
    """A request the editor cannot use: a text that does not fit the entry (e.g. the
    number of plural forms), an unknown filter."""

    exit_code = 2


def entry_id(msgctxt: str | None, msgid: str) -> str:
    """Stable across restarts and languages: a digest of (msgctxt, msgid)."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def revision(msg: Message) -> str:
    """A digest of the entry's translation and fuzzy flag (not of the file): saves of
    different entries never conflict."""
    data = json.dumps([msg.translations, msg.fuzzy], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def file_signature(path) -> tuple | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass
class Snapshot:
    """A language's catalogue as read, with what the editor shows about each entry."""

    code: str
    catalog: Catalog
    signature: tuple | None
    findings: dict = field(default_factory=dict)     # key → [Finding]
    by_id: dict = field(default_factory=dict)        # id → Message (active entries)
    approved: frozenset = frozenset()
    translators: dict = field(default_factory=dict)  # key → last translator

    def message(self, eid: str) -> Message:
        msg = self.by_id.get(eid)
        if msg is None:
            raise UnknownEntry(f"no entry {eid!r} in this language",
                               hint="the English may have changed: reload the list")
        return msg


_CACHE: dict[str, Snapshot] = {}
_CACHE_LOCK = threading.Lock()


def snapshot(config, code: str) -> Snapshot:
    """The language's :class:`Snapshot`, read again only when the file changed."""
    signature = file_signature(config.po_path(code))
    snap = cached(config, code, signature)
    if snap is None:
        snap = read_snapshot(config, code, signature)
        remember(config, snap, signature)
    return snap


def read_snapshot(config, code: str, signature: tuple | None = None) -> Snapshot:
    from reclaim_i18n.pofile import read_po

    path = config.po_path(code)
    if not path.exists():
        raise UnknownEntry("no catalogue for this language yet", path,
                           hint=f"run 'reclaim-i18n init {code}' or 'reclaim-i18n update'")
    return make_snapshot(config, code, read_po(path), signature or file_signature(path))


def make_snapshot(config, code: str, catalog: Catalog, signature: tuple | None,
                  findings: dict | None = None) -> Snapshot:
    """A snapshot of ``catalog``; ``findings`` (key → list) when known, else checked."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.review import approved_keys, load_records
    from reclaim_i18n.review.state import last_translator

    records = load_records(config.po_path(code))
    if findings is None:
        findings = {}
        for f in check_catalog(catalog, code, config, glossary(config)):
            if f.msgid is not None:
                findings.setdefault((f.msgctxt, f.msgid), []).append(f)
    active = catalog.active
    return Snapshot(code, catalog, signature, findings,
                    {entry_id(m.msgctxt, m.msgid): m for m in active},
                    approved_keys(catalog, records),
                    {m.key: t for m in active if (t := last_translator(m, records.get(m.key)))})


def cached(config, code: str, signature: tuple | None) -> Snapshot | None:
    """The snapshot in memory when it is of the file with this signature."""
    with _CACHE_LOCK:
        snap = _CACHE.get(str(config.po_path(code)))
    return snap if snap is not None and signature is not None and \
        snap.signature == signature else None


def remember(config, snap: Snapshot, signature: tuple | None = None) -> None:
    """Keep a snapshot in memory (of the file as it is now, unless ``signature``)."""
    snap.signature = signature or file_signature(config.po_path(snap.code))
    with _CACHE_LOCK:
        _CACHE[str(config.po_path(snap.code))] = snap


_GLOSSARIES: dict = {}


def glossary(config):
    """The project's glossary, read again only when its file changed."""
    from reclaim_i18n.checks.glossary import FILE_NAME, load_glossary

    key = (str(config.source_dir), file_signature(config.source_dir / FILE_NAME))
    found = _GLOSSARIES.get(key)
    if found is None:
        found = _GLOSSARIES[key] = load_glossary(config.source_dir, strict=False)
    return found


# ------------------------------------------------------------------ one entry as data

def entry_state(msg: Message, snap: Snapshot) -> str:
    """untranslated, fuzzy, translated or needs-fixing (:func:`stats.message_state`)."""
    from reclaim_i18n.stats import message_state

    errors = any(f.severity.value == "error" for f in snap.findings.get(msg.key, ()))
    return message_state(msg, frozenset({msg.key}) if errors else frozenset())


def matches(msg: Message, snap: Snapshot, state: str | None) -> bool:
    """Whether the entry belongs to a list filter (``STATES``; None: every entry)."""
    if not state:
        return True
    if state == "problems":
        return bool(snap.findings.get(msg.key))
    if state == "review":
        return msg.translated and msg.key not in snap.approved
    current = entry_state(msg, snap)
    return current == state or (state == "translated" and current == "needs-fixing")


def finding_dict(f) -> dict:
    return {"check": f.check, "severity": f.severity.value, "message": f.message,
            "hint": f.hint}


def plural_examples(catalog: Catalog, code: str, msg: Message) -> list[dict]:
    """Each msgstr[i] with the CLDR category it stands for and example numbers."""
    if not msg.is_plural:
        return []
    from reclaim_i18n.plurals.catalog import catalog_plurals
    from reclaim_i18n.plurals.categories import form_indexes
    from reclaim_i18n.plurals.expressions import form_examples

    nplurals, expr = catalog_plurals(catalog, code)
    names: dict[int, list[str]] = {}
    for category, index in form_indexes(code, nplurals, expr):
        names.setdefault(index, []).append(category)
    return [{"index": i, "category": "/".join(names.get(i, ())) or None,
             "examples": str(ex)} for i, ex in enumerate(form_examples(nplurals, expr))]


def suggestions(catalog: Catalog, msg: Message) -> list[dict]:
    """Translations of the same English elsewhere in the catalogue, and obsolete entries
    whose English was the same (or this entry's previous English)."""
    english = {msg.msgid, msg.previous_msgid} - {None}
    out, seen = [], set(msg.translations)
    for other in catalog.messages:
        if other is msg or other.msgid not in english or not other.has_translation:
            continue
        for text in other.translations:
            if text and text not in seen:
                seen.add(text)
                source = "obsolete" if other.obsolete else f"same English: {other.msgctxt or ''}"
                out.append({"text": text, "source": source})
    return out[:10]


def entry_dict(snap: Snapshot, msg: Message, config, full: bool = True) -> dict:
    """The entry as the API gives it (``full``: with suggestions, glossary and HTML)."""
    from reclaim_i18n.checks.length import max_length
    from reclaim_i18n.stats import page_of

    page, section = page_of(msg.msgctxt)
    data = {
        "id": entry_id(msg.msgctxt, msg.msgid), "msgctxt": msg.msgctxt, "msgid": msg.msgid,
        "msgid_plural": msg.msgid_plural, "msgstr": msg.translations, "fuzzy": msg.fuzzy,
        "previous_msgid": msg.previous_msgid, "notes": list(msg.auto_comments),
        "max_length": max_length(msg.flags, msg.auto_comments),
        "plural_examples": plural_examples(snap.catalog, snap.code, msg),
        "findings": [finding_dict(f) for f in snap.findings.get(msg.key, ())],
        "revision": revision(msg), "state": entry_state(msg, snap),
        "approved": msg.key in snap.approved, "translator": snap.translators.get(msg.key),
        "page": page, "section": section,
    }
    if full:
        data.update(details(snap, msg, config))
    return data


def details(snap: Snapshot, msg: Message, config) -> dict:
    from reclaim_i18n.build.site import render_markdown
    from reclaim_i18n.checks.glossary import terms_of
    from reclaim_i18n.textdiff import word_diff

    terms = terms_of(glossary(config), msg.msgid, snap.code)
    return {"glossary": [{"term": t, "translation": tr} for t, tr in terms],
            "suggestions": suggestions(snap.catalog, msg),
            "english_html": render_markdown(msg.msgid),
            "english_diff": (word_diff(msg.previous_msgid, msg.msgid)
                             if msg.fuzzy and msg.previous_msgid is not None else None)}


def list_entries(config, code: str, state: str | None = None, page: str | None = None,
                 offset: int = 0, limit: int = 200) -> dict:
    """One page of a language's entries in file order, filtered by state and site page."""
    from reclaim_i18n.stats import page_of

    if state and state not in STATES:
        raise InvalidEntry(f"state must be one of {', '.join(STATES)}")
    snap = snapshot(config, code)
    chosen = [m for m in snap.catalog.active
              if (page is None or page_of(m.msgctxt)[0] == page) and matches(m, snap, state)]
    shown = chosen[offset:offset + limit]
    return {"entries": [entry_dict(snap, m, config, full=False) for m in shown],
            "total": len(chosen), "offset": offset, "limit": limit}


def get_entry(config, code: str, eid: str) -> dict:
    snap = snapshot(config, code)
    return entry_dict(snap, snap.message(eid), config)
