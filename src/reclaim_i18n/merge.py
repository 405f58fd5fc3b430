"""Template + old catalogue → updated catalogue, losing nothing a volunteer wrote.

Semantics of GNU msgmerge, and better:
- exact (msgctxt, msgid) match: translation, translator comments and flags kept;
  references, extracted comments and format flags follow the template;
- a change of whitespace or typographic punctuation only: translation carried over;
- any other change: the most similar old translation, fuzzy, with ``#| msgid``;
  similarity is computed once per template for all languages (:class:`Matcher`);
- removed entries with a translation become obsolete (``#~``); obsolete entries whose
  text returns are revived.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reclaim_i18n.pofile import Catalog, Message

FUZZY_CUTOFF = 60.0       # rapidfuzz ratio (0–100) below which no old text is offered
SAME_CONTEXT_BONUS = 8.0  # prefer the old entry of the same field

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "′": "'", "″": '"', "\u00a0": " ",
                         "\u202f": " ", "–": "-", "—": "-", "…": "..."})


def normalise(text: str) -> str:
    """Text with typography ironed out: quotes, dashes, spaces, a final full stop."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:-1] if text.endswith(".") and not text.endswith("...") else text


@dataclass
class MergeSummary:
    kept: int = 0
    fuzzy: int = 0
    carried: int = 0
    new: int = 0
    obsolete: int = 0
    revived: int = 0


class Matcher:
    """Finds, for a template message, the most similar old message.

    Built once per template and shared by every language: the ranking of candidates for
    a new message is the same in each catalogue; only which candidates exist differs.
    """

    def __init__(self, template: Catalog, old_keys: set[tuple[str | None, str]]):
        live = {m.key for m in template.messages}
        self.orphans = sorted((k for k in old_keys if k not in live),
                              key=lambda k: (k[0] or "", k[1]))
        self.by_norm: dict[tuple, list[tuple]] = {}
        for key in self.orphans:
            self.by_norm.setdefault((key[0], normalise(key[1])), []).append(key)
        self._ranked: dict[tuple, list[tuple[float, tuple]]] = {}

    def carry_over(self, key: tuple) -> list[tuple]:
        """Old keys of the same field that differ only in typography."""
        return self.by_norm.get((key[0], normalise(key[1])), [])

    def ranked(self, key: tuple) -> list[tuple[float, tuple]]:
        """Orphaned old keys similar to ``key``, best first (cached)."""
        if key not in self._ranked:
            self._ranked[key] = self._rank(key)
        return self._ranked[key]

    def _rank(self, key: tuple) -> list[tuple[float, tuple]]:
        from rapidfuzz import fuzz, process

        if not self.orphans:
            return []
        choices = [k[1] for k in self.orphans]
        hits = process.extract(key[1], choices, scorer=fuzz.ratio,
                               score_cutoff=FUZZY_CUTOFF - SAME_CONTEXT_BONUS, limit=25)
        scored = []
        for _, score, index in hits:
            old = self.orphans[index]
            bonus = SAME_CONTEXT_BONUS if old[0] == key[0] else 0.0
            if score + bonus >= FUZZY_CUTOFF:
                scored.append((score + bonus, old))
        scored.sort(key=lambda item: (-item[0], item[1][0] or "", item[1][1]))
        return scored


def merge_catalog(template: Catalog, old: Catalog, matcher: Matcher, nplurals: int,
                  purge_obsolete: bool = False) -> tuple[Catalog, MergeSummary]:
    """Update ``old`` in place to follow ``template``; returns it and a summary."""
    summary = MergeSummary()
    active = {m.key: m for m in old.messages if not m.obsolete}
    obsolete = {m.key: m for m in old.messages if m.obsolete}
    used: set[tuple] = set()
    merged: list[Message] = []
    for tmpl in template.messages:
        msg = active.get(tmpl.key)
        if msg is not None:
            summary.kept += 1
        elif tmpl.key in obsolete and obsolete[tmpl.key].has_translation:
            msg = obsolete.pop(tmpl.key)
            msg.obsolete = False
            summary.revived += 1
        else:
            msg = _from_old(tmpl, active, used, matcher, summary)
            if msg is None:
                msg = _empty(tmpl, nplurals)
                summary.new += 1
        _follow_template(msg, tmpl, nplurals)
        merged.append(msg)
    live = {m.key for m in template.messages}
    for msg in old.messages:
        if msg.obsolete and msg.key in obsolete and not purge_obsolete:
            merged.append(msg)
        elif (not msg.obsolete and msg.key not in live and msg.key not in used
              and (msg.has_translation or msg.comments)):
            if not purge_obsolete:
                msg.obsolete = True
                merged.append(msg)
            summary.obsolete += 1
    old.messages = merged
    return old, summary


def _from_old(tmpl: Message, active: dict, used: set, matcher: Matcher,
              summary: MergeSummary) -> Message | None:
    for key in matcher.carry_over(tmpl.key):
        old = active.get(key)
        if old is not None and old.has_translation and key not in used:
            used.add(key)
            summary.carried += 1
            return _copy_translation(old, tmpl, fuzzy=old.fuzzy, previous=old.fuzzy)
    for _, key in matcher.ranked(tmpl.key):
        old = active.get(key)
        if old is not None and old.has_translation:
            used.add(key)
            summary.fuzzy += 1
            return _copy_translation(old, tmpl, fuzzy=True, previous=True)
    return None


def _copy_translation(old: Message, tmpl: Message, fuzzy: bool, previous: bool) -> Message:
    msg = Message(msgid=tmpl.msgid, msgctxt=tmpl.msgctxt, msgid_plural=tmpl.msgid_plural,
                  msgstr=old.msgstr, msgstr_plural=list(old.msgstr_plural),
                  comments=list(old.comments),
                  flags=[f for f in old.flags if not f.endswith("-format")])
    if tmpl.is_plural and not old.is_plural:
        msg.msgstr_plural, msg.msgstr, fuzzy = [old.msgstr], "", True
    elif old.is_plural and not tmpl.is_plural:
        msg.msgstr, msg.msgstr_plural, fuzzy = (old.msgstr_plural or [""])[0], [], True
    msg.set_fuzzy(fuzzy)
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
