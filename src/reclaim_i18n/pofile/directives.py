"""Format directives gettext keeps whole when it wraps a line (``%(name)s``, ``{count}``).

gettext marks directives of the first format type, in its own order, that the entry's
flags make possible; c and objc-format (which come first) are not parsed here.  The
marks are bits per character of the unescaped string, turned into "no break before
this character" for every character of a directive but its first.
"""

from __future__ import annotations

import re
from itertools import accumulate

from reclaim_i18n.pofile.escapes import ESCAPES

_FORMAT_ORDER = ("c", "objc", "python", "python-brace")
_START, _END, _ERROR = 1, 2, 4


def directive_blocks(escaped: str, flags) -> set[int]:
    """Escaped positions gettext will not break before because of format directives."""
    if not flags or ("%" not in escaped and "{" not in escaped):
        return set()
    names = {flag.removeprefix("possible-") for flag in flags}
    lang = next((lang for lang in _FORMAT_ORDER if lang + "-format" in names), None)
    marker = _MARKERS.get(lang)
    if marker is None:
        return set()
    starts, chars, i = [], [], 0  # where each unescaped character starts in `escaped`
    while i < len(escaped):
        starts.append(i)
        step = 2 if escaped[i] == "\\" else 1
        chars.append(ESCAPES.get(escaped[i + 1], escaped[i + 1]) if step == 2
                     else escaped[i])
        i += step
    # gettext keeps the marks per byte of the UTF-8 string
    offsets = list(accumulate((len(c.encode()) for c in chars), initial=0))
    bits = [0] * (offsets[-1] + 1)
    marker("".join(chars), offsets, bits)
    protected, k, n = bytearray(len(bits)), 0, offsets[-1]
    while k < n:  # as write-po.c: a START up to the first END (kept) or ERROR (dropped)
        if bits[k] & _START:
            q = k
            while q < n and not bits[q] & (_END | _ERROR):
                q += 1
            if q < n and not bits[q] & _ERROR:
                protected[k:q + 1] = b"\1" * (q + 1 - k)
            k = q
        k += 1
    return {starts[c] for c, at in enumerate(offsets[:-1])
            if protected[at] and not bits[at] & _START}


def _python_marks(text: str, offsets: list[int], bits: list[int]) -> None:
    """gettext 0.21 format-python.c: %-directives, up to the first invalid one."""
    named, unnamed, n = 0, 0, len(text)
    at = text.find("%")
    while at >= 0:
        bits[offsets[at]] |= _START
        j, name = at + 1, False
        if text.startswith("(", j):
            depth, j = 0, j + 1
            while j < n and (text[j] != ")" or depth):
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            if j >= n:
                bits[offsets[n] - 1] |= _ERROR
                return
            j, name = j + 1, True
        while j < n and text[j] in "-+ #0":
            j += 1
        for field in range(2):  # width, then precision
            if field and not text.startswith(".", j):
                break
            j += field
            if text.startswith("*", j):
                if named:
                    bits[offsets[j]] |= _ERROR
                    return
                unnamed, j = unnamed + 1, j + 1
            else:
                while j < n and "0" <= text[j] <= "9":
                    j += 1
        if j < n and text[j] in "hlL":
            j += 1
        if j >= n or text[j] not in "%crsidouxXeEfgG" or (
                unnamed if name else named and text[j] != "%"):
            bits[offsets[j] - (j >= n)] |= _ERROR
            return
        if name:
            named += 1
        elif text[j] != "%":
            unnamed += 1
        bits[offsets[j]] |= _END
        at = text.find("%", j + 1)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
_SPEC = re.compile(r"(?:[^\0][<>=^]|[<>=^])?[-+ ]?#?0?[0-9]*(?:\.[0-9]+)?[bcdoxXneEfFgG%]?")


def _brace_marks(text: str, offsets: list[int], bits: list[int]) -> None:
    """gettext 0.21 format-python-brace.c, including its quirk: a directive's marks are
    stored at byte offsets from its own "{", i.e. over the first bytes of the string."""
    at = text.find("{")
    while at >= 0:
        end = _brace_end(text, at, True, (offsets, bits))
        if end < 0:
            return
        at = text.find("{", end)


def _brace_end(text: str, at: int, top: bool, marks) -> int:
    """Index after the directive at ``at`` (a "{"), or -1 after marking an error."""
    offsets, bits = marks

    def error(pos: int) -> int:
        bits[offsets[pos] - offsets[at]] |= _ERROR
        return -1

    if text.startswith("{", at + 1):  # an escaped brace
        return at + 2
    match = _FIELD.match(text, at + 1)
    if not match:
        return error(at + 1)
    j = match.end()
    while text.startswith((".", "["), j):  # getattr / getitem chains
        bracket = text[j] == "["
        match = (_FIELD if bracket else _NAME).match(text, j + 1)
        if not match:
            return error(j + 1)
        j = match.end()
        if bracket:
            if not text.startswith("]", j):
                return error(j)
            j += 1
    if text.startswith(":", j):
        if not top:
            return error(j)
        j += 1
        if text.startswith("{", j):
            j = _brace_end(text, j, False, marks)
            if j < 0:
                return -1
        elif j >= len(text):
            return error(j)
        else:
            j = _SPEC.match(text, j).end()
    if not text.startswith("}", j):
        return error(j)
    if top:
        bits[0] |= _START
        bits[offsets[j] - offsets[at]] |= _END
    return j + 1


_MARKERS = {"python": _python_marks, "python-brace": _brace_marks}
