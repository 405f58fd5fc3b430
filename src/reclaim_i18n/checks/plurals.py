"""Plural entries: as many forms as the header's Plural-Forms says, all of them filled.

The catalogue's own Plural-Forms decides (a volunteer's file is respected); whether it
matches CLDR is reported by ``reclaim-i18n update``, not here.
"""

from __future__ import annotations

from reclaim_i18n.checks.base import ERROR, Problem, check


@check("plural-missing", ERROR, "Every plural form filled")
def check_missing(entry, ctx):
    """When one plural form is translated, every form is: an empty msgstr[n] would show
    nothing (or English) for some numbers."""
    msg = entry.message
    if not msg.is_plural:
        return
    empty = [i for i, form in enumerate(msg.msgstr_plural) if not form]
    if empty:
        which = ", ".join(f"msgstr[{i}]" for i in empty)
        yield Problem(f"the plural form{'s' if len(empty) > 1 else ''} {which} "
                      f"{'are' if len(empty) > 1 else 'is'} empty",
                      "translate every plural form: each is used for different numbers "
                      "(msgstr[0] for 1, msgstr[1] for 2, 3, 4… in many languages)")


@check("plural-count", ERROR, "Number of plural forms")
def check_count(entry, ctx):
    """A plural entry has exactly as many forms as ``nplurals`` in the header."""
    msg = entry.message
    if not msg.is_plural or ctx.nplurals is None:
        return
    have = len(msg.msgstr_plural)
    if have != ctx.nplurals:
        yield Problem(f"this entry has {have} plural forms but the header says "
                      f"nplurals={ctx.nplurals}",
                      f"give it exactly {ctx.nplurals} lines msgstr[0] to "
                      f"msgstr[{ctx.nplurals - 1}]")
