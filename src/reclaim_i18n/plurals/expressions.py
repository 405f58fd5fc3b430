"""gettext plural expressions: parse a Plural-Forms header, evaluate and compare rules,
and the sample integers every plural question is answered over.

A rule is never reasoned about symbolically: two rules are the same when they give the
same form for every sample integer, a form is "for one number" when one sample reaches
it, and so on.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

# Integers that reach every category CLDR defines for integers (including 'many' of
# French and Catalan, which starts at one million) and every form of gettext's
# traditional rules. Rules look at n, n % 10, n % 100 and n % 1000000, so these
# suffice. Ascending, so examples come out in order.
SAMPLES = tuple(range(220)) + tuple(
    base + k for base in (1000, 10**4, 10**5, 10**6, 2 * 10**6, 10**7)
    for k in (0, 1, 2, 3, 5, 11, 12, 21))

EXAMPLE_COUNT = 6
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


def parse_plural_forms(value: str) -> tuple[int, str]:
    """``nplurals=2; plural=(n > 1);`` → (2, "(n > 1)"); ValueError if malformed."""
    match = _PLURAL_FORMS.match(value or "")
    if not match:
        raise ValueError("Plural-Forms must look like 'nplurals=2; plural=(n != 1);'")
    nplurals, expr = int(match.group(1)), match.group(2)
    if not 1 <= nplurals <= 6:
        raise ValueError(f"nplurals={nplurals} is outside 1..6")
    plural_function(expr)
    return nplurals, expr


@lru_cache(maxsize=256)
def plural_function(expr: str):
    """A C plural expression → a Python function of n (stdlib's safe compiler)."""
    if len(expr) > 1000:
        raise ValueError("plural expression is too long")
    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError, RecursionError) as exc:
        raise ValueError(f"plural expression {expr!r} does not parse: {exc}") from None


def same_rule(a: tuple[int, str], b: tuple[int, str]) -> bool:
    """Do two (nplurals, expression) pairs give every sample integer the same form?"""
    if a[0] != b[0]:
        return False
    fa, fb = plural_function(a[1]), plural_function(b[1])
    return all(fa(n) == fb(n) for n in SAMPLES)


@lru_cache(maxsize=64)
def single_forms(expr: str) -> frozenset[int]:
    """The forms the rule uses for exactly one number (``msgstr[0]`` of ``n != 1``): their
    text may leave the number out ("a file" rather than "1 file")."""
    rule = plural_function(expr)
    counts: dict[int, int] = {}
    for n in SAMPLES:
        index = rule(n)
        counts[index] = counts.get(index, 0) + 1
    return frozenset(i for i, c in counts.items() if c == 1)


@dataclass(frozen=True)
class Examples:
    """The first sample integers of a plural form or category, for showing a volunteer
    which numbers it is for: ``str()`` gives ``1, 21, 31, 41, 51, 61, …``."""

    numbers: tuple[int, ...]
    more: bool  # the form goes on beyond the numbers shown

    def __str__(self) -> str:
        return ", ".join(str(n) for n in self.numbers) + (", …" if self.more else "")


def examples_by(classify, count: int = EXAMPLE_COUNT) -> dict:
    """``{classify(n): Examples}`` over the sample integers, in order of first number."""
    found: dict = {}
    for n in SAMPLES:
        found.setdefault(classify(n), []).append(n)
    # a form a number of 100 or more reaches goes on for ever (rules are periodic)
    return {key: Examples(tuple(numbers[:count]), len(numbers) > count or numbers[-1] >= 100)
            for key, numbers in found.items()}


def form_examples(nplurals: int, expr: str, count: int = EXAMPLE_COUNT
                  ) -> tuple[Examples, ...]:
    """Example numbers of each ``msgstr[i]`` under a catalogue's own rule (a form no
    number reaches gets none)."""
    found = examples_by(plural_function(expr), count)
    return tuple(found.get(i, Examples((), False)) for i in range(nplurals))
