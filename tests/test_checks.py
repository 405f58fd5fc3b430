"""Checks of translated entries: one data table, one row a case, passing and failing pairs.

Each row: (check id, English source, translation, passes?, options). A source or
translation given as a tuple/list is a plural entry (msgid, msgid_plural) / msgstr[n].
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclaim_i18n.checks import CHECKS, check_catalog
from reclaim_i18n.checks.glossary import glossary_from_node
from reclaim_i18n.config import Config
from reclaim_i18n.content.yamlsrc import parse_yaml
from reclaim_i18n.model import Severity
from reclaim_i18n.pofile import Catalog, Message

OK, FAIL = True, False
BRACE = {"flags": ["python-brace-format"]}
PRINTF = {"flags": ["python-format"]}
FR, EL, ES, PL, CS = ({"locale": code} for code in ("fr", "el", "es", "pl", "cs"))
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);",
    "el": "nplurals=2; plural=(n != 1);", "es": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
}
GLOSSARY_YAML = """\
do-not-translate:
  - Reclaim Your Face
  - EDRi
  - CC BY 4.0
terms:
  biometric mass surveillance:
    de: biometrische Massenüberwachung
    fr: surveillance biométrique de masse
    pl: biometryczna inwigilacja masowa
    match: stem
  facial recognition:
    de: Gesichtserkennung
    cs: rozpoznávání obličejů
    match: stem
  public space:
    de: öffentlicher Raum
    fr: espace public
    match: stem
  petition:
    de: Petition
"""
GLOSSARY = glossary_from_node(parse_yaml(GLOSSARY_YAML, "glossary.yaml"), "glossary.yaml")
CONFIG = Config(root=Path("/project"), source_dir=Path("/project/source_content"),
                locales_dir=Path("/project/locales"), build_dir=Path("/project/build"),
                allowed_urls=("https://reclaimyourface.eu/*",))
LINK = "See [the document](https://reclaimyourface.eu/doc/)."
LIMIT10 = {"comments": ["At most 10 characters (max-length:10)."]}

TABLE = [
    # ---------------------------------------------------------------- placeholders
    ("placeholders", "{count} people", "{count} Leute", OK, BRACE),
    ("placeholders", "{count} people", "Leute", FAIL, BRACE),
    ("placeholders", "{count} people", "{anzahl} Leute", FAIL, BRACE),
    ("placeholders", "{count} people", "{count} Leute {count}", OK, BRACE),
    ("placeholders", "{count} people", "{count} Leute", OK, {}),
    ("placeholders", "{count} people", "Leute", FAIL, {}),
    ("placeholders", "%(count)s people", "%(count)s Leute", OK, PRINTF),
    ("placeholders", "%(count)s people", "%(count) Leute", FAIL, PRINTF),
    ("placeholders", "%(count)s people", "%(anzahl)s Leute", FAIL, PRINTF),
    ("placeholders", "Hello %s", "Hallo", FAIL, {}),
    ("placeholders", "%s and %s", "%s und %s", OK, PRINTF),
    ("placeholders", "%s and %s", "%s und", FAIL, PRINTF),
    ("placeholders", "50 % of people", "50 % der Menschen", OK, {}),
    ("placeholders", "Hello {{ name }}", "Hallo {{name}}", OK, {}),
    ("placeholders", "Hello {{ name }}", "Hallo Name", FAIL, {}),
    ("placeholders", "Hello", "Hallo {{ config.SECRET_KEY }}", FAIL, {}),
    ("placeholders", "Hello", "Hallo {% include 'x' %}", FAIL, {}),
    ("placeholders", "People", "%d Leute", FAIL, PRINTF),
    ("placeholders", ("{count} organisation", "{count} organisations"),
     ["Eine Organisation", "{count} Organisationen"], OK, BRACE),
    ("placeholders", ("{count} organisation", "{count} organisations"),
     ["{count} Organisation", "Organisationen"], FAIL, BRACE),
    ("placeholders", ("{count} organisation", "{count} organisations"),
     ["Une organisation", "{count} organisations"], FAIL, {**BRACE, **FR}),
    ("placeholders", ("{count} organisation", "{count} organisations"),
     ["{count} organizacja", "{count} organizacje", "{count} organizacji"], OK,
     {**BRACE, **PL}),
    ("placeholders", ("{count} organisation", "{count} organisations"),
     ["{count} organizacja", "{count} organizacje", "organizacji"], FAIL, {**BRACE, **PL}),
    # ---------------------------------------------------------------- markdown
    ("markdown-block", "Join the movement", "Mach mit", OK, {}),
    ("markdown-block", "Join the movement", "# Mach mit", FAIL, {}),
    ("markdown-block", "May 1st is a holiday", "1. Mai ist ein Feiertag", FAIL, {}),
    ("markdown-block", "May 1st is a holiday", "1\\. Mai ist ein Feiertag", OK, {}),
    ("markdown-block", "A paragraph", "Ein Absatz\n\nNoch einer", FAIL, {}),
    ("markdown-block", "A paragraph", "> Ein Zitat", FAIL, {}),
    ("markdown-block", "A paragraph", "- ein Punkt", FAIL, {}),
    ("markdown-block", "A paragraph", "    eingerückt", FAIL, {}),
    ("markdown-block", "A paragraph", "<div>Ein Absatz</div>", FAIL, {}),
    ("markdown-block", "A paragraph", "Ein Absatz\n---", FAIL, {}),
    ("markdown-block", "A paragraph", "[x]: https://reclaimyourface.eu/", FAIL, {}),
    ("markdown-links", LINK, "Siehe [das Dokument](https://reclaimyourface.eu/doc/).", OK, {}),
    ("markdown-links", LINK, "Siehe das Dokument.", FAIL, {}),
    ("markdown-links", LINK, "Siehe [das Dokument](https://reclaimyourface.eu/de/doc/).", OK,
     {}),
    ("markdown-links", LINK, "Siehe [das Dokument](https://evil.example/doc/).", FAIL, {}),
    ("markdown-count", "Use `code` here", "Benutze `code` hier", OK, {}),
    ("markdown-count", "Use `code` here", "Benutze code hier", FAIL, {}),
    ("markdown-count", "![Logo](https://reclaimyourface.eu/logo.png) text", "Text", FAIL, {}),
    ("markdown-count", "Text", "[Text](https://reclaimyourface.eu/)", FAIL, {}),
    ("markdown-count", LINK, "Siehe [das Dokument](https://reclaimyourface.eu/doc/).", OK, {}),
    ("markdown-unclosed", "**Bold** text", "**Fett** Text", OK, {}),
    ("markdown-unclosed", "**Bold** text", "**Fett Text", FAIL, {}),
    ("markdown-unclosed", LINK, "Siehe [das Dokument] (https://reclaimyourface.eu/doc/).",
     FAIL, {}),
    ("markdown-unclosed", "Some text", "Etwas `Text", FAIL, {}),
    ("markdown-unclosed", "*Important* text", "*Wichtig Text", FAIL, {}),
    ("markdown-unclosed", "5 * 3 is 15", "5 * 3 ist 15", OK, {}),
    # unbalanced emphasis shows a stray "*" beside the <em> it did make: an error
    ("markdown-unclosed", "**Bold** text", "**Fett* Text", FAIL, {}),
    ("markdown-unclosed", "*One* or two", "*Eins* oder zwei*", FAIL, {}),
    ("markdown-unclosed", "***Bold** text", "***Fett** Text", OK, {}),  # as the English
    ("markdown-unclosed", "**Bold** text", "***Fett** Text", FAIL, {}),
    ("markdown-unclosed", "_Bold_ text", "__Fett_ Text", FAIL, {}),
    ("markdown-unclosed", "_Bold_ text", "_Fett_ Text", OK, {}),
    ("markdown-unclosed", "5*3 is 15", "5*3 ist 15", OK, {}),
    ("markdown-unclosed", "2*3*4 is 24", "2*3*4 ist 24", OK, {}),  # an <em> in both
    ("markdown-unclosed", "snake_case", "snake_case", OK, {}),
    ("markdown-emphasis", "**A ban** is the solution", "**Ein Verbot** ist die Lösung", OK,
     {}),
    ("markdown-emphasis", "**A ban** is the solution", "Ein Verbot ist die Lösung", FAIL, {}),
    ("brackets", "Devices (like CCTV)", "Geräte (wie CCTV)", OK, {}),
    ("brackets", "Devices (like CCTV)", "Geräte (wie CCTV", FAIL, {}),
    ("brackets", "1) first", "1) erstens", OK, {}),
    # ---------------------------------------------------------------- links
    ("url-scheme", LINK, "Siehe [das Dokument](https://reclaimyourface.eu/doc/).", OK, {}),
    ("url-scheme", LINK, "Siehe [das Dokument](javascript:alert(1)).", FAIL, {}),
    ("url-scheme", "Text", 'Text <a href="jav&#x61;script:alert(1)">x</a>', FAIL, {}),
    ("url-scheme", "Text", "Text ![x](data:image/svg+xml;base64,PHN2Zz4=)", FAIL, {}),
    ("url-scheme", "Text", "Text [x](JaVaScRiPt:alert(1))", FAIL, {}),
    ("url-scheme", "Our data: facts", "Unsere data: Fakten", OK, {}),
    ("url-scheme", "Text", "Text [x](file:///etc/passwd)", FAIL, {}),
    ("url-scheme", "Text", "Text java&#115;cript&#58;alert(1)", FAIL, {}),
    ("url-scheme", "Text", "Text java\u017fcript:alert(1)", FAIL, {}),   # long s: (?i) s
    ("url-idn", LINK, "Siehe [das Dokument](https://reclaimyourface.eu/doc/).", OK, {}),
    ("url-idn", LINK, "Siehe [das Dokument](https://recl\u0430imyourface.eu/doc/).", FAIL, {}),
    ("url-idn", LINK, "Siehe https://xn--reclaimyourfac-8kc.eu/doc/.", FAIL, {}),
    ("url-idn", "See https://bücher.example/", "Siehe https://bücher.example/", OK, {}),
    ("url-allowed", LINK, "Siehe [das Dokument](https://reclaimyourface.eu/doc/).", OK, {}),
    ("url-allowed", "Visit https://reclaimyourface.eu/", "Besuche https://reclaimyourface.eu/de/",
     OK, {}),
    ("url-allowed", "Visit https://reclaimyourface.eu/", "Besuche https://evil.example/", FAIL,
     {}),
    ("url-allowed", "Sign the petition", "Unterschreibe auf www.evil.example/petition", FAIL,
     {}),
    ("url-allowed", "Sign the petition", "Unterschreibe auf WWW.EVIL.EXAMPLE", FAIL, {}),
    ("url-allowed", "Sign the petition", "Unterschreibe auf &#119;ww.evil.example", FAIL, {}),
    ("url-allowed", LINK, "Siehe [Dokument](https://reclaimyourface.eu@evil.example/doc/).",
     FAIL, {}),
    ("url-allowed", LINK, "Siehe [Dokument](https://reclaimyourface.eu.evil.example/doc/).",
     FAIL, {}),
    ("url-allowed", LINK, "Siehe [Dokument](//evil.example/doc/).", FAIL, {}),
    ("url-allowed", LINK, "Siehe [Dokument](/de/doc/).", OK, {}),
    ("url-allowed", "Write to info@edri.org", "Schreib an info@edri.org", OK, {}),
    ("url-allowed", "Write to info@edri.org", "Schreib an info@evil.example", FAIL, {}),
    ("url-allowed", "Text", 'Text <a href="https://evil.example/">x</a>', FAIL, {}),
    ("url-allowed", "Visit <https://reclaimyourface.eu/>", "Besuche <https://evil.example/>",
     FAIL, {}),
    # ---------------------------------------------------------------- html
    ("html-unsafe", "Line<br>break", "Zeile<br>Umbruch", OK, {}),
    ("html-unsafe", "Text", "Text <strong>fett</strong>", OK, {}),
    ("html-unsafe", "Text", "Text <script>alert(1)</script>", FAIL, {}),
    ("html-unsafe", "Text", "Text <SCRIPT src=//evil.example/x.js>", FAIL, {}),
    ("html-unsafe", "Text", "Text <script", FAIL, {}),
    ("html-unsafe", "The future < ours", "Fremtiden < vores", OK, {}),   # text, not a tag
    ("html-unsafe", "5 < 10", "5 </ 10", OK, {}),
    ("html-unsafe", "Text", "Text </script>", FAIL, {}),
    ("html-unsafe", "Text", "<img src=x onerror=alert(1)>", FAIL, {}),
    ("html-unsafe", "Text", '<a href="https://reclaimyourface.eu/" onclick="steal()">x</a>',
     FAIL, {}),
    ("html-unsafe", "Text", "<a/onmouseover=alert(1) href=https://reclaimyourface.eu/>x</a>",
     FAIL, {}),
    ("html-unsafe", "Text", "<iframe src=https://evil.example></iframe>", FAIL, {}),
    ("html-unsafe", "Text", '<span style="display:none">x</span> Text', FAIL, {}),
    ("html-unsafe", "Text", "Text <!-- hidden -->", FAIL, {}),
    ("html-unsafe", "Text", '<span title="onclick=x">Text</span>', OK, {}),
    ("html-unsafe", "Visit <https://reclaimyourface.eu/>", "Besuche <https://reclaimyourface.eu/>",
     OK, {}),
    ("html-unsafe", '<abbr title="European Union">EU</abbr>',
     '<abbr title="Europäische Union">EU</abbr>', OK, {}),
    ("html-tags", "a<br>b", "a<br>b", OK, {}),
    ("html-tags", "a<br>b", "a b", FAIL, {}),
    ("html-tags", "<b>Text</b>", "Text", FAIL, {}),
    # ---------------------------------------------------------------- characters
    ("bidi-control", "Reclaim", "Zurückholen", OK, {}),
    ("bidi-control", "Reclaim", "Zurück\u202eholen", FAIL, {}),
    ("bidi-control", "Reclaim", "\u2066Zurückholen\u2069", FAIL, {}),
    ("control-char", "Reclaim", "Zurück\x01holen", FAIL, {}),
    ("control-char", "Reclaim", "Zurück\x00holen", FAIL, {}),
    ("control-char", "Reclaim", "Zurück\U000e0041\U000e0042holen", FAIL, {}),
    ("control-char", "Reclaim", "Zurück\x1b[2Jholen", FAIL, {}),
    ("control-char", "Reclaim", "Zurück\tholen", OK, {}),
    ("control-char", "Re\nclaim", "Zurück\nholen", OK, {}),
    ("invisible-char", "Reclaim", "Zurück\u200bholen", FAIL, {}),
    ("invisible-char", "Reclaim", "Zurück\u00adholen", FAIL, {}),
    ("invisible-char", "Re\u00adclaim", "Zurück\u00adholen", OK, {}),
    ("invisible-char", "Reclaim", "Zurückholen", OK, {}),
    ("mixed-script", "Reclaim Your Face", "Reclaim Your F\u0430ce", FAIL, {}),
    ("mixed-script", "Partners", "Партнёры", OK, {"locale": "bg"}),
    ("mixed-script", "Partners", "Partnerzy Ελλάδα", OK, PL),
    ("mixed-script", "Partners", "Partnerzy", OK, PL),
    ("mixed-script", "Partners", "P\u0430rtnerzy", FAIL, PL),
    ("mixed-script", "No. 5", "Nº 5", OK, ES),
    ("mixed-script", "Reclaim", "\U0001d411eclaim", FAIL, {}),
    # ---------------------------------------------------------------- plurals
    ("plural-missing", ("{count} person", "{count} people"), ["{count} Person",
                                                              "{count} Personen"], OK, BRACE),
    ("plural-missing", ("{count} person", "{count} people"), ["{count} Person", ""], FAIL,
     BRACE),
    ("plural-missing", ("{count} person", "{count} people"), ["", "{count} Personen"], FAIL,
     BRACE),
    ("plural-count", ("{count} person", "{count} people"), ["{count} Person",
                                                            "{count} Personen"], OK, BRACE),
    ("plural-count", ("{count} person", "{count} people"),
     ["{count} Person", "{count} Personen", "{count} Leute"], FAIL, BRACE),
    # ---------------------------------------------------------------- whitespace
    ("newline-ends", "Text\n", "Text\n", OK, {}),
    ("newline-ends", "Text", "Text\n", FAIL, {}),
    ("newline-ends", "\nText", "Text", FAIL, {}),
    ("whitespace-ends", "Join", "Mach mit", OK, {}),
    ("whitespace-ends", "Join", "Mach mit ", FAIL, {}),
    ("whitespace-ends", " Join", "Mach mit", FAIL, {}),
    ("whitespace-ends", "Join ", "Mach mit ", OK, {}),
    ("double-space", "Join us", "Mach mit", OK, {}),
    ("double-space", "Join us", "Mach  mit", FAIL, {}),
    ("double-space", "Join  us", "Mach  mit", OK, {}),
    ("double-space", "Join us", "Mach\u00a0 mit", FAIL, {}),
    # ---------------------------------------------------------------- punctuation
    ("end-punctuation", "Why?", "Warum?", OK, {}),
    ("end-punctuation", "Why?", "Warum.", FAIL, {}),
    ("end-punctuation", "Supported by:", "Unterstützt von", FAIL, {}),
    ("end-punctuation", "Supported by:", "Unterstützt von:", OK, {}),
    ("end-punctuation", "Ban it!", "Verbietet sie!", OK, {}),
    ("end-punctuation", "Ban it!", "Verbietet sie", FAIL, {}),
    ("end-punctuation", "Wait…", "Warte...", OK, {}),
    ("end-punctuation", "**Why?**", "**Warum?**", OK, {}),
    ("end-punctuation", "He asked “why?”", "Er fragte „warum?“", OK, {}),
    ("end-punctuation", "What is it?", "Τι είναι;", OK, EL),
    ("typography", "What is it?", "Qu’est-ce que c’est\u202f?", OK, FR),
    ("typography", "What is it?", "Qu’est-ce que c’est\u00a0?", OK, FR),
    ("typography", "What is it?", "Qu’est-ce que c’est ?", FAIL, FR),
    ("typography", "What is it?", "Qu’est-ce que c’est?", FAIL, FR),
    ("typography", "Supported by:", "Soutenu par :", FAIL, FR),
    ("typography", "Supported by:", "Soutenu par:", FAIL, FR),
    ("typography", "See https://reclaimyourface.eu/", "Voir https://reclaimyourface.eu/", OK,
     FR),
    ("typography", "Updated: %(date)s", "Mise à jour\u202f: %(date)s", OK, {**FR, **PRINTF}),
    ("typography", "“Hello”", "« Bonjour »", FAIL, FR),
    ("typography", "“Hello”", "«\u202fBonjour\u202f»", OK, FR),
    ("typography", "What is it?", "Τι είναι?", FAIL, EL),
    ("typography", "What is it?", "Τι είναι;", OK, EL),
    ("typography", "What is it?", "Qué es?", FAIL, ES),
    ("typography", "What is it?", "¿Qué es?", OK, ES),
    ("typography", "What is it?", "Was ist das ?", OK, {}),
    # ---------------------------------------------------------------- glossary
    ("glossary-name", "Reclaim Your Face is supported by",
     "Reclaim Your Face wird unterstützt von", OK, {}),
    ("glossary-name", "Reclaim Your Face is supported by",
     "Hol dir dein Gesicht zurück wird unterstützt von", FAIL, {}),
    ("glossary-name", "EDRi's members", "EDRi-Mitglieder", OK, {}),
    ("glossary-name", "EDRi's members", "Mitglieder von Edri", OK, {}),
    ("glossary-name", "EDRi's members", "Mitglieder des Netzwerks", FAIL, {}),
    ("glossary-name", "Reclaim your rights", "Fordere deine Rechte ein", OK, {}),
    ("glossary-name", "EDRis members", "Mitglieder", OK, {}),
    ("glossary-term", "Ban biometric mass surveillance",
     "Verbot biometrischer Massenüberwachung", OK, {}),
    ("glossary-term", "Ban biometric mass surveillance", "Verbot der Gesichtsüberwachung", FAIL,
     {}),
    ("glossary-term", "What is Biometric mass surveillance?",
     "Was ist biometrische Massenüberwachung?", OK, {}),
    ("glossary-term", "Ban BIOMETRIC Mass Surveillance", "Verbot der Gesichtsüberwachung",
     FAIL, {}),
    ("glossary-term", "Ban biometric ma\u017fs surveillance", "Verbot der Gesichtsüberwachung",
     FAIL, {}),   # a long s matches "s" when capitals are ignored
    ("glossary-term", "in public spaces like streets", "im öffentlichen Raum wie Straßen", OK,
     {}),
    ("glossary-term", "in public spaces like streets", "in öffentlichen Räumen wie Straßen", OK,
     {}),
    ("glossary-term", "in public spaces like streets", "im öffentlichen Bereich", FAIL, {}),
    ("glossary-term", "in public spaces", "dans les espaces publics", OK, FR),
    ("glossary-term", "ban biometric mass surveillance",
     "zakaz biometrycznej inwigilacji masowej", OK, PL),
    ("glossary-term", "ban biometric mass surveillance", "zakaz masowej inwigilacji", FAIL, PL),
    ("glossary-term", "facial recognition", "rozpoznávání obličeje", OK, CS),
    ("glossary-term", "facial recognition", "Gesichtserkennungssoftware", OK, {}),
    ("glossary-term", "Sign the petition", "Unterschreibe die Petition", OK, {}),
    ("glossary-term", "Sign the petition", "Unterschreibe den Aufruf", FAIL, {}),
    ("glossary-term", "facial recognition", "rozpoznawanie twarzy", OK, {"locale": "sv"}),
    # ---------------------------------------------------------------- ignore- flags
    ("silence-flag", "Join", "Mach mit", OK, {"flags": ["ignore-typography"]}),
    ("silence-flag", "Join", "Mach mit", FAIL, {"flags": ["ignore-max-lenght"]}),
    ("silence-flag", "Join", "Mach mit", FAIL, {"flags": ["ignore-html-unsafe"]}),
    # ---------------------------------------------------------------- unchanged
    ("unchanged", "Join the movement", "Join the movement", FAIL, {}),
    ("unchanged", "Join the movement", "Mach mit", OK, {}),
    ("unchanged", "Reclaim Your Face", "Reclaim Your Face", OK, {}),
    ("unchanged", "CC BY 4.0", "CC BY 4.0", OK, {}),
    ("unchanged", "{count}", "{count}", OK, BRACE),
    ("unchanged", "https://reclaimyourface.eu/", "https://reclaimyourface.eu/", OK, {}),
    ("unchanged", "Reclaim Your Face – EDRi", "Reclaim Your Face – EDRi", OK, {}),
    ("unchanged", "Home", "Home", OK, {}),
    ("unchanged", "Main navigation", "Main navigation", FAIL, {}),
    # ---------------------------------------------------------------- length
    ("max-length", "Join the movement", "Mach mit", OK, LIMIT10),
    ("max-length", "Join the movement", "Werde jetzt Teil der Bewegung", FAIL, LIMIT10),
    ("max-length", "Join", "Mitmachen", FAIL, {"flags": ["max-length:5"]}),
    ("max-length", "Join", "Mitmachen", OK, {"flags": ["max-length:50"]}),
    ("max-length", "Join the movement", "Werde jetzt Teil der Bewegung", OK, {}),
    ("max-length", "Join", "Mache mit", OK, {"comments": ["(max-length:9)"]}),
    ("text-size", "Join the movement", "Mach mit " * 50, OK, {}),
    ("text-size", "Join the movement", "Mach mit " * 3000, FAIL, {}),
]


def make_catalog(source, translation, locale="de", flags=(), comments=(), **_):
    header = (f"Language: {locale}\nContent-Type: text/plain; charset=UTF-8\n"
              f"Plural-Forms: {PLURAL_FORMS.get(locale, PLURAL_FORMS['de'])}\n")
    msg = Message(msgid=source if isinstance(source, str) else source[0], msgctxt="page/field",
                  flags=list(flags), auto_comments=list(comments), line=10, msgstr_line=11)
    if isinstance(source, tuple):
        msg.msgid_plural, msg.msgstr_plural = source[1], list(translation)
    else:
        msg.msgstr = translation
    return Catalog(header=Message(msgid="", msgstr=header, line=1, msgstr_line=2),
                   messages=[msg], path="locales/x/LC_MESSAGES/messages.po")


def findings(source, translation, **options):
    catalog = make_catalog(source, translation, **options)
    return check_catalog(catalog, options.get("locale", "de"), CONFIG, GLOSSARY)


def _row_id(row) -> str:
    check_id, _, translation, ok, _ = row
    text = translation if isinstance(translation, str) else " | ".join(translation)
    return f"{check_id}-{'ok' if ok else 'fail'}-{text[:40]!r}"


@pytest.mark.parametrize("check_id, source, translation, ok, options", TABLE,
                         ids=[_row_id(r) for r in TABLE])
def test_check_table(check_id, source, translation, ok, options):
    found = findings(source, translation, **options)
    ids = [f.check for f in found]
    assert (check_id not in ids) == ok, [(f.check, f.message) for f in found]
    for f in found:
        if f.check == check_id:
            assert f.line == 11 and f.msgctxt == "page/field" and f.locale == options.get(
                "locale", "de")
            assert f.message and "\n" not in f.message and f.hint


def test_every_entry_check_has_passing_and_failing_rows():
    entry_checks = {c.id for c in CHECKS.values() if c.scope == "entry"}
    for check_id in entry_checks:
        outcomes = {row[3] for row in TABLE if row[0] == check_id}
        assert outcomes == {OK, FAIL}, check_id


# ---------------------------------------------------------------- the driver


def test_untranslated_entries_are_skipped():
    assert findings("{count} people", "", **BRACE) == []
    assert findings(("{count} person", "{count} people"), ["", ""], **BRACE) == []


def test_fuzzy_entries_are_checked_as_warnings():
    found = findings("Visit https://reclaimyourface.eu/", "Besuche https://evil.example/",
                     flags=["fuzzy"])
    assert [f.check for f in found] == ["url-allowed"]
    assert found[0].severity is Severity.WARNING and "fuzzy" in found[0].message


@pytest.mark.parametrize("flags, expected", [
    ([], {"end-punctuation", "max-length"}),
    (["ignore-max-length"], {"end-punctuation"}),
    (["ignore-end-punctuation", "ignore-max-length"], set()),
    (["ignore-typography"], {"end-punctuation", "max-length"}),
])
def test_ignore_flag_silences_one_check(flags, expected):
    found = findings("Why?", "Warum nur", flags=flags, comments=["(max-length:5)"])
    assert {f.check for f in found} == expected


def test_text_size_cannot_be_silenced_and_stops_other_checks():
    found = findings("Join", "<script>" * 5000, flags=["ignore-text-size"])
    assert [f.check for f in found] == ["text-size"]


def test_findings_are_sorted_by_line_then_check_and_carry_the_entry():
    catalog = make_catalog("Why?", "Warum")
    second = Message(msgid="Join", msgstr="<script>x</script>  ", msgctxt="b", line=3,
                     msgstr_line=4)
    catalog.messages.insert(0, second)
    found = check_catalog(catalog, "de", CONFIG, GLOSSARY)
    keys = [(f.line, f.check) for f in found]
    assert keys == sorted(keys) and keys[0][0] == 4 and keys[-1] == (11, "end-punctuation")
    assert found[0].msgid == "Join" and found[0].path == "locales/x/LC_MESSAGES/messages.po"


def test_obsolete_entries_are_not_checked():
    catalog = make_catalog("Join", "<script>")
    catalog.messages[0].obsolete = True
    assert check_catalog(catalog, "de", CONFIG, GLOSSARY) == []


@pytest.mark.parametrize("check_id, severity", [("brackets", Severity.WARNING),
                                                ("html-unsafe", Severity.ERROR)])
def test_a_failing_check_is_a_finding_not_an_exception(monkeypatch, check_id, severity):
    def broken(entry, ctx):
        raise RuntimeError("boom")

    original = CHECKS[check_id]
    monkeypatch.setitem(CHECKS, check_id, original.__class__(
        original.id, original.severity, original.title, original.description, original.scope,
        broken))
    found = findings("Join", "Mach mit")
    assert [(f.check, f.severity) for f in found] == [(check_id, severity)]  # fails closed
    assert "could not run" in found[0].message


def test_without_glossary_or_plural_header_nothing_breaks():
    catalog = make_catalog(("{count} person", "{count} people"), ["{count} Person", ""],
                           flags=BRACE["flags"])
    catalog.header.msgstr = "Language: de\n"
    found = check_catalog(catalog, "de", CONFIG)
    assert "plural-missing" in {f.check for f in found}


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(source=st.text(max_size=80), text=st.text(max_size=80),
       flags=st.lists(st.sampled_from(["fuzzy", "python-format", "python-brace-format",
                                       "max-length:3", "ignore-placeholders"]), max_size=3),
       locale=st.sampled_from(["de", "fr", "el", "es", "pl", "sr-Latn"]))
def test_checks_never_raise_on_any_text(source, text, flags, locale):
    alphabet_heavy = source + "**[x](https://e.eu/)** {n} %s <b>\u202e" + text
    for src, tr in ((source, text), (alphabet_heavy, text), (source, alphabet_heavy)):
        found = findings(src or "x", tr or "y", flags=flags, locale=locale)
        assert all(f.message and "could not run" not in f.message for f in found), found
        assert found == sorted(found, key=lambda f: (f.line, f.check, f.message))


def test_quick_tests_of_the_checks_hold_for_every_character():
    """Some checks skip a text by a quick test: bidi-control and control-char printable
    text, invisible-char and mixed-script ASCII text; glossary-term and url-scheme compare
    ASCII text in lower case instead of with re.IGNORECASE."""
    import re
    import sys

    from reclaim_i18n.checks.characters import _NON_LATIN, BIDI, CONTROL, INVISIBLE

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert not any(ch.isprintable() for ch in BIDI.findall(everything) + CONTROL.findall(
        everything))
    ascii_ = everything[:128]
    assert not BIDI.search(ascii_) and not INVISIBLE.search(ascii_)
    assert not _NON_LATIN.search(ascii_)
    for a in ascii_:
        for b in ascii_:
            assert bool(re.fullmatch(re.escape(a), b, re.IGNORECASE)) == (a.lower() == b.lower())


def test_registry_metadata_is_complete():
    for check_id, chk in CHECKS.items():
        assert chk.id == check_id and check_id == check_id.lower() and " " not in check_id
        assert chk.severity in (Severity.ERROR, Severity.WARNING)
        assert chk.title and chk.description and chk.scope in ("entry", "catalog", "source")


def test_readme_documents_every_check_and_the_json_keys():
    readme = (Path(__file__).parent.parent / "src/reclaim_i18n/checks/README.md").read_text()
    for check_id in CHECKS:
        assert f"`{check_id}`" in readme, check_id
    for key in ("check", "severity", "locale", "file", "line", "msgctxt", "msgid", "message",
                "hint"):
        assert f"`{key}`" in readme
