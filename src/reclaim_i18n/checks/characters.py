"""Invisible and deceptive characters: what a reviewer cannot see cannot be reviewed.

- ``bidi-control``: the embedding, override and isolate controls U+202A–U+202E and
  U+2066–U+2069 reorder what is displayed ("Trojan Source"); never needed in the
  campaign's languages.
- ``control-char``: NUL and the other C0/C1 controls (tab and newline excepted), DEL,
  line/paragraph separators, Unicode "tag" characters (U+E0000–U+E007F, used to hide text
  from people but not from machines) and non-characters.
- ``invisible-char``: zero-width spaces and joiners, word joiner, BOM, soft hyphen,
  left-to-right/right-to-left marks, Hangul fillers… where the English text has none.
- ``mixed-script``: one word with letters of two alphabets ("Fаce" with a Cyrillic
  "а"): look-alike letters that fool readers and searches.

A character that the English text itself contains is not reported.
"""

from __future__ import annotations

import re
import unicodedata

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, char_name, check, quote

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufff9-\ufffb\ufffe\uffff"
                     "\U000e0000-\U000e007f]")
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                       "\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0]")
_MAX_REPORTED = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff]")


def _new_chars(pattern: re.Pattern, pair) -> list[str]:
    found = dict.fromkeys(pattern.findall(pair.text))
    return [c for c in found if c not in pair.source][:_MAX_REPORTED]


@check("bidi-control", ERROR, "No bidirectional controls", protects_readers=True)
def check_bidi(entry, ctx):
    """No bidirectional embedding, override or isolate control (U+202A–U+202E,
    U+2066–U+2069): they make the text display differently from what it is."""
    for pair in entry.pairs:
        if pair.text.isprintable():
            continue    # none: they are format characters, never printable
        for ch in _new_chars(BIDI, pair):
            yield Problem(f"your translation{pair.where} contains the invisible character "
                          f"{char_name(ch)}, which changes how the text is displayed",
                          "delete the text around it and type it again; these characters "
                          "are never needed in campaign texts")


@check("control-char", ERROR, "No control characters", protects_readers=True)
def check_control(entry, ctx):
    """No NUL or other control character (tab and newline excepted), no line or paragraph
    separator, Unicode tag character or non-character."""
    for pair in entry.pairs:
        if pair.text.isprintable():
            continue    # none: no character of CONTROL is printable
        for ch in _new_chars(CONTROL, pair):
            yield Problem(f"your translation{pair.where} contains the control character "
                          f"{char_name(ch)}",
                          "delete the text around it and type it again; it was probably "
                          "copied from another program by accident")


@check("invisible-char", WARNING, "No hidden characters")
def check_invisible(entry, ctx):
    """No zero-width space, joiner, word joiner, byte-order mark, soft hyphen or direction
    mark where the English text has none."""
    for pair in entry.pairs:
        if pair.text.isascii():
            continue    # none: they are all outside ASCII (the usual case, quickly)
        for ch in _new_chars(INVISIBLE, pair):
            yield Problem(f"your translation{pair.where} contains the invisible character "
                          f"{char_name(ch)}",
                          "delete it unless you put it there on purpose (for example a soft "
                          "hyphen to break a long word); it cannot be seen but changes the text")


_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "HEBREW", "ARABIC",
            "CHEROKEE", "COPTIC", "MATHEMATICAL", "FULLWIDTH"}


def _scripts(word: str) -> dict[str, list]:
    """Alphabet (LATIN, CYRILLIC, GREEK…) → [letters of it, first one] in ``word``;
    letters of no alphabet in particular (º, ª, modifier letters) do not count."""
    found: dict[str, list] = {}
    for ch in word:
        script = unicodedata.name(ch, "?").split(" ")[0]
        if script in _SCRIPTS:
            found.setdefault(script, [0, ch])[0] += 1
    return found


@check("mixed-script", WARNING, "No look-alike letters")
def check_mixed_script(entry, ctx):
    """No word mixes letters of two alphabets (a Cyrillic “а” in a Latin word looks the
    same but is another letter), unless the English text has that word."""
    for pair in entry.pairs:
        if pair.text.isascii() or not _NON_LATIN.search(pair.text):
            continue    # only Latin letters (the usual case): nothing can be mixed
        for word in dict.fromkeys(_WORD.findall(pair.text)):
            scripts = _scripts(word)
            if len(scripts) > 1 and word not in pair.source:
                # the odd letter: of the rarer alphabet, and not Latin on a tie
                odd = min(scripts.items(), key=lambda kv: (kv[1][0], kv[0] == "LATIN"))
                yield Problem(f"the word {quote(word)} in your translation{pair.where} mixes "
                              f"two alphabets ({char_name(odd[1][1])})",
                              "type the word again with your keyboard; a letter from another "
                              "alphabet looks the same but is not")
                break
