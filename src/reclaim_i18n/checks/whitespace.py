"""Whitespace: the ends of a translation look like the ends of its source, and no doubled
spaces slip in. Leading and trailing newlines must match (as ``msgfmt -c`` demands, and
because the page joins paragraphs with them); spaces are a warning.
"""

from __future__ import annotations

import re

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, check

_DOUBLE = re.compile(r"(?<=\S)[ \u00a0\u202f]{2,}(?=\S)")
_SPACES = " \t\u00a0\u202f\u2009\u3000"


def _doubled(text: str) -> bool:
    """Two spaces in a row. Without a no-break space they are "  ": a quick test first
    (the pattern starts with a look-behind and so is tried at every position)."""
    if "  " not in text and "\u00a0" not in text and "\u202f" not in text:
        return False
    return _DOUBLE.search(text) is not None


def _lead(text: str) -> str:
    return text[:len(text) - len(text.lstrip(_SPACES))]


def _trail(text: str) -> str:
    return text[len(text.rstrip(_SPACES)):]


@check("newline-ends", ERROR, "Newlines at the ends")
def check_newlines(entry, ctx):
    """The translation begins and ends with a newline exactly when the English text does."""
    for pair in entry.pairs:
        for end, test in (("begins", str.startswith), ("ends", str.endswith)):
            src, tr = test(pair.source, "\n"), test(pair.text, "\n")
            if src != tr:
                yield Problem(
                    f"the English text {end} with a line break, your translation{pair.where} "
                    "does not" if src else
                    f"your translation{pair.where} {end} with a line break, the English "
                    "text does not",
                    "remove or add the empty line so it is as in the English text")


@check("whitespace-ends", WARNING, "Spaces at the ends")
def check_ends(entry, ctx):
    """The translation begins and ends with a space exactly when the English text does."""
    for pair in entry.pairs:
        src, tr = pair.source.strip("\n"), pair.text.strip("\n")
        for end, part in (("begins", _lead), ("ends", _trail)):
            if bool(part(src)) != bool(part(tr)):
                yield Problem(
                    f"your translation{pair.where} {end} with a space, the English text "
                    "does not" if part(tr) else f"the English text {end} with a space, "
                    f"your translation{pair.where} does not",
                    "spaces at the start or end are joined with other text on the page; "
                    "keep them as in the English text")


@check("double-space", WARNING, "No doubled spaces")
def check_double(entry, ctx):
    """No two spaces in a row inside the translation (unless the English text has them)."""
    for pair in entry.pairs:
        if _doubled(pair.text) and not _doubled(pair.source):
            yield Problem(f"your translation{pair.where} has two spaces in a row",
                          "replace the double space with a single one")
