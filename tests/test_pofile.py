"""The PO reader is strict and clear; the writer keeps bytes and follows msgcat."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, tool
from reclaim_i18n.errors import CatalogError
from reclaim_i18n.pofile import Catalog, Message, format_po, parse_po, read_po, write_po

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')

MALFORMED = [
    # (case, body after the header, line of the error, words in the message)
    ("unterminated string", 'msgid "Hello\nmsgstr "Hallo"\n', 6, "not closed"),
    ("bare quote", 'msgid "Say "hi""\nmsgstr ""\n', 6, "not escaped"),
    ("bad escape", 'msgid "a\\qb"\nmsgstr ""\n', 6, "escape"),
    ("truncated after msgid", 'msgid "Hello"\n', 6, "no msgstr"),
    ("msgstr without msgid", 'msgstr "Hallo"\n', 6, "no msgid"),
    ("garbage line", 'msgid "a"\nmsgstr "b"\nhello world\n', 8, "unexpected text"),
    ("duplicate entry", 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, "duplicate"),
    ("duplicate with context",
     'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n', 10, "duplicate"),
    ("plural without msgid_plural", 'msgid "a"\nmsgstr[0] "b"\n', 7, "without msgid_plural"),
    ("plural with plain msgstr", 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 8, "msgstr[0]"),
    ("plural gap", 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 9,
     "without gaps"),
    ("keyword twice", 'msgid "a"\nmsgid "b"\nmsgstr ""\n', 7, "twice"),
    ("second empty msgid", 'msgid ""\nmsgstr "x"\n', 6, "empty msgid"),
    ("bad previous", '#| garbage\nmsgid "a"\nmsgstr ""\n', 6, "#|"),
]


@pytest.mark.parametrize("case, body, line, words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_catalogue_names_file_and_line(case, body, line, words):
    with pytest.raises(CatalogError) as info:
        parse_po((HEADER + body).encode(), "de.po")
    assert info.value.path == "de.po"
    assert info.value.line == line, str(info.value)
    assert words in str(info.value)
    if words == "duplicate":  # the volunteer learns how to resolve it
        assert "keep one of the two entries" in (info.value.hint or "")


SEVERAL_BROKEN = HEADER + (
    'msgid "ok1"\nmsgstr "x"\n\n'
    'msgid "Hello\nmsgstr "Hallo"\n\n'            # line 9: not closed
    'msgid "ok2"\nmsgstr "y"\n\n'
    'msgid "Say "hi""\nmsgstr ""\n\n'             # line 15: bare quote
    'msgid "ok1"\nmsgstr "z"\n\n'                 # line 18: duplicate of line 6
    'msgid "n"\nmsgid_plural "ns"\nmsgstr[0] "b"\n\n'  # wrong count: an entry's error
    'msgid "last"\n')                             # line 25: no msgstr


@pytest.mark.parametrize("line_by_line", [False, True])
def test_every_malformed_entry_is_reported_in_line_order(line_by_line):
    with pytest.raises(CatalogError) as info:
        parse_po(SEVERAL_BROKEN.encode(), "de.po", line_by_line=line_by_line)
    errors = [info.value, *info.value.more]
    assert [(e.path, e.line) for e in errors] == [("de.po", n) for n in (9, 15, 18, 25)]
    assert info.value.one_line().endswith("(and 3 more in this file)")


def test_reporting_stops_after_twenty_malformed_entries_as_msgfmt_does():
    body = "".join(f'msgid "broken {i}\nmsgstr ""\n\n' for i in range(30))
    with pytest.raises(CatalogError) as info:
        parse_po((HEADER + body).encode(), "de.po")
    assert len(info.value.more) == 19 and info.value.line == 6


def test_errors_survive_a_worker_process_and_relative_paths():
    import pickle

    with pytest.raises(CatalogError) as info:
        parse_po(SEVERAL_BROKEN.encode(), "/p/locales/de.po")
    back = pickle.loads(pickle.dumps(info.value)).relative_to("/p")
    assert [(e.path, e.line) for e in (back, *back.more)] == \
        [("locales/de.po", n) for n in (9, 15, 18, 25)]


def test_a_wrong_number_of_plural_forms_is_that_entrys_error_only():
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.config import Config

    config = Config(root=Path("/p"), source_dir=Path("/p/s"), locales_dir=Path("/p/l"),
                    build_dir=Path("/p/b"))
    data = HEADER + ('msgid "n"\nmsgid_plural "ns"\nmsgstr[0] "b"\n\n'
                     'msgid "{name} joined"\nmsgstr "beigetreten"\n')
    catalog = parse_po(data.encode(), "de.po")
    found = {(f.check, f.line) for f in check_catalog(catalog, "de", config)}
    assert ("plural-count", 8) in found and ("placeholders", 11) in found


PLURAL_FORMS_LINES = [
    # (case, header lines after msgstr "", line of Plural-Forms)
    ("own line", '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: x\\n"\n', 4),
    ("lower case", '"Content-Type: text/plain; charset=UTF-8\\n"\n"plural-forms: x\\n"\n', 4),
    ("after another field", '"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: x\\n"\n', 3),
]


@pytest.mark.parametrize("case, header, line", PLURAL_FORMS_LINES,
                         ids=[row[0] for row in PLURAL_FORMS_LINES])
def test_a_bad_plural_forms_header_names_its_own_line(case, header, line):
    data = f'msgid ""\nmsgstr ""\n{header}\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n'
    with pytest.raises(CatalogError, match="bad Plural-Forms header") as info:
        parse_po(data.encode(), "de.po")
    assert info.value.line == line


BINARY = [
    ("NUL byte", HEADER.encode() + b'msgid "a\x00"\nmsgstr ""\n', 6, "NUL"),
    ("mo file", b"\xde\x12\x04\x95" + b"\0" * 40, 1, ".mo"),
    ("UTF-16", codecs.BOM_UTF16_LE + "msgid".encode("utf-16-le"), 1, "UTF-16"),
    ("latin-1 bytes in utf-8 file", HEADER.encode() + b'msgid "a"\nmsgstr "\xe9t\xe9"\n', 7,
     "not valid UTF-8"),
    ("unknown charset", b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KLINGON\\n"\n', 2,
     "unknown charset"),
]


@pytest.mark.parametrize("case, data, line, words", BINARY, ids=[b[0] for b in BINARY])
def test_binary_damage_is_refused_with_a_line(case, data, line, words):
    with pytest.raises(CatalogError) as info:
        parse_po(data, "x.po")
    assert info.value.line == line and words in str(info.value)


def test_declared_charset_is_used_and_written_back_as_utf8(tmp_path):
    text = HEADER.replace("UTF-8", "ISO-8859-2") + 'msgid "Face"\nmsgstr "Twarz źle"\n'
    path = tmp_path / "pl.po"
    path.write_bytes(text.encode("iso-8859-2"))
    catalog = read_po(path)
    assert catalog.index()[(None, "Face")].msgstr == "Twarz źle"
    assert write_po(catalog)
    again = read_po(path)
    assert again.charset == "utf-8" and "charset=UTF-8" in again.header_value("Content-Type")
    assert again.index()[(None, "Face")].msgstr == "Twarz źle"


def test_windows_1250_is_decoded():
    text = HEADER.replace("UTF-8", "windows-1250") + 'msgid "a"\nmsgstr "Přehled"\n'
    catalog = parse_po(text.encode("cp1250"))
    assert catalog.index()[(None, "a")].msgstr == "Přehled"


def test_header_lying_about_latin2_over_utf8_text_is_read_as_utf8():
    text = HEADER.replace("UTF-8", "ISO-8859-2") + 'msgid "a"\nmsgstr "Gesichtserkennung für alle"\n'
    catalog = parse_po(text.encode("utf-8"))
    assert catalog.index()[(None, "a")].msgstr == "Gesichtserkennung für alle"
    assert catalog.charset_mismatch


def test_crlf_is_accepted_and_kept(tmp_path):
    data = (HEADER + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n").encode()
    path = tmp_path / "x.po"
    path.write_bytes(data)
    catalog = read_po(path)
    assert catalog.index()[(None, "a")].msgstr == "b" and catalog.warnings == []
    assert format_po(catalog) == data
    catalog.index()[(None, "a")].msgstr = "c"
    out = format_po(catalog)
    assert b'msgstr "c"\r\n' in out and b"\n\n" not in out


GNU_REFUSES = [
    # (case, file bytes, line of the warning, words in it)
    ("byte-order mark", codecs.BOM_UTF8 + (HEADER + 'msgid "a"\nmsgstr "b"\n').encode(), 1,
     "byte-order mark"),
    ("CR-only line ends", ("# note\n" + HEADER + 'msgid "a"\nmsgstr "b"\n').replace(
        "\n", "\r").encode(), 1, "CR only"),
    ("obsolete repeats active", (HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n'
                                 '#~ msgstr "old"\n').encode(), 9, "repeats"),
    ("obsolete repeats obsolete", (HEADER + 'msgid "z"\nmsgstr "b"\n\n#~ msgctxt "c"\n'
                                   '#~ msgid "a"\n#~ msgstr "x"\n\n#~ msgctxt "c"\n'
                                   '#~ msgid "a"\n#~ msgstr "y"\n').encode(), 13, "repeats"),
]


@pytest.mark.parametrize("case, data, line, words", GNU_REFUSES, ids=[g[0] for g in GNU_REFUSES])
def test_what_gnu_refuses_is_read_with_a_warning_and_written_as_gnu_accepts(
        tmp_path, case, data, line, words):
    from conftest import run_msgfmt_check

    path = tmp_path / "messages.po"
    path.write_bytes(data)
    assert run_msgfmt_check(path).returncode != 0          # as the volunteer's editor saved it
    catalog = read_po(path)
    [warning] = catalog.warnings
    assert (warning.path, warning.line) == (str(path), line) and words in warning.message
    assert "next write" in warning.hint
    assert write_po(catalog)                               # the next write repairs it
    assert run_msgfmt_check(path).returncode == 0, run_msgfmt_check(path).stderr
    again = read_po(path)
    assert again.warnings == [] and [m.state() for m in again.messages] == \
        [m.state() for m in catalog.messages]


def test_mixed_line_endings_are_decoded():
    data = (HEADER + 'msgid "a"\r\nmsgstr "b"\n\nmsgid "c"\r\nmsgstr "d"\r\n').encode()
    assert parse_po(data).index()[(None, "c")].msgstr == "d"


def test_everything_the_reader_finds_survives_a_write():
    text = (
        "# Translator comment\n#, fuzzy\n" + HEADER.replace("\n\n", "\n") +
        '"X-Unknown-Field: kept\\n"\n\n'
        "# volunteer note\n#. extracted\n#: a.yaml b.yaml\n#, fuzzy, python-brace-format, "
        "ignore-length\n#| msgctxt \"old/ctx\"\n#| msgid \"Old {n}\"\nmsgctxt \"ctx\"\n"
        'msgid "New {n}"\nmsgstr "Neu {n}"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "eins"\nmsgstr[1] "viele"\n\n'
        '# note on obsolete\n#~ msgid "gone"\n#~ msgstr "weg"\n'
    )
    catalog = parse_po(text.encode())
    entry = catalog.index()[("ctx", "New {n}")]
    assert entry.previous_msgid == "Old {n}" and entry.previous_msgctxt == "old/ctx"
    assert entry.flags == ["fuzzy", "python-brace-format", "ignore-length"]
    assert catalog.header_value("X-Unknown-Field") == "kept"
    assert catalog.header.fuzzy and catalog.header.comments == ["Translator comment"]
    catalog.header.msgstr += "X-Touched: yes\n"  # force a rewrite of the header only
    again = parse_po(format_po(catalog))
    assert [m.state() for m in again.messages] == [m.state() for m in catalog.messages]
    assert again.obsolete[0].comments == ["note on obsolete"]


def test_unchanged_entries_keep_their_exact_bytes_when_others_change():
    odd = ('#:    spaced.yaml\nmsgid "a very long line that msgcat would have wrapped '
           'differently because it is long"\nmsgstr ""\n"split"\n" oddly"\n')
    data = (HEADER + odd + '\nmsgid "b"\nmsgstr "c"\n').encode()
    catalog = parse_po(data)
    catalog.index()[(None, "b")].msgstr = "changed"
    out = format_po(catalog).decode()
    assert odd.rstrip("\n") in out and 'msgstr "changed"' in out


def _msgcat(path: Path, *args: str) -> bytes:
    return subprocess.run([tool("msgcat"), *args, str(path)], capture_output=True,
                          check=True).stdout


@pytest.mark.parametrize("args", [(), ("-w", "60"), ("-w", "100"), ("--no-wrap",),
                                  ("--sort-output",)])
def test_files_formatted_by_msgcat_are_read_and_written_back_unchanged(tmp_path, args):
    source = ROOT / "locales" / "messages.pot"
    path = tmp_path / "x.po"
    path.write_bytes(_msgcat(source, *args))
    catalog = read_po(path)
    assert format_po(catalog) == path.read_bytes()
    assert write_po(catalog) is False  # nothing to write: the file is not touched


def test_poedit_and_weblate_style_headers_and_long_references_round_trip():
    poedit = ('msgid ""\nmsgstr ""\n"Project-Id-Version: \\n"\n"POT-Creation-Date: \\n"\n'
              '"PO-Revision-Date: 2026-01-01 10:00+0100\\n"\n"Last-Translator: Ana\\n"\n'
              '"Language-Team: \\n"\n"Language: de\\n"\n"MIME-Version: 1.0\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Content-Transfer-Encoding: 8bit\\n"\n"X-Generator: Poedit 3.4.2\\n"\n'
              '"X-Poedit-SourceCharset: UTF-8\\n"\n\n'
              '#: ' + " ".join(f"source_content/pages/page{i}.yaml:{i}" for i in range(12)) +
              '\nmsgid "a"\nmsgstr "b"\n')
    weblate = poedit.replace("X-Generator: Poedit 3.4.2", "X-Generator: Weblate 5.8")
    for text in (poedit, weblate):
        catalog = parse_po(text.encode())
        assert format_po(catalog) == text.encode()
        assert len(catalog.messages[0].references) == 12


def test_written_catalogue_is_what_msgcat_writes(tmp_path):
    catalog = Catalog()
    catalog.set_header("Content-Type", "text/plain; charset=UTF-8")
    catalog.set_header("Plural-Forms", "nplurals=2; plural=(n != 1);")
    texts = (ROOT / "locales" / "messages.pot").read_text(encoding="utf-8")
    for i, m in enumerate(read_po(ROOT / "locales" / "messages.pot").messages):
        msg = Message(msgid=m.msgid, msgctxt=m.msgctxt, msgid_plural=m.msgid_plural,
                      msgstr=m.msgid[::-1] if not m.is_plural else "",
                      msgstr_plural=["x", "y"] if m.is_plural else [],
                      auto_comments=list(m.auto_comments), references=list(m.references))
        if i % 5 == 0:
            msg.flags, msg.previous_msgid = ["fuzzy"], m.msgid.upper()
        msg.obsolete = i % 7 == 3
        catalog.messages.append(msg)
    assert texts
    path = tmp_path / "x.po"
    write_po(catalog, path)
    assert _msgcat(path) == path.read_bytes()


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "de.po"
    catalog = parse_po((HEADER + 'msgid "a"\nmsgstr "b"\n').encode(), str(path))
    assert write_po(catalog) is True
    assert write_po(catalog) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.po"]


def test_file_size_limit(tmp_path, monkeypatch):
    from reclaim_i18n.pofile import reader

    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.po"
    path.write_bytes(HEADER.encode() + b"# " + b"x" * 200 + b"\n")
    with pytest.raises(CatalogError, match="limit"):
        read_po(path)


def test_other_readers_agree_with_ours_on_the_shipped_catalogues():
    """polib (as Poedit-era tools read PO files) sees the same entries we do."""
    import polib

    for path in sorted((ROOT / "locales").rglob("*.po"))[:8]:
        ours = read_po(path)
        theirs = polib.pofile(str(path))
        assert [(e.msgctxt, e.msgid, e.msgstr) for e in theirs if not e.obsolete
                and not e.msgid_plural] == [(m.msgctxt, m.msgid, m.msgstr) for m in ours.active
                                            if not m.is_plural]
        assert len(theirs.fuzzy_entries()) == sum(m.fuzzy for m in ours.active)


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data").rglob("*.po"))
                         + sorted((ROOT / "locales").rglob("*.po*")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_whole_entry_fast_path_reads_what_the_line_reader_reads(path):
    """The fast path is only a shortcut: same entries, lines, raw text and errors."""
    from test_fuzz import _outcome

    data = path.read_bytes()
    assert _outcome(data, line_by_line=False) == _outcome(data, line_by_line=True)
