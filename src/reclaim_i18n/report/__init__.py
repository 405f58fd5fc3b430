"""Completeness reports: one ``render_<format>(report) -> str`` per format.

``model`` holds the data (and the JSON schema), ``runner`` reads the files and writes the
outputs; everything in between is pure.
"""

from __future__ import annotations

from collections.abc import Iterator

FORMATS = ("text", "json", "markdown", "html", "svg")


def render(report, fmt: str, colour: bool = False) -> str:
    """One document (text, json, markdown or html); badges have :func:`render_svg.badges`."""
    if fmt == "text":
        from reclaim_i18n.report.render_text import render_text

        return render_text(report, colour=colour)
    if fmt == "json":
        from reclaim_i18n.report.render_json import render_json

        return render_json(report)
    if fmt == "markdown":
        from reclaim_i18n.report.render_markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from reclaim_i18n.report.render_html import render_html

        return render_html(report)
    raise ValueError(f"unknown report format {fmt!r}")


def render_chunks(report, fmt: str, colour: bool = False) -> Iterator[str]:
    """:func:`render` in pieces that join to the same text, for writing as they come:
    JSON a locale at a time (a large report is tens of MB), the other formats whole."""
    if fmt == "json":
        from reclaim_i18n.report.render_json import iter_json

        return iter_json(report)
    return iter((render(report, fmt, colour=colour),))
