"""The workspace's ASGI app: the API, sign-in, static assets and the pages, behind the
security middleware (CSP and friends on every response, a request-size limit, errors as
JSON or plain text -- never a traceback) and a log filter that hides tokens."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from reclaim_i18n.editing import Conflict, InvalidEntry, UnknownEntry
from reclaim_i18n.errors import LockError, ReclaimError
from reclaim_i18n.web.api import ROUTES as API_ROUTES
from reclaim_i18n.web.api import BadRequest, NotFound
from reclaim_i18n.web.auth import Auth, AuthError

HERE = Path(__file__).parent
MAX_BODY = 256 * 1024
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    # pages hold work in progress and a CSRF token: no shared or disk cache
                    (b"cache-control", b"no-store")]


@dataclass
class Context:
    """What the page routes (web/pages.py) get: configuration, auth helpers, templates."""

    config: object
    auth: Auth
    templates: object
    base_url: str


def templates_env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                       undefined=StrictUndefined)


def create_app(config, *, base_url: str | None = None) -> Starlette:
    base = (base_url or "http://127.0.0.1:8470").rstrip("/")
    auth = Auth(config, secure=base.startswith("https://"))
    ctx = Context(config, auth, templates_env(), base)

    async def signin(request):
        found = auth.sign_in(request.query_params.get("token"))
        if found is None:
            return PlainTextResponse("This sign-in link is not valid (any more): ask your "
                                     "organiser for a new one.", status_code=401)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(**auth.cookie_args(found[0]))
        return response

    async def signout(request):
        auth.require(request)
        auth.sign_out(request)
        response = JSONResponse({"signed_out": True})
        response.delete_cookie("reclaim_session", path="/")
        return response

    routes = [*API_ROUTES, Route("/signin", signin),
              Route("/signout", signout, methods=["POST"]),
              Mount("/static", StaticFiles(directory=HERE / "static", check_dir=False),
                    name="static"),
              *page_routes(ctx)]
    app = Starlette(routes=routes, exception_handlers=ERROR_HANDLERS)
    app.state.ctx = ctx
    app.add_middleware(SecurityMiddleware)
    return app


def page_routes(ctx: Context) -> list:
    """The HTML routes of the workspace (web/pages.py)."""
    from reclaim_i18n.web import pages

    return pages.routes(ctx)


# ------------------------------------------------------------------ errors

def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)  # headers: below


async def _conflict(request, exc: Conflict):
    return _error(409, exc.message, mine=exc.mine, theirs=exc.theirs)


async def _reclaim(request, exc: ReclaimError):
    from reclaim_i18n.review.policy import ReviewError

    if isinstance(exc, LockError):
        return _error(503, "another run (update, build) holds the project: try again soon")
    status = (404 if isinstance(exc, UnknownEntry) else 400 if isinstance(exc, InvalidEntry)
              else 409 if isinstance(exc, ReviewError) else 500)
    # where the problem is, as the project names it (never the server's disk paths)
    return _error(status, exc.relative_to(request.app.state.ctx.config.root).one_line())


async def _http(request, exc: HTTPException):
    if request.url.path.startswith("/api/"):
        return _error(exc.status_code, exc.detail)
    return PlainTextResponse(exc.detail, status_code=exc.status_code)


def _crash(exc: Exception) -> JSONResponse:
    logging.getLogger("reclaim_i18n.web").error("internal error: %s", type(exc).__name__)
    return _error(500, "internal error: the server could not do this; nothing was lost")


ERROR_HANDLERS = {
    Conflict: _conflict, ReclaimError: _reclaim, HTTPException: _http,
    AuthError: lambda request, exc: _error(exc.status, exc.message),
    BadRequest: lambda request, exc: _error(400, str(exc)),
    NotFound: lambda request, exc: _error(404, str(exc)),
}


# ------------------------------------------------------------------ middleware

class BodyTooLarge(Exception):
    pass


class SecurityMiddleware:
    """Security headers on every response; bodies over :data:`MAX_BODY` get 413; a crash
    is a JSON 500 here, inside the headers (starlette's own 500 would be outside them)."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_body:
            return await self._too_large(scope, receive, send)
        started, seen = False, 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge
            return message

        async def secured_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []),
                                                   *SECURITY_HEADERS]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except BodyTooLarge:
            if not started:
                await self._too_large(scope, receive, secured_send)
        except Exception as exc:
            if started:
                raise
            await _crash(exc)(scope, receive, secured_send)

    async def _too_large(self, scope, receive, send):
        response = _error(413, f"request body too large (at most {self.max_body} bytes)")
        await response(scope, receive, _with_headers(send))


def _with_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
        await send(message)
    return wrapped


# ------------------------------------------------------------------ logs

_SECRET = re.compile(r"(token=)[^&\s\"']+|(Bearer\s+)\S+", re.IGNORECASE)


def redact(text: str) -> str:
    return _SECRET.sub(lambda m: (m.group(1) or m.group(2)) + "[redacted]", text)


class RedactTokens(logging.Filter):
    """Hide ``token=…`` query values and bearer tokens in every log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True
