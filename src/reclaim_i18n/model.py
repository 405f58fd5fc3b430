"""Plain data passed between the stages of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1


@dataclass(frozen=True)
class SourceUnit:
    """One translatable message extracted from the source content."""

    msgctxt: str
    msgid: str
    msgid_plural: str | None = None
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


@dataclass(frozen=True)
class Finding:
    """One problem a check found in one entry (or file)."""

    check: str
    severity: Severity
    message: str
    hint: str = ""
    path: str = ""
    line: int = 0
    locale: str | None = None
    msgctxt: str | None = None
    msgid: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(check=data["check"], severity=Severity(data["severity"]),
                   message=data["message"], hint=data["hint"], path=data["file"],
                   line=data["line"], locale=data["locale"], msgctxt=data["msgctxt"],
                   msgid=data["msgid"])

    def as_dict(self) -> dict:
        return {
            "check": self.check,
            "severity": self.severity.value,
            "locale": self.locale,
            "file": self.path,
            "line": self.line,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "message": self.message,
            "hint": self.hint,
        }


# Completeness, the one rule every report, badge and manifest shows. Nothing to translate
# (an empty catalogue) is complete: no word is missing, and it is published.
def exact_percent(done: int, total: int) -> float:
    """``100 × done / total``, unrounded; 100.0 when ``total`` is 0."""
    return 100.0 * done / total if total else 100.0


def shown_percent(done: int, total: int, decimals: int = 1) -> float:
    """:func:`exact_percent` as shown to people: rounded *down* to ``decimals``, so 100.0
    means done and 59.96 % shows 59.9, never a threshold of 60 that is not reached."""
    if not total:
        return 100.0
    scale = 10 ** decimals
    return (100 * scale * done // total) / scale   # integers: no float rounding on the way


@dataclass(frozen=True)
class Counts:
    """Messages or source words of one catalogue (or one page of it)."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    unchanged: int = 0
    needs_fixing: int = 0   # translated, but an error-level check keeps it out of artefacts
    approved: int = 0      # translated and approved by a reviewer as it is now (review/)

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated + self.needs_fixing

    @property
    def exact_percent(self) -> float:
        """Translated share, unrounded: what thresholds compare (:func:`exact_percent`)."""
        return exact_percent(self.translated, self.total)

    @property
    def percent(self) -> float:
        """Translated share as shown: one decimal, rounded down (:func:`shown_percent`)."""
        return shown_percent(self.translated, self.total)

    @property
    def approved_percent(self) -> float:
        """Approved share as shown (one decimal, rounded down), as :attr:`percent`."""
        return shown_percent(self.approved, self.total)

    @property
    def whole_percent(self) -> int:
        """Translated share as a whole number, rounded down (badges, heat-map cells)."""
        return int(shown_percent(self.translated, self.total, decimals=0))

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, ...]:
        return (self.translated, self.fuzzy, self.untranslated, self.obsolete, self.unchanged,
                self.needs_fixing, self.approved)

    def as_dict(self) -> dict:
        return {"total": self.total, "translated": self.translated, "fuzzy": self.fuzzy,
                "untranslated": self.untranslated, "obsolete": self.obsolete,
                "unchanged": self.unchanged, "needs_fixing": self.needs_fixing,
                "approved": self.approved}


@dataclass(frozen=True)
class LocaleStats:
    """Completeness of one locale: whole catalogue and per page."""

    locale: str
    messages: Counts
    words: Counts
    pages: dict[str, tuple[Counts, Counts]] = field(default_factory=dict)
    revision_date: str | None = None
    # "page/section" (e.g. "home/hero") → (messages, words), in page order
    sections: dict[str, tuple[Counts, Counts]] = field(default_factory=dict)
