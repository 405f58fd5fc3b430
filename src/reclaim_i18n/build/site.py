"""The campaign site, rendered with Jinja2 from the bundles, as a real site build would.

Autoescape is on and undefined names are errors. Markdown becomes HTML through
markdown-it and then the allow-list sanitiser of :mod:`reclaim_i18n.html_policy` (nh3),
the list the ``html-unsafe`` check applies: whatever a translation contains, no script,
event handler or ``javascript:`` URL reaches the page. Interface strings come
from the bundle's ``ui`` table through ``gettext``/``pgettext``/``ngettext``/``npgettext``.
Nothing is loaded from another host: the stylesheet is inlined, there are no scripts.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reclaim_i18n.html_policy import sanitise
from reclaim_i18n.plurals.categories import category_of

HOME = "home"
SIGNATURES = None  # the petition counter: a number, or None to leave it out (see README)
_PERCENT = re.compile(r"%\(([A-Za-z_]\w*)\)[sd]")


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.validateLink = lambda url: True   # the sanitiser, not the parser, judges URLs
    return md


def markdown_html(text: str) -> str:
    """Markdown → HTML as markdown-it writes it, raw HTML included: not yet sanitised."""
    return _markdown().render(text)


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown → HTML sanitised by the one allow-list (:mod:`reclaim_i18n.html_policy`)."""
    return sanitise(markdown_html(text)).strip()


def page_file(code: str, page_id: str) -> str:
    """Where a page lives under ``site/``: ``de/index.html``, ``de/partners/index.html``."""
    return f"{code}/index.html" if page_id == HOME else f"{code}/{page_id}/index.html"


def page_url(site_url: str, code: str, page_id: str) -> str:
    return f"{site_url}/{code}/" if page_id == HOME else f"{site_url}/{code}/{page_id}/"


@lru_cache(maxsize=65536)  # every page links every other: the same pairs in each language
def _href(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source))


class _Translations:
    """gettext callables backed by one bundle's ``ui`` table (swapped per locale)."""

    def __init__(self):
        self.code, self.ui = "en", {}

    def _checked(self, text: str, msgid: str) -> str:
        names = {name: 0 for name in _PERCENT.findall(msgid)}
        try:
            text % names
        except (KeyError, ValueError, TypeError):
            return msgid   # a broken placeholder must not break the page
        return text

    def pgettext(self, ctxt: str, msgid: str):
        from markupsafe import escape

        value = self.ui.get(ctxt or "", {}).get(msgid)
        return escape(self._checked(value, msgid) if isinstance(value, str) else msgid)

    def gettext(self, msgid: str):
        return self.pgettext("", msgid)

    def npgettext(self, ctxt: str, singular: str, plural: str, n):
        from markupsafe import escape

        forms = self.ui.get(ctxt or "", {}).get(singular)
        english = singular if n == 1 else plural
        if not isinstance(forms, dict):
            return escape(english)
        text = forms.get(category_of(self.code, n)) or forms.get("other") or english
        return escape(self._checked(text, singular))

    def ngettext(self, singular: str, plural: str, n):
        return self.npgettext("", singular, plural, n)


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    native_name: str
    pages: frozenset[str] | None = None   # page ids its site has; None: every page


def site_pages(code: str, files) -> frozenset[str]:
    """The page ids of a locale's site files (``site/de/partners/index.html``): a stale
    locale keeps the pages of its last good build, which the English may have renamed."""
    ids = {rel.removeprefix(f"site/{code}/").removesuffix("index.html").strip("/")
           for rel in files}
    return frozenset(i or HOME for i in ids)


class SiteRenderer:
    """One Jinja2 environment for a whole build; :meth:`render` gives one locale's pages."""

    def __init__(self, templates: Path, site_url: str, signatures: int | None = SIGNATURES):
        from jinja2 import Environment, FileSystemLoader, StrictUndefined

        self.translations = _Translations()
        self.env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True,
                               undefined=StrictUndefined, extensions=["jinja2.ext.i18n"],
                               keep_trailing_newline=True)
        t = self.translations
        self.env.install_gettext_callables(t.gettext, t.ngettext, newstyle=True,
                                           pgettext=t.pgettext, npgettext=t.npgettext)
        css = templates / "site.css"
        self.css = css.read_text(encoding="utf-8") if css.is_file() else ""
        self.site_url, self.signatures = site_url, signatures

    def render(self, bundle: dict, languages: list[SiteLanguage], default: str = "en"
               ) -> dict[str, bytes]:
        """``{path under site/: HTML bytes}`` for every page of the bundle."""
        code = bundle["locale"]
        self.translations.code, self.translations.ui = code, bundle["ui"]
        template = self.env.get_template("page.html")
        page_ids = sorted(bundle["pages"], key=lambda p: (p != HOME, list(bundle["pages"]).index(p)))
        out = {}
        for page_id in page_ids:
            here = page_file(code, page_id)
            context = self._context(bundle, page_id, here, page_ids, languages, default)
            html = template.render(**context)
            out[here] = (html if html.endswith("\n") else html + "\n").encode("utf-8")
        return out

    def _context(self, bundle, page_id, here, page_ids, languages, default) -> dict:
        code = bundle["locale"]
        page = bundle["pages"][page_id]
        values = _Values(bundle)
        codes = sorted({lang.code for lang in languages} | {code})
        names = {lang.code: lang.native_name for lang in languages}
        names.setdefault(code, bundle["native_name"])
        # a language without this page (a stale one, or this one stale) links its home page
        has = {lang.code: lang.pages is None or page_id in lang.pages for lang in languages}
        target = {c: page_id if has.get(c, True) else HOME for c in codes}
        alternates = [{"hreflang": c, "href": page_url(self.site_url, c, page_id)}
                      for c in codes if has.get(c, True)]
        if has.get(default, True):
            alternates.append({"hreflang": "x-default",
                               "href": page_url(self.site_url, default, page_id)})
        return {
            "lang": code, "dir": bundle["direction"], "native_name": bundle["native_name"],
            "page": values.page(page_id, page),
            "pages": [{"id": p, "href": _href(here, page_file(code, p)),
                       "title": values.convert(f"{p}/title", bundle["pages"][p].get("title", p))}
                      for p in page_ids],
            "languages": [{"code": c, "native_name": names[c], "current": c == code,
                           "href": _href(here, page_file(c, target[c]))} for c in codes],
            "alternates": alternates,
            "signatures": self.signatures,
            "updated": _format_date(bundle.get("updated"), code),
            "css": self.css,
        }


class _Values:
    """Bundle values → what the templates expect: Markup for Markdown, plurals resolved."""

    def __init__(self, bundle: dict):
        self.code, self.kinds = bundle["locale"], bundle["fields"]

    def page(self, page_id: str, page: dict) -> dict:
        return {"id": page_id, "title": page_id, "description": "", "sections": [],
                **self.mapping(page, page_id)}

    def mapping(self, node: dict, base: str) -> dict:
        out = {"id": node["id"]} if "id" in node else {}
        count = sum(len(v) for v in node.values()
                    if isinstance(v, list) and all(isinstance(x, str) for x in v))
        for key, value in node.items():
            if key != "id":
                out[key] = self.convert(f"{base}/{key}", value, count)
        return out

    def convert(self, path: str, value, count: int = 0):
        from markupsafe import Markup

        kind = self.kinds.get(path)
        if kind == "markdown":
            return Markup(render_markdown(value))
        if kind == "link":
            return {"text": Markup(render_markdown(value["text"])), "url": value["url"]}
        if kind == "plural":
            text = value.get(category_of(self.code, count)) or value["other"]
            return Markup(render_markdown(text.replace("{count}", _number(count, self.code))))
        if kind is None and isinstance(value, list) and value and isinstance(value[0], dict):
            return [self.mapping(item, f"{path.rsplit('/', 1)[0]}/{item['id']}")
                    for item in value]
        return value


def _number(n: int, code: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(n, locale=code.replace("-", "_"))


def _format_date(value: str | None, code: str) -> str:
    if not value:
        return ""
    import datetime

    from babel.dates import format_date

    return format_date(datetime.date.fromisoformat(value), format="long",
                       locale=code.replace("-", "_"))
