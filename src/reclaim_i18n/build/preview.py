"""One page of the reference site in one language, as ``build`` would publish it, with a
volunteer's unsaved drafts applied and every text that is not ready marked.

The same inputs (:class:`~reclaim_i18n.build.load.Inputs`), bundle builder and
:class:`~reclaim_i18n.build.site.SiteRenderer` as ``build``: no second renderer. A text
that is untranslated, fuzzy or failing a check (it falls back) is wrapped between
private-use sentinels before rendering; they pass through Markdown, the sanitiser and
autoescape as plain characters and are then turned into a marker (a ``span`` with a
class and a link to the entry in the editor). Everything else stays as the renderer
escaped it. The page must work under ``script-src 'self'; style-src 'self'``: the inline
stylesheet becomes a link to ``site.css``, served by the workspace.
"""

from __future__ import annotations

import copy
import re
from html import escape

from reclaim_i18n.build.bundle import (
    Layer,
    _Resolver,
    build_bundle,
    iter_values,
    make_layer,
    revision_date,
)
from reclaim_i18n.build.load import Inputs, broken
from reclaim_i18n.build.site import HOME, SiteLanguage, SiteRenderer, _href, page_file
from reclaim_i18n.config import Config
from reclaim_i18n.editing.entries import entry_id
from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.pofile import Catalog, Message
from reclaim_i18n.review import withheld

OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"   # never in campaign text (private use)
_SENTINEL = re.compile(f"{OPEN}(\\d+){SEP}|{CLOSE}")
_TAG = re.compile(r"<[^>]*>")
STYLESHEET = "/preview/site.css"
MARKS_STYLESHEET = "/static/preview.css"
LABELS = {"untranslated": "untranslated", "fuzzy": "needs checking", "failing": "has errors"}


class PreviewError(ReclaimError):
    """An unknown page (the web layer answers 404)."""


def preview_page(config: Config, code: str, page_id: str,
                 drafts: dict[str, list[str]] | None = None) -> bytes:
    """The HTML of ``page_id`` in ``code`` with ``drafts`` (entry id → msgstr forms)."""
    inputs = Inputs(config)
    source = inputs.source
    if page_id not in [page.id for page in source.pages]:
        raise PreviewError(f"there is no page {page_id!r}",
                           hint="pages: " + ", ".join(p.id for p in source.pages))
    marks: list[tuple[str, str, str]] = []   # (entry id, state, text language) by sentinel
    if code == config.source_language:
        bundle = build_bundle(code, source, [], (), source.updated)
    else:
        bundle = _marked_bundle(inputs, code, drafts or {}, marks)
    renderer = SiteRenderer(config.source_dir / "templates", config.site_url)
    renderer.css = ""   # linked instead: the CSP forbids inline styles
    language = SiteLanguage(code, bundle["native_name"])
    pages = renderer.render(bundle, [language], config.source_language)
    html = pages[page_file(code, page_id)].decode("utf-8")
    links = {_href(page_file(code, page_id), page_file(code, p)): f"/preview/{code}/{p}"
             for p in bundle["pages"]}
    return finish(html, code, marks, links).encode("utf-8")


def preview_target(config: Config, page: str) -> str:
    """The site page that shows a group of entries: the page itself, or the home page
    for the templates' interface strings (on every page, a page of none)."""
    from reclaim_i18n.content.pages import page_files
    from reclaim_i18n.editing.progress import page_order

    if page in {p.stem for p in page_files(config.source_dir)}:
        return page
    return HOME if page in page_order(config) else page


def apply_drafts(catalog: Catalog, drafts: dict[str, list[str]]) -> Catalog:
    """A copy of ``catalog`` with each draft's forms in place of the entry's, not fuzzy."""
    catalog = copy.deepcopy(catalog)
    for msg in catalog.active:
        forms = drafts.get(entry_id(msg.msgctxt, msg.msgid))
        if forms is None:
            continue
        if msg.is_plural:
            msg.msgstr_plural = [str(f) for f in forms]
        else:
            msg.msgstr = str(forms[0]) if forms else ""
        msg.set_fuzzy(False)
    return catalog


def entry_states(catalog: Catalog, failing: frozenset) -> dict[tuple, str]:
    """Key → why an entry is not published as it is: untranslated, fuzzy or failing."""
    states = {}
    for msg in catalog.active:
        if not msg.msgid:
            continue
        if msg.key in failing:
            states[msg.key] = "failing"
        elif msg.fuzzy:
            states[msg.key] = "fuzzy"
        elif not msg.translated:
            states[msg.key] = "untranslated"
    return states


def _marked_bundle(inputs: Inputs, code: str, drafts: dict, marks: list) -> dict:
    config = inputs.config
    catalog = apply_drafts(inputs.catalog(code), drafts)
    failing = broken(catalog, code, config, inputs.glossary)
    own = make_layer(code, catalog, failing | withheld(catalog, code, config))
    chain = config.fallback_chain(code)
    fallbacks = [inputs.layer(c) for c in chain if c != config.source_language]
    fallbacks = [layer for layer in fallbacks if layer]
    states = entry_states(catalog, failing)
    resolver = _Resolver(code, fallbacks, inputs.source.language)
    mark_layer = Layer(code, {}, own.nplurals, own.expr)
    plural_marks: dict[tuple, str] = {}
    for msg in catalog.active:
        state = states.get(msg.key)
        if state is None:
            continue
        if msg.is_plural:
            text, origin = "", None
        else:
            text, origin = resolver.text(msg.msgctxt, msg.msgid)
        marks.append((entry_id(msg.msgctxt, msg.msgid), state, origin or code))
        opening = f"{OPEN}{len(marks) - 1}{SEP}"
        if msg.is_plural:
            plural_marks[msg.key] = opening
        else:
            mark_layer.messages[msg.key] = Message(msgid=msg.msgid, msgctxt=msg.msgctxt,
                                                   msgstr=opening + text + CLOSE)
    bundle = build_bundle(code, inputs.source, [mark_layer, own, *fallbacks], chain,
                          revision_date(catalog) or inputs.source.updated)  # as build dates it
    _mark_plurals(bundle, plural_marks)
    return bundle


def _mark_plurals(bundle: dict, plural_marks: dict[tuple, str]) -> None:
    """Plural values are resolved per category: wrap each category's text in place."""
    by_ctxt = {ctxt: opening for (ctxt, _), opening in plural_marks.items()}
    for path, kind, value in iter_values(bundle):
        if kind == "plural" and path in by_ctxt:
            for category in value:
                value[category] = by_ctxt[path] + value[category] + CLOSE
    for (ctxt, msgid), opening in plural_marks.items():
        forms = bundle["ui"].get(ctxt or "", {}).get(msgid)
        if isinstance(forms, dict):
            for category in forms:
                forms[category] = opening + forms[category] + CLOSE


def finish(html: str, code: str, marks: list[tuple[str, str, str]], links: dict[str, str]) -> str:
    """Sentinels → markers in text (plain removal inside tags and the title), page links →
    preview routes, the inline stylesheet → links to the site's and the markers' CSS."""
    out, depth, in_title, pos = [], 0, False, 0
    for tag in _TAG.finditer(html):
        out.append(_text(html[pos:tag.start()], code, marks, depth > 0 or in_title, in_title))
        raw = _SENTINEL.sub("", tag.group())
        name = raw[1:].split(None, 1)[0].rstrip(">").lower() if len(raw) > 2 else ""
        depth += (name == "a") - (name == "/a")
        in_title = name == "title" or (in_title and name != "/title")
        out.append(_relink(raw, links))
        pos = tag.end()
    out.append(_text(html[pos:], code, marks, False, False))
    sheets = (f'<link rel="stylesheet" href="{STYLESHEET}">'
              f'<link rel="stylesheet" href="{MARKS_STYLESHEET}">')
    return "".join(out).replace("<style></style>", sheets, 1)


def _text(text: str, code: str, marks: list, in_link: bool, plain: bool) -> str:
    def marker(match: re.Match) -> str:
        if plain:
            return ""
        if match.group(1) is None:
            return "</span>"
        ident, state, lang = marks[int(match.group(1))]
        label = escape(LABELS[state])
        opening = (f'<span class="rt-mark rt-{state}" data-entry="{escape(ident)}" '
                   f'lang="{escape(lang)}"')
        if in_link:   # no link inside a link: the marker alone says it
            return f'{opening} title="{label}">'
        href = escape(f"/l/{code}/edit?entry={ident}")
        return (f'{opening}><a class="rt-edit" href="{href}" '
                f'lang="en" dir="ltr">{label}</a> ')
    return _SENTINEL.sub(marker, text)


def _relink(tag: str, links: dict[str, str]) -> str:
    """Relative links between the site's pages → the same pages in the preview."""
    if not tag.startswith("<a "):
        return tag
    return re.sub(r'href="([^"]*)"',
                  lambda m: f'href="{links.get(m.group(1), m.group(1))}"', tag)
