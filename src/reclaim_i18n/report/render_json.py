"""The report as JSON (schema 1, documented in report/README.md); deterministic bytes."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from json.encoder import encode_basestring  # the C version when available

from reclaim_i18n.report.model import (
    LocaleRow,
    Report,
    report_head,
    row_dict,
)

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True)


def render_json(report: Report) -> str:
    return "".join(iter_json(report))


def iter_json(report: Report) -> Iterator[str]:
    """The text of ``json.dumps(report_dict(report), ensure_ascii=False, indent=2,
    sort_keys=True) + "\\n"``, one top-level value or locale at a time.

    With thousands of sections the document is tens of MB, and ``json.dumps`` with an
    indent builds it from millions of small strings: hundreds of MB at once. Here only
    one locale's row is in memory. A value encoded on its own equals its nested encoding
    once each line break is followed by its level's indent (a line break inside a JSON
    string is always escaped, so every ``\\n`` of the output is a line break).

    ``json.dump(report_dict(report), file, indent=2, ...)`` streams too, but through
    json's pure-Python indenting encoder, with every row's dict built first. Measured
    (issue 14; 2 cores, A/B in turns, ``report --format json``, cold cache, identical
    bytes): large corpus (34 MB) 14.0 s / 144 MB max RSS here against 17.6 s / 162 MB
    (+26 %, median of 5); campaign 667 against 699 ms (median of 7), 23 MB both.
    More than the 10 % the issue allows, so this writer stays.
    """
    head = report_head(report)
    separator = "{"
    for key in sorted([*head, "locales"]):
        yield f"{separator}\n  {_ENCODER.encode(key)}: "
        separator = ","
        if key != "locales":
            yield _nested(head[key], 1)
            continue
        rows = report.sorted_rows()
        if not rows:
            yield "[]"
            continue
        for i, row in enumerate(rows):
            yield ("[" if i == 0 else ",") + "\n    " + encode_row(row, 2)
        yield "\n  ]"
    yield "\n}\n"


ROW_LEVEL = 2  # a locale's item: inside the document, inside "locales"


def breakdowns_json(row: LocaleRow) -> dict[str, str]:
    """A row's "pages" and "sections" as JSON at their place in the document: the bulk of
    a large report, so a worker writes them where it counted them."""
    return {"pages": breakdown_json(row.stats.pages, ROW_LEVEL + 1),
            "sections": breakdown_json(row.stats.sections, ROW_LEVEL + 1)}


_COUNT_KEYS = ("approved", "fuzzy", "needs_fixing", "obsolete", "total", "translated",
               "unchanged", "untranslated")


def breakdown_json(pairs: dict, level: int) -> str:
    """``_nested(model.breakdown(pairs), level)``: thousands of items of one shape, so
    each is written by one format string rather than value by value."""
    if not pairs:
        return "{}"
    nl = ["\n" + "  " * (level + k) for k in range(4)]
    counts = "{" + ",".join(f'{nl[3]}"{key}": %d' for key in _COUNT_KEYS) + nl[2] + "}"
    item = (f'%s: {{{nl[2]}"messages": {counts},{nl[2]}"percent": {{{nl[3]}"messages": %r,'
            f'{nl[3]}"words": %r{nl[2]}}},{nl[2]}"words": {counts}{nl[1]}}}')
    parts = []
    for key in sorted(pairs):
        m, w = pairs[key]
        parts.append(item % (
            encode_basestring(key), m.approved, m.fuzzy, m.needs_fixing, m.obsolete, m.total,
            m.translated, m.unchanged, m.untranslated, m.percent, w.percent, w.approved,
            w.fuzzy, w.needs_fixing, w.obsolete, w.total, w.translated, w.unchanged,
            w.untranslated))
    return "{" + nl[1] + ("," + nl[1]).join(parts) + nl[0] + "}"


def encode_row(row: LocaleRow, level: int) -> str:
    if row.breakdowns_json is None or level != ROW_LEVEL:
        return _nested(row_dict(row), level)
    data: dict = row_dict(row, breakdowns=False)
    data.update(dict.fromkeys(row.breakdowns_json))
    inner = "\n" + "  " * (level + 1)
    out = []
    for i, key in enumerate(sorted(data)):
        out.append(("{" if i == 0 else ",") + inner + encode_basestring(key) + ": ")
        out.append(row.breakdowns_json[key] if key in row.breakdowns_json
                   else _nested(data[key], level + 1))
    out.append("\n" + "  " * level + "}")
    return "".join(out)


def _nested(value, level: int) -> str:
    """``_ENCODER.encode(value)`` as if nested ``level`` deep. json's own indenting
    encoder is pure Python and generator-based; this one is a few times faster."""
    out: list[str] = []
    _encode(value, "\n" + "  " * level, out)
    return "".join(out)


def _encode(value, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None or value is True or value is False:
        out.append("null" if value is None else "true" if value else "false")
    elif type(value) is int or (type(value) is float and math.isfinite(value)):
        out.append(repr(value))
    elif isinstance(value, dict) and all(type(k) is str for k in value):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        for i, key in enumerate(sorted(value)):
            out.append(("{" if i == 0 else ",") + inner + encode_basestring(key) + ": ")
            _encode(value[key], inner, out)
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        for i, item in enumerate(value):
            out.append(("[" if i == 0 else ",") + inner)
            _encode(item, inner, out)
        out.append(newline + "]")
    else:  # anything else exactly as json writes it
        out.append(_ENCODER.encode(value).replace("\n", newline))
