"""Completeness of a catalogue, honestly counted. Pure: a ``Catalog`` in, numbers out.

The single definition the report, the CI gate and the build's publishing threshold use:

- an entry is **translated** when every form is filled and it is not fuzzy
  (:attr:`Message.translated`); a plural entry counts once, and a partially filled plural
  is *not* translated;
- **fuzzy** = marked fuzzy and holding some text; a fuzzy entry with no text is
  **untranslated** (as ``msgfmt --statistics`` and ``pocount`` count it);
- **needs fixing** = filled and not fuzzy, but an error-level check fails on it
  (``excluded``: :func:`needs_fixing` of the findings), so no artefact carries it: not
  done, counted apart;
- **unchanged** = translated, but identical to the English (a subset of translated,
  shown separately because organisers ask about copied strings);
- **approved** = translated and approved by a reviewer exactly as it is now (a subset of
  translated; the keys come from :func:`reclaim_i18n.review.approved_keys`);
- **obsolete** (``#~``) entries are counted apart and never in the total;
- **words** are the whitespace-separated words of the English msgid (the singular for
  plurals), so they are the same for every language and percentages compare;
- a message belongs to the page named by the first segment of its msgctxt
  (``home/hero/body`` → page ``home``, section ``hero``); template strings
  (``site/…``) and entries without msgctxt belong to page ``site``.

:func:`percent_words` is *the* completeness of a locale (exact); the build publishes a
locale when :func:`is_published` (``percent_words >= config.threshold(code)``). Shown to
people (report, badges, manifest), percentages are ``Counts.percent``: one decimal,
rounded down. Both come from :func:`reclaim_i18n.model.exact_percent` and
:func:`~reclaim_i18n.model.shown_percent`; nothing to translate counts as 100 %.
"""

from __future__ import annotations

from functools import lru_cache

from reclaim_i18n.model import Counts, LocaleStats, Severity, exact_percent
from reclaim_i18n.pofile import Catalog, Message

SITE_PAGE = "site"
TRANSLATED, FUZZY, UNTRANSLATED, OBSOLETE = "translated", "fuzzy", "untranslated", "obsolete"
NEEDS_FIXING = "needs-fixing"
_NO_DATE = ("", "YEAR-MO-DA HO:MI+ZONE")


@lru_cache(maxsize=1 << 16)  # the English texts are the same in every catalogue
def word_count(text: str) -> int:
    return len(text.split())


def message_state(msg: Message, excluded: frozenset = frozenset()) -> str:
    """``translated``, ``needs-fixing``, ``fuzzy``, ``untranslated`` or ``obsolete``."""
    return _STATES[_slot(msg, excluded)[0]]


def needs_fixing(findings) -> dict[tuple, object]:
    """The entries an error-level finding keeps out of every artefact: key → its first
    such finding (``findings`` from :func:`reclaim_i18n.checks.check_catalog`)."""
    out: dict[tuple, object] = {}
    for f in findings:
        if f.severity == Severity.ERROR and f.msgid is not None:
            out.setdefault((f.msgctxt, f.msgid), f)
    return out


def _slot(msg: Message, excluded: frozenset) -> tuple[int, bool]:
    """(index of the entry's state in ``Counts``, unchanged), in one pass: the report
    counts every entry of every catalogue with it."""
    if msg.obsolete:
        return 3, False
    if msg.translated:
        if excluded and msg.key in excluded:
            return _NEEDS_FIXING, False
        sources = (msg.msgid, msg.msgid_plural)
        return 0, all(form in sources for form in msg.translations)
    return (1 if msg.fuzzy and msg.has_translation else 2), False


def is_partial_plural(msg: Message) -> bool:
    return msg.is_plural and msg.has_translation and not all(msg.translations)


def page_of(msgctxt: str | None) -> tuple[str, str]:
    """``home/hero/body`` → (``home``, ``hero``); no msgctxt → (``site``, ``""``)."""
    if not msgctxt:
        return SITE_PAGE, ""
    parts = msgctxt.split("/", 2)
    return parts[0], parts[1] if len(parts) > 1 else ""


_UNCHANGED, _NEEDS_FIXING, _APPROVED, _N = 4, 5, 6, 7  # Counts' field order
_STATES = (TRANSLATED, FUZZY, UNTRANSLATED, OBSOLETE, None, NEEDS_FIXING)


def catalog_stats(catalog: Catalog, bcp47: str, excluded: frozenset = frozenset(),
                  approved: frozenset = frozenset()) -> LocaleStats:
    """Counts of the whole catalogue, per page and per page/section (in file order).

    ``excluded``: keys of the entries that need fixing (see :func:`needs_fixing`);
    ``approved``: keys of the entries a reviewer approved as they are now
    (:func:`reclaim_i18n.review.approved_keys`), counted as ``approved`` when translated.
    """
    # plain integer lists while counting: [7 message counts, 7 word counts] per table row
    whole = [0] * (2 * _N)
    pages: dict[str, list[int]] = {}
    sections: dict[str, list[int]] = {}
    for msg in catalog.messages:
        slot, unchanged = _slot(msg, excluded)
        words = word_count(msg.msgid)
        if slot == 3:  # obsolete entries belong to no page any more
            rows = (whole,)
        else:
            page, section = page_of(msg.msgctxt)
            key = f"{page}/{section}" if section else page
            rows = (whole, pages.setdefault(page, [0] * (2 * _N)),
                    sections.setdefault(key, [0] * (2 * _N)))
        is_approved = slot == 0 and bool(approved) and msg.key in approved
        for row in rows:  # the hot loop of a report: plain index arithmetic
            row[slot] += 1
            row[_N + slot] += words
            if unchanged:
                row[_UNCHANGED] += 1
                row[_N + _UNCHANGED] += words
            if is_approved:
                row[_APPROVED] += 1
                row[_N + _APPROVED] += words

    def pair(row: list[int]) -> tuple[Counts, Counts]:
        return Counts(*row[:_N]), Counts(*row[_N:])

    messages, words = pair(whole)
    return LocaleStats(locale=bcp47, messages=messages, words=words,
                       pages={k: pair(v) for k, v in pages.items()},
                       revision_date=revision_date(catalog),
                       sections={k: pair(v) for k, v in sections.items()})


def revision_date(catalog: Catalog) -> str | None:
    value = (catalog.header_value("PO-Revision-Date") or "").strip()
    return None if value in _NO_DATE or value.startswith("YEAR") else value


def percent_words(stats: LocaleStats) -> float:
    """*The* completeness of a locale: % of the English words translated (exact).

    Thresholds (publishing, ``--fail-under``) compare against this value; people are
    shown ``stats.words.percent`` (one decimal, rounded down, so never 100.0 too early).
    """
    return stats.words.exact_percent


def percent_approved(stats: LocaleStats, by: str = "words") -> float:
    """Exact % approved by a reviewer (of the English words, or messages)."""
    counts = stats.words if by == "words" else stats.messages
    return exact_percent(counts.approved, counts.total)


def percent(stats: LocaleStats, by: str = "words") -> float:
    """Exact % translated ``by`` ``"words"`` or ``"messages"``, or ``"approved"`` words."""
    if by == "approved":
        return percent_approved(stats)
    if by not in ("words", "messages"):
        raise ValueError(f"by must be 'words', 'messages' or 'approved', not {by!r}")
    return (stats.words if by == "words" else stats.messages).exact_percent


def is_published(stats: LocaleStats, threshold: float, require_review: bool = False) -> bool:
    """The build publishes a locale whose :func:`percent_words` reaches the threshold;
    under ``require-review`` only approved words count (only they are published)."""
    done = percent_approved(stats) if require_review else percent_words(stats)
    return done >= threshold


def total_counts(all_stats: list[LocaleStats]) -> tuple[Counts, Counts]:
    """Sum over locales (messages, words): the overall completeness of the campaign."""
    messages, words = Counts(), Counts()
    for stats in all_stats:
        messages, words = messages + stats.messages, words + stats.words
    return messages, words


def stats_to_json(stats: LocaleStats) -> dict:
    """A JSON-able form of :class:`LocaleStats` (for caching); see :func:`stats_from_json`."""
    def pairs(table):
        return [[k, list(m.astuple()), list(w.astuple())] for k, (m, w) in table.items()]

    return {"locale": stats.locale, "messages": list(stats.messages.astuple()),
            "words": list(stats.words.astuple()), "pages": pairs(stats.pages),
            "sections": pairs(stats.sections), "revision_date": stats.revision_date}


def stats_from_json(data: dict) -> LocaleStats:
    def table(rows):
        return {k: (Counts(*m), Counts(*w)) for k, m, w in rows}

    return LocaleStats(locale=data["locale"], messages=Counts(*data["messages"]),
                       words=Counts(*data["words"]), pages=table(data["pages"]),
                       revision_date=data["revision_date"], sections=table(data["sections"]))
