"""Who may approve what: a reviewer's name, and the reasons an approval is refused.

- only a translated entry (every form filled, not fuzzy) can be approved;
- an entry with an ERROR finding is never approved: a failing check is not approved away
  (it stays out of artefacts whatever its approval, see ``build/load.py``);
- four eyes: the last translator of an entry, where the tool knows them, cannot approve
  it, unless ``self-review = true`` for the language.
"""

from __future__ import annotations

from reclaim_i18n.build.entries import strip_emails
from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.pofile import Message
from reclaim_i18n.review.records import Record
from reclaim_i18n.review.state import last_translator


class ReviewError(ReclaimError):
    """A review command was given something it cannot use (a name, a packet)."""

    exit_code = 2


def person_name(raw: str, option: str = "--reviewer") -> str:
    """A name to record, without e-mail address: ``Ana <ana@x.org>`` → ``Ana``."""
    text = "".join(c for c in strip_emails(raw or "") if c.isprintable() or c.isspace())
    name = " ".join(text.split())   # no control character can reach a PO header
    if not name or "@" in name:
        raise ReviewError(f"{option}: give a name, not an e-mail address",
                          hint=f'e.g. {option} "Ana Lima" (no address is ever recorded)')
    return name


def same_person(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def refusal(msg: Message, record: Record | None, reviewer: str, self_review: bool,
            error: str | None = None) -> str | None:
    """Why ``reviewer`` cannot approve ``msg`` now (None: they can)."""
    if not msg.translated:
        return "fuzzy: a translator must finish it first" if msg.fuzzy else "not translated"
    if error:
        return f"fails a check ({error}); fix it first"
    translator = last_translator(msg, record)
    if not self_review and translator is not None and same_person(translator, reviewer):
        return (f"{reviewer} translated it: another reviewer must approve it "
                "(or set self-review = true for this language)")
    return None
