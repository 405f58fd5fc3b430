"""Sign-in, sessions, CSRF and bearer tokens of the workspace (the rules of who may do
what are :mod:`reclaim_i18n.access`'s).

A sign-in link's token is exchanged for a session cookie (HttpOnly, SameSite=Strict,
Secure behind https) and the browser is sent on at once, so the token leaves the address
bar and the history. Sessions live in memory, keyed by the SHA-256 of their id, and name
the token's hash: revoking the person ends every session at once. A browser's write
carries the session's CSRF token in ``X-CSRF-Token``; a script sends
``Authorization: Bearer TOKEN`` instead (no cookie, no CSRF token).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from reclaim_i18n import access

COOKIE = "reclaim_session"
SESSION_IDLE = 12 * 3600   # seconds without a request after which a session ends
MAX_SESSIONS = 10_000      # the oldest go first: one link cannot pile up sessions forever
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Session:
    token_hash: str
    csrf: str


class AuthError(Exception):
    """401 (not signed in) or 403 (signed in, not allowed)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class Auth:
    """The sessions of one running app and the helpers routes use."""

    def __init__(self, config, secure: bool = False):
        self.config, self.secure = config, secure
        self._sessions: dict[str, Session] = {}
        self._seen: dict[str, float] = {}   # session digest -> last request (monotonic)
        self._lock = threading.Lock()

    # sign-in ---------------------------------------------------------------
    def sign_in(self, token: str | None) -> tuple[str, access.User] | None:
        """A new session id for a valid token (None if it is not one)."""
        user = access.authenticate(self.config, token)
        if user is None:
            return None
        sid = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[_digest(sid)] = Session(user.token_hash, secrets.token_urlsafe(32))
            self._seen[_digest(sid)] = time.monotonic()
            while len(self._sessions) > MAX_SESSIONS:
                oldest = min(self._seen, key=self._seen.get)
                self._sessions.pop(oldest, None)
                self._seen.pop(oldest, None)
        access.mark_used(self.config, user)
        return sid, user

    def sign_out(self, request) -> None:
        sid = request.cookies.get(COOKIE)
        if sid:
            with self._lock:
                self._sessions.pop(_digest(sid), None)
                self._seen.pop(_digest(sid), None)

    def cookie_args(self, sid: str) -> dict:
        return {"key": COOKIE, "value": sid, "httponly": True, "samesite": "strict",
                "secure": self.secure, "path": "/"}

    # who is asking -----------------------------------------------------------
    def _session(self, request) -> Session | None:
        sid = request.cookies.get(COOKIE)
        if not sid:
            return None
        key, now = _digest(sid), time.monotonic()
        with self._lock:
            if now - self._seen.get(key, now) > SESSION_IDLE:   # idle too long: ended
                self._sessions.pop(key, None)
                self._seen.pop(key, None)
            if key in self._sessions:
                self._seen[key] = now
            return self._sessions.get(key)

    def _bearer(self, request) -> str | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return token.strip() if scheme.lower() == "bearer" and token.strip() else None

    def current_user(self, request) -> access.User | None:
        """The signed-in person (by bearer token or session), if still invited."""
        token = self._bearer(request)
        if token is not None:
            return access.authenticate(self.config, token)
        session = self._session(request)
        return access.by_hash(self.config, session.token_hash) if session else None

    def csrf_token(self, request) -> str:
        """The session's CSRF token, for pages to hand to their script ("" if none)."""
        session = self._session(request)
        return session.csrf if session else ""

    def require(self, request) -> access.User:
        """The caller, or :class:`AuthError`; a cookie write needs the CSRF token."""
        user = self.current_user(request)
        if user is None:
            raise AuthError(401, "sign in first: open the link your organiser sent you")
        if request.method not in SAFE_METHODS and self._bearer(request) is None:
            sent = request.headers.get(CSRF_HEADER, "").encode()   # compare_digest: no non-ASCII str
            if not sent or not hmac.compare_digest(sent, self.csrf_token(request).encode()):
                raise AuthError(403, "missing or wrong CSRF token: reload the page")
        return user
