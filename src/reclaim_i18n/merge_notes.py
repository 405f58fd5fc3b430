"""The translator comments the merge writes, and what it reads back from them.

- ``# suggestion: …`` — a translation made for other English, offered fuzzy
  (:func:`suggest`): the same English elsewhere, an obsolete entry, a stale work packet.
- ``# translation made for the English in #| (fingerprint …)`` — a finished translation
  the merge made fuzzy because its English changed. msgmerge, msgcat, Poedit and Weblate
  keep translator comments, so when the English changes back the merge can tell whether
  the translation is still the one made for it (:func:`unedited`) and restore it.
"""

from __future__ import annotations

from reclaim_i18n.pofile import Message


def suggest(entry: Message, translations: list[str], source_note: str,
            made_for: Message | None = None) -> bool:
    """Offer ``translations`` (made for other English) to an entry without a translation,
    as a fuzzy suggestion with a translator comment saying where it came from and, when
    known, the English it was ``made_for`` as ``#| msgid``. Returns whether it did."""
    if entry.has_translation or not any(translations):
        return False
    if made_for is not None and made_for.is_plural != entry.is_plural:
        return False
    if entry.is_plural:
        forms = list(translations) + [""] * len(entry.msgstr_plural)
        entry.msgstr_plural = forms[:max(len(entry.msgstr_plural), len(translations))]
    else:
        entry.msgstr = translations[0]
    entry.comments = without_suggestion(entry.comments) + [f"suggestion: {source_note}"]
    entry.set_fuzzy(True)
    if made_for is not None:
        entry.previous_msgctxt = None
        entry.previous_msgid, entry.previous_msgid_plural = made_for.msgid, made_for.msgid_plural
    return True


# A finished translation the merge makes fuzzy (its English changed) is fingerprinted in
# a translator comment, which msgmerge, msgcat, Poedit and Weblate keep: when the English
# changes back, the translation is restored only if it is still the one made for it.
FINGERPRINT = "translation made for the English in #| (fingerprint "


def fingerprint(msg: Message) -> str:
    import hashlib

    return hashlib.sha256("\x00".join(msg.translations).encode()).hexdigest()[:12]


def unedited(msg: Message) -> bool:
    """Whether a fuzzy entry's translation is still the one its fingerprint records."""
    marks = [c for c in msg.comments if c.startswith(FINGERPRINT)]
    return bool(marks) and marks[-1] == fingerprint_note(msg)


def fingerprint_note(msg: Message) -> str:
    """The translator comment that records ``msg``'s translation as it is now."""
    return f"{FINGERPRINT}{fingerprint(msg)})"


def without_suggestion(comments: list[str]) -> list[str]:
    return [c for c in comments if not c.startswith("suggestion:")]


def without_fingerprint(comments: list[str]) -> list[str]:
    return [c for c in comments if not c.startswith(FINGERPRINT)]
