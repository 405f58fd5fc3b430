"""The report as one self-contained HTML page: language table and language × page heat map.

No external assets (a Content-Security-Policy forbids them); the campaign's colours come
from ``source_content/templates/site.css``; sorting is a few lines of vanilla JS.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reclaim_i18n.model import Counts
from reclaim_i18n.publication import KEPT, LABELS, STALE, UNPUBLISHED
from reclaim_i18n.report.model import LocaleRow, Report, error_line
from reclaim_i18n.report.render_text import change_text, silenced_text

TEMPLATES = Path(__file__).parent / "templates"
# Heat-map scale: the campaign's lilac (nothing) to its deep purple (everything).
_LOW, _HIGH = (0xEF, 0xE7, 0xFF), (0x2C, 0x0A, 0x5E)


@cache
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=True,
                       trim_blocks=True, lstrip_blocks=True)


def heat_style(pct: float | None) -> str:
    """Inline style of a heat-map cell: background by percent, readable ink."""
    if pct is None:
        return "background:#f4f4f4;color:#555"
    t = max(0.0, min(1.0, pct / 100))
    rgb = "".join(f"{round(lo + (hi - lo) * t):02x}" for lo, hi in zip(_LOW, _HIGH))
    ink = "#ffffff" if t > 0.45 else "#1b1030"
    return f"background:#{rgb};color:{ink}"


def _cell(pair: tuple[Counts, Counts] | None) -> dict:
    if pair is None or not pair[0].total:
        return {"pct": None, "label": "–", "sort": -1, "style": heat_style(None), "title": ""}
    m, w = pair
    return {"pct": w.percent, "label": f"{w.whole_percent}%", "sort": w.percent,
            "style": heat_style(w.percent),
            "title": f"{w.translated} of {w.total} words; {m.translated} of {m.total} "
                     f"messages; {m.fuzzy} fuzzy, {m.untranslated} untranslated"}


def _status(row: LocaleRow) -> tuple[str, str]:
    if row.error and not row.published:
        return "error", "unreadable"
    if row.missing:
        return "missing", "no catalogue"
    if row.publication is not None and row.publication.state in (KEPT, STALE, UNPUBLISHED):
        return ("yes" if row.published else "no"), LABELS[row.publication.state]
    return ("yes", "published") if row.published else ("no", "not yet")


def _row(row: LocaleRow, report: Report) -> dict:
    s = row.stats
    status, status_label = _status(row)
    return {
        "code": row.code, "native": row.native_name, "english": row.english_name,
        "dir": row.direction, "file": row.path,
        "error": error_line(row),
        "words": s.words.percent, "messages": s.messages.percent,
        "approved": s.words.approved_percent, "approved_done": s.words.approved,
        "words_done": s.words.translated, "words_total": s.words.total,
        "fuzzy": s.messages.fuzzy, "untranslated": s.messages.untranslated,
        "needs_fixing": s.messages.needs_fixing,
        "unchanged": s.messages.unchanged, "errors": row.errors, "warnings": row.warnings,
        "silenced": row.silenced or 0,
        "status": status, "status_label": status_label, "threshold": row.threshold,
        "status_reason": row.publication.reason if row.publication else "",
        "revision": s.revision_date or "",
        "change": change_text(row), "change_sort": row.change.words_translated
        if row.change else 0,
        "pages": [_cell(s.pages.get(p)) for p in report.pages],
        "sections": [_cell(s.sections.get(k)) for k in report.sections],
    }


def render_html(report: Report) -> str:
    messages, words = report.overall()
    rows = [_row(r, report) for r in report.sorted_rows()]
    return environment().get_template("report.html.j2").render(
        rows=rows,
        pages=list(report.pages),
        sections=list(report.sections),
        compare=report.compared_with is not None,
        overall={"words": words.percent, "messages": messages.percent,
                 "published": report.published_count, "locales": len(report.rows)},
        generated_from=report.generated_from,
        site_url=report.site_url,
        by=report.by,
        silenced=silenced_text(report) if report.silenced() else "",
        review=report.uses_review,
    )
