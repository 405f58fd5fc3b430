"""CLDR plural categories for bundles: from a catalogue's forms, and across languages.

A catalogue's Plural-Forms decides which ``msgstr[i]`` a number gets; a bundle carries the
forms under the CLDR categories of its locale (``one``, ``few``, ``many``, ``other``), which
is what Intl.PluralRules, i18next and Hugo ask for. Both mappings are computed by evaluating
the rules over integers (:data:`reclaim_i18n.locales.SAMPLES`), never assumed.
"""

from __future__ import annotations

from functools import cache, lru_cache

from reclaim_i18n.locales import CLDR_ORDER, SAMPLES, category_indexes, language, plural_function


@cache
def _rule(bcp47: str):
    from babel import Locale

    return Locale.parse(bcp47, sep="-").plural_form


@cache
def categories(bcp47: str) -> tuple[str, ...]:
    """Every category CLDR (and so Intl.PluralRules) can return for the locale, CLDR order."""
    tags = set(_rule(bcp47).tags) | {"other"}
    return tuple(c for c in CLDR_ORDER if c in tags)


def category_of(bcp47: str, n: float) -> str:
    """The CLDR category of a number in a locale (``pl``: 5 → ``many``)."""
    if isinstance(n, int) and n >= 0:
        lang = language(bcp47)
        return lang.categories[plural_function(lang.plural)(n)]
    return _rule(bcp47)(n)


@cache
def _sample_categories(bcp47: str) -> tuple[str, ...]:
    """The category of every sample integer (CLDR's rule compiled for integers: fast)."""
    lang = language(bcp47)
    evaluate = plural_function(lang.plural)
    return tuple(lang.categories[evaluate(n)] for n in SAMPLES)


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
