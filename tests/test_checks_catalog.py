"""Checks of a catalogue as a whole (header, encoding), of the template, and the glossary
loader: data tables, one row a case."""

from __future__ import annotations

from pathlib import Path

import pytest

from reclaim_i18n.checks import CHECKS, check_catalog, check_template, syntax_finding
from reclaim_i18n.checks.glossary import EMPTY, load_glossary
from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError, SourceError
from reclaim_i18n.model import Severity
from reclaim_i18n.pofile import parse_po

OK, FAIL = True, False
CONFIG = Config(root=Path("/p"), source_dir=Path("/p/s"), locales_dir=Path("/p/l"),
                build_dir=Path("/p/b"), allowed_urls=("https://reclaimyourface.eu/*",))
UTF8 = "Content-Type: text/plain; charset=UTF-8"
DE_PLURALS = "Plural-Forms: nplurals=2; plural=(n != 1);"
PLURAL_ENTRY = ('msgid "{count} person"\nmsgid_plural "{count} people"\n'
                'msgstr[0] "{count} Person"\nmsgstr[1] "{count} Personen"\n')
PLAIN_ENTRY = 'msgid "Join"\nmsgstr "Mach mit"\n'


def po(fields: list[str], body: str = PLAIN_ENTRY, flags: str = "") -> bytes:
    header = "".join(f'"{f}\\n"\n' for f in fields)
    return (f'{flags}msgid ""\nmsgstr ""\n{header}\n{body}').encode()


HEADER_TABLE = [
    # (check id, PO bytes, locale, passes?)
    ("header-language", po(["Language: de", UTF8]), "de", OK),
    ("header-language", po(["Language: de_DE", UTF8]), "de", OK),
    ("header-language", po(["Language: fr", UTF8]), "de", FAIL),
    ("header-language", po([UTF8]), "de", FAIL),
    ("header-language", po(["Language: sr@latin", UTF8]), "sr-Latn", OK),
    ("header-language", po(["Language: sr-Latn", UTF8]), "sr-Latn", OK),
    ("header-language", po(["Language: sr", UTF8]), "sr-Latn", FAIL),
    ("header-language", po(["Language: sr@latin", UTF8]), "sr", FAIL),
    ("header-language", po(["Language: pt", UTF8]), "pt-BR", FAIL),
    ("header-plural-forms", po(["Language: de", UTF8, DE_PLURALS], PLURAL_ENTRY), "de", OK),
    ("header-plural-forms", po(["Language: de", UTF8], PLURAL_ENTRY), "de", FAIL),
    ("header-plural-forms", po(["Language: de", UTF8]), "de", OK),
    ("header-plural-forms", po(["Language: de", UTF8, "Plural-Forms: nplurals=2; plural=(n"]),
     "de", FAIL),
    ("header-plural-forms", po(["Language: de", UTF8, "Plural-Forms: nplurals=1; plural=n;"]),
     "de", FAIL),
    ("header-plural-forms", po(["Language: de", UTF8, "Plural-Forms: nplurals=9; plural=n;"]),
     "de", FAIL),
    ("header-plural-forms", po(["Language: de", UTF8, "Plural-Forms: nplurals=2; plural=n/0;"]),
     "de", FAIL),
    ("header-fuzzy", po(["Language: de", UTF8]), "de", OK),
    ("header-fuzzy", po(["Language: de", UTF8], flags="#, fuzzy\n"), "de", FAIL),
    ("encoding", po(["Language: de", UTF8]), "de", OK),
    ("encoding", po(["Language: de"]), "de", FAIL),
    ("encoding", po(["Language: de", "Content-Type: text/plain; charset=ISO-8859-2"],
                    'msgid "Join"\nmsgstr "Mach mit über"\n'), "de", FAIL),
    ("encoding", po(["Language: de", "Content-Type: text/plain; charset=ISO-8859-1"],
                    'msgid "Join"\nmsgstr "Mach mit \xfcber"\n').replace(b"\xc3\xbc", b"\xfc"),
     "de", FAIL),
    ("gnu-compat", po(["Language: de", UTF8]), "de", OK),
    ("gnu-compat", b"\xef\xbb\xbf" + po(["Language: de", UTF8]), "de", FAIL),
    ("gnu-compat", po(["Language: de", UTF8]).replace(b"\n", b"\r"), "de", FAIL),
    ("gnu-compat", po(["Language: de", UTF8], PLAIN_ENTRY + '\n#~ msgid "Join"\n#~ msgstr "x"\n'),
     "de", FAIL),
]


@pytest.mark.parametrize("check_id, data, locale, ok", HEADER_TABLE,
                         ids=[f"{r[0]}-{'ok' if r[3] else 'fail'}-{i}"
                              for i, r in enumerate(HEADER_TABLE)])
def test_catalogue_checks(check_id, data, locale, ok):
    catalog = parse_po(data, "locales/x/LC_MESSAGES/messages.po")
    found = [f for f in check_catalog(catalog, locale, CONFIG) if f.check == check_id]
    assert (not found) == ok, [f.message for f in found]
    for f in found:
        assert f.msgctxt is None and f.msgid is None and f.line >= 1 and f.hint


def test_header_findings_point_at_the_field_line():
    data = po(["Project-Id-Version: x", "Language: fr", UTF8, "Plural-Forms: nplurals=2;"])
    found = {f.check: f.line for f in check_catalog(parse_po(data, "x.po"), "de", CONFIG)}
    assert found == {"header-language": 4, "header-plural-forms": 6}


def test_ignore_flag_on_the_header_silences_a_catalogue_check():
    data = po(["Language: fr", UTF8], flags="#, ignore-header-language\n")
    assert check_catalog(parse_po(data, "x.po"), "de", CONFIG) == []


def test_every_catalogue_check_has_passing_and_failing_rows():
    for chk in CHECKS.values():
        if chk.scope == "catalog" and chk.id not in ("syntax", "findings-limit"):  # runner
            assert {r[3] for r in HEADER_TABLE if r[0] == chk.id} == {OK, FAIL}, chk.id


def test_a_reader_error_becomes_a_syntax_finding():
    with pytest.raises(CatalogError) as info:
        parse_po(b'msgid "a\nmsgstr ""\n', "locales/de/LC_MESSAGES/messages.po")
    finding = syntax_finding(info.value, "de")
    assert (finding.check, finding.severity, finding.line) == ("syntax", Severity.ERROR, 1)
    assert finding.path == "locales/de/LC_MESSAGES/messages.po" and finding.hint


# ---------------------------------------------------------------- template (organisers)

SOURCE_TABLE = [
    # (check id, msgid, msgid_plural, flags, extracted comment, passes?)
    ("source-doubled-word", "We want to have choice", None, "", "", OK),
    ("source-doubled-word", "We want to have have choice", None, "", "", FAIL),
    ("source-doubled-word", "It was 2020 2021", None, "", "", OK),
    ("source-markdown", "**A ban** is the solution", None, "", "", OK),
    ("source-markdown", "**A ban is the solution", None, "", "", FAIL),
    ("source-markdown", "See [the document] (https://reclaimyourface.eu/)", None, "", "",
     FAIL),
    ("source-markdown", "Devices (like CCTV", None, "", "", FAIL),
    ("source-markdown", "# A heading", None, "", "", FAIL),
    ("source-whitespace", "Join the movement", None, "", "", OK),
    ("source-whitespace", "Join the movement ", None, "", "", FAIL),
    ("source-whitespace", "Join  the movement", None, "", "", FAIL),
    ("source-plural-placeholder", "{count} person", "{count} people", "python-brace-format",
     "", OK),
    ("source-plural-placeholder", "One person", "{count} people", "python-brace-format", "",
     FAIL),
    ("source-plural-placeholder", "One person has signed", "%(count)s people have signed",
     "python-format", "", FAIL),
    ("source-max-length", "Join the movement", None, "", "(max-length:30)", OK),
    ("source-max-length", "Join the movement now, all of you, today", None, "",
     "At most 30 characters (max-length:30).", FAIL),
]


def template_bytes(msgid, plural, flags, comment) -> bytes:
    lines = ['msgid ""', 'msgstr ""', f'"{UTF8}\\n"', ""]
    if comment:
        lines.append(f"#. {comment}")
    if flags:
        lines.append(f"#, {flags}")
    lines += ['msgctxt "home/x"', f'msgid "{msgid}"']
    if plural:
        lines += [f'msgid_plural "{plural}"', 'msgstr[0] ""', 'msgstr[1] ""']
    else:
        lines.append('msgstr ""')
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("check_id, msgid, plural, flags, comment, ok", SOURCE_TABLE,
                         ids=[f"{r[0]}-{'ok' if r[5] else 'fail'}-{i}"
                              for i, r in enumerate(SOURCE_TABLE)])
def test_template_checks(check_id, msgid, plural, flags, comment, ok):
    template = parse_po(template_bytes(msgid, plural, flags, comment), "locales/messages.pot")
    found = [f for f in check_template(template) if f.check == check_id]
    assert (not found) == ok, [f.message for f in found]
    for f in found:
        assert f.path == "locales/messages.pot" and f.locale is None
        assert f.line == 5 + bool(comment) + bool(flags)  # the msgctxt line
        assert f.msgctxt == "home/x"


def test_every_source_check_has_passing_and_failing_rows():
    for chk in CHECKS.values():
        if chk.scope == "source":
            assert {r[5] for r in SOURCE_TABLE if r[0] == chk.id} == {OK, FAIL}, chk.id


def test_shipped_template_has_no_source_errors():
    from conftest import ROOT
    from reclaim_i18n.pofile import read_po

    template = read_po(ROOT / "locales" / "messages.pot")
    errors = [f for f in check_template(template) if f.severity is Severity.ERROR]
    assert errors == []


# ---------------------------------------------------------------- glossary file

GLOSSARY_FILES = [
    # (file text, line of the error or None, words of the message)
    ("do-not-translate:\n  - EDRi\nterms:\n  public space:\n    de: öffentlicher Raum\n"
     + "    match: stem\n", None, ""),
    ("do-not-translate: EDRi\n", 1, "list of names"),
    ("do-not-translate:\n  - EDRi\n  - [a, b]\n", 3, "must be a name"),
    ("names:\n  - EDRi\n", 2, "unknown key"),  # the line of its value
    ("terms:\n  public space:\n    de: öffentlicher Raum\n    match: fuzzy\n", 4, "stem"),
    ("terms:\n  public space:\n    deutsch: öffentlicher Raum\n", 3, "language code"),
    ("terms:\n  public space: öffentlicher Raum\n", 2, "per language"),
    ("terms:\n  public space:\n    de:\n", 3, "must be text"),
    ("terms:\n  public space:\n    de: [öffentlicher Raum, öffentliche Räume]\n", None, ""),
    ("terms: [\n", 2, "invalid YAML"),
    ("- just a list\n", 1, "mapping"),
]


@pytest.mark.parametrize("text, line, words", GLOSSARY_FILES,
                         ids=[f"glossary-{i}" for i in range(len(GLOSSARY_FILES))])
def test_load_glossary(tmp_path, text, line, words):
    (tmp_path / "glossary.yaml").write_text(text, encoding="utf-8")
    if line is None:
        glossary = load_glossary(tmp_path)
        assert glossary.terms or glossary.names
        return
    with pytest.raises(SourceError) as info:
        load_glossary(tmp_path)
    assert info.value.line == line and words in str(info.value)
    assert info.value.path.endswith("glossary.yaml")


def test_missing_glossary_is_empty(tmp_path):
    assert load_glossary(tmp_path) is EMPTY


def test_shipped_glossary_loads():
    from conftest import ROOT

    glossary = load_glossary(ROOT / "source_content")
    assert "Reclaim Your Face" in glossary.names
    term = {t.english: t for t in glossary.terms}["facial recognition"]
    assert term.stem and term.approved("de") == ("Gesichtserkennung",)
