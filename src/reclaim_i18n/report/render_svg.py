"""Badges in the shields.io two-part ("flat") style: ``translated | 87%``.

The width of each part is computed from the text in Verdana 11px, as shields.io does, so
the badge looks the same without fonts being fetched. Colour by threshold: 100% bright
green, published (≥ the threshold) green, at least half the threshold yellow, else red.
"""

from __future__ import annotations

from reclaim_i18n.model import exact_percent, shown_percent
from reclaim_i18n.report.model import LocaleRow, Report
from reclaim_i18n.report.render_html import environment

COLOURS = {"complete": "#4c1", "published": "#97ca00", "progress": "#dfb317",
           "low": "#e05d44", "error": "#9f9f9f"}
# Advance widths of Verdana in 1/2048 em; other characters count as DEFAULT.
_VERDANA = dict(zip(
    "abcdefghijklmnopqrstuvwxyz",
    (1229, 1276, 1067, 1276, 1220, 720, 1276, 1296, 562, 695, 1205, 562, 1992, 1296, 1243,
     1276, 1276, 874, 1067, 807, 1296, 1205, 1655, 1212, 1205, 1069)))
_VERDANA.update(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    (1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 856, 929, 1412, 1133, 1724, 1532, 1614,
     1240, 1614, 1426, 1401, 1237, 1499, 1401, 2031, 1403, 1237, 1403)))
_VERDANA.update({d: 1303 for d in "0123456789"})
_VERDANA.update({" ": 720, "%": 2200, ".": 745, ",": 745, "-": 861, "(": 1034, ")": 1034,
                 ":": 931, "|": 1079, "/": 1162, "!": 813, "?": 1118})
DEFAULT = 1250
FONT_PX = 11
PADDING = 10


def text_width(text: str) -> float:
    """Width in pixels of ``text`` in Verdana 11px."""
    return sum(_VERDANA.get(ch, DEFAULT) for ch in text) * FONT_PX / 2048


def colour_for(pct: float, threshold: float) -> str:
    if pct >= 100:
        return COLOURS["complete"]
    if pct >= threshold:
        return COLOURS["published"]
    return COLOURS["progress"] if pct >= threshold / 2 else COLOURS["low"]


def badge(label: str, value: str, colour: str) -> str:
    """One badge as an SVG document."""
    lw = round(text_width(label)) + PADDING
    vw = round(text_width(value)) + PADDING
    return environment().get_template("badge.svg.j2").render(
        label=label, value=value, colour=colour, width=lw + vw, label_width=lw,
        value_width=vw, label_x=lw * 5, value_x=lw * 10 + vw * 5,
        label_text=(lw - PADDING) * 10, value_text=(vw - PADDING) * 10)


def locale_badge(row: LocaleRow) -> str:
    if row.error:
        return badge(row.native_name, "error", COLOURS["error"])
    words, to_fix = row.stats.words, row.stats.messages.needs_fixing
    value = f"{words.whole_percent}%" + (f" · {to_fix} to fix" if to_fix else "")
    return badge(row.native_name, value, colour_for(words.exact_percent, row.threshold))


def approved_badge(label: str, words, threshold: float) -> str:
    """``<label> | 40%``: the words a reviewer approved (review/)."""
    whole = int(shown_percent(words.approved, words.total, decimals=0))
    return badge(label, f"{whole}%",
                 colour_for(exact_percent(words.approved, words.total), threshold))


def render_svg(report: Report, threshold: float) -> dict[str, str]:
    """File name → SVG: ``overall.svg`` (``translated | 87%``) and ``<locale>.svg``, and
    beside them, once a language uses review, ``approved.svg`` and
    ``<locale>.approved.svg`` (approved words)."""
    _, words = report.overall()
    out = {"overall.svg": badge("translated", f"{words.whole_percent}%",
                                colour_for(words.exact_percent, threshold))}
    reviewed = [r for r in report.sorted_rows() if r.error is None
                and (r.require_review or r.stats.words.approved)]
    if reviewed:
        out["approved.svg"] = approved_badge("approved", words, threshold)
    for row in report.sorted_rows():
        out[f"{row.code}.svg"] = locale_badge(row)
    for row in reviewed:
        out[f"{row.code}.approved.svg"] = approved_badge(f"{row.native_name} approved",
                                                         row.stats.words, row.threshold)
    return dict(sorted(out.items()))
