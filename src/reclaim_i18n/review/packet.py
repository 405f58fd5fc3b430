"""Review packets: the entries waiting for review as a PO file a reviewer reads and
corrects in any PO editor, then brings back with ``reclaim-i18n approve --packet``.

The header ``X-Reclaim-Review: <locale> <template POT-Creation-Date>`` marks the file as a
review packet (not a work packet). Each entry carries, as extracted comments (``#.``,
which PO editors keep), the digest of the translation as listed — so a correction is
told apart from a translator's change made meanwhile — and, for an entry approved before,
the word diffs since that approval.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reclaim_i18n.pofile import Catalog, Message, new_message_from
from reclaim_i18n.review.records import translation_digest
from reclaim_i18n.review.state import ReviewItem

REVIEW_HEADER = "X-Reclaim-Review"
LISTED = "review: listed as "
_HEADER_COPY = ("Project-Id-Version", "POT-Creation-Date", "Language", "MIME-Version",
                "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")


def make_review_packet(catalog: Catalog, template: Catalog | None, items: list[ReviewItem],
                       bcp47: str, english_name: str) -> Catalog:
    packet = Catalog(header=Message(msgid="", comments=[
        f"Review packet: {len(items)} translations into {english_name} to review.",
        "Correct what needs it in any PO editor (leave the rest as it is), then:",
        f"  reclaim-i18n approve {bcp47} --reviewer 'Your Name' --packet <this file>"]))
    made_from = template if template is not None else catalog
    for name in _HEADER_COPY:
        value = (made_from if name == "POT-Creation-Date" else catalog).header_value(name)
        if value is not None:
            packet.set_header(name, value)
    date = made_from.header_value("POT-Creation-Date") or "unknown"
    packet.set_header(REVIEW_HEADER, f"{bcp47} {date}")
    packet.messages = [_entry(item) for item in items]
    return packet


def _entry(item: ReviewItem) -> Message:
    msg = new_message_from(item.msg)
    notes = [f"{LISTED}{translation_digest(item.msg.translations)}"]
    notes += item.changes_since_approval(width=0)
    msg.auto_comments = [*msg.auto_comments, *notes]
    return msg


def packet_locale(packet: Catalog) -> str | None:
    """The locale a review packet was made for; None when it is not a review packet."""
    value = (packet.header_value(REVIEW_HEADER) or "").strip()
    return value.partition(" ")[0] or None


def listed_digest(entry: Message) -> str | None:
    for note in entry.auto_comments:
        if note.startswith(LISTED):
            return note[len(LISTED):].strip()
    return None


@dataclass
class PacketOutcome:
    """What a review packet does to the catalogue (before policy and checks)."""

    untouched: list[Message] = field(default_factory=list)    # catalogue entries
    corrected: list[tuple[Message, Message]] = field(default_factory=list)  # (target, entry)
    stale: list[Message] = field(default_factory=list)        # the English changed since
    conflicts: list[Message] = field(default_factory=list)    # the translation changed since
    doubted: list[Message] = field(default_factory=list)      # marked fuzzy by the reviewer


def sort_packet(catalog: Catalog, packet: Catalog) -> PacketOutcome:
    """Sort each packet entry by what the reviewer did and what changed meanwhile."""
    out = PacketOutcome()
    index = catalog.index()
    for entry in packet.active:
        target = index.get(entry.key)
        if target is None or target.obsolete or target.msgid_plural != entry.msgid_plural:
            out.stale.append(entry)
        elif entry.fuzzy or not entry.translated:
            out.doubted.append(entry)
        elif entry.translations == target.translations:
            out.untouched.append(target)
        elif listed_digest(entry) == translation_digest(target.translations):
            out.corrected.append((target, entry))
        else:
            out.conflicts.append(entry)
    return out


def take_correction(target: Message, entry: Message) -> None:
    """The reviewer's text into the catalogue entry (in place), finished."""
    target.set_translations(entry.translations)
    target.set_fuzzy(False)
    target.previous_msgctxt = target.previous_msgid = target.previous_msgid_plural = None
