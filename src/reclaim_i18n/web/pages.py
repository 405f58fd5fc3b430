"""The workspace's HTML pages: thin shells that the script in ``static/app.js`` fills from
the JSON API, plus the preview of a site page (:mod:`reclaim_i18n.build.preview`).

What the server renders itself is the English as HTML, because only HTML that went
through the site's Markdown renderer and sanitiser may become markup; everything a
catalogue holds reaches the page through ``textContent`` in the script, or through
Jinja2's autoescape here.
"""

from __future__ import annotations

import json

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from reclaim_i18n.build.preview import PreviewError, preview_page, preview_target
from reclaim_i18n.build.site import render_markdown
from reclaim_i18n.editing.entries import UnknownEntry, entry_id, snapshot
from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.review import load_records
from reclaim_i18n.review.state import to_review
from reclaim_i18n.stats import page_of

FILTERS = (("", "All"), ("untranslated", "Untranslated"), ("fuzzy", "Needs checking"),
           ("problems", "With problems"), ("review", "Awaiting review"))
MAX_DRAFTS = 64 * 1024   # characters of drafts a preview link may carry
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
           '<rect width="16" height="16" rx="3" fill="#1e0643"/>'
           '<circle cx="8" cy="8" r="4" fill="#ffe600"/></svg>')


def routes(ctx) -> list[Route]:
    pages = _Pages(ctx)
    return [Route("/", pages.home), Route("/l/{locale}", pages.language),
            Route("/l/{locale}/edit", pages.editor), Route("/l/{locale}/review", pages.review),
            Route("/preview/site.css", pages.site_css), Route("/favicon.ico", favicon),
            Route("/preview/{locale}/{page}", pages.preview)]


class _Pages:
    def __init__(self, ctx):
        self.ctx, self.config = ctx, ctx.config

    def render(self, request: Request, name: str, http_status: int = 200, **values) -> Response:
        user = self.ctx.auth.current_user(request)
        csrf = self.ctx.auth.csrf_token(request) if user is not None else ""
        html = self.ctx.templates.get_template(name).render(
            user=user, user_name=getattr(user, "name", ""), csrf=csrf,
            role=getattr(user, "role", ""), **values)
        return HTMLResponse(html, status_code=http_status)

    def gate(self, request: Request) -> tuple[object, str | None, Response | None]:
        """(user, locale, None) or a response that says why not (401, 404, 403)."""
        user = self.ctx.auth.current_user(request)
        if user is None:
            return None, None, self.render(request, "signin.html", 401)
        code = request.path_params.get("locale")
        if code is not None:   # as typed (sl_SI, SL), resolved as the API and the CLI do
            try:
                (code,) = self.config.select([code], what=None)
            except ReclaimError:
                return user, None, self.message(request, 404, "There is no such language here.")
        if code is not None and not user.may_see(code):
            return user, None, self.message(request, 403,
                                            "Your invitation does not include this language.")
        return user, code, None

    def message(self, request: Request, status: int, text: str) -> Response:
        return self.render(request, "message.html", status, status=status, text=text)

    def language_values(self, code: str) -> dict:
        lang = self.config.language(code)
        return {"locale": code, "native_name": lang.native_name,
                "english_name": lang.english_name, "direction": lang.direction}

    async def home(self, request: Request) -> Response:
        denied = self.gate(request)[2]
        return denied or self.render(request, "home.html")

    async def language(self, request: Request) -> Response:
        _, code, denied = self.gate(request)
        return denied or self.render(request, "language.html", **self.language_values(code))

    async def editor(self, request: Request) -> Response:
        _, code, denied = self.gate(request)
        if denied:
            return denied
        query = request.query_params
        page, entry, state = query.get("page", ""), query.get("entry", ""), query.get("filter", "")
        try:
            english = english_blocks(self.config, code, page or None, entry or None)
        except UnknownEntry as exc:
            return self.message(request, 404, exc.relative_to(self.config.root).one_line())
        return self.render(request, "editor.html", page=page, entry=entry, state=state,
                           filters=FILTERS, english=english, **self.language_values(code))

    async def review(self, request: Request) -> Response:
        _, code, denied = self.gate(request)
        if denied:
            return denied
        return self.render(request, "review.html",
                           english=english_blocks(self.config, code, None, None),
                           changes=review_changes(self.config, code),
                           **self.language_values(code))

    async def site_css(self, request: Request) -> Response:
        css = self.config.source_dir / "templates" / "site.css"
        text = css.read_text(encoding="utf-8") if css.is_file() else ""
        return Response(text, media_type="text/css")

    async def preview(self, request: Request) -> Response:
        _, code, denied = self.gate(request)
        if denied:
            return denied
        try:
            drafts = parse_drafts(request.query_params.get("drafts", ""))
            page = preview_target(self.config, request.path_params["page"])
            html = preview_page(self.config, code, page, drafts)
        except PreviewError:
            return self.message(request, 404, "There is no such page on the site.")
        except ValueError as exc:
            return self.message(request, 400, str(exc))
        except ReclaimError as exc:   # paths as in the project, never the server's disk
            return self.message(request, 409, exc.relative_to(self.config.root).one_line())
        return HTMLResponse(html)


async def favicon(request: Request) -> Response:
    """Browsers ask for it on every site: the campaign's colours, no 404 in the console."""
    return Response(FAVICON, media_type="image/svg+xml",
                    headers={"cache-control": "max-age=86400"})


def parse_drafts(text: str) -> dict[str, list[str]]:
    """``{"entry id": ["form", …]}`` from a preview link; ValueError when malformed."""
    if not text:
        return {}
    if len(text) > MAX_DRAFTS:
        raise ValueError("too many drafts for one preview: save some first")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):   # RecursionError: "[[[[…"
        raise ValueError("the drafts of this preview link are not valid JSON") from None
    if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in data.values()):
        raise ValueError("drafts must map entry ids to lists of texts")
    return {str(k): v for k, v in data.items()}


def english_blocks(config, code: str, page: str | None, entry: str | None) -> dict[str, Markup]:
    """Entry id → its English as sanitised HTML (the site's renderer), for the entries the
    editor may show: one entry, one page's, or all."""
    snap = snapshot(config, code)
    if entry:
        messages = [snap.message(entry)]
    else:
        messages = [m for m in snap.catalog.active
                    if page is None or page_of(m.msgctxt)[0] == page]
    return {entry_id(m.msgctxt, m.msgid): Markup(render_markdown(m.msgid)) for m in messages}


def review_changes(config, code: str) -> dict[str, tuple[str, str]]:
    """Entry id → (English, translation) word diffs since the entry's earlier approval
    (empty when it was never approved or did not change), for each entry to review."""
    snap = snapshot(config, code)
    items = to_review(snap.catalog, load_records(config.po_path(code)))
    return {entry_id(it.msg.msgctxt, it.msg.msgid): (it.english_diff or "",
                                                     it.translation_diff or "")
            for it in items}
