"""The campaign site rendered from the bundles: structure, languages, sanitising, browser."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import tool
from reclaim_i18n.build.bundle import build_bundle, make_layer
from reclaim_i18n.build.load import Inputs
from reclaim_i18n.build.site import SiteLanguage, SiteRenderer
from reclaim_i18n.config import load_config
from reclaim_i18n.pofile import read_po
from test_build import (
    BODY,
    COUNT,
    HEADING,
    NAV_HOME,
    SLOGAN,
    all_files,
    build,
    german,
    set_locale_option,
    write_catalog,
)

HOSTILE = {
    HEADING: '<script>alert("heading")</script>Die Zukunft',
    BODY: "Gesichter <img src=x onerror=alert(1)> und mehr.",
    SLOGAN: '[Klick](javascript:alert(2)) und <a href="javascript:alert(3)">hier</a>',
    "home/title": "</title><script>alert(4)</script>Titel",
    "home/what-is/heading": '<iframe src="https://evil.example/"></iframe>Was?',
    "home/decide/slogan": "<svg onload=alert(5)>Zukunft</svg> [x](data:text/html,hi)",
    NAV_HOME: '<script>alert("ui")</script>Start',
    COUNT: ["<b onclick=alert(6)>{count}</b> Organisation", "{count} Organisationen"],
}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def assert_harmless(html: str) -> None:
    tags = elements(html)
    assert not {t for t, _ in tags} & {"script", "iframe", "svg", "img", "object", "embed"}
    for tag, attrs in tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for value in attrs.values():
            assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.IGNORECASE), value
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html


def test_hostile_translations_never_reach_the_html_even_without_checks(project):
    """The sanitiser's own guarantee: the bundle carries the text, the HTML is harmless."""
    write_catalog(project, "de", HOSTILE, every=german)
    config = load_config(project)
    layer = make_layer("de", read_po(config.po_path("de")))          # no findings at all
    bundle = build_bundle("de", Inputs(config).source, [layer], ("en",))
    assert bundle["pages"]["home"]["sections"][0]["heading"] == HOSTILE[HEADING]
    pages = SiteRenderer(config.source_dir / "templates", config.site_url, 1).render(
        bundle, [SiteLanguage("de", "Deutsch")])
    assert set(pages) == {"de/index.html", "de/partners/index.html"}
    for html in pages.values():
        assert_harmless(html.decode("utf-8"))
    home = pages["de/index.html"].decode("utf-8")
    assert "Die Zukunft</h1>" in home and "Start</a>" in home       # the text survives
    assert '<a rel="noopener noreferrer">Klick</a>' in home          # the link does not


def test_hostile_translations_never_reach_the_built_site(project):
    set_locale_option(project, "de", "publish-threshold = 0")
    write_catalog(project, "de", HOSTILE, every=german)
    build(project, "de")
    for data in all_files(project / "build" / "site").values():
        assert_harmless(data.decode("utf-8"))


@pytest.fixture
def site(project) -> Path:
    write_catalog(project, "de", {HEADING: "Die Zukunft muss in unserer Hand liegen.",
                                  NAV_HOME: "Startseite"}, every=german)
    write_catalog(project, "pl", {}, every=lambda m: None)            # 0 %: not published
    build(project, "de", "pl")
    return project / "build" / "site"


def test_every_published_locale_and_english_get_a_page_with_alternates(site, project):
    assert sorted(p.name for p in site.iterdir()) == ["de", "en"]
    assert (site / "en" / "partners" / "index.html").is_file()
    html = (site / "de" / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="de" dir="ltr">', html)
    alternates = {a["hreflang"]: a["href"] for t, a in elements(html)
                  if t == "link" and a.get("rel") == "alternate"}
    assert alternates == {"de": "https://reclaimyourface.eu/de/",
                          "en": "https://reclaimyourface.eu/en/",
                          "x-default": "https://reclaimyourface.eu/en/"}
    switcher = {a["hreflang"]: a["href"] for t, a in elements(html)
                if t == "a" and "hreflang" in a}
    assert switcher == {"de": "index.html", "en": "../en/index.html"}
    assert ">Deutsch</a>" in html and ">English</a>" in html and "polski" not in html
    assert "<h1>Die Zukunft muss in unserer Hand liegen.</h1>" in html
    assert "<p>[de] <strong>A ban on biometric mass surveillance</strong>" in html


def test_site_links_resolve_and_nothing_loads_from_another_host(site):
    for rel, data in all_files(site).items():
        html = data.decode("utf-8")
        here = (site / rel).parent
        for tag, attrs in elements(html):
            assert "src" not in attrs and "srcset" not in attrs, (rel, tag)
            if tag == "link":
                assert attrs.get("rel") == "alternate", (rel, attrs)
            href = attrs.get("href", "")
            if tag == "a" and href and not re.match(r"(https?:|mailto:|#)", href):
                assert (here / href).resolve().is_file(), (rel, href)
        style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
        assert "@import" not in style and "url(" not in style


def test_markdown_is_rendered_and_names_are_kept(site):
    html = (site / "en" / "partners" / "index.html").read_text("utf-8")
    assert ('<a href="https://reclaimyourface.eu/contact/" rel="noopener noreferrer">'
            "get in touch with us</a>") in html
    assert "<li>Kateřina Konečná</li>" not in html   # MEP names are items, not a list
    assert "Kateřina Konečná" in html and "<li>Digitale Gesellschaft CH</li>" in html
    assert "21 organisations support the ban" in html


def test_chromium_shows_the_german_campaign_page(site, tmp_path):
    chromium = None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        try:
            chromium = tool(name)
            break
        except pytest.skip.Exception:
            continue
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    profile = tmp_path / "chromium-profile"
    page = (site / "de" / "index.html").resolve().as_uri()
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--no-first-run", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", page],
        check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    dom = done.stdout
    assert '<html lang="de" dir="ltr">' in dom
    assert "Die Zukunft muss in unserer Hand liegen." in dom and "Startseite" in dom
    assert "<title>[de] Reclaim Your Face" in dom
    tags = elements(dom)
    assert not [a for t, a in tags if "src" in a]
    assert not [t for t, _ in tags if t == "script"]
