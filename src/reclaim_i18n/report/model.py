"""The data of a report (plain dataclasses) and its JSON form (schema 1, see README.md).

Everything here is pure: the runner reads files and gives the numbers in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.model import Counts, LocaleStats
from reclaim_i18n.publication import Publication
from reclaim_i18n.stats import is_published, percent, total_counts

SCHEMA = 1


@dataclass(frozen=True)
class Change:
    """Difference to a previous report of the same locale (``--compare OLD.json``)."""

    words_translated: int
    messages_translated: int
    fuzzy: int
    percent_words: float

    def as_dict(self) -> dict:
        return {"words_translated": self.words_translated,
                "messages_translated": self.messages_translated,
                "fuzzy": self.fuzzy, "percent_words": self.percent_words}


@dataclass(frozen=True)
class LocaleRow:
    """One language in the report."""

    stats: LocaleStats
    native_name: str
    english_name: str
    direction: str
    path: str                      # the catalogue, relative to the project
    threshold: float               # publishing threshold (percent of words)
    fail_under: float | None = None
    errors: int | None = None      # findings of the checks; None: not checked (--checks)
    warnings: int | None = None
    silenced: int | None = None    # checks switched off by "#, ignore-" flags (a reviewer's)
    error: ReclaimError | None = None   # the catalogue could not be read
    missing: bool = False          # no catalogue yet (counted as all untranslated)
    change: Change | None = None
    new_in_compare: bool = False   # --compare given, locale absent from the old report
    # whether and why it is published (publication.py, from the last build); None: not known
    publication: Publication | None = None
    unpublish_threshold: float | None = None
    require_review: bool = False   # only approved translations are published (review/)
    # "pages" and "sections" already written as JSON (by the worker that counted them)
    breakdowns_json: dict[str, str] | None = field(default=None, compare=False, repr=False)

    @property
    def code(self) -> str:
        return self.stats.locale

    @property
    def published(self) -> bool:
        if self.publication is not None:
            return self.publication.published
        return self.error is None and is_published(self.stats, self.threshold,
                                                   self.require_review)

    def percent(self, by: str = "words") -> float:
        """Exact (for sorting and thresholds); show ``stats.words.percent``."""
        return percent(self.stats, by)

    def shown_percent(self, by: str = "words") -> float:
        """As people see it: ``by`` "words", "messages" or "approved" (words)."""
        s = self.stats
        return s.words.approved_percent if by == "approved" else getattr(s, by).percent


@dataclass(frozen=True)
class Report:
    rows: tuple[LocaleRow, ...]
    pages: tuple[str, ...]                   # page ids, in page order
    sections: tuple[str, ...]                # "page/section", in page order
    generated_from: dict = field(default_factory=dict)
    site_url: str = ""
    by: str = "words"
    compared_with: dict | None = None        # generated_from of the old report

    def sorted_rows(self) -> list[LocaleRow]:
        """Most complete first (by ``self.by``, then the other measure), then by code."""
        other = "messages" if self.by == "words" else "words"
        return sorted(self.rows, key=lambda r: (r.error is not None, -r.percent(self.by),
                                                -r.percent(other), r.code))

    def overall(self) -> tuple[Counts, Counts]:
        return total_counts([r.stats for r in self.rows])

    @property
    def uses_review(self) -> bool:
        """A language requires review or has approvals: the tables show "Approved"."""
        return any(r.error is None and (r.require_review or r.stats.words.approved)
                   for r in self.rows)

    @property
    def published_count(self) -> int:
        return sum(r.published for r in self.rows)

    def silenced(self) -> list[tuple[str, int]]:
        """(code, number) of each language with checks silenced by ``#, ignore-`` flags."""
        return [(r.code, r.silenced) for r in self.sorted_rows() if r.silenced]


def counts_dict(counts: Counts) -> dict:
    return counts.as_dict()


def breakdown(pairs: dict[str, tuple[Counts, Counts]]) -> dict:
    return {key: {"messages": counts_dict(m), "words": counts_dict(w),
                  "percent": {"messages": m.percent, "words": w.percent}}
            for key, (m, w) in pairs.items()}


def row_dict(row: LocaleRow, breakdowns: bool = True) -> dict:
    """The row as JSON data; without ``breakdowns``, no "pages" and "sections"."""
    s = row.stats
    out = {
        "locale": row.code,
        "native_name": row.native_name,
        "english_name": row.english_name,
        "direction": row.direction,
        "file": row.path,
        "error": error_line(row),
        "missing": row.missing,
        "messages": counts_dict(s.messages),
        "words": counts_dict(s.words),
        "percent": {"messages": s.messages.percent, "words": s.words.percent},
        "percent_approved": {"messages": s.messages.approved_percent,
                             "words": s.words.approved_percent},
        "require_review": row.require_review,
        "findings": None if row.errors is None else {"error": row.errors,
                                                     "warning": row.warnings,
                                                     "silenced": row.silenced or 0},
        "published": row.published,
        "publication": row.publication.as_dict() if row.publication else None,
        "publish_threshold": row.threshold,
        "unpublish_threshold": row.unpublish_threshold,
        "fail_under": row.fail_under,
        "revision_date": s.revision_date,
        "change": row.change.as_dict() if row.change else None,
    }
    if breakdowns:
        out.update(pages=breakdown(s.pages), sections=breakdown(s.sections))
    return out


def error_line(row) -> str | None:
    """The row's error on one line, without e-mail addresses: the reader quotes what it
    could not read, which may be an address, and the report is published."""
    from reclaim_i18n.build.entries import strip_emails

    return strip_emails(row.error.one_line()) if row.error else None


def report_dict(report: Report) -> dict:
    """The JSON document (schema 1). Keys are documented in report/README.md."""
    return {**report_head(report), "locales": [row_dict(r) for r in report.sorted_rows()]}


def report_head(report: Report) -> dict:
    """The JSON document without ``locales`` (its large part, streamed row by row)."""
    messages, words = report.overall()
    return {
        "schema": SCHEMA,
        "generated_from": report.generated_from,
        "compared_with": report.compared_with,
        "pages": list(report.pages),
        "overall": {
            "locales": len(report.rows),
            "published": report.published_count,
            "messages": counts_dict(messages),
            "words": counts_dict(words),
            "percent": {"messages": messages.percent, "words": words.percent},
        },
    }


def change_since(row: LocaleRow, old: dict | None) -> Change | None:
    """The change of one locale since an old report's entry (a schema-1 ``locales`` item)."""
    if old is None:
        return None
    s = row.stats
    return Change(
        words_translated=s.words.translated - old["words"]["translated"],
        messages_translated=s.messages.translated - old["messages"]["translated"],
        fuzzy=s.messages.fuzzy - old["messages"]["fuzzy"],
        percent_words=round(s.words.percent - old["percent"]["words"], 1),
    )
