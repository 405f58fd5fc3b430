"""The pieces every check family shares: the registry decorator and what a check sees.

A check is a small generator function registered with :func:`check`. It receives plain
data and yields :class:`Problem` objects; the driver in ``checks/__init__.py`` turns them
into :class:`~reclaim_i18n.model.Finding` objects (file, line, locale, context, fuzzy
downgrade, ``#, ignore-<id>``), so a check never has to know about any of that.

Three scopes:

``entry``    ``fn(entry: Entry, ctx: Context)`` — one translated entry of a catalogue;
``catalog``  ``fn(catalog: Catalog, ctx: Context)`` — the file as a whole (its header);
``source``   ``fn(message: Message)`` — one entry of the template, for organisers.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reclaim_i18n.model import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
SCOPES = ("entry", "catalog", "source")


@dataclass(frozen=True)
class Problem:
    """What a check yields: a one-line message and a hint for a volunteer."""

    message: str
    hint: str = ""
    line: int | None = None      # catalogue-scope checks may point at a header line


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    title: str
    description: str
    scope: str
    func: Callable[..., Iterable[Problem]] = field(repr=False, compare=False)
    # True: a failure can mislead or harm a reader, so no ``#, ignore-`` flag in a PO file
    # silences it (organisers relax it in configuration, e.g. ``allowed-urls``)
    protects_readers: bool = False


CHECKS: dict[str, Check] = {}


def check(id: str, severity: Severity, title: str, description: str = "",
          scope: str = "entry", protects_readers: bool = False):
    """Register a check. ``description`` defaults to the function's docstring;
    ``protects_readers``: the check cannot be silenced from a PO file."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def register(func):
        if id in CHECKS:
            raise ValueError(f"check id {id!r} is registered twice")
        text = description or inspect.cleandoc(func.__doc__ or title)
        CHECKS[id] = Check(id, severity, title, " ".join(text.split()), scope, func,
                           protects_readers)
        return func

    return register


@dataclass(frozen=True)
class Pair:
    """One English text and the translation that stands for it.

    ``form`` is the index of ``msgstr[form]`` for plural entries, ``None`` otherwise.
    """

    source: str
    text: str
    form: int | None = None

    @property
    def where(self) -> str:
        """A suffix for messages: `` (in msgstr[1])`` for plural forms."""
        return "" if self.form is None else f" (in msgstr[{self.form}])"


@dataclass(frozen=True)
class Entry:
    """A translated entry as the checks see it: its filled forms, flags and comments."""

    message: object            # reclaim_i18n.pofile.Message
    pairs: tuple[Pair, ...]
    flags: frozenset[str]
    comments: tuple[str, ...]  # extracted comments (#.)


@dataclass(frozen=True)
class Context:
    """What the checks of one catalogue know besides the entry itself."""

    bcp47: str
    allowed_urls: tuple[str, ...] = ()
    site_url: str = ""
    glossary: object = None    # reclaim_i18n.checks.glossary.Glossary
    nplurals: int | None = None
    single_forms: frozenset[int] = frozenset()   # forms used for exactly one number

    @property
    def language(self) -> str:
        """The language subtag: ``pt`` for ``pt-BR``."""
        return self.bcp47.split("-")[0].lower()


# -------------------------------------------------------------- text helpers

_UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000e0000-\U000e007f]")


def char_name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"


def visible(text: str, limit: int = 60) -> str:
    """Text safe to print on a terminal: invisible and control characters as <U+XXXX>,
    cut to about ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNSAFE_CHARS.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", text)


def quote(text: str, limit: int = 60) -> str:
    return f"“{visible(text, limit)}”"
