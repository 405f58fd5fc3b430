"""CLDR plural rules (babel's ``PluralRule``) → gettext Plural-Forms for whole numbers.

New catalogues get CLDR's rule compiled to a C expression, keeping only the categories
an integer can reach, in CLDR order. :mod:`reclaim_i18n.locales` calls this once per
language (ahead of time, for ``cldr_languages.json``).
"""

from __future__ import annotations

import re

from reclaim_i18n.plurals.expressions import SAMPLES

CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def every_category(rule) -> tuple[str, ...]:
    """Every category of a CLDR rule, fractions included, in CLDR order."""
    return tuple(c for c in CLDR_ORDER if c in set(rule.tags) | {"other"})


def cldr_plural_forms(rule) -> tuple[int, str, tuple[str, ...]]:
    """Compile a babel ``PluralRule`` for integers into (nplurals, C expression, categories)."""
    reachable = {rule(n) for n in SAMPLES}
    categories = tuple(c for c in CLDR_ORDER if c in reachable)
    conditions = dict(rule.abstract)
    # The last category is the default branch ('other', or 'many' in Polish, where
    # 'other' holds only fractions).
    branches = [(_c_expr(conditions[c]), i) for i, c in enumerate(categories[:-1])]
    expr = str(len(categories) - 1)
    for cond, index in reversed(branches):
        expr = f"{cond} ? {index} : {expr}"
    return len(categories), f"({expr})" if branches else "0", categories


def _c_expr(node) -> str:
    value = _fold(node)
    return ("1" if value else "0") if isinstance(value, bool) else value


def _fold(node):
    """CLDR AST → C source, folding operands that are constant for integers (v=f=t=e=0)."""
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in ("v", "w", "f", "t", "c", "e"):
        return 0
    if op == "value":
        return args[0]
    if op == "mod":
        a, b = _fold(args[0]), _fold(args[1])
        return a % b if isinstance(a, int) else f"{a} % {b}"
    if op == "not":
        x = _fold(args[0])
        if isinstance(x, bool):
            return not x
        equal = re.match(r"^\((n(?: % \d+)?) == (\d+)\)$", x)
        return f"({equal.group(1)} != {equal.group(2)})" if equal else f"!{x}"
    if op in ("and", "or"):
        return _fold_bool(op, _fold(args[0]), _fold(args[1]))
    if op in ("is", "isnot"):
        node = ("relation", ("in", args[0], ("range_list", [(args[1], args[1])])))
        return _fold(node) if op == "is" else _fold(("not", (node,)))
    if op == "relation":
        _method, expr, (_, ranges) = args
        return _fold_relation(_fold(expr), [(_fold(a), _fold(b)) for a, b in ranges])
    raise ValueError(f"unknown plural rule node {op!r}")


def _fold_bool(op: str, a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        const, other = (a, b) if isinstance(a, bool) else (b, a)
        if op == "and":
            return other if const else False
        return True if const else other
    joiner = " && " if op == "and" else " || "
    return f"({a}{joiner}{b})"


def _fold_relation(expr, ranges):
    if isinstance(expr, int):
        return any(lo <= expr <= hi for lo, hi in ranges)
    parts = [f"{expr} == {lo}" if lo == hi else
             f"{expr} <= {hi}" if lo == 0 else f"{expr} >= {lo} && {expr} <= {hi}"
             for lo, hi in ranges]
    return "(" + " || ".join(f"({p})" if len(parts) > 1 else p for p in parts) + ")"
