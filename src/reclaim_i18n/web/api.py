"""The JSON API (``/api/...``): thin handlers that check who asks, read the request and
call :mod:`reclaim_i18n.editing`; errors become JSON by :mod:`reclaim_i18n.web.app`."""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.routing import Route

from reclaim_i18n import editing
from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.web.auth import AuthError

MAX_LIMIT = 1000


class BadRequest(Exception):
    """400: the request cannot be used (invalid JSON, a missing field)."""


class NotFound(Exception):
    """404: an unknown language or entry."""


def _auth(request):
    return request.app.state.ctx.auth


def language(request, user, write: bool = False, approve: bool = False) -> str:
    """The path's language as configured (404 if unknown), if the caller may use it
    so (403 if not)."""
    typed = request.path_params["locale"]
    try:
        (code,) = _auth(request).config.select([typed], what=None)
    except ReclaimError:
        raise NotFound(f"unknown language {typed!r}") from None
    if approve:
        allowed, verb = user.may_approve(code), "approve in"
    else:
        allowed, verb = (user.may_write(code), "write") if write else (user.may_see(code), "see")
    if not allowed:
        raise AuthError(403, f"{user.name} may not {verb} {code}")
    return code


async def me(request):
    auth = _auth(request)
    user = auth.require(request)
    return JSONResponse({**user.public(), "csrf_token": auth.csrf_token(request)})


async def languages(request):
    auth = _auth(request)
    user = auth.require(request)
    codes = [c for c in auth.config.languages if user.may_see(c)]
    rows = await run_in_threadpool(lambda: [editing.language_progress(auth.config, c)
                                            for c in codes])
    return JSONResponse({"languages": rows})


async def entries(request):
    auth = _auth(request)
    code = language(request, auth.require(request))
    q = request.query_params
    offset, limit = _int(q, "offset", 0), min(_int(q, "limit", 200), MAX_LIMIT)
    data = await run_in_threadpool(editing.list_entries, auth.config, code,
                                   q.get("state") or None, q.get("page") or None,
                                   max(offset, 0), max(limit, 1))
    return JSONResponse(data)


async def entry(request):
    auth = _auth(request)
    code = language(request, auth.require(request))
    data = await run_in_threadpool(editing.get_entry, auth.config, code,
                                   request.path_params["id"])
    return JSONResponse(data)


async def check(request):
    auth = _auth(request)
    code = language(request, auth.require(request))
    body = await _json(request)
    found = await run_in_threadpool(editing.check_entry, auth.config, code,
                                    _field(body, "id", str), _field(body, "msgstr", list),
                                    body.get("fuzzy"))
    return JSONResponse({"findings": found})


async def save(request):
    auth = _auth(request)
    user = auth.require(request)
    code = language(request, user, write=True)
    body = await _json(request)
    saved = await run_in_threadpool(
        editing.save_entry, auth.config, code, request.path_params["id"],
        _field(body, "msgstr", list), bool(body.get("fuzzy", False)),
        _field(body, "revision", str), user.name)
    return JSONResponse(saved)


async def approve(request):
    auth = _auth(request)
    user = auth.require(request)
    code = language(request, user, approve=True)
    data = await run_in_threadpool(editing.approve_entry, auth.config, code,
                                   request.path_params["id"], user.name)
    return JSONResponse(data)


async def pages(request):
    auth = _auth(request)
    code = language(request, auth.require(request))
    data = await run_in_threadpool(editing.pages_left, auth.config, code)
    return JSONResponse({"pages": data})


BASE = "/api/languages/{locale}"
ROUTES = [Route("/api/me", me), Route("/api/languages", languages),
          Route(BASE + "/entries", entries), Route(BASE + "/entries/{id}", entry),
          Route(BASE + "/entries/{id}", save, methods=["PUT"]),
          Route(BASE + "/entries/{id}/approve", approve, methods=["POST"]),
          Route(BASE + "/check", check, methods=["POST"]), Route(BASE + "/pages", pages)]


async def _json(request) -> dict:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the request body is not valid JSON ({exc})") from None
    except RecursionError:   # "[[[[…" within the size limit
        raise BadRequest("the request body is not valid JSON (nested too deeply)") from None
    if not isinstance(body, dict):
        raise BadRequest("the request body must be a JSON object")
    return body


def _field(body: dict, name: str, kind: type):
    value = body.get(name)
    if not isinstance(value, kind):
        raise BadRequest(f"{name!r} must be a {'list of strings' if kind is list else 'string'}")
    return value


def _int(query, name: str, default: int) -> int:
    try:
        return int(query.get(name, default))
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
