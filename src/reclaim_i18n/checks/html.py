"""HTML in a translation: only a few harmless inline tags and attributes.

Allowed: the inline tags and their attributes in :mod:`reclaim_i18n.html_policy`, the one
allow-list the site's sanitiser applies too (``href`` of ``<a>`` is checked as a link by
``url-*``). Any other tag (``<script>``, ``<iframe>``, ``<img>``, ``<style>``, ``<p>``…),
any other attribute (``on*=`` handlers, ``style``…), comments and ``<!…>``/``<?…>``
markup are errors unless the English text has the same.
Tags are found by a tolerant pattern (an unclosed ``<script`` counts), not by a parser
that could be talked out of seeing them.
"""

from __future__ import annotations

import re
from collections import Counter

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, check, quote
from reclaim_i18n.html_policy import INLINE_TAGS, allowed_attributes

# A tag starts as HTML says: "<" or "</" then a letter ("5 < 10", "a < b" are text to a
# browser and to the site's sanitiser, so they are text here too).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?![A-Za-z0-9+.-]*[:@])([^<>]*)>?")
_ATTR_NAME = re.compile(r"""(?:^|[\s/"'])([^\s"'<>/=]+)\s*(?==|[\s/>]|$)""")
_MARKUP = re.compile(r"<!--|<!\[|<![A-Za-z]|<\?")


def tags(text: str) -> list[tuple[str, frozenset[str]]]:
    """``(name, attribute names)`` of every tag, lower-case; closing tags as ``/name``."""
    if "<" not in text:
        return []
    out = []
    for closing, name, rest in _TAG.findall(text):
        names = frozenset(a.lower() for a in _ATTR_NAME.findall(_strip_values(rest)))
        out.append((closing + name.lower(), names))
    return out


def _strip_values(rest: str) -> str:
    """Attribute values blanked out, so ``title="onclick=x"`` is not an attribute name."""
    return re.sub(r"=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+)", "= ", rest)


def unsafe(name: str, attrs: frozenset[str]) -> list[str]:
    """What is not allowed about one tag (empty when it is fine)."""
    bare = name.lstrip("/")
    if bare not in INLINE_TAGS:
        return [f"the tag <{bare}>"]
    allowed = allowed_attributes(bare)
    return [f"the attribute {a}= on <{bare}>" + (" (it runs code)" if a.startswith("on")
                                                  else "")
            for a in sorted(attrs - allowed)]


@check("html-unsafe", ERROR, "Only harmless HTML", protects_readers=True)
def check_unsafe(entry, ctx):
    """No HTML tag or attribute outside a small allow-list (no <script>, <iframe>, on*=
    handlers, style=…) and no HTML comments, unless the English text has the same."""
    for pair in entry.pairs:
        if "<" not in pair.text:
            continue    # no tag and no markup: every match of _TAG and _MARKUP has a "<"
        source = set(tags(pair.source))
        reported: set[str] = set()
        for name, attrs in tags(pair.text):
            if (name, attrs) in source:
                continue
            for what in unsafe(name, attrs):
                if what not in reported:
                    reported.add(what)
                    yield Problem(f"your translation{pair.where} contains {what}", _HINT)
        markup = {m.group(0) for m in _MARKUP.finditer(pair.text)}
        markup -= {m.group(0) for m in _MARKUP.finditer(pair.source)}
        for mark in sorted(markup):
            yield Problem(f"your translation{pair.where} contains HTML markup {quote(mark)}",
                          _HINT)


_HINT = ("remove the HTML; write links as [words](address) and bold text as **words**. "
         "Only <br>, <em>, <strong> and a few other harmless tags may be used")


@check("html-tags", WARNING, "Same HTML tags")
def check_same_tags(entry, ctx):
    """The allowed HTML tags of the English text (e.g. <br>, <strong>) are in the
    translation as often as in the English text, and no others are added."""
    for pair in entry.pairs:
        if "<" not in pair.source and "<" not in pair.text:
            continue    # no tags on either side
        src = Counter(n for n, _ in tags(pair.source) if n in INLINE_TAGS)
        tr = Counter(n for n, _ in tags(pair.text) if n in INLINE_TAGS)
        if src != tr:
            diff = sorted((src - tr) | (tr - src))
            yield Problem(f"the HTML tags of your translation{pair.where} differ from the "
                          f"English text (<{diff[0]}>)",
                          "keep the tags of the English text, such as <br>, where they are")
