"""The report as JSON (schema 1, documented in report/README.md); deterministic bytes."""

from __future__ import annotations

import json
from collections.abc import Iterator

from reclaim_i18n.report.model import Report, report_head, row_dict

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
            yield ("[" if i == 0 else ",") + "\n    " + _nested(row_dict(row), 2)
        yield "\n  ]"
    yield "\n}\n"


def _nested(value, level: int) -> str:
    return _ENCODER.encode(value).replace("\n", "\n" + "  " * level)
