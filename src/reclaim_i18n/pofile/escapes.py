"""The escape sequences of PO string literals, both ways."""

from __future__ import annotations

import re

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
           "\\": "\\", '"': '"'}
_UNESCAPE_RE = re.compile(r'\\(?:([ntrabfv\\"])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.?))')
_ESCAPE_RE = re.compile(r'[\\"\n\t\r\a\b\f\v]')
_ESCAPE_OUT = {v: "\\" + k for k, v in ESCAPES.items()}


def escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPE_OUT[m.group(0)], text)


def unescape(body: str) -> str:
    """The inside of a PO string literal → text; ValueError on a bad escape."""
    if "\\" not in body:
        return body

    def repl(m: re.Match) -> str:
        simple, octal, hexa, bad = m.groups()
        if simple:
            return ESCAPES[simple]
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        raise ValueError(f"unknown escape sequence '\\{bad}'" if bad else "backslash at end")

    return _UNESCAPE_RE.sub(repl, body)
