"""Markdown fields → the blocks a reader sees, and back.

Each paragraph, heading, list item or quote is one message; its inline Markdown
(links, emphasis, code) stays in the msgid as written. The block's own markup (``## ``,
``- ``, ``> ``) is kept aside so a translated field can be put back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SUSPICIOUS = re.compile(r"\*\*|__|`|\]\(|\[[^\]\n]*\]\s*\(")
_BLOCK_ERRORS = {
    "fence": "code blocks", "code_block": "indented code blocks", "html_block": "HTML",
    "table_open": "tables", "hr": "horizontal rules",
}


@dataclass(frozen=True)
class Block:
    """One translatable block: its text (``msgid``), its markup and where it starts."""

    text: str
    prefix: str
    line: int          # 0-based line inside the field
    kind: str          # paragraph, heading, list item, quote
    tight_with_previous: bool = False


class MarkdownError(ValueError):
    def __init__(self, message: str, line: int, hint: str = ""):
        super().__init__(message)
        self.line, self.hint = line, hint


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def split_blocks(text: str) -> list[Block]:
    """Segment a Markdown field; raises :class:`MarkdownError` on unsupported markup."""
    tokens = parser().parse(text)
    blocks: list[Block] = []
    stack: list = []
    last_end = -1
    for tok in tokens:
        if tok.type in _BLOCK_ERRORS:
            line = tok.map[0] if tok.map else 0
            raise MarkdownError(f"{_BLOCK_ERRORS[tok.type]} are not supported in campaign "
                                "content", line, "write plain paragraphs, headings and lists")
        if tok.nesting == 1:
            stack.append(tok)
        elif tok.nesting == -1:
            stack.pop()
        elif tok.type == "inline":
            start, end = tok.map
            _check_inline(tok, start)
            prefix, kind = _prefix(stack)
            in_list = any(t.type == "list_item_open" for t in stack)
            tight = in_list and start == last_end
            blocks.append(Block(_inline_text(tok.content), prefix, start, kind, tight))
            last_end = end
    return blocks


def _inline_text(content: str) -> str:
    """Soft line breaks inside a paragraph become spaces: the msgid is one line of text."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", content.strip())


def _check_inline(tok, start: int) -> None:
    for child in tok.children or ():
        if child.type in ("html_inline",):
            raise MarkdownError("HTML is not allowed in campaign content", start,
                                "use Markdown: [text](url) for links, **text** for bold")
        if child.type == "text" and _SUSPICIOUS.search(child.content):
            raise MarkdownError(f"unclosed Markdown near {child.content.strip()[:40]!r}",
                                start, "close every ** and ` and write links as [text](url)")
        if child.type == "link_open":
            href = child.attrs.get("href", "")
            if not re.match(r"^(https?://|mailto:|/|#)", str(href)):
                raise MarkdownError(f"link target {href!r} is not an http(s) URL", start,
                                    "links must start with https://, / or #")


def _prefix(stack: list) -> tuple[str, str]:
    """The markup in front of a block's text; outer list items become indentation."""
    items = [t for t in stack if t.type == "list_item_open"]
    prefix, kind = "", "paragraph"
    for tok in stack:
        if tok.type == "blockquote_open":
            prefix += "> "
            kind = "quote"
        elif tok.type == "list_item_open":
            marker = f"{tok.info}{tok.markup} "
            prefix += marker if tok is items[-1] else " " * len(marker)
            kind = "list item"
        elif tok.type == "heading_open":
            prefix += "#" * int(tok.tag[1]) + " "
            kind = "heading"
    return prefix, kind


def join_blocks(blocks: list[Block], texts: list[str]) -> str:
    """Put a field back together with translated block texts (same order as ``blocks``)."""
    out = []
    for i, (block, text) in enumerate(zip(blocks, texts)):
        if i:
            out.append("\n" if block.tight_with_previous else "\n\n")
        out.append(block.prefix + text)
    return "".join(out)
