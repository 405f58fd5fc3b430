"""What ``reclaim-i18n build`` prints: one line a locale, then a total, then every change
of publication since the last build."""

from __future__ import annotations

from reclaim_i18n.build.runner import BuildResult, LocaleResult
from reclaim_i18n.publication import KEPT


def locale_line(result: LocaleResult) -> tuple[str, str | None]:
    """(text, colour) for one locale."""
    e = result.entry
    if e["status"] == "error":
        return f"{result.code:8} FAILED  {failure(e)}", "red"
    words = e["completeness"]["words"]["percent"]
    state = "rebuilt" if result.rebuilt else "unchanged"
    if e["source"]:
        return f"{result.code:8} source language, published ({state})", None
    if e["published"]:
        if e["publication"]["state"] == KEPT:
            return (f"{result.code:8} {words:5.1f} % of words, stays published: below "
                    f"{e['threshold']:g} %, unpublished below {e['unpublish_threshold']:g} % "
                    f"({state})"), "yellow"
        return f"{result.code:8} {words:5.1f} % of words, published ({state})", None
    text = (f"{result.code:8} {words:5.1f} % of words, not published: below "
            f"{e['threshold']:g} % ({state})")
    return text, "yellow"


def failure(entry: dict) -> str:
    """A failed locale's error, and what became of its last good build."""
    if not entry.get("stale"):
        return entry["error"]
    kept = "stays published" if entry["published"] else "is kept"
    return f"{entry['error']}; the previous version {kept}"


def total_line(result: BuildResult, out_label: str) -> str:
    published = sum(1 for r in result.locales if r.entry["published"])
    text = (f"{out_label}: {len(result.locales)} locales, {published} published, "
            f"{len(result.written)} files written, {len(result.removed)} removed")
    if result.failed:
        text += f"; {len(result.failed)} failed: " + ", ".join(r.code for r in result.failed)
    return text
