"""The report as an aligned table for the terminal (colour only when asked for)."""

from __future__ import annotations

import click

from reclaim_i18n.publication import KEPT, LABELS, STALE, UNPUBLISHED
from reclaim_i18n.report.model import LocaleRow, Report

BAR_WIDTH = 20
_HEAD = ("Language", "Code", "Words", "Msgs", "Fuzzy", "Untransl.", "To fix", "Errors",
         "Published")
_NUMBERS = 6  # columns from the third on that hold numbers (7 with "Approved")


def _width(text: str) -> int:
    from reclaim_i18n.pofile.wrap import display_width as text_width

    return text_width(text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _published(row: LocaleRow) -> str:
    if row.publication is not None and (row.published or not row.error):
        return LABELS[row.publication.state]
    if row.error:
        return "error"
    return "yes" if row.published else "no"


def bar(pct: float, width: int = BAR_WIDTH) -> str:
    filled = int(pct * width // 100)
    return "█" * filled + "░" * (width - filled)


def count_text(value: int | None) -> str:
    """A finding count, or a dash when the checks were not run (report --checks)."""
    return "–" if value is None else str(value)


def silenced_text(report: Report) -> str:
    """One line: how many checks ``#, ignore-`` flags switch off, per language."""
    counts = ", ".join(f"{code} {n}" for code, n in report.silenced())
    return f"Checks silenced by '#, ignore-' flags (reclaim-i18n check lists them): {counts}"


def change_text(row: LocaleRow) -> str:
    if row.new_in_compare:
        return "new"
    c = row.change
    if c is None:
        return ""
    return f"{c.percent_words:+.1f}%, {c.words_translated:+d} words, {c.fuzzy:+d} fuzzy"


def _cells(row: LocaleRow, compare: bool, review: bool = False) -> list[str]:
    s = row.stats
    cells = [row.native_name, row.code, f"{s.words.percent:.1f}%", f"{s.messages.percent:.1f}%",
             *([f"{s.words.approved_percent:.1f}%"] if review else []), str(s.messages.fuzzy),
             str(s.messages.untranslated), str(s.messages.needs_fixing),
             count_text(row.errors), _published(row)]
    return cells + ([change_text(row)] if compare else [])


def _colour(row: LocaleRow) -> str:
    if row.error or row.percent() < row.threshold / 2:
        return "red"
    return "green" if row.published else "yellow"


def render_text(report: Report, colour: bool = False) -> str:
    compare = report.compared_with is not None
    review = report.uses_review
    head = [*_HEAD[:4], *(["Approved"] if review else []), *_HEAD[4:]]
    head += ["Change"] if compare else []
    rows = report.sorted_rows()
    table = [head] + [_cells(r, compare, review) for r in rows]
    right = set(range(2, 2 + _NUMBERS + review))
    widths = [max(_width(line[i]) for line in table) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(_pad(c, widths[i], i in right) for i, c in enumerate(cells))

    out = [line(head) + "  " + "Progress (words)".ljust(BAR_WIDTH),
           "  ".join("-" * w for w in widths) + "  " + "-" * BAR_WIDTH]
    for row, cells in zip(rows, table[1:]):
        b = bar(row.percent("words"))
        out.append(line(cells) + "  " + (click.style(b, fg=_colour(row)) if colour else b))
    out.extend(_footer(report))
    return "\n".join(s.rstrip() for s in out) + "\n"


def publication_notes(report: Report) -> list[str]:
    """Why a language is kept, stale or unpublished (the build prints when it changes)."""
    return [f"{r.code}: {LABELS[r.publication.state]}: {r.publication.reason}"
            for r in report.sorted_rows()
            if r.publication is not None and r.publication.state in (KEPT, STALE, UNPUBLISHED)]


def _approved(words) -> str:
    return f" ({words.approved_percent:.1f}% of words approved by a reviewer)"


def _footer(report: Report) -> list[str]:
    messages, words = report.overall()
    lines = ["", (f"Overall: {words.percent:.1f}% of words, {messages.percent:.1f}% of messages "
                  f"translated{_approved(words) if report.uses_review else ''}; "
                  f"{report.published_count} of {len(report.rows)} languages published.")]
    unchanged = [f"{r.code} {r.stats.messages.unchanged}" for r in report.sorted_rows()
                 if r.stats.messages.unchanged]
    if unchanged:
        lines.append("Identical to the English (counted as translated): " + ", ".join(unchanged))
    if report.silenced():
        lines.append(silenced_text(report))
    lines.extend(publication_notes(report))
    if messages.needs_fixing:
        lines.append("To fix: translated, but an error-level check keeps them out of every "
                     "file built (not counted as done); 'reclaim-i18n todo CODE' lists them.")
    for row in report.sorted_rows():
        if row.error:
            lines.append(f"{row.code}: cannot read the catalogue: {row.error.one_line()}")
        elif row.missing:
            lines.append(f"{row.code}: no catalogue yet ({row.path}); run 'reclaim-i18n update'")
    return lines
