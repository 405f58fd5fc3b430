"""Placeholders the website fills in: they must survive translation unchanged.

Three kinds: python-brace ``{count}``, printf ``%s`` / ``%(name)s`` and Jinja
``{{ name }}`` / ``{% tag %}``. Jinja is always checked; brace and printf when the entry's
flags say so (``python-brace-format``, ``python-format``, ``c-format``) or the English
text uses them. Without a printf flag only the unambiguous ``%(name)s`` and ``%s``/``%d``
count, so "50 % of people" / "50 % des gens" is not mistaken for a ``% d`` conversion.

Plural forms: every form needs the placeholders of the English plural, except a form
the catalogue's plural rule uses for exactly one number (msgstr[0] of German is only
ever 1, so "Eine Organisation" may leave out ``{count}``), as ``msgfmt -c`` allows.
"""

from __future__ import annotations

import re
from collections import Counter

from reclaim_i18n.checks.base import ERROR, Pair, Problem, check, quote

JINJA = re.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}")
BRACE = re.compile(r"\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")
PRINTF = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                    r"[hlL]?[diouxXeEfFgGcrsa%]")
PRINTF_PLAIN = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%[sd](?![A-Za-z0-9])")
_BRACE_FLAGS = {"python-brace-format"}
_PRINTF_FLAGS = {"python-format", "c-format"}


def jinja(text: str) -> list[str]:
    """``{{x}}`` and ``{{ x }}`` are the same placeholder: inner spacing is normalised."""
    out = []
    for m in JINJA.finditer(text):
        token = m.group(0)
        out.append(f"{token[:2]} {' '.join(token[2:-2].split())} {token[-2:]}")
    return out


def brace(text: str) -> list[str]:
    text = JINJA.sub("", text).replace("{{", "").replace("}}", "")
    return BRACE.findall(text)


def printf(text: str) -> list[str]:
    return [p for p in PRINTF.findall(text) if p != "%%"]


def printf_plain(text: str) -> list[str]:
    """printf placeholders that cannot be ordinary text (for entries without a flag)."""
    return PRINTF_PLAIN.findall(text)


def kinds(source: str, flags: frozenset[str] | set[str]):
    """The placeholder finders that apply to an entry."""
    found = [jinja]
    if (flags & _BRACE_FLAGS or brace(source)) and "no-python-brace-format" not in flags:
        found.append(brace)
    if "no-python-format" not in flags:
        if flags & _PRINTF_FLAGS:
            found.append(printf)
        elif printf_plain(source):
            found.append(printf_plain)
    return found


def placeholders(text: str, finders) -> Counter:
    counts: Counter = Counter()
    for finder in finders:
        counts.update(finder(text))
    return counts


def _positional(token: str) -> bool:
    return token in ("{}",) or (token.startswith("%") and not token.startswith("%("))


def compare(expected: Counter, found: Counter, may_omit: bool = False):
    """(missing, extra) placeholders; named ones by presence, positional ones by count."""
    missing, extra = [], []
    for token in sorted(set(expected) | set(found)):
        want, have = expected[token], found[token]
        if not _positional(token):
            want, have = min(want, 1), min(have, 1)
        if have < want and not may_omit:
            missing.append(token)
        elif have > want:
            extra.append(token)
    return missing, extra


@check("placeholders", ERROR, "Placeholders kept")
def check_placeholders(entry, ctx):
    """Every placeholder of the English text ({count}, %(name)s, %s, {{ name }}) is in the
    translation, spelled the same, and the translation adds none."""
    msg = entry.message
    sources = [msg.msgid] + ([msg.msgid_plural] if msg.is_plural else [])
    if not any("{" in t or "%" in t for t in (*sources, *(p.text for p in entry.pairs))):
        return    # every placeholder of every kind has a "{" or a "%": none anywhere
    finders = kinds(" ".join(sources), entry.flags)
    for pair in entry.pairs:
        expected = placeholders(pair.source, finders)
        if msg.is_plural:
            expected = expected | placeholders(msg.msgid_plural, finders)
        may_omit = pair.form is not None and pair.form in ctx.single_forms
        missing, extra = compare(expected, placeholders(pair.text, finders), may_omit)
        yield from _problems(pair, missing, extra)


def _problems(pair: Pair, missing: list[str], extra: list[str]):
    for token in missing:
        yield Problem(
            f"the placeholder {quote(token)} is missing from your translation{pair.where}",
            f"copy {token} exactly as it is in the English text, brackets included; "
            "the website puts a number or a name in its place")
    for token in extra:
        yield Problem(
            f"the placeholder {quote(token)} is in your translation{pair.where} but not in "
            "the English text",
            "use only the placeholders of the English text, spelled exactly the same; "
            "never translate the word inside the brackets")
