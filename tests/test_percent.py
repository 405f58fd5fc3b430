"""One completeness rule: exact value for thresholds, one decimal rounded down for people,
nothing to translate = 100 %. The report (every format), the badges and the build
manifest all show the same number.
"""

from __future__ import annotations

import json
import re

import pytest

from reclaim_i18n.build import manifest
from reclaim_i18n.model import Counts, LocaleStats, exact_percent, shown_percent
from reclaim_i18n.report import render
from reclaim_i18n.report.model import LocaleRow, Report
from reclaim_i18n.report.render_svg import render_svg
from reclaim_i18n.stats import is_published

THRESHOLD = 60.0

# (translated, total) → exact, shown, whole, published at a threshold of 60
TABLE = [
    ((5996, 10000), 59.96, 59.9, 59, False),
    ((0, 0), 100.0, 100.0, 100, True),
    ((1, 3), 100 / 3, 33.3, 33, False),
    ((2, 3), 200 / 3, 66.6, 66, True),
    ((100, 100), 100.0, 100.0, 100, True),
    ((0, 5), 0.0, 0.0, 0, False),
    ((6000, 10000), 60.0, 60.0, 60, True),
    ((6004, 10000), 60.04, 60.0, 60, True),
    ((5999, 10000), 59.99, 59.9, 59, False),
    ((9999, 10000), 99.99, 99.9, 99, True),
    ((696, 1000), 69.6, 69.6, 69, True),
    ((6969, 10000), 69.69, 69.6, 69, True),
]


def stats_of(done: int, total: int) -> LocaleStats:
    words = Counts(translated=done, untranslated=total - done)   # one word a message
    pair = (words, words)
    return LocaleStats(locale="cs", messages=words, words=words, pages={"home": pair},
                       sections={"home/hero": pair})


@pytest.mark.parametrize("counts, exact, shown, whole, published", TABLE,
                         ids=[f"{d}-of-{t}" for (d, t), *_ in TABLE])
def test_percentage_table(counts, exact, shown, whole, published):
    done, total = counts
    words = Counts(translated=done, untranslated=total - done)
    assert exact_percent(done, total) == pytest.approx(exact) == words.exact_percent
    assert shown_percent(done, total) == shown == words.percent
    assert words.whole_percent == whole
    assert is_published(stats_of(done, total), THRESHOLD) is published
    # shown never claims more than is done: no "60.0" beside "not published"
    assert shown <= exact and (shown >= THRESHOLD) <= published


@pytest.mark.parametrize("counts, exact, shown, whole, published", TABLE,
                         ids=[f"{d}-of-{t}" for (d, t), *_ in TABLE])
def test_manifest_and_report_show_the_same_number(counts, exact, shown, whole, published):
    stats = stats_of(*counts)
    entry = manifest.completeness(stats)["words"]
    assert (entry["percent"], is_published(stats, THRESHOLD)) == (shown, published)

    row = LocaleRow(stats=stats, native_name="čeština", english_name="Czech", direction="ltr",
                    path="locales/cs/LC_MESSAGES/messages.po", threshold=THRESHOLD)
    report = Report(rows=(row,), pages=("home",), sections=("home/hero",),
                    generated_from={"pot_creation_date": None, "inputs_sha256": None})
    data = json.loads(render(report, "json"))
    assert data["locales"][0]["percent"]["words"] == shown
    assert data["locales"][0]["published"] is published
    assert data["locales"][0]["pages"]["home"]["percent"]["words"] == shown
    assert data["overall"]["percent"]["words"] == shown
    assert f" {shown:.1f}%" in render(report, "text")
    page_cell = f"{whole}%" if counts[1] else "–"   # a page with nothing to translate
    markdown = render(report, "markdown")
    assert f"| {shown:.1f}% |" in markdown and f"| {page_cell} |" in markdown
    html = render(report, "html")
    assert f"{shown:.1f}%<span" in html and f">{page_cell}</td>" in html
    assert _percents(html) <= {f"{shown:.1f}", f"{whole}", "100.0", "100"}
    badges = render_svg(report, THRESHOLD)
    assert f">{whole}%<" in badges["cs.svg"] and f">{whole}%<" in badges["overall.svg"]


def _percents(html: str) -> set[str]:
    """Every number shown as a percentage in the page's text (not its style sheet)."""
    body = html.split("<body", 1)[1]
    return set(re.findall(r">(\d+(?:\.\d)?)%", body))


def test_the_source_language_is_complete_even_when_empty():
    assert manifest.source_completeness(0, 0)["words"]["percent"] == 100.0
    assert manifest.source_completeness(7, 42) == {
        "messages": {"translated": 7, "total": 7, "percent": 100.0, "needs_fixing": 0,
                     "approved": 7, "approved_percent": 100.0},
        "words": {"translated": 42, "total": 42, "percent": 100.0, "needs_fixing": 0,
                  "approved": 42, "approved_percent": 100.0}}
