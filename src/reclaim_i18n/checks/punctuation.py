"""Punctuation and typography (warnings only: languages differ, people decide).

``end-punctuation``: a question stays a question — an English text that ends with ``?``,
``!``, ``:`` or ``…`` has a translation ending the same way (closing quotes, brackets and
Markdown emphasis after the mark are ignored; Greek ``;`` counts as a question mark).

``typography``: a few rules of the target language's typography —
French: a (narrow) no-break space before ``? ! : ;`` and inside « »;
Greek: the question mark is ``;``;
Spanish: questions and exclamations open with ``¿`` and ``¡``.
Addresses, placeholders, code and HTML are left out before these rules apply.
"""

from __future__ import annotations

import re

from reclaim_i18n.checks.base import WARNING, Problem, check

_CLOSERS = " \t\n\"'”’»“‘«)]*_~`\u00a0\u202f"
_ENDINGS = {
    "?": ("?", "？", ";", "\u037e", "؟"),
    "!": ("!", "！"),
    ":": (":", "："),
    "…": ("…", "..."),
}
_NAMES = {"?": "a question mark", "!": "an exclamation mark", ":": "a colon",
          "…": "an ellipsis (…)"}
_NOISE = re.compile(r"\]\([^()\s]*\)|<[^<>]*>|`[^`]*`|\{\{[^{}]*\}\}|\{[^{}]*\}|&#?\w+;"
                    r"|\b[a-z][a-z0-9+.-]*:\S+|\b\d+:\d+\b")
_NBSP = "\u00a0\u202f"


def _last_mark(text: str) -> str:
    text = text.rstrip(_CLOSERS)
    if text.endswith("..."):
        return "…"
    return text[-1:] if text else ""


@check("end-punctuation", WARNING, "Ending punctuation kept")
def check_end(entry, ctx):
    """When the English text ends with ?, !, : or …, so does the translation."""
    for pair in entry.pairs:
        mark = _last_mark(pair.source)
        if mark not in _ENDINGS:
            continue
        stripped = pair.text.rstrip(_CLOSERS)
        if not stripped.endswith(_ENDINGS[mark]):
            yield Problem(f"the English text ends with {_NAMES[mark]}, your "
                          f"translation{pair.where} does not",
                          f"end your translation with {_NAMES[mark]} too (or the one your "
                          "language uses), unless your sentence really needs another ending")


def _french(text: str):
    for m in re.finditer(r"(.)([?!:;])", text):
        before, mark = m.groups()
        if before in _NBSP or before in "?!:;.)»":
            continue
        after = text[m.end():m.end() + 1]
        if mark == ":" and not (after == "" or after.isspace()):
            continue
        if before.isspace() or before.isalnum() or before in "*_\"”’":
            instead = "a normal space" if before.isspace() else "nothing"
            hint = ("type a narrow no-break space (U+202F) or a no-break space before "
                    f"“{mark}” instead of {instead}")
            yield f"“{mark}” needs a no-break space before it in French", hint
            return
    if re.search(r"« |«[^\s\u00a0\u202f]| »|[^\s\u00a0\u202f]»", text):
        yield ("« » need no-break spaces inside them in French",
               "type a narrow no-break space (U+202F) after « and before »")


def _greek(text: str):
    if "?" in text:
        yield ("Greek writes the question mark as “;”, not “?”",
               "replace “?” with “;” (U+037E or a semicolon)")


def _spanish(text: str):
    for mark, opener in (("?", "¿"), ("!", "¡")):
        if text.count(mark) > text.count(opener):
            yield (f"a Spanish sentence ending with “{mark}” opens with “{opener}”",
                   f"put “{opener}” at the start of the question or exclamation")


_COLON_END = re.compile(r":(?:\s|$)")


def _may_french(text: str) -> bool:
    """Whether _french can find anything: it needs ? ! ; « or », or a colon before a space
    or the end (_NOISE only replaces, by "x", so it cannot bring any of these in)."""
    return any(mark in text for mark in "?!;«»") or _COLON_END.search(text) is not None


# Each rule with a quick test of the text: _NOISE.sub is slow, and most texts need no rule.
_RULES = {"fr": (_french, _may_french), "el": (_greek, lambda text: "?" in text),
          "es": (_spanish, lambda text: "?" in text or "!" in text)}


@check("typography", WARNING, "Typography of the language")
def check_typography(entry, ctx):
    """Typography of some target languages: French spaces before ? ! : ; and inside « »,
    the Greek question mark, Spanish ¿ and ¡."""
    rule, may_apply = _RULES.get(ctx.language, (None, None))
    if rule is None or ctx.bcp47 == "fr-CA":
        return
    for pair in entry.pairs:
        if not may_apply(pair.text):
            continue
        for message, hint in rule(_NOISE.sub("x", pair.text)):
            yield Problem(message + pair.where, hint)
