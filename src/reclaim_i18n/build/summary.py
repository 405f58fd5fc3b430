"""What ``reclaim-i18n build`` prints: one line a locale, then a total."""

from __future__ import annotations

from reclaim_i18n.build.runner import BuildResult, LocaleResult


def locale_line(result: LocaleResult) -> tuple[str, str | None]:
    """(text, colour) for one locale."""
    e = result.entry
    if e["status"] == "error":
        return f"{result.code:8} FAILED  {e['error']}", "red"
    words = e["completeness"]["words"]["percent"]
    state = "rebuilt" if result.rebuilt else "unchanged"
    if e["source"]:
        return f"{result.code:8} source language, published ({state})", None
    if e["published"]:
        return f"{result.code:8} {words:5.1f} % of words, published ({state})", None
    text = (f"{result.code:8} {words:5.1f} % of words, not published: below "
            f"{e['threshold']:g} % ({state})")
    return text, "yellow"


def total_line(result: BuildResult, out_label: str) -> str:
    published = sum(1 for r in result.locales if r.entry["published"])
    text = (f"{out_label}: {len(result.locales)} locales, {published} published, "
            f"{len(result.written)} files written, {len(result.removed)} removed")
    if result.failed:
        text += f"; {len(result.failed)} failed: " + ", ".join(r.code for r in result.failed)
    return text
