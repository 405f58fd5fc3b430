"""preview_page: one site page in one language with drafts, the texts not ready marked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reclaim_i18n.build.preview import PreviewError, preview_page, preview_target
from reclaim_i18n.config import load_config
from reclaim_i18n.editing.entries import entry_id
from reclaim_i18n.pofile import read_po

HEADING = ("home/hero/heading", "The future must be ours to shape.")
COUNT = ("partners/coalition/count", "{count} organisation supports the ban")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def preview(project: Path, code: str, page: str = "home", drafts=None) -> str:
    return preview_page(load_config(project), code, page, drafts or {}).decode("utf-8")


def marks(html: str) -> list[tuple[str, str]]:
    """(state, entry id) of every marker."""
    return re.findall(r'<span class="rt-mark rt-(\w+)" data-entry="([0-9a-f]+)"', html)


def test_untranslated_texts_are_marked_with_a_link_to_their_entry(project):
    html = preview(project, "da")
    assert ("untranslated", entry_id(*HEADING)) in marks(html)
    assert f'<a class="rt-edit" href="/l/da/edit?entry={entry_id(*HEADING)}"' in html
    assert '<html lang="da" dir="ltr">' in html
    assert 'lang="en"><a class="rt-edit"' in html      # the English fallback says so


def test_a_plural_text_is_marked_too(project):
    html = preview(project, "da", "partners")
    assert ("untranslated", entry_id(*COUNT)) in marks(html)


def test_a_draft_is_shown_and_no_longer_marked(project):
    html = preview(project, "da", drafts={entry_id(*HEADING): ["Fremtiden er vores"]})
    assert "Fremtiden er vores" in html
    assert ("untranslated", entry_id(*HEADING)) not in marks(html)
    assert len(marks(html)) > 0                          # the others still are


def test_drafts_are_not_saved(project):
    po = project / "locales" / "da" / "LC_MESSAGES" / "messages.po"
    before = po.read_bytes()
    preview(project, "da", drafts={entry_id(*HEADING): ["Fremtiden er vores"]})
    assert po.read_bytes() == before


@pytest.mark.parametrize("attack", ["<script>alert(1)</script>",
                                    "<img src=x onerror=alert(1)>",
                                    "Se <a href=\"javascript:alert(1)\">her</a>"])
def test_a_hostile_draft_fails_its_checks_and_is_marked_not_shown(project, attack):
    html = preview(project, "da", drafts={entry_id(*HEADING): [attack]})
    assert ("failing", entry_id(*HEADING)) in marks(html)
    assert "<script" not in html and "<img" not in html
    assert "onerror" not in html and "javascript:" not in html


def test_text_is_escaped(project):
    html = preview(project, "da", drafts={entry_id(*HEADING): ["Fremtiden er vores & jeres > alt"]})
    assert "Fremtiden er vores &amp; jeres &gt; alt" in html


def test_fuzzy_texts_are_marked(project):
    catalog = read_po(project / "locales" / "cs" / "LC_MESSAGES" / "messages.po")
    fuzzy = [m for m in catalog.active if m.fuzzy and m.msgctxt.startswith("home/")]
    assert fuzzy, "the shipped Czech catalogue has fuzzy entries on the home page"
    states = {eid: state for state, eid in marks(preview(project, "cs"))}
    assert all(states.get(entry_id(m.msgctxt, m.msgid)) == "fuzzy" for m in fuzzy)


def test_a_finished_language_has_no_marks(project):
    assert marks(preview(project, "de")) == []


def test_the_source_language_previews_without_marks(project):
    html = preview(project, "en")
    assert '<html lang="en"' in html and "rt-mark" not in html


def test_the_page_works_under_a_strict_csp(project):
    html = preview(project, "da")
    assert "<style" not in html and "style=" not in html and "<script" not in html
    assert '<link rel="stylesheet" href="/preview/site.css">' in html
    assert 'href="/preview/da/partners"' in html          # links stay in the preview


def test_sentinels_never_reach_the_page_and_attributes_carry_no_markup(project):
    html = preview(project, "da")
    assert not PRIVATE_USE.search(html)
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
    assert "<" not in title
    for tag in re.findall(r"<[^>]*>", html):
        assert "rt-mark" not in tag or tag.startswith("<span ")


def test_an_unknown_page_is_an_error(project):
    with pytest.raises(PreviewError):
        preview(project, "da", "nowhere")


@pytest.mark.parametrize("group, page", [("home", "home"), ("partners", "partners"),
                                         ("site", "home"), ("nowhere", "nowhere")])
def test_interface_strings_are_previewed_on_the_home_page(project, group, page):
    assert preview_target(load_config(project), group) == page
