"""The report as JSON (schema 1, documented in report/README.md); deterministic bytes."""

from __future__ import annotations

import json

from reclaim_i18n.report.model import Report, report_dict


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
