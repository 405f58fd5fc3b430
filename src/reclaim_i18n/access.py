"""Who may use the browser workspace: invitations, roles and languages.

An invitation is a secret token (``secrets.token_urlsafe(32)``: 256 bits) shown once, in
the sign-in link; only its SHA-256 is stored, in ``.reclaim-i18n/access.json`` at the
project root (git-ignored, outside ``locales/`` and ``build/``), written atomically.
A translator writes only their languages; a reviewer also approves there; an organiser
may do everything, in every language. Revoking a name ends its access at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from reclaim_i18n.errors import ReclaimError

ROLES = ("translator", "reviewer", "organiser")
ACCESS_FILE = Path(".reclaim-i18n") / "access.json"
ALL = "*"
_LOCK = threading.Lock()


class AccessError(ReclaimError):
    """An invitation cannot be made, listed or revoked as asked."""

    exit_code = 2


@dataclass(frozen=True)
class User:
    name: str
    role: str
    languages: tuple[str, ...]      # ("*",) for every language
    token_hash: str = ""
    last_used: str | None = None

    def may_see(self, code: str) -> bool:
        return self.role == "organiser" or ALL in self.languages or code in self.languages

    def may_write(self, code: str) -> bool:
        return self.may_see(code)

    def may_approve(self, code: str) -> bool:
        return self.role in ("reviewer", "organiser") and self.may_see(code)

    def public(self) -> dict:
        """What may be shown: never the token or its hash."""
        return {"name": self.name, "role": self.role, "languages": list(self.languages),
                "last_used": self.last_used}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def access_path(config) -> Path:
    return Path(config.root) / ACCESS_FILE


def load_people(config) -> list[User]:
    path = access_path(config)
    try:
        data = json.loads(path.read_text("utf-8"))
        return [User(p["name"], p["role"], tuple(p["languages"]), p["token_sha256"],
                     p.get("last_used")) for p in data.get("people", [])]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AccessError(f"cannot read the access file ({exc})", path,
                          hint="restore it from a backup, or delete it and invite again") from None


def save_people(config, people: list[User]) -> None:
    from reclaim_i18n.fsio import atomic_write

    rows = [{"name": u.name, "role": u.role, "languages": list(u.languages),
             "token_sha256": u.token_hash, "last_used": u.last_used}
            for u in sorted(people, key=lambda u: u.name.casefold())]
    data = json.dumps({"people": rows}, indent=1, ensure_ascii=False) + "\n"
    path = access_path(config)
    atomic_write(path, data.encode("utf-8"))
    path.chmod(0o600)


@contextlib.contextmanager
def _changing(config):
    """One change of the access file at a time, across processes too: ``invite --revoke``
    while the server records a sign-in must not bring the revoked person back."""
    import fcntl

    folder = access_path(config).parent
    folder.mkdir(parents=True, exist_ok=True)
    with _LOCK, open(folder / "access.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def invite(config, languages: list[str], name: str, role: str = "translator") -> str:
    """Add (or renew) ``name``'s access; return the new secret token (shown once)."""
    from reclaim_i18n.review.policy import person_name

    if role not in ROLES:
        raise AccessError(f"--role must be one of {', '.join(ROLES)}")
    name = person_name(name, "--name")
    if not languages and role != "organiser":
        raise AccessError("say which languages: reclaim-i18n invite LOCALE … --name NAME",
                          hint="only an organiser may be invited without languages")
    codes = config.select(list(languages), what=None) if languages else (ALL,)
    token = secrets.token_urlsafe(32)
    with _changing(config):
        people = [u for u in load_people(config) if u.name.casefold() != name.casefold()]
        people.append(User(name, role, tuple(codes), token_hash(token)))
        save_people(config, people)
    return token


def revoke(config, name: str) -> None:
    with _changing(config):
        people = load_people(config)
        kept = [u for u in people if u.name.casefold() != name.casefold()]
        if len(kept) == len(people):
            raise AccessError(f"nobody called {name!r} was invited",
                              hint="see the names with: reclaim-i18n invite --list")
        save_people(config, kept)


def authenticate(config, token: str | None) -> User | None:
    """The person whose token this is (compared in constant time), else None."""
    if not token or len(token) > 200:
        return None
    return by_hash(config, token_hash(token))


def by_hash(config, digest: str) -> User | None:
    """The person holding the token with this hash (a session's), if still invited."""
    for user in load_people(config):
        if hmac.compare_digest(user.token_hash, digest):
            return user
    return None


def mark_used(config, user: User) -> None:
    """Remember the day of a sign-in (``invite --list`` shows it)."""
    today = time.strftime("%Y-%m-%d", time.gmtime())
    if user.last_used == today:
        return
    with _changing(config):
        people = [User(u.name, u.role, u.languages, u.token_hash, today)
                  if u.token_hash == user.token_hash else u for u in load_people(config)]
        save_people(config, people)
