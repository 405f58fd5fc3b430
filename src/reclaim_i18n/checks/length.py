"""Length: buttons and links have room for so many characters.

The limit comes from the source content (``max-length: 30`` of a field), which the
template carries in an extracted comment ``At most 30 characters (max-length:30).``;
a ``max-length:N`` flag (Weblate's convention) is honoured too. With both, the smaller
wins. Characters are counted after NFC normalisation (``é`` is one character however it
was typed).

``text-size`` guards the checker itself: a translation of more than
:data:`MAX_TEXT` characters (and ten times its English text; never more than
:data:`HARD_MAX`) is reported and no other
check looks at it, so a runaway file cannot make ``check`` slow. It cannot be silenced.
"""

from __future__ import annotations

import re
import unicodedata

from reclaim_i18n.checks.base import ERROR, Problem, check

MAX_TEXT = 20_000
HARD_MAX = 100_000     # no text, English or translated, is checked beyond this
_LIMIT = re.compile(r"\bmax-length:\s*(\d{1,6})\b")


def max_length(flags, comments) -> int | None:
    limits = [int(m.group(1)) for text in (*flags, *comments) if "max-length:" in text
              for m in _LIMIT.finditer(text)]
    limits = [n for n in limits if n > 0]
    return min(limits) if limits else None


def too_big(entry) -> bool:
    msg = entry.message
    source = max(len(msg.msgid), len(msg.msgid_plural or ""))
    limit = min(HARD_MAX, max(MAX_TEXT, 10 * source))
    return source > HARD_MAX or any(len(p.text) > limit for p in entry.pairs)


@check("max-length", ERROR, "Within the length limit")
def check_max_length(entry, ctx):
    """A translation with a length limit (``max-length:N``) has at most N characters."""
    limit = max_length(entry.flags, entry.comments)
    if limit is None:
        return
    for pair in entry.pairs:
        length = len(unicodedata.normalize("NFC", pair.text))
        if length > limit:
            yield Problem(f"your translation{pair.where} has {length} characters; there is "
                          f"room for at most {limit}",
                          f"shorten it to {limit} characters or fewer (it is a button or "
                          "a link with little space); a shorter word often works")


@check("text-size", ERROR, "Not unreasonably long", protects_readers=True)
def check_size(entry, ctx):
    """A translation of more than 20,000 characters (and ten times its English text; at
    most 100,000 in any case) is refused and not checked further."""
    if too_big(entry):
        longest = max(len(p.text) for p in entry.pairs)
        yield Problem(f"your translation has {longest:,} characters, far more than the "
                      "English text", "the entry was probably damaged by a copy and paste; "
                      "restore it from the English text")
