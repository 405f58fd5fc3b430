"""The report as a GitHub-flavoured Markdown table (pull-request comment, README)."""

from __future__ import annotations

from reclaim_i18n.publication import LABELS
from reclaim_i18n.report.model import LocaleRow, Report
from reclaim_i18n.report.render_text import (
    change_text,
    count_text,
    publication_notes,
    silenced_text,
)


def _cell(text: str) -> str:
    # a page name comes from a catalogue's msgctxt: no raw HTML, no extra column
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
            .replace("<", "&lt;"))


def _published(row: LocaleRow) -> str:
    if row.error and not row.published:
        return "⚠️ unreadable"
    if row.publication is not None:
        label = LABELS[row.publication.state]
        return f"✅ {label}" if row.published else label
    return "✅ yes" if row.published else "no"


def _row(row: LocaleRow, pages: tuple[str, ...], compare: bool, review: bool) -> list[str]:
    s = row.stats
    cells = [row.native_name, f"`{row.code}`", f"{s.words.percent:.1f}%",
             f"{s.messages.percent:.1f}%",
             *([f"{s.words.approved_percent:.1f}%"] if review else []), str(s.messages.fuzzy),
             str(s.messages.untranslated), str(s.messages.needs_fixing),
             str(s.messages.unchanged), count_text(row.errors), _published(row)]
    for page in pages:
        pair = s.pages.get(page)
        cells.append(f"{pair[1].whole_percent}%" if pair and pair[1].total else "–")
    if compare:
        cells.append(change_text(row) or "–")
    return cells


def render_markdown(report: Report) -> str:
    compare = report.compared_with is not None
    review = report.uses_review
    head = ["Language", "Code", "Words", "Messages", *(["Approved"] if review else []),
            "Fuzzy", "Untranslated", "Needs fixing", "Unchanged", "Errors", "Published",
            *(f"{p} (words)" for p in report.pages)]
    head += ["Change"] if compare else []
    right = ([False, False] + [True] * (7 + review) + [False] + [True] * len(report.pages)
             + [False] * compare)
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |",
             "| " + " | ".join("---:" if r else "---" for r in right) + " |"]
    for row in report.sorted_rows():
        lines.append("| " + " | ".join(_cell(c) for c in _row(row, report.pages, compare, review)) + " |")
    messages, words = report.overall()
    approved = (f" ({words.approved_percent:.1f}% of words approved by a reviewer)"
                if review else "")
    lines += ["", (f"**Overall:** {words.percent:.1f}% of words, {messages.percent:.1f}% of "
                   f"messages translated{approved}; {report.published_count} of {len(report.rows)} "
                   f"languages published. Fuzzy and untranslated entries are not counted as "
                   f"done; *needs fixing*: translated, but an error-level check keeps them "
                   f"out of every file built; *unchanged* entries are identical to the "
                   f"English.")]
    if report.silenced():
        lines += ["", _cell(silenced_text(report))]
    notes = publication_notes(report)
    lines += [""] + [f"- {_cell(note)}" for note in notes] if notes else []
    return "\n".join(lines) + "\n"
