"""Lay PO strings out exactly as GNU gettext 0.21 does (msgcat, msgmerge, xgettext).

:func:`wrap_field` gives the lines of ``msgid "…"`` (or any keyword) as gettext's
``write-po.c`` writes them; :func:`wrap_portion` breaks one piece of it.  gettext cuts an
escaped string after each ``\\n`` into *portions* and breaks every portion with
libunistring's ``ulc_width_linebreaks``:

* **break opportunities** follow UAX #14 as libunistring 1.0 implements it: a line-break
  class per character and a 33×33 pair table (direct / only after spaces / never), with
  its own tweaks (a break after "." or "/" before a letter: ``reclaimyourface.|eu``,
  ``Greens/|EFA``), plus rules for spaces, combining marks, ZW(J), regional indicators
  and Hebrew + hyphen;
* gettext forbids a break inside an escape sequence (``\\"``, ``\\\\``, ``\\t``), just
  before the ``\\n`` that ends a portion, and inside a ``python-format`` directive such
  as ``%(name)s``.  Its ``python-brace-format`` support has a bug (the marks land at the
  start of the string, not on ``{count}``), reproduced here because msgcat does it;
* **filling** is greedy: pieces between opportunities join a line while it stays within
  ``width`` columns (East Asian Wide/Fullwidth count 2, combining marks 0); a piece
  longer than a line stays whole; spaces stay at the end of a line.  The first line is
  tried after ``msgid "``; if the string would need a break there, it starts on the next
  line after ``msgid ""``.

Break opportunities and widths come from :mod:`reclaim_i18n.pofile.linebreak`, format
directives from :mod:`reclaim_i18n.pofile.directives`.  ``tests/test_pofile_wrap.py``
compares with ``msgcat`` and, when it loads, libunistring.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, chain, pairwise

from reclaim_i18n.pofile.directives import directive_blocks
from reclaim_i18n.pofile.linebreak import (
    CLASSES,
    MANDATORY,
    QUICK,
    WIDTHS,
    all_narrow,
    can_break,
    display_width,
)

__all__ = ["display_width", "wrap_field", "wrap_portion"]


def wrap_portion(escaped: str, width: int, flags=(), start: int = 0) -> list[str]:
    """Split one escaped portion into chunks as GNU gettext 0.21 does.

    ``escaped`` is a piece of an escaped string that ends at an escaped ``\\n`` or at the
    end; ``width`` = columns available inside the quotes; ``start`` = columns already
    taken on the first line.  ``flags`` are the entry's flags: with ``python-format``
    (or gettext 0.21's quirky ``python-brace-format``) format directives are kept
    whole; they are looked for in this portion only, :func:`wrap_field` reads the
    whole string as gettext does.  The chunks join back to ``escaped``.
    """
    escapes = _escape_blocks(escaped)
    blocked = escapes | directive_blocks(escaped, flags)
    return _chunks(escaped, width, start, _portion_blocks(escaped, escapes, blocked))


def wrap_field(keyword: str, escaped: str, prefix: str = "", width: int = 79,
               wrap: bool = True, flags=()) -> list[str]:
    """The lines of ``prefix keyword "escaped"`` exactly as gettext 0.21 writes them.

    ``prefix`` is ``""``, ``"#~ "``, ``"#| "`` or ``"#~| "``; ``width`` the page width
    (``msgcat -w``, which takes at least 20); ``wrap=False`` for a ``no-wrap`` entry;
    ``flags`` the entry's flags (``python-format`` keeps directives whole).
    """
    width = max(width, 20)
    escapes = _escape_blocks(escaped)
    blocked = escapes | directive_blocks(escaped, flags)
    avail = width - len(prefix) - 2  # between the quotes of a continuation line
    bounds = [0, *(i + 1 for i in sorted(escapes)  # after each \n with text after it
                   if escaped[i] == "n" and i + 1 < len(escaped)), len(escaped)]
    if len(bounds) == 2:
        blocked = _portion_blocks(escaped, escapes, blocked)
        chunks = _chunks(escaped, avail, 0, blocked) if wrap else [escaped]
        start = len(keyword) + 1  # after 'msgid "' on the first line
        if len(chunks) == 1 and (not wrap or start <= avail and len(
                _chunks(escaped, avail, start, blocked)) == 1):
            return [f'{prefix}{keyword} "{escaped}"']
        return [f'{prefix}{keyword} ""', *(f'{prefix}"{c}"' for c in chunks)]
    lines = [f'{prefix}{keyword} ""']
    for lo, hi in pairwise(bounds):
        portion = escaped[lo:hi]
        chunks = [portion]
        if wrap:
            local = {i - lo for i in escapes if lo <= i < hi}
            chunks = _chunks(portion, avail, 0, _portion_blocks(
                portion, local, {i - lo for i in blocked if lo <= i < hi}))
        lines.extend(f'{prefix}"{chunk}"' for chunk in chunks)
    return lines


def _escape_blocks(escaped: str) -> set[int]:
    """Second characters of escape sequences: gettext never breaks inside ``\\"``."""
    blocked = set()
    at = escaped.find("\\")
    while at >= 0:
        blocked.add(at + 1)
        at = escaped.find("\\", at + 2)
    return blocked


def _portion_blocks(portion: str, escapes: set[int], blocked: set[int]) -> set[int]:
    """``blocked``, plus the position just before a final \\n (gettext keeps it)."""
    end = len(portion) - 1
    return blocked | {end - 1} if end in escapes and portion[end] == "n" else blocked


def _chunks(text: str, width: int, start: int, blocked: set[int]) -> list[str]:
    """One portion through libunistring's u8_width_linebreaks, with gettext's overrides."""
    n = len(text)
    narrow = all_narrow(text)
    if narrow:
        total, cols = n, None
    else:
        cols = list(accumulate(text.translate(WIDTHS).encode(), initial=0))
        total = cols[-1]
    if total + start <= width:
        return [text]
    breaks: list[int] = []
    line = 0
    mandatory = () if narrow and text.isascii() else MANDATORY.finditer(text)
    for stop in [*(m.start() for m in mandatory), n]:
        _fill(text, cols, blocked, line, stop, width, width - start, breaks)
        line, start = stop + 1, 0  # a mandatory break restarts the count
    bounds = [0, *breaks, n]
    return [text[a:b] for a, b in pairwise(bounds)]


def _fill(text: str, cols, blocked, line: int, end: int, width: int, room: int,
          breaks: list[int]) -> None:
    """Greedy filling of text[line:end]: ``room`` columns on the first line, then width.

    A line takes pieces (text between break opportunities) while they fit; it breaks at
    the last opportunity that fits, else at the first one (an overlong piece stays)."""
    cls, quick = CLASSES, QUICK
    while True:
        if cols is None:
            if end - line <= room:
                return
            last = max(line, line + room)
        else:
            limit = cols[line] + room
            if cols[end] <= limit:
                return
            last = max(line, bisect_right(cols, limit, line, end) - 1)
        candidates = chain(range(last, line, -1), range(last + 1, end))
        at = next((i for i in candidates if quick[cls[text[i - 1]] * 40 + cls[text[i]]]
                   and i not in blocked and can_break(text, i)), 0)
        if not at:
            return
        breaks.append(at)
        line, room = at, width
