"""Template + old catalogue → updated catalogue, losing nothing a volunteer wrote.

Semantics of GNU msgmerge, and better:
- exact (msgctxt, msgid) match: translation, translator comments and flags kept;
  references, extracted comments and format flags follow the template;
- English changed back to the text a fuzzy translation was made for: restored, done;
- a change of typography or of a final full stop only: translation carried over;
- a renamed or moved field (same English, new context: :mod:`reclaim_i18n.moves`):
  translation carried as it was;
- any other change: the most similar old translation of the field, fuzzy, with
  ``#| msgid``; else the same English translated elsewhere in the catalogue, fuzzy, with
  a ``# suggestion:`` comment; else the most similar old text. As in msgmerge, short new
  English is compared with the English that stays too, not only with removed English
  ("Added." lends its translation to "Added:"), there at a higher cut-off; and an old
  text shares at least one three-letter sequence with the new one ("Sidebar" is offered
  nothing from "Search"). Similarity is computed once per template for all languages
  (:class:`Matcher`);
- removed entries with a translation become obsolete (``#~``); obsolete entries whose
  text returns are revived.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from reclaim_i18n.merge_notes import (
    FINGERPRINT,
    fingerprint_note,
    unedited,
    without_fingerprint,
    without_suggestion,
)
from reclaim_i18n.moves import closest_context, context_map, find_moves, renamed
from reclaim_i18n.pofile import Catalog, Message

FUZZY_CUTOFF = 60.0       # rapidfuzz ratio (0–100) below which no old text is offered
KEPT_CUTOFF = 70.0        # the same for English that stays: borrowed when closely alike
SAME_CONTEXT_BONUS = 8.0  # prefer the old entry of the same field
GRAM = 3                  # a suggestion shares one sequence of this many letters at least
SHORT = 300               # new English this long at most is compared with all old English

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "′": "'", "″": '"', "\u00a0": " ",
                         "\u202f": " ", "–": "-", "—": "-", "…": "..."})


def typography(text: str) -> str:
    """Text with typography ironed out: quotes, dashes, ellipses, spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def normalise(text: str) -> str:
    """Text with typography and a final full stop ironed out: the carry-over key.

    Two English texts with the same key differ only in what translations write their
    own way (quotes, dashes, ellipses, spaces) or in a final full stop: the translation
    is carried over as it is. Any other change of punctuation (a comma, ``!``, ``?``,
    ``:``, brackets) may change the meaning or is written differently from language to
    language (``¡…!``, `` !``, ``;`` for a question): the entry becomes fuzzy."""
    text = typography(text)
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


@dataclass
class MergeSummary:
    kept: int = 0
    fuzzy: int = 0
    carried: int = 0
    new: int = 0
    obsolete: int = 0
    revived: int = 0
    restored: int = 0   # English changed back: the fuzzied translation is done again
    moved: int = 0      # carried through a rename or a move, as it was
    suggested: int = 0  # same English translated elsewhere in the catalogue: fuzzy


class Matcher:
    """Finds, for a template message, the most similar old message.

    Built once per template and shared by every language: the ranking of candidates for
    a new message is the same in each catalogue; only which candidates exist differs.
    """

    def __init__(self, template: Catalog, old_keys: set[tuple[str | None, str]]):
        self.live = live = {m.key for m in template.messages}
        self.orphans = sorted((k for k in old_keys if k not in live),
                              key=lambda k: (k[0] or "", k[1]))
        # new English often varies English that stays ("Added." → "Added:"); shortest
        # first, so that only texts of a length within reach are compared
        self.kept = sorted((k for k in old_keys if k in live),
                           key=lambda k: (len(k[1]), k[0] or "", k[1]))
        self._kept_lengths = [len(k[1]) for k in self.kept]
        self.by_norm: dict[tuple, list[tuple]] = {}
        for key in self.orphans:
            self.by_norm.setdefault((key[0], normalise(key[1])), []).append(key)
        fresh = [m.key for m in template.messages if m.key not in old_keys]
        self.moves = find_moves(self.orphans, fresh)
        self.prefixes = context_map(self.moves)
        self._ranked: dict[tuple, list[tuple[float, tuple]]] = {}

    def carry_over(self, key: tuple) -> list[tuple]:
        """Old keys of the same field that differ only in punctuation or typography."""
        return self.by_norm.get((key[0], normalise(key[1])), [])

    def moved_from(self, key: tuple) -> tuple | None:
        """The old key ``key`` was renamed or moved from, with the same English."""
        return self.moves.get(key)

    def same_field(self, old_ctxt: str | None, ctxt: str | None) -> bool:
        """Both contexts name one field. No context names none: were it a field, every
        message of a catalogue without contexts would get the bonus (a lower cut-off)."""
        if ctxt is None:
            return False
        return old_ctxt == ctxt or renamed(old_ctxt, self.prefixes) == ctxt

    def ranked(self, key: tuple) -> list[tuple[float, tuple]]:
        """Old keys similar to ``key``, best first (cached)."""
        if key not in self._ranked:
            self._ranked[key] = self._rank(key)
        return self._ranked[key]

    def _rank(self, key: tuple) -> list[tuple[float, tuple]]:
        scored = []
        for score, old, cutoff in self._hits(key[1]):
            bonus = SAME_CONTEXT_BONUS if self.same_field(old[0], key[0]) else 0.0
            if score + bonus >= cutoff and old != key and _share_letters(key[1], old[1]):
                scored.append((score + bonus, old))
        scored.sort(key=lambda item: (-item[0], item[1][0] or "", item[1][1]))
        return scored

    def _hits(self, text: str) -> list[tuple[float, tuple, float]]:
        """Old keys within reach of their cut-off: orphans, and for short English the
        old English that stays too (long texts cost too much to compare with all)."""
        pools = [(self.orphans, FUZZY_CUTOFF)]
        if len(text) <= SHORT:
            # ratio = 2·common / (n + m) ≥ c needs n·c / (2 - c) ≤ m ≤ n·(2 - c) / c
            c = (KEPT_CUTOFF - SAME_CONTEXT_BONUS) / 100
            n = len(text)
            pools.append((self.kept[bisect_left(self._kept_lengths, n * c / (2 - c)):
                                    bisect_right(self._kept_lengths, n * (2 - c) / c)],
                          KEPT_CUTOFF))
        return [hit for keys, cutoff in pools for hit in _extract(text, keys, cutoff)]


def _extract(text: str, keys: list[tuple], cutoff: float) -> list[tuple[float, tuple, float]]:
    from rapidfuzz import fuzz, process

    hits = process.extract(text, [k[1] for k in keys], scorer=fuzz.ratio, limit=25,
                           score_cutoff=cutoff - SAME_CONTEXT_BONUS)
    return [(score, keys[i], cutoff) for _, score, i in hits]


def _share_letters(text: str, other: str) -> bool:
    """Whether ``other`` holds one of the sequences of ``GRAM`` letters of ``text`` (all
    of ``text`` when shorter), in any case."""
    text, other = text.lower(), other.lower()
    return any(text[i:i + GRAM] in other for i in range(max(1, len(text) - GRAM + 1)))


def merge_catalog(template: Catalog, old: Catalog, matcher: Matcher, nplurals: int,
                  purge_obsolete: bool = False) -> tuple[Catalog, MergeSummary]:
    """Update ``old`` in place to follow ``template``; returns it and a summary."""
    summary = MergeSummary()
    active = {m.key: m for m in old.messages if not m.obsolete}
    obsolete = {m.key: m for m in old.messages if m.obsolete}
    source = _Source(active, obsolete, matcher, summary, nplurals)
    merged: list[Message] = []
    for tmpl in template.messages:
        msg = active.get(tmpl.key)
        if msg is not None:
            if _restore(msg):
                summary.restored += 1
            else:
                summary.kept += 1
                if not msg.fuzzy and any(c.startswith(FINGERPRINT) for c in msg.comments):
                    msg.comments = without_fingerprint(msg.comments)  # finished since
        elif tmpl.key in obsolete and obsolete[tmpl.key].has_translation:
            msg = obsolete.pop(tmpl.key)
            msg.obsolete = False
            summary.revived += 1
        else:
            msg = source.translation_for(tmpl)
            if msg is None:
                msg = _empty(tmpl, nplurals)
                summary.new += 1
        _follow_template(msg, tmpl, nplurals)
        merged.append(msg)
    live = {m.key for m in template.messages}
    for msg in old.messages:
        if msg.obsolete and msg.key in obsolete and not purge_obsolete:
            merged.append(msg)
        elif (not msg.obsolete and msg.key not in live and msg.key not in source.used
              and (msg.has_translation or msg.comments)):
            if not purge_obsolete:
                msg.obsolete = True
                merged.append(msg)
            summary.obsolete += 1
    old.messages = merged
    return old, summary


def _restore(msg: Message) -> bool:
    """English changed and changed back: a fuzzy entry whose previous text is its text
    again, its translation not edited since, is done again as it was (``#|`` goes)."""
    if not (msg.fuzzy and msg.previous_msgid == msg.msgid and msg.has_translation
            and msg.previous_msgctxt == msg.msgctxt
            and msg.previous_msgid_plural == msg.msgid_plural and unedited(msg)):
        return False
    msg.set_fuzzy(False)
    msg.previous_msgid = msg.previous_msgctxt = msg.previous_msgid_plural = None
    msg.comments = without_fingerprint(msg.comments)
    return True


class _Source:
    """Where a template message without an exact match finds a translation, in order:
    its own field with only punctuation changed, a rename or move, its own field
    reworded (fuzzy), the same English translated elsewhere (a suggestion), any similar
    old text (fuzzy)."""

    def __init__(self, active: dict, obsolete: dict, matcher: Matcher,
                 summary: MergeSummary, nplurals: int):
        self.active, self.obsolete, self.nplurals = active, obsolete, nplurals
        self.matcher, self.summary = matcher, summary
        self.used: set[tuple] = set()
        self._same_english: dict[str, list[Message]] | None = None
        self._by_previous: dict[tuple, Message] | None = None

    def translation_for(self, tmpl: Message) -> Message | None:
        found = self._reverted(tmpl) or self._carried(tmpl) or self._moved(tmpl)
        if found is not None:
            return found
        ranked = [(score, key) for score, key in self.matcher.ranked(tmpl.key)
                  if self._translated(self.active.get(key))]
        if ranked and self.matcher.same_field(ranked[0][1][0], tmpl.msgctxt):
            return self._fuzzy(ranked[0][1], tmpl)
        return self._reused(tmpl) or (self._fuzzy(ranked[0][1], tmpl) if ranked else None)

    @staticmethod
    def _translated(msg: Message | None) -> bool:
        return msg is not None and msg.has_translation

    def _reverted(self, tmpl: Message) -> Message | None:
        """An orphaned fuzzy entry of this field whose previous English is the English
        again: its translation was made for this very text."""
        if self._by_previous is None:
            self._by_previous = {(m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural): m
                                 for m in self.active.values()
                                 if m.fuzzy and m.previous_msgid is not None}
        old = self._by_previous.get((tmpl.msgctxt, tmpl.msgid, tmpl.msgid_plural))
        if (old is None or old.key in self.used or old.msgctxt != tmpl.msgctxt
                or not old.has_translation or old.key in self.matcher.live
                or not unedited(old)):
            return None
        self.used.add(old.key)
        self.summary.restored += 1
        return self._copy(old, tmpl, fuzzy=False, previous=False)

    def _carried(self, tmpl: Message) -> Message | None:
        for key in self.matcher.carry_over(tmpl.key):
            old = self.active.get(key)
            if not self._translated(old) or key in self.used:
                continue
            self.used.add(key)
            if not _same_punctuation(old, tmpl):
                self.summary.fuzzy += 1
                return self._copy(old, tmpl, fuzzy=True, previous=True)
            self.summary.carried += 1
            return self._copy(old, tmpl, fuzzy=old.fuzzy, previous=old.fuzzy)
        return None

    def _moved(self, tmpl: Message) -> Message | None:
        key = self.matcher.moved_from(tmpl.key)
        old = self.active.get(key) if key is not None else None
        if not self._translated(old) or key in self.used:
            return None
        self.used.add(key)
        self.summary.moved += 1
        return self._copy(old, tmpl, fuzzy=old.fuzzy, previous=old.fuzzy)

    def _copy(self, old: Message, tmpl: Message, fuzzy: bool, previous: bool) -> Message:
        return _copy_translation(old, tmpl, fuzzy, previous, self.nplurals)

    def _fuzzy(self, key: tuple, tmpl: Message) -> Message:
        self.used.add(key)
        self.summary.fuzzy += 1
        return self._copy(self.active[key], tmpl, fuzzy=True, previous=True)

    def _reused(self, tmpl: Message) -> Message | None:
        if self._same_english is None:
            self._same_english = _same_english_index(self.active, self.obsolete)
        others = [m for m in self._same_english.get(tmpl.msgid, ())
                  if m.msgctxt != tmpl.msgctxt and m.is_plural == tmpl.is_plural]
        if not others:
            return None
        old = closest_context(tmpl.msgctxt, others)
        self.summary.suggested += 1
        msg = self._copy(old, tmpl, fuzzy=True, previous=True)
        where = (old.msgctxt or "(no context)") + (" (obsolete)" if old.obsolete else "")
        msg.comments = without_suggestion(msg.comments) + [
            f"suggestion: same English as {where}"]
        return msg


def _same_english_index(active: dict, obsolete: dict) -> dict[str, list[Message]]:
    """English → its finished translations: active entries first, then obsolete."""
    index: dict[str, list[Message]] = {}
    for group in (active.values(), obsolete.values()):
        for msg in group:
            if msg.translated:
                index.setdefault(msg.msgid, []).append(msg)
    return index


def _same_punctuation(old: Message, tmpl: Message) -> bool:
    """Plural English too differs at most in typography or a final full stop."""
    if old.msgid_plural is None or tmpl.msgid_plural is None:
        return old.msgid_plural == tmpl.msgid_plural
    return normalise(old.msgid_plural) == normalise(tmpl.msgid_plural)


def _copy_translation(old: Message, tmpl: Message, fuzzy: bool, previous: bool,
                      nplurals: int) -> Message:
    """``old``'s translation on ``tmpl``'s English; a singular translation offered to a
    plural entry fills each of its ``nplurals`` forms (as msgmerge does), fuzzy."""
    msg = Message(msgid=tmpl.msgid, msgctxt=tmpl.msgctxt, msgid_plural=tmpl.msgid_plural,
                  msgstr=old.msgstr, msgstr_plural=list(old.msgstr_plural),
                  comments=list(old.comments),
                  flags=[f for f in old.flags if not f.endswith("-format")])
    if tmpl.is_plural and not old.is_plural:
        msg.msgstr_plural, msg.msgstr, fuzzy = [old.msgstr] * nplurals, "", True
    elif old.is_plural and not tmpl.is_plural:
        msg.msgstr, msg.msgstr_plural, fuzzy = (old.msgstr_plural or [""])[0], [], True
    msg.set_fuzzy(fuzzy)
    if not fuzzy:
        msg.comments = without_fingerprint(msg.comments)
    elif old.translated and old.msgctxt == tmpl.msgctxt:  # its field's English changed:
        # remember the finished translation as it is (see FINGERPRINT); a note that it was
        # once suggested from elsewhere no longer holds: #| now shows its own English
        msg.comments = (without_suggestion(without_fingerprint(msg.comments))
                        + [fingerprint_note(old)])
    if previous and fuzzy:
        source = old if old.previous_msgid is None else _Previous(old)
        msg.previous_msgctxt = source.msgctxt
        msg.previous_msgid = source.msgid
        msg.previous_msgid_plural = source.msgid_plural
    return msg


class _Previous:
    """An old fuzzy entry's own previous text: what the translation was made for."""

    def __init__(self, old: Message):
        self.msgctxt = old.previous_msgctxt if old.previous_msgctxt is not None else old.msgctxt
        self.msgid = old.previous_msgid
        self.msgid_plural = old.previous_msgid_plural


def _empty(tmpl: Message, nplurals: int) -> Message:
    return Message(msgid=tmpl.msgid, msgctxt=tmpl.msgctxt, msgid_plural=tmpl.msgid_plural,
                   msgstr_plural=[""] * nplurals if tmpl.is_plural else [])


def _follow_template(msg: Message, tmpl: Message, nplurals: int) -> None:
    """References, extracted comments and format flags come from the template."""
    if msg.references != tmpl.references:
        msg.references = list(tmpl.references)
    if msg.auto_comments != tmpl.auto_comments:
        msg.auto_comments = list(tmpl.auto_comments)
    if msg.msgid_plural != tmpl.msgid_plural:
        msg.msgid_plural = tmpl.msgid_plural
    formats = [f for f in tmpl.flags if f.endswith("-format")]
    flags = [f for f in msg.flags if not f.endswith("-format") or f in formats]
    flags += [f for f in formats if f not in flags]
    if flags != msg.flags:
        msg.flags = flags
    if msg.is_plural and not msg.msgstr_plural:
        msg.msgstr_plural = [""] * nplurals
    if not msg.fuzzy and (msg.previous_msgid is not None or msg.previous_msgctxt is not None):
        msg.previous_msgid = msg.previous_msgctxt = msg.previous_msgid_plural = None
