"""The report as a GitHub-flavoured Markdown table (pull-request comment, README)."""

from __future__ import annotations

from reclaim_i18n.report.model import LocaleRow, Report
from reclaim_i18n.report.render_text import change_text, count_text


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _published(row: LocaleRow) -> str:
    if row.error:
        return "⚠️ unreadable"
    return "✅ yes" if row.published else "no"


def _row(row: LocaleRow, pages: tuple[str, ...], compare: bool) -> list[str]:
    s = row.stats
    cells = [row.native_name, f"`{row.code}`", f"{s.words.percent:.1f}%",
             f"{s.messages.percent:.1f}%", str(s.messages.fuzzy), str(s.messages.untranslated),
             str(s.messages.needs_fixing), str(s.messages.unchanged), count_text(row.errors), _published(row)]
    for page in pages:
        pair = s.pages.get(page)
        cells.append(f"{pair[1].whole_percent}%" if pair and pair[1].total else "–")
    if compare:
        cells.append(change_text(row) or "–")
    return cells


def render_markdown(report: Report) -> str:
    compare = report.compared_with is not None
    head = ["Language", "Code", "Words", "Messages", "Fuzzy", "Untranslated", "Needs fixing",
            "Unchanged", "Errors", "Published", *(f"{p} (words)" for p in report.pages)]
    head += ["Change"] if compare else []
    right = [False, False] + [True] * 7 + [False] + [True] * len(report.pages) + [False] * compare
    lines = ["| " + " | ".join(head) + " |",
             "| " + " | ".join("---:" if r else "---" for r in right) + " |"]
    for row in report.sorted_rows():
        lines.append("| " + " | ".join(_cell(c) for c in _row(row, report.pages, compare)) + " |")
    messages, words = report.overall()
    lines += ["", (f"**Overall:** {words.percent:.1f}% of words, {messages.percent:.1f}% of "
                   f"messages translated; {report.published_count} of {len(report.rows)} "
                   f"languages published. Fuzzy and untranslated entries are not counted as "
                   f"done; *needs fixing*: translated, but an error-level check keeps them "
                   f"out of every file built; *unchanged* entries are identical to the "
                   f"English.")]
    return "\n".join(lines) + "\n"
