"""Property-based tests of the PO reader and writer (hypothesis).

Fast variants run in ``make test``; ``make fuzz`` runs the ``slow`` ones with many more
examples (``FUZZ_EXAMPLES``, default 20,000).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.pofile import Catalog, Message, format_po, parse_po
from reclaim_i18n.pofile.writer import _flag_order

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")), deadline=None,
                suppress_health_check=list(HealthCheck))

# Text volunteers write: any Unicode but NUL and surrogates, with quotes, backslashes,
# tabs and newlines well represented.
text = st.text(st.one_of(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
                         st.sampled_from(list('"\\\n\t {}%()[]*_`<>&'))), max_size=120)
comment = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                  max_size=60).map(str.strip).filter(lambda s: not s.endswith("\\"))
word = st.from_regex(r"[A-Za-z0-9_./:-]{1,30}", fullmatch=True)


@st.composite
def messages(draw, index: int):
    plural = draw(st.booleans()) and draw(st.booleans())
    msg = Message(msgid=draw(text.filter(bool)) + f" #{index}",
                  msgctxt=draw(st.none() | text))
    if plural:
        msg.msgid_plural = draw(text)
        msg.msgstr_plural = [draw(text), draw(text)]
    else:
        msg.msgstr = draw(text)
    msg.comments = draw(st.lists(comment, max_size=2))
    msg.auto_comments = draw(st.lists(comment, max_size=2))
    msg.references = draw(st.lists(word, max_size=3))
    msg.flags = draw(st.lists(st.sampled_from(["python-format", "python-brace-format",
                                               "no-wrap", "ignore-length"]),
                              max_size=2, unique=True))
    if draw(st.booleans()):
        msg.flags.insert(0, "fuzzy")
        msg.previous_msgid = draw(text)
        msg.previous_msgctxt = draw(st.none() | text)
        if plural and draw(st.booleans()):
            msg.previous_msgid_plural = draw(text)
    msg.obsolete = draw(st.integers(0, 9)) == 0
    return msg


@st.composite
def catalogs(draw):
    catalog = Catalog()
    catalog.set_header("Content-Type", "text/plain; charset=UTF-8")
    catalog.set_header("Plural-Forms", "nplurals=2; plural=(n != 1);")
    count = draw(st.integers(0, 8))
    catalog.messages = [draw(messages(i)) for i in range(count)]
    return catalog


def _roundtrip(catalog: Catalog) -> None:
    for m in catalog.messages:  # the writer puts flags in gettext's order
        m.flags = _flag_order(m.flags)
    data = format_po(catalog)
    again = parse_po(data, "x.po")
    order = lambda s: (s[-1], s[2] or "", s[0])
    assert sorted((m.state() for m in again.messages), key=order) \
        == sorted((m.state() for m in catalog.messages), key=order)
    assert format_po(again) == data             # same bytes when written twice
    assert format_po(again, keep_raw=False) == data


def _damaged(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, value in cuts:
        if out:
            out[position % len(out)] = value
    return bytes(out)


def _outcome(data: bytes, line_by_line: bool):
    """What reading gives: every detail of every entry, or the error's place and words."""
    try:
        catalog = parse_po(data, "damaged.po", line_by_line=line_by_line)
    except ReclaimError as exc:
        return ("error", exc.path, exc.line, exc.message, exc.hint)
    entries = [(m.state(), m.line, m.msgstr_line, m.raw)
               for m in [catalog.header, *catalog.messages]]
    return ("read", entries, catalog.trailing, catalog.newline, catalog.bom)


def _reads_or_fails_cleanly(data: bytes) -> None:
    outcome = _outcome(data, line_by_line=False)
    if outcome[0] == "error":
        lines = data.count(b"\n") + data.count(b"\r") + 1  # CR-only files count too
        assert outcome[1] == "damaged.po"
        assert outcome[2] is not None and 1 <= outcome[2] <= lines, (outcome[2], lines)
    # the whole-entry fast path reads exactly what the line-by-line reader reads
    assert outcome == _outcome(data, line_by_line=True)


@FAST
@given(catalogs())
def test_valid_catalogues_round_trip(catalog):
    _roundtrip(catalog)


@FAST
@given(catalogs(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)),
                            min_size=1, max_size=4))
def test_damaged_catalogues_give_a_clear_error_or_read(catalog, cuts):
    _reads_or_fails_cleanly(_damaged(format_po(catalog), cuts))


@FAST
@given(catalogs(), st.integers(0, 10**6))
def test_truncated_catalogues_give_a_clear_error_or_read(catalog, at):
    data = format_po(catalog)
    _reads_or_fails_cleanly(data[: at % (len(data) + 1)])


@FAST
@given(catalogs(), st.lists(st.tuples(st.integers(0, 10**6),
                                      st.sampled_from([b"", b" ", b"\t", b"\n", b"#~ ", b"\"",
                                                       b"\\", b"msgstr[1] \"x\"\n", b"#, fuzzy\n",
                                                       b"\r\n", b"\n\n"])),
                            min_size=1, max_size=4))
def test_edited_lines_read_the_same_by_both_paths(catalog, edits):
    """Edits of the kind people make by hand: a stray space, a lost blank line…"""
    data = bytearray(format_po(catalog))
    for position, text in edits:
        at = position % (len(data) + 1)
        data[at:at + (position % 2)] = text  # insert, or replace one byte
    _reads_or_fails_cleanly(bytes(data))


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_reader(data):
    _reads_or_fails_cleanly(data)


@pytest.mark.slow
@LONG
@given(catalogs(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)),
                            max_size=6), st.integers(0, 10**6))
def test_fuzz_long_run(catalog, cuts, at):
    data = format_po(catalog)
    _roundtrip(catalog)
    _reads_or_fails_cleanly(_damaged(data, cuts))
    _reads_or_fails_cleanly(data[: at % (len(data) + 1)])
