"""What the records say about a catalogue as it is now: which entries are approved,
which wait for review (with what changed since an earlier approval), who translated them.

Pure: catalogues and records in, plain data out.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from reclaim_i18n.pofile import Catalog, Message
from reclaim_i18n.review.records import (
    Approval,
    Key,
    Record,
    Translator,
    english_digest,
    translation_digest,
    with_approval,
    with_translator,
)
from reclaim_i18n.textdiff import word_diff


def is_approved(msg: Message, record: Record | None) -> bool:
    """Approved: translated, and English and translation exactly as the reviewer saw them."""
    if record is None or record.approved is None or not msg.translated:
        return False
    a = record.approved
    return (a.en == english_digest(msg.msgctxt, msg.msgid, msg.msgid_plural)
            and a.tr == translation_digest(msg.translations))


def approved_keys(catalog: Catalog, records: dict[Key, Record]) -> frozenset:
    return frozenset(m.key for m in catalog.active if is_approved(m, records.get(m.key)))


def unapproved_keys(catalog: Catalog, records: dict[Key, Record]) -> frozenset:
    """Translated entries without a valid approval: kept out of artefacts under
    require-review (untranslated and fuzzy ones are out anyway)."""
    return frozenset(m.key for m in catalog.active
                     if m.translated and not is_approved(m, records.get(m.key)))


def last_translator(msg: Message, record: Record | None) -> str | None:
    """Who wrote the translation as it is now, when the tool knows."""
    if record is None or record.translated is None:
        return None
    if record.translated.tr != translation_digest(msg.translations):
        return None   # changed since, by someone the records do not know
    return record.translated.by


# --------------------------------------------------------------------- to review


@dataclass(frozen=True)
class ReviewItem:
    msg: Message
    position: int                      # in the template: page order
    earlier: Record | None = None      # an approval of this field made before a change

    @property
    def translation_diff(self) -> str | None:
        if self.earlier is None:
            return None
        old = "\n".join(self.earlier.approved.translation)
        new = "\n".join(self.msg.translations)
        return None if old == new else word_diff(old, new)

    @property
    def english_diff(self) -> str | None:
        if self.earlier is None:
            return None
        old = _english(self.earlier.msgid, self.earlier.msgid_plural)
        new = _english(self.msg.msgid, self.msg.msgid_plural)
        return None if old == new else word_diff(old, new)

    def changes_since_approval(self, width: int = 12) -> list[str]:
        """Who approved it and when, then what changed since in either text, word by
        word (labels padded to ``width``); nothing for an entry never approved."""
        if self.earlier is None:
            return []
        a = self.earlier.approved
        lines = [f"approved by {a.by} on {a.on}; changed since:"]
        for label, diff in (("English:", self.english_diff),
                            ("translation:", self.translation_diff)):
            if diff:
                lines.append(f"  {label:<{width}} {diff}")
        return lines


def _english(msgid: str, plural: str | None) -> str:
    return msgid if plural is None else f"{msgid}\n{plural}"


def earlier_approval(msg: Message, own: Record | None, orphans: dict[str, list[Record]]
                     ) -> Record | None:
    """The approval this entry had before it changed: its own record, else the approved
    record of the same field (msgctxt) whose entry is gone and whose English is most
    like the entry's now (``orphans``: such records by msgctxt)."""
    if own is not None and own.approved is not None:
        return own
    same = orphans.get(msg.msgctxt or "", []) if msg.msgctxt else []
    if not same:
        return None
    return max(same, key=lambda r: (difflib.SequenceMatcher(None, r.msgid, msg.msgid).ratio(),
                                    r.msgid))


def to_review(catalog: Catalog, records: dict[Key, Record],
              template: Catalog | None = None) -> list[ReviewItem]:
    """Translated, unapproved entries in the template's (page) order."""
    source = template.messages if template is not None else catalog.active
    order = {m.key: i for i, m in enumerate(source)}
    active = catalog.index()
    orphans: dict[str, list[Record]] = {}
    for key, record in records.items():
        if key not in active and record.approved is not None and record.msgctxt:
            orphans.setdefault(record.msgctxt, []).append(record)
    items = []
    for msg in catalog.active:
        own = records.get(msg.key)
        if msg.translated and not is_approved(msg, own):
            items.append(ReviewItem(msg, order.get(msg.key, len(order)),
                                    earlier_approval(msg, own, orphans)))
    return sorted(items, key=lambda it: it.position)


# ------------------------------------------------------------------- changing


def approve(records: dict[Key, Record], msg: Message, reviewer: str, on: str,
            active: set | frozenset = frozenset()) -> None:
    """Record ``reviewer``'s approval of ``msg`` as it is now (in place). Records of the
    same field whose entry is gone (``active``: the catalogue's keys) are dropped: this
    approval supersedes them."""
    approval = Approval(reviewer, on, english_digest(msg.msgctxt, msg.msgid, msg.msgid_plural),
                        translation_digest(msg.translations), tuple(msg.translations))
    if msg.msgctxt is not None and active:
        for key in [k for k, r in records.items() if r.msgctxt == msg.msgctxt
                    and k not in active and r.approved is not None]:
            del records[key]
    records[msg.key] = with_approval(records.get(msg.key), msg.key, msg.msgid_plural, approval)


def record_translator(records: dict[Key, Record], msg: Message, name: str) -> None:
    """Remember that ``name`` wrote ``msg``'s translation as it is now (in place)."""
    translator = Translator(name, translation_digest(msg.translations))
    records[msg.key] = with_translator(records.get(msg.key), msg.key, msg.msgid_plural,
                                       translator)
