"""CLDR plural categories of a language: the category of a number, example numbers of
each, which ``msgstr[i]`` of a catalogue each category takes, and how another language's
forms stand in for them when a message falls back.

A catalogue's Plural-Forms decides which ``msgstr[i]`` a number gets; a bundle carries the
forms under the CLDR categories of its locale (``one``, ``few``, ``many``, ``other``), which
is what Intl.PluralRules, i18next and Hugo ask for. Both mappings are computed by evaluating
the rules over the sample integers, never assumed. The language data (CLDR's rule compiled
for integers, the categories) comes from :func:`reclaim_i18n.locales.language`.
"""

from __future__ import annotations

from functools import cache, lru_cache

from reclaim_i18n.locales import cldr_plural_rule, language
from reclaim_i18n.plurals.cldr import CLDR_ORDER
from reclaim_i18n.plurals.expressions import (
    EXAMPLE_COUNT,
    SAMPLES,
    Examples,
    examples_by,
    plural_function,
)


def categories(bcp47: str) -> tuple[str, ...]:
    """Every category CLDR (and so Intl.PluralRules) can return for the locale, CLDR order."""
    return language(bcp47).all_categories


def category_of(bcp47: str, n: float) -> str:
    """The CLDR category of a number in a locale (``pl``: 5 → ``many``)."""
    if isinstance(n, int) and n >= 0:
        lang = language(bcp47)
        return lang.categories[plural_function(lang.plural)(n)]
    return cldr_plural_rule(bcp47)(n)  # fractions and negatives: CLDR's full rule


@cache
def _sample_categories(bcp47: str) -> tuple[str, ...]:
    """The category of every sample integer (CLDR's rule compiled for integers: fast)."""
    lang = language(bcp47)
    evaluate = plural_function(lang.plural)
    return tuple(lang.categories[evaluate(n)] for n in SAMPLES)


def category_examples(bcp47: str, count: int = EXAMPLE_COUNT) -> dict[str, Examples]:
    """Example integers of each category whole numbers reach, in CLDR order
    (``pl``: one → 1; few → 2, 3, 4, 22, 23, 24, …; many → 0, 5, 6, 7, 8, 9, …)."""
    by_number = dict(zip(SAMPLES, _sample_categories(bcp47)))
    found = examples_by(by_number.__getitem__, count)
    return {cat: found[cat] for cat in CLDR_ORDER if cat in found}


def category_indexes(bcp47: str, nplurals: int, expr: str) -> dict[str, int]:
    """Which msgstr[i] a catalogue with this Plural-Forms gives each CLDR category.

    Computed by evaluating both rules over the sample integers: the index most numbers
    of a category get. Categories no integer reaches take the index of 'other'.
    """
    evaluate = plural_function(expr)
    votes: dict[str, dict[int, int]] = {}
    for n, category in zip(SAMPLES, _sample_categories(bcp47)):
        index = evaluate(n)
        if 0 <= index < nplurals:
            bucket = votes.setdefault(category, {})
            bucket[index] = bucket.get(index, 0) + 1
    result = {cat: max(sorted(b), key=lambda i: b[i]) for cat, b in votes.items()}
    for cat in categories(bcp47):
        result.setdefault(cat, result.get("other", nplurals - 1))
    return dict(sorted(result.items(), key=lambda kv: CLDR_ORDER.index(kv[0])))


@lru_cache(maxsize=512)
def form_indexes(bcp47: str, nplurals: int, expr: str) -> tuple[tuple[str, int], ...]:
    """(category, msgstr index) for every category of the locale, per the file's rule."""
    mapping = category_indexes(bcp47, nplurals, expr)
    return tuple((c, mapping.get(c, mapping.get("other", nplurals - 1)))
                 for c in categories(bcp47))


def forms_to_categories(bcp47: str, nplurals: int, expr: str, forms: list[str]) -> dict:
    """A catalogue entry's ``msgstr[]`` → ``{category: text}`` for the locale."""
    return {cat: forms[i] for cat, i in form_indexes(bcp47, nplurals, expr) if i < len(forms)}


@cache
def bridge(target: str, source: str) -> tuple[tuple[str, str], ...]:
    """For each category of ``target``, the category of ``source`` to borrow a form from.

    Used when a plural message falls back to another language: Serbian ``few`` (2–4)
    borrows English ``other``; a category both languages have maps to itself. Otherwise
    the source category most integers of the target category fall into wins.
    """
    own, theirs = categories(target), set(categories(source))
    votes: dict[str, dict[str, int]] = {}
    for mine, other in zip(_sample_categories(target), _sample_categories(source)):
        bucket = votes.setdefault(mine, {})
        bucket[other] = bucket.get(other, 0) + 1
    pairs = []
    for cat in own:
        if cat in theirs:
            pairs.append((cat, cat))
            continue
        bucket = votes.get(cat, {})
        best = max(sorted(bucket), key=lambda c: bucket[c]) if bucket else "other"
        pairs.append((cat, best))
    return tuple(pairs)


def bridge_forms(target: str, source: str, forms: dict[str, str]) -> dict[str, str]:
    """``{category: text}`` of ``source`` → the categories of ``target``."""
    out = {}
    for cat, theirs in bridge(target, source):
        text = forms.get(theirs) or forms.get("other")
        if text:
            out[cat] = text
    return out
