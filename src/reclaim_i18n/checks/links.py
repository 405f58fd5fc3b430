"""Links and addresses: a translation may only point where its English text points, or at
a page matching ``allowed-urls`` in the configuration (fnmatch patterns such as
``https://reclaimyourface.eu/*``, for localised pages of the campaign).

Addresses are found everywhere a browser would follow one: Markdown link and image
targets, link definitions, autolinks ``<…>``, HTML ``href``/``src``/… attributes, bare
``https://…`` and ``www.…`` text and e-mail addresses (as ``mailto:``). HTML entities are
decoded first, so ``&#106;avascript:`` is seen for what it is. A URL that is in the
English text is always fine; relative ones are resolved against ``site-url``.
"""

from __future__ import annotations

import html
import re
from fnmatch import fnmatchcase
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from reclaim_i18n.checks.base import ERROR, Problem, check, quote

BAD_SCHEMES = {"javascript", "vbscript", "livescript", "data", "file", "blob", "filesystem"}
_TAIL = "\\s<>\"'`()\\[\\]"
_BARE = re.compile(rf"(?i)\b(?:https?|ftp)://[^{_TAIL}]+|\bwww\.[a-z0-9-]+\.[^{_TAIL}]+"
                   rf"|\bmailto:[^{_TAIL}]+")
_DEST = re.compile(r"\]\(\s*<?([^\s()<>]+)")
_REFDEF = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]{1,200}\]:[ \t]*<?([^\s<>]+)", re.MULTILINE)
_ATTR = re.compile(r"(?i)\b(?:href|src|action|formaction|xlink:href|poster|background|cite|"
                   r"data|srcset|ping)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_EMAIL = re.compile(r"(?<![\w.+\-/:])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
_DANGER = re.compile(r"(?i)\b(?:java|vb|live)script\s*:|\bdata:[a-z]+/[a-z0-9.+-]+[;,]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
_WWW = re.compile(r"(?i)www\.")


# Large enough for a catalogue's texts and sources (see markdown.analyse).
@lru_cache(maxsize=1 << 15)
def find_urls(text: str) -> tuple[str, ...]:
    """Every address in a message, cleaned, in order of first appearance."""
    if not any(c in text for c in ":@/<=&") and not _WWW.search(text):  # & : entities
        return ()
    text = html.unescape(text)
    # Each pattern only runs when the text has a string that every match of it contains.
    found: list[str] = []
    found += _DEST.findall(text) if "](" in text else []
    found += _REFDEF.findall(text) if "]:" in text else []
    found += _AUTOLINK.findall(text) if "<" in text else []
    found += ["".join(groups) for groups in _ATTR.findall(text)] if "=" in text else []
    if ":" in text or _WWW.search(text):
        found += [u.rstrip(".,;:!?*_~") for u in _BARE.findall(text)]
    found += ["mailto:" + e for e in _EMAIL.findall(text)] if "@" in text else []
    cleaned = (u.strip().strip("<>") for u in found)
    return tuple(dict.fromkeys(u for u in cleaned if u))


def scheme_of(url: str) -> str:
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else ""


def absolute(url: str, site_url: str) -> str:
    url = url.replace("\\", "/")
    if url.lower().startswith("www."):
        return "https://" + url
    if url.startswith("//"):
        return "https:" + url
    if scheme_of(url):
        return url
    return urljoin((site_url or "https://invalid.invalid").rstrip("/") + "/", url)


def host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def deceptive_host(host: str) -> bool:
    return not host.isascii() or any(label.startswith("xn--") for label in host.split("."))


def url_allowed(url: str, ctx) -> bool:
    """True when ``url`` matches the allow-list (and has no host tricks)."""
    full = absolute(url, ctx.site_url)
    try:
        parts = urlsplit(full)
    except ValueError:
        return False
    host = parts.hostname or ""
    if "@" in parts.netloc or _INVISIBLE.search(full) or deceptive_host(host):
        return False
    rest = full[len(parts.scheme) + 3 + len(parts.netloc):] if "://" in full else ""
    normal = f"{parts.scheme.lower()}://{parts.netloc.lower()}{rest}"
    return any(fnmatchcase(normal, pattern) for pattern in ctx.allowed_urls)


def _new_urls(pair):
    urls = find_urls(pair.text)
    if not urls:
        return []
    source = set(find_urls(pair.source))
    return [u for u in urls if u not in source]


def _danger(text: str) -> set[str]:
    """``javascript:``, ``data:text/html,``… in ``text`` (lower-cased), entities decoded."""
    text = html.unescape(text)
    if ":" not in text:   # every match has one
        return set()
    if text.isascii() and "script" not in (lower := text.lower()) and "data:" not in lower:
        return set()      # in ASCII text, (?i) is lower-casing: every match has one of these
    return {m.group(0).lower() for m in _DANGER.finditer(text)}


@check("url-scheme", ERROR, "No script or data addresses", protects_readers=True)
def check_scheme(entry, ctx):
    """No ``javascript:``, ``vbscript:``, ``data:`` or ``file:`` address (they run code or
    hide content), unless the English text has the same one."""
    for pair in entry.pairs:
        bad = [u for u in _new_urls(pair) if scheme_of(u) in BAD_SCHEMES]
        danger = _danger(pair.text)
        danger = danger - _danger(pair.source) if danger else danger
        if bad or danger:
            what = bad[0] if bad else min(danger)
            yield Problem(f"your translation{pair.where} contains the address {quote(what)}",
                          "addresses starting with javascript:, data: or file: can run code "
                          "in the page; remove it and keep the address of the English text")


@check("url-idn", ERROR, "No look-alike domain names", protects_readers=True)
def check_idn(entry, ctx):
    """No address whose domain has letters outside ASCII or is punycode (``xn--``), unless
    the English text has it: such domains can imitate the campaign's own."""
    for pair in entry.pairs:
        for url in _new_urls(pair):
            host = host_of(absolute(url, ctx.site_url))
            if deceptive_host(host):
                yield Problem(
                    f"the address {quote(url)} in your translation{pair.where} uses a "
                    f"look-alike or international domain name ({_ascii_host(host)})",
                    "type the address again by hand exactly as in the English text; "
                    "letters from other alphabets can make a fake address look real")


@check("url-allowed", ERROR, "Links only to allowed places", protects_readers=True)
def check_allowed(entry, ctx):
    """Every address in the translation is in the English text or matches the allow-list
    (``allowed-urls``): a petition link pointed elsewhere is caught."""
    for pair in entry.pairs:
        for url in _new_urls(pair):
            if scheme_of(url) in BAD_SCHEMES or deceptive_host(
                    host_of(absolute(url, ctx.site_url))):
                continue  # reported by url-scheme / url-idn
            if not url_allowed(url, ctx):
                yield Problem(
                    f"your translation{pair.where} links to {quote(url, 80)}, which is not "
                    "in the English text", "use the address of the English text; links may "
                    "only lead to the campaign's own pages (ask the organisers if your "
                    "language needs another one)")


def _ascii_host(host: str) -> str:
    """How the other spelling of the domain reads: punycode ⇄ Unicode."""
    try:
        if host.isascii():
            return "it reads " + quote(host.encode("ascii").decode("idna"), 40)
        return "it is really " + host.encode("idna").decode("ascii")
    except UnicodeError:
        return "it is really " + host.encode("ascii", "backslashreplace").decode("ascii")
