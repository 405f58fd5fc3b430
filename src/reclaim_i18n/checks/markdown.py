"""Inline Markdown: a translation keeps the links, images, code and emphasis of its source
and smuggles in no block syntax (headings, lists, quotes, code blocks, extra paragraphs).

Structure comes from markdown-it-py (the parser the site uses), not from regular
expressions; a string without any Markdown character is not parsed at all (fast path).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, check, quote

# Characters that can make a string more than one plain paragraph of text: anywhere, or
# at the start. Two patterns, because one alternation with "^" scans several times slower.
_MARKUP_CHARS = re.compile(r"[\[\]*_`<\\\n]")
_MARKUP_START = re.compile(r"\s|[-+>#=~]|\d+[.)]")
# What is left in the text of a parsed string when some Markup is not closed.
_LEFTOVER = re.compile(r"\*\*|__|`|\]\(|\[[^\[\]\n]{0,200}\]\s*\(|(?:^|\s)[*_](?=\S)"
                       r"|(?<=\S)\*(?=\s|$)")
# Every alternative of _LEFTOVER contains one of these characters (a cheap pre-test).
_LEFTOVER_CHARS = re.compile(r"[*_`\[\]]")
# _LEFTOVER reads the text of an inline joined up, so that the "*" of "**bold*" (text "*"
# before an <em>) counts as a stray; a line break joins as a space, any other token as a
# mark that is not a space.
_GAPS = {"softbreak": "\n", "hardbreak": "\n"}
_BLOCK_NAMES = {
    "heading_open": "a heading (“#” at the start, or a line of “=” or “-” below)",
    "bullet_list_open": "a list (“-”, “+” or “*” at the start of a line)",
    "ordered_list_open": "a numbered list (a number and “.” or “)” at the start)",
    "blockquote_open": "a quote (“>” at the start)",
    "code_block": "a code block (four spaces at the start)",
    "fence": "a code block (```)",
    "hr": "a horizontal line (---)",
    "html_block": "a block of HTML",
    "paragraph_open": "a second paragraph (an empty line)",
}
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))


@dataclass(frozen=True)
class Inline:
    """What a string's Markdown amounts to."""

    blocks: tuple[str, ...] = ("paragraph_open",)
    links: tuple[str, ...] = ()
    images: int = 0
    code: int = 0
    strong: int = 0
    em: int = 0
    leftovers: frozenset[str] = frozenset()


PLAIN = Inline()


# Large enough for a catalogue's texts and sources, so that the next language finds the
# English texts already parsed (``build`` and ``report`` check every catalogue).
@lru_cache(maxsize=1 << 15)
def analyse(text: str) -> Inline:
    """Parse one message with markdown-it; plain text takes the fast path."""
    if not (_MARKUP_CHARS.search(text) or _MARKUP_START.match(text)):
        return PLAIN if text.strip() else Inline(blocks=())
    from reclaim_i18n.content.markdown import parser

    tokens = parser().parse(text)
    blocks = tuple(t.type for t in tokens if t.nesting != -1 and t.type != "inline")
    counts: Counter = Counter()
    links: list[str] = []
    leftovers: set[str] = set()
    for tok in tokens:
        shown = []  # the inline's text as read: each other token as one mark, not a space
        for child in tok.children or ():
            counts[child.type] += 1
            if child.type == "link_open":
                links.append(str(child.attrs.get("href", "")))
            shown.append(child.content if child.type == "text"
                         else _GAPS.get(child.type, "\ufffc"))
        joined = "".join(shown)
        if _LEFTOVER_CHARS.search(joined):
            leftovers.update(m.group(0).strip() for m in _LEFTOVER.finditer(joined))
    return Inline(blocks, tuple(links), counts["image"], counts["code_inline"],
                  counts["strong_open"], counts["em_open"], frozenset(leftovers))


@check("markdown-block", ERROR, "No block syntax in an inline string")
def check_blocks(entry, ctx):
    """The translation is read as the same kind of block as the English text: no heading,
    list, quote, code block, HTML block or extra paragraph appears in it."""
    for pair in entry.pairs:
        src, tr = analyse(pair.source).blocks, analyse(pair.text).blocks
        if src == tr:
            continue
        extra = [b for b in tr if b not in src] or list(tr[len(src):])
        if not tr:
            what = "nothing visible (it is read as a link definition)"
        else:
            what = _BLOCK_NAMES.get((extra or tr)[0], "a different kind of block")
        yield Problem(f"your translation{pair.where} is read as {what}",
                      "write it as one paragraph like the English text; to start with "
                      "a number and a dot, put a backslash before the dot (1\\. Mai)")


@check("markdown-links", ERROR, "Links kept", protects_readers=True)
def check_links(entry, ctx):
    """Every link target of the English text is in the translation. A translation may
    point a link at a localised page instead when that page matches the allow-list."""
    for pair in entry.pairs:
        src, tr = analyse(pair.source).links, analyse(pair.text).links
        if src == tr:
            continue    # the usual case: nothing missing, nothing spare
        from reclaim_i18n.checks.links import url_allowed

        missing = list((Counter(src) - Counter(tr)).elements())
        spare = [u for u in (Counter(tr) - Counter(src)).elements() if url_allowed(u, ctx)]
        for url in missing[len(spare):]:
            yield Problem(f"the link to {quote(url, 80)} is missing from your "
                          f"translation{pair.where}",
                          "keep every link as [words](address): translate the words in "
                          "square brackets, keep the part in round brackets as it is")


@check("markdown-count", ERROR, "Same number of links, images and code",
       protects_readers=True)
def check_counts(entry, ctx):
    """The translation has as many links, images and `code` spans as the English text."""
    for pair in entry.pairs:
        src, tr = analyse(pair.source), analyse(pair.text)
        for name, a, b in (("link", len(src.links), len(tr.links)),
                           ("image", src.images, tr.images),
                           ("code span (`…`)", src.code, tr.code)):
            if a != b:
                yield Problem(f"the English text has {_count(a, name)}, your translation"
                              f"{pair.where} has {b}", _COUNT_HINT)


def _count(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    head, _, tail = word.partition(" ")
    return f"{n} {head}s" + (f" {tail}" if tail else "")


_COUNT_HINT = ("keep [words](address) for links, ![words](address) for images and `…` "
               "for code exactly as often as in the English text")


@check("markdown-unclosed", ERROR, "Markdown closed")
def check_unclosed(entry, ctx):
    """Every ``**``, ``*``, ``_``, backtick and ``[…](…)`` of the translation is closed: none is
    left over as visible text (unless the English text has the same leftover). Unbalanced
    emphasis is caught here (``**bold*`` shows “*” before an italic “bold”), an error;
    ``markdown-emphasis`` only compares the number of bold and italic parts."""
    for pair in entry.pairs:
        extra = analyse(pair.text).leftovers - analyse(pair.source).leftovers
        for mark in sorted(extra)[:3]:
            yield Problem(f"{quote(mark)} is not closed in your translation{pair.where} and "
                          "would show as it is", "close every ** and ` you open, and write "
                          "links as [words](address) without a space before “(”")


@check("markdown-emphasis", WARNING, "Same emphasis")
def check_emphasis(entry, ctx):
    """The translation has as many **bold** and *italic* spans as the English text."""
    for pair in entry.pairs:
        src, tr = analyse(pair.source), analyse(pair.text)
        if (src.strong, src.em) != (tr.strong, tr.em):
            yield Problem(f"the English text has {src.strong} bold and {src.em} italic "
                          f"parts, your translation{pair.where} has {tr.strong} and {tr.em}",
                          "mark the same words as **bold** or *italic* as the English text")


@check("brackets", WARNING, "Brackets balanced")
def check_brackets(entry, ctx):
    """Round, square and curly brackets are balanced in the translation when they are in
    the English text."""
    for pair in entry.pairs:
        for left, right in _BRACKETS:
            if pair.text.count(left) != pair.text.count(right) \
                    and pair.source.count(left) == pair.source.count(right):
                yield Problem(f"your translation{pair.where} has {pair.text.count(left)} "
                              f"“{left}” but {pair.text.count(right)} “{right}”",
                              f"close every “{left}” with “{right}”")
