"""The campaign's glossary (``source_content/glossary.yaml``) and the checks that use it.

``do-not-translate``: names kept exactly as they are (Reclaim Your Face, EDRi…). When
the English text contains one (as a whole word, same capitals), the translation must
contain it too (capitals may differ, endings may be attached: "EDRi-Mitglied").

``terms``: approved translations of key concepts, per language code (``de``, ``pt-BR``;
a region falls back to its language). When the English text contains the term (any
capitals, words separated by spaces or hyphens, an English plural ``-s``/``-es``
allowed), the translation must contain one approved form.

Matching an approved form (``match: stem``) — keep it simple and predictable:
both texts are compared without accents and capitals (``Ö`` = ``o``), and **every word of
the approved form must occur somewhere in the translation by its stem**: the word minus
its last three letters, but never shorter than four letters (a word of four letters or
fewer must occur whole). So ``biometrische Massenüberwachung`` accepts ``biometrischer
Massenüberwachung`` (stems ``biometris``, ``massenuberwach``); ``espace public`` accepts
``espaces publics``; word order is free. Without ``match: stem`` the whole approved form
must occur as written (accents and capitals aside).

``unchanged`` (in this module because it needs the names): a translation identical to
the English text is suspicious, unless the text is a single word or only names,
placeholders, addresses and markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, check, quote
from reclaim_i18n.errors import SourceError

FILE_NAME = "glossary.yaml"


@dataclass(frozen=True)
class Term:
    english: str
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    stem: bool = False
    line: int = 0

    def approved(self, bcp47: str) -> tuple[str, ...]:
        return self.forms.get(bcp47) or self.forms.get(bcp47.split("-")[0]) or ()


@dataclass(frozen=True)
class Glossary:
    names: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    path: str = ""


EMPTY = Glossary()


# ---------------------------------------------------------------- loading

def load_glossary(source_dir, strict: bool = True) -> Glossary:
    """Read ``<source_dir>/glossary.yaml``; no file → empty glossary; a bad file →
    :class:`SourceError` with its line, or the empty glossary when not ``strict`` (for
    the report and packets: a broken glossary is ``check``'s to report, not theirs)."""
    path = Path(source_dir) / FILE_NAME
    if not path.is_file():
        return EMPTY
    from reclaim_i18n.content.yamlsrc import load_yaml
    from reclaim_i18n.errors import ReclaimError

    try:
        return glossary_from_node(load_yaml(path), path)
    except ReclaimError:
        if strict:
            raise
        return EMPTY


def glossary_from_node(root, path) -> Glossary:
    def fail(message: str, node, hint: str = ""):
        raise SourceError(message, path, node.line, hint=hint or None)

    if not isinstance(root.value, dict):
        fail("the glossary must be a mapping with do-not-translate: and terms:", root)
    unknown = sorted(set(root.value) - {"do-not-translate", "terms"})
    if unknown:
        fail(f"unknown key {unknown[0]!r}", root.value[unknown[0]],
             "the glossary has two keys: do-not-translate and terms")
    names = root.value.get("do-not-translate")
    terms = root.value.get("terms")
    return Glossary(_names(names, fail) if names else (),
                    _terms(terms, fail) if terms else (), str(path))


def _names(node, fail) -> tuple[str, ...]:
    if not isinstance(node.value, list):
        fail("do-not-translate must be a list of names", node, "- Reclaim Your Face")
    for item in node.value:
        if not isinstance(item.value, str) or not item.value.strip():
            fail("each do-not-translate entry must be a name (text)", item)
    return tuple(item.value.strip() for item in node.value)


def _terms(node, fail) -> tuple[Term, ...]:
    from reclaim_i18n.locales import is_valid_bcp47, normalise_bcp47

    if not isinstance(node.value, dict):
        fail("terms must map each English term to its approved translations", node)
    terms = []
    for english, spec in node.value.items():
        if not isinstance(spec.value, dict):
            fail(f"term {english!r}: give the approved form per language (de: …)", spec)
        match, forms = "exact", {}
        for key, value in spec.value.items():
            if key == "match":
                if value.value not in ("stem", "exact"):
                    fail("match must be 'stem' or 'exact'", value)
                match = value.value
                continue
            code = normalise_bcp47(key)
            if not is_valid_bcp47(code):
                fail(f"term {english!r}: {key!r} is not a language code", value)
            items = value.value if isinstance(value.value, list) else [value]
            if not items or not all(isinstance(i.value, str) and i.value.strip()
                                    for i in items):
                fail(f"term {english!r}, {key}: the approved form must be text", value)
            forms[code] = tuple(i.value.strip() for i in items)
        terms.append(Term(english, forms, match == "stem", spec.line))
    return tuple(terms)


# ---------------------------------------------------------------- matching

def fold(text: str) -> str:
    """Without accents and capitals: ``Öffentlicher`` → ``offentlicher``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    return word[:max(4, len(word) - 3)]


def _uses(folded: str, form: str, by_stem: bool) -> bool:
    """Whether the folded text uses the approved ``form`` (see the module documentation)."""
    if not by_stem:
        return fold(form) in folded
    return all(stem(w) in folded for w in fold(form).split())


@lru_cache(maxsize=256)
def _english(term: str) -> re.Pattern:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?:s|es)?(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _first_word(term: str) -> str:
    """The first word of an ASCII term in lower case ("" if there is none)."""
    words = term.split()
    return words[0].lower() if words and words[0].isascii() else ""


# The English texts are the same in every catalogue: which names and terms each one uses
# is remembered (for as many texts as in a large catalogue).
@lru_cache(maxsize=1 << 15)
def _terms_in(source: str, terms: tuple[str, ...]) -> frozenset[str]:
    """The ``terms`` the English text ``source`` uses. In ASCII text ``re.IGNORECASE`` is
    just lower-casing, so a term's first word must be in the lower-cased text: a quick
    test before the pattern, which starts with a look-behind and so is tried at every
    position."""
    lower = source.lower() if source.isascii() else None
    return frozenset(term for term in terms
                     if (lower is None or _first_word(term) in lower)
                     and _english(term).search(source))


@lru_cache(maxsize=1 << 15)
def _names_in(source: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The ``names`` in the English text ``source`` (matched as written, so each must be a
    substring first: the quick test)."""
    return tuple(name for name in names if name in source and _name(name).search(source))


def terms_of(glossary: Glossary, source: str, bcp47: str) -> list[tuple[str, str]]:
    """(English, agreed translation) of the glossary's names and terms ``source`` uses, as
    the checks match them (a name is kept as it is; "" when a term has none yet)."""
    names = [(name, name) for name in _names_in(source, tuple(glossary.names))]
    used = _terms_in(source, tuple(t.english for t in glossary.terms))
    terms = [(t.english, (t.approved(bcp47) or ("",))[0]) for t in glossary.terms
             if t.english in used]
    return names + terms


@lru_cache(maxsize=256)
def _name(name: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


@check("glossary-name", ERROR, "Names kept")
def check_names(entry, ctx):
    """A name of the glossary's do-not-translate list in the English text (Reclaim Your
    Face, EDRi…) is in the translation unchanged."""
    glossary = ctx.glossary or EMPTY
    for pair in entry.pairs:
        names = _names_in(pair.source, tuple(glossary.names))
        text = pair.text.casefold() if names else ""
        for name in names:
            if name.casefold() not in text:
                yield Problem(f"the name {quote(name)} is missing from your translation"
                              f"{pair.where}", f"keep {name} exactly as it is written in the "
                              "English text; it is a name and is never translated")


@check("glossary-term", WARNING, "Approved terms used")
def check_terms(entry, ctx):
    """When the English text uses a key term of the glossary (biometric mass
    surveillance, facial recognition, public space), the translation uses the approved
    term of its language (matched by word stems, see the module documentation)."""
    glossary = ctx.glossary or EMPTY
    terms = [(term, forms) for term in glossary.terms if (forms := term.approved(ctx.bcp47))]
    if not terms:
        return
    english = tuple(term.english for term, _ in terms)
    for pair in entry.pairs:
        folded = None
        used = _terms_in(pair.source, english)
        for term, forms in terms:
            if term.english not in used:
                continue
            folded = fold(pair.text) if folded is None else folded
            if not any(_uses(folded, form, term.stem) for form in forms):
                yield Problem(f"the English text says {quote(term.english)}; the approved "
                              f"term is {quote(forms[0])}, which your translation{pair.where}"
                              " does not seem to use",
                              f"use “{forms[0]}” (its words may take the endings your "
                              "sentence needs); the campaign uses the same words everywhere")


_RESIDUE = re.compile(r"[^\W\d_]{2,}")


def _has_words(text: str, names: tuple[str, ...]) -> bool:
    from reclaim_i18n.checks.html import _TAG
    from reclaim_i18n.checks.links import find_urls
    from reclaim_i18n.checks.placeholders import BRACE, JINJA, PRINTF

    for url in find_urls(text):
        text = text.replace(url, " ")
    for pattern in (JINJA, BRACE, PRINTF, _TAG):
        text = pattern.sub(" ", text)
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return bool(_RESIDUE.search(text))


@check("unchanged", WARNING, "Translated, not copied")
def check_unchanged(entry, ctx):
    """The translation is not just the English text again. Names, placeholders, addresses
    and markup may stay as they are, and so may a single word ("Home", "News" are the
    same in many languages)."""
    names = (ctx.glossary or EMPTY).names
    for pair in entry.pairs:
        source = pair.source.strip()
        if pair.text.strip() == source and len(source.split()) > 1 \
                and _has_words(source, names):
            yield Problem(f"your translation{pair.where} is the same as the English text",
                          "translate it; if it really is the same in your language, leave "
                          "it (this is only a warning)")
