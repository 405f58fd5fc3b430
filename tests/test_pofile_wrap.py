"""pofile.wrap lays PO strings out exactly as GNU gettext 0.21 (msgcat) does.

The expectations in PORTIONS and FIELDS were produced by ``msgcat -w N`` (gettext 0.21
with libunistring 1.0, Debian 12) and are hard-coded; the differential tests below ask
msgcat, and libunistring itself, again on a fixed pseudo-random corpus when they are
installed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import random
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from reclaim_i18n.pofile import escape
from reclaim_i18n.pofile.wrap import display_width, wrap_field, wrap_portion

# (escaped portion, columns inside the quotes, entry flags, msgcat's chunks)
PORTIONS = [
    ('Sign the initiative at https://reclaimyourface.eu today', 47, (),
     ['Sign the initiative at https://reclaimyourface.', 'eu today']),
    ('Members of the Greens/EFA group back the ban', 22, (),
     ['Members of the Greens/', 'EFA group back the ban']),
    ('Police keep watch-lists of people', 18, (),
     ['Police keep watch-', 'lists of people']),
    ('Stop this surveillance now!Tell the Commission', 27, (),
     ['Stop this surveillance now!', 'Tell the Commission']),
    ('欧州市民イニシアチブに署名してください。', 18, (),
     ['欧州市民イニシアチ', 'ブに署名してくださ', 'い。']),
    ('He said \\"no\\" and \\"yes\\" and \\"maybe\\" and \\\\ then', 18, (),
     ['He said \\"no\\" ', 'and \\"yes\\" and ', '\\"maybe\\" and \\\\ ', 'then']),
    ('He said \\"no\\" and \\"yes\\" and \\"maybe\\" and \\\\ then', 19, (),
     ['He said \\"no\\" and ', '\\"yes\\" and ', '\\"maybe\\" and \\\\ ', 'then']),
    ('aaaaaaaa bbbbbbbb \\n', 18, (),
     ['aaaaaaaa ', 'bbbbbbbb \\n']),
    ('https://reclaimyourface.eu/partnering-document/x', 20, (),
     ['https://', 'reclaimyourface.eu/', 'partnering-document/', 'x']),
    ('Spaces    stay    at    the    end    of    lines', 18, (),
     ['Spaces    stay    ', 'at    the    ', 'end    of    lines']),
    ('Over 1,000,000 people, i.e. 50% in 3–4 weeks (e.g. C3L)', 20, (),
     ['Over 1,000,000 ', 'people, i.e. 50% in ', '3–4 weeks (e.g. C3L)']),
    ('Ελληνικά κείμενα και Български текст — още', 20, (),
     ['Ελληνικά κείμενα ', 'και Български текст ', '— още']),
    ('Cafe\u0301 cre\u0300me bru\u0302le\u0301e a\u0300 la carte\u0301', 18, (),
     ['Cafe\u0301 cre\u0300me bru\u0302le\u0301e ', 'a\u0300 la carte\u0301']),
    ('Only 100\xa0km or 20\u202f% of «\xa0Europe\xa0» left', 18, (),
     ['Only 100\xa0km or ', '20\u202f% of ', '«\xa0Europe\xa0» left']),
    ('Hello %(first.name)s, welcome back', 20, ('python-format',),
     ['Hello ', '%(first.name)s, ', 'welcome back']),
    ('Hello %(first.name)s, welcome back', 20, (),
     ['Hello %(first.', 'name)s, welcome back']),
    ('{a.b.c.d.e.f.g.h.i.j.k.l} {n}', 18, ('python-brace-format',),
     ['{a.b.c.d.e.f.g.h.', 'i.j.k.l} {n}']),
    ('{a.b.c.d.e.f.g.h.i.j.k.l} {n}', 18, (),
     ['{a.b.c.d.e.f.g.h.', 'i.j.k.l} {n}']),
    ('xyz {a.b.c.d.e.f.g.h.i.j.k.l}', 18, ('python-brace-format',),
     ['xyz {a.b.c.d.e.f.g.h.i.j.', 'k.l}']),
    ('{a.b.c.d.e.f.g.h.i.j.k.l} and more', 18, ('python-brace-format',),
     ['{a.b.c.d.e.f.g.h.i.j.k.l} ', 'and more']),
]


@pytest.mark.parametrize("portion, width, flags, expected", PORTIONS)
def test_wrap_portion_matches_msgcat(portion, width, flags, expected):
    assert "".join(expected) == portion
    assert wrap_portion(portion, width, flags) == expected


# (keyword, escaped string, line prefix, page width, entry flags, msgcat's lines)
FIELDS = [
    ('msgid', 'Tab\\tseparated\\tcolumns\\tare\\tescaped\\tand\\teach\\tescape\\tstays\\twhole\\there\\tat\\tall.', '', 79, (),
     ['msgid "Tab\\tseparated\\tcolumns\\tare\\tescaped\\tand\\teach\\tescape\\tstays\\twhole\\there\\tat\\tall."']),
    ('msgid', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '', 79, (),
     ['msgid "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"']),
    ('msgid', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y', '', 79, (),
     ['msgid "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y"']),
    ('msgid', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y', '', 79, (),
     ['msgid ""', '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y"']),
    ('msgid', 'First line\\nSecond line\\n', '', 79, (),
     ['msgid ""', '"First line\\n"', '"Second line\\n"']),
    ('msgid', 'One\\nTwo', '', 79, (),
     ['msgid ""', '"One\\n"', '"Two"']),
    ('msgid', 'No wrap: word word word word word word word word word word word word word word word word word word word word ', '', 79, ('no-wrap',),
     ['msgid "No wrap: word word word word word word word word word word word word word word word word word word word word "']),
    ('msgid', 'Obsolete entries lose three columns to the prefix, so they wrap sooner than others', '#~ ', 79, (),
     ['#~ msgid ""', '#~ "Obsolete entries lose three columns to the prefix, so they wrap sooner "', '#~ "than others"']),
    ('msgid', 'Previous msgids lose three columns to the prefix, so they wrap sooner than others', '#| ', 79, (),
     ['#| msgid ""', '#| "Previous msgids lose three columns to the prefix, so they wrap sooner "', '#| "than others"']),
    ('msgctxt', 'home/what-is/body', '', 79, (),
     ['msgctxt "home/what-is/body"']),
]


@pytest.mark.parametrize("keyword, escaped, prefix, width, flags, expected", FIELDS)
def test_wrap_field_matches_msgcat(keyword, escaped, prefix, width, flags, expected):
    wrap = "no-wrap" not in flags
    assert wrap_field(keyword, escaped, prefix, width, wrap, flags) == expected


def test_page_width_is_at_least_20_like_msgcat():
    text = "aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn"
    assert wrap_field("msgid", text, "", 10) == wrap_field("msgid", text, "", 20)


def test_wrap_portion_first_line_start():
    text = "Sign the initiative at https://reclaimyourface.eu today"
    assert wrap_portion(text, 77, start=6) == [text]          # fits after 'msgid "'
    assert len(wrap_portion(text * 2, 77, start=6)) == 2      # does not: msgid "" first


@pytest.mark.parametrize("text, width", [
    ("abc", 3), ("", 0), ("日本語", 6), ("e\u0301", 1), ("a\x01b", 2), ("가각", 4),
    ("\U0001F600", 2), ("\u00ad", 0),
])
def test_display_width(text, width):
    assert display_width(text) == width


# --------------------------------------------------------------- against msgcat
MSGCAT = shutil.which("msgcat")
WORDS = [
    "Biometric", "mass", "surveillance", "is", "a", "ban", "Greens/EFA", "watch-lists",
    "https://reclaimyourface.eu/de/#sign", "e.g.", "1,000,000", "50%", "3–4", "(C3L)", "x/y",
    "now!Tell", "“quoted”", "«\u00a0guillemets\u00a0»", "„Anführung“", "c’est",
    "Massenüberwachung", "Körperteile", "Ελληνικά", "Български", "日本語の文章、署名", "생체인식",
    "Cafe\u0301", "%(name)s", "%s", "{count}", "{user.name}", "%%", "\\", '"', "\t", "—", "–",
    "…", ";", ":", "!", "?", "'", "-", "/", "(", ")", "\n", "  ", "\u200b",
    "\U0001F1EA\U0001F1FA", "verylongwordwithoutanybreakatall",
]
FLAGS = [(), (), ("python-format",), ("python-brace-format",), ("no-wrap",),
         ("python-format", "python-brace-format")]


@dataclass
class Entry:
    msgid: str
    msgstr: str
    msgctxt: str | None = None
    plural: str | None = None
    previous: str | None = None
    obsolete: bool = False
    flags: tuple = ()


def _corpus(seed: int, count: int = 250) -> list[Entry]:
    rnd = random.Random(seed)

    def text() -> str:
        words = rnd.choices(WORDS, k=rnd.randint(1, 70))
        return rnd.choice([" ", " ", ""]).join(words)

    entries = []
    for i in range(count):
        entry = Entry(msgid=f"{i} {text()}", msgstr=text() or "x", flags=rnd.choice(FLAGS))
        if rnd.random() < 0.3:
            entry.msgctxt = text()
        if rnd.random() < 0.15:
            entry.plural = text()
        if rnd.random() < 0.2:
            entry.previous, entry.flags = text(), ("fuzzy", *entry.flags)
        entry.obsolete = rnd.random() < 0.1
        entries.append(entry)
    return entries


def _format(entries: list[Entry], width: int) -> str:
    blocks = ["\n".join(['msgid ""', *wrap_field(
        "msgstr", "Content-Type: text/plain; charset=UTF-8\\n", "", width)])]
    for e in sorted(entries, key=lambda e: e.obsolete):  # msgcat puts obsolete ones last
        blocks.append("\n".join(_entry_lines(e, width)))
    return "\n\n".join(blocks) + "\n"


def _entry_lines(e: Entry, width: int) -> list[str]:
    prefix = "#~ " if e.obsolete else ""
    wrap = "no-wrap" not in e.flags

    def field(keyword: str, value: str, pre: str = prefix) -> list[str]:
        return wrap_field(keyword, escape(value), pre, width, wrap, e.flags)

    lines = ["#, " + ", ".join(e.flags)] if e.flags else []
    if e.previous is not None:
        lines += field("msgid", e.previous, "#~| " if e.obsolete else "#| ")
    if e.msgctxt is not None:
        lines += field("msgctxt", e.msgctxt)
    lines += field("msgid", e.msgid)
    if e.plural is None:
        return lines + field("msgstr", e.msgstr)
    lines += field("msgid_plural", e.plural)
    return lines + field("msgstr[0]", e.msgstr) + field("msgstr[1]", e.msgstr[::-1])


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed")
@pytest.mark.parametrize("width", [79, 60, 100])
def test_same_bytes_as_msgcat(tmp_path, width):
    ours = _format(_corpus(20240501 + width), width)
    path = tmp_path / "corpus.po"
    path.write_text(ours, encoding="utf-8")
    theirs = subprocess.run([MSGCAT, "-w", str(width), str(path)], capture_output=True,
                            text=True, encoding="utf-8", check=True).stdout
    for mine, gettext in zip(ours.split("\n\n"), theirs.split("\n\n")):
        assert mine == gettext  # the first entry laid out differently
    assert ours == theirs


# ------------------------------------------------------ against libunistring 1.0
def _libunistring():
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("unistring") or "libunistring.so.2")
        version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
        linebreaks = lib.u8_width_linebreaks_v2
    except (OSError, AttributeError, ValueError):
        return None
    if version >> 8 != 0x100:  # gettext 0.21 on Debian 12 uses libunistring 1.0
        return None
    linebreaks.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                           ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    return linebreaks


def _reference(linebreaks, escaped: str, width: int, start: int) -> list[str]:
    """write-po.c's call: escapes unbreakable, no break just before a final \\n."""
    data = escaped.encode()
    offsets = [len(escaped[:i].encode()) for i in range(len(escaped))]
    overrides = bytearray(len(data))  # UC_BREAK_UNDEFINED
    i = escaped.find("\\")
    while i >= 0:
        overrides[offsets[i + 1]] = 1  # UC_BREAK_PROHIBITED
        if escaped[i + 1] == "n" and i + 2 == len(escaped):
            overrides[offsets[i]] = 1
        i = escaped.find("\\", i + 2)
    result = ctypes.create_string_buffer(len(data))
    linebreaks(data, len(data), width, start, 0, bytes(overrides), b"UTF-8", result)
    cuts = [k for k in range(len(data)) if result.raw[k] == 2]  # UC_BREAK_POSSIBLE
    return [data[a:b].decode() for a, b in zip([0, *cuts], [*cuts, len(data)])]


def _random_portion(rnd: random.Random) -> str:
    pools = [range(0x20, 0x7F), range(0xA0, 0x250), range(0x2000, 0x2070),
             range(0x3000, 0x3100), range(0x4E00, 0x4E80), range(0xAC00, 0xAD00),
             range(0x300, 0x370), range(0x1F1E6, 0x1F200), range(0x10000)]
    escapes = ["\\\\", '\\"', "\\t", "\\a"]
    out = []
    for _ in range(rnd.randint(1, 90)):
        if rnd.random() < 0.08:
            out.append(rnd.choice(escapes))
            continue
        code = rnd.choice(rnd.choice(pools))
        if 0xD800 <= code < 0xE000 or chr(code) in '\\"\a\b\t\n\v\f\r':
            code = 0x20
        out.append(chr(code))
    return "".join(out) + rnd.choice(["", "", "\\n"])


def test_breaks_match_libunistring():
    linebreaks = _libunistring()
    if linebreaks is None:
        pytest.skip("libunistring 1.0 (what gettext 0.21 calls) cannot be loaded")
    rnd = random.Random(7)
    for _ in range(3000):
        portion = _random_portion(rnd)
        width, start = rnd.choice([10, 20, 38, 58, 77, 98]), rnd.choice([0, 0, 6, 13])
        assert wrap_portion(portion, width, start=start) == _reference(
            linebreaks, portion, width, start), portion
