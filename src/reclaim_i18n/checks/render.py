"""Findings → text for people, JSON for programs, annotations for GitHub Actions.

Every function here is pure (reports in, a string out). Anything taken from a file is
made visible before it reaches a terminal (control and bidi characters as <U+XXXX>), and
text output is bounded: at most :data:`PER_FILE` findings per file, then a count.
The JSON format is documented in ``checks/README.md``.
"""

from __future__ import annotations

import json

from reclaim_i18n.checks.base import visible
from reclaim_i18n.checks.runner import FileReport, all_findings
from reclaim_i18n.model import Finding, Severity

PER_FILE = 50
MSGID_LIMIT = 1000


def render(reports: list[FileReport], fmt: str = "text", colour: bool = False,
           limit: int = PER_FILE) -> str:
    if fmt == "json":
        return render_json(reports)
    if fmt == "github":
        return render_github(reports, limit)
    return render_text(reports, colour, limit)


# ------------------------------------------------------------------ text

def _paint(text: str, colour: bool, **style) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **style)


_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def format_finding(f: Finding, colour: bool = False) -> list[str]:
    where = visible(f.path, 200) + (f":{f.line}" if f.line else "")
    label = _paint(f"{f.severity.value}[{f.check}]", colour,
                   fg=_SEVERITY_COLOUR[f.severity], bold=True)
    lines = [f"{_paint(where, colour, bold=True)}: {label} {visible(f.message, 300)}"]
    context = f"[{visible(f.msgctxt, 80)}] " if f.msgctxt else ""
    if f.hint:
        lines.append(f"    {context}hint: {visible(f.hint, 300)}")
    elif context:
        lines.append(f"    {context.rstrip()}")
    return lines


def render_text(reports: list[FileReport], colour: bool = False, limit: int = PER_FILE) -> str:
    out: list[str] = []
    for report in reports:
        if not report.findings:
            continue
        if out:
            out.append("")
        shown = _shown(report.findings, limit)
        for f in shown:
            out.extend(format_finding(f, colour))
        hidden = len(report.findings) - len(shown)
        if hidden > 0:
            out.append(f"    … and {hidden} more in {visible(report.path, 200)} "
                       "(all of them: --format json)")
    silenced = render_silenced(reports, limit)
    if out and silenced:
        out.append("")
    out += silenced
    if out:
        out.append("")
    out.append(summary(reports, colour))
    return "\n".join(out) + "\n"


def render_silenced(reports: list[FileReport], limit: int = PER_FILE) -> list[str]:
    """The checks that ``#, ignore-`` flags switch off, entry by entry, for a reviewer."""
    total = sum(len(r.silenced) for r in reports)
    if not total:
        return []
    out = [f"silenced by '#, ignore-…' flags ({_plural(total, 'check')}):"]
    for report in reports:
        for s in report.silenced[:limit]:
            context = f"[{visible(s.msgctxt, 80)}]" if s.msgctxt else "(the whole file)"
            out.append(f"{visible(s.path, 200)}:{s.line}: silenced[{s.check}] {context}")
        hidden = len(report.silenced) - limit
        if hidden > 0:
            out.append(f"    … and {hidden} more in {visible(report.path, 200)} "
                       "(all of them: --format json)")
    return out


def _shown(findings: list[Finding], limit: int) -> list[Finding]:
    """The first ``limit`` findings, plus a "checking stopped" one wherever it is."""
    shown = findings[:limit]
    return shown + [f for f in findings[limit:] if f.check == "findings-limit"]


def summary(reports: list[FileReport], colour: bool = False) -> str:
    found = [f for r in reports for f in r.findings]
    errors = sum(f.severity is Severity.ERROR for f in found)
    warnings = len(found) - errors
    files = sum(1 for r in reports if r.findings)
    checked = len(reports)
    silenced = sum(len(r.silenced) for r in reports)
    aside = f" ({_plural(silenced, 'check')} silenced by ignore- flags)" if silenced else ""
    if not found:
        return _paint(f"no problems in {_plural(checked, 'file')}{aside}", colour, fg="green")
    text = (f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in "
            f"{files} of {_plural(checked, 'file')}{aside}")
    return _paint(text, colour, fg="red" if errors else "yellow", bold=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------ json

def render_json(reports: list[FileReport]) -> str:
    """A JSON list of findings (``Finding.as_dict()``) and of silenced checks (the same
    keys, severity ``"silenced"``), sorted by file, line, check, message."""
    items = [f.as_dict() for f in all_findings(reports)]
    items += [s.as_dict() for r in reports for s in r.silenced]
    for item in items:
        if item["msgid"] is not None and len(item["msgid"]) > MSGID_LIMIT:
            item["msgid"] = item["msgid"][:MSGID_LIMIT] + "…"
    items.sort(key=lambda i: (i["file"], i["line"], i["check"], i["message"]))
    return json.dumps(items, ensure_ascii=True, indent=2) + "\n"


# ------------------------------------------------------------------ github

def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[FileReport], limit: int = PER_FILE) -> str:
    """Workflow commands: ``::error file=…,line=…,title=…::message``."""
    out = []
    for report in reports:
        shown = _shown(report.findings, limit)
        for f in shown:
            props = [f"file={_prop(visible(f.path, 200))}"]
            if f.line:
                props.append(f"line={f.line}")
            props.append(f"title={_prop(f.check)}")
            body = visible(f.message, 300) + (f"\n{visible(f.hint, 300)}" if f.hint else "")
            out.append(f"::{f.severity.value} {','.join(props)}::{_data(body)}")
        hidden = len(report.findings) - len(shown)
        if hidden > 0:
            out.append(f"… and {hidden} more in {visible(report.path, 200)}")
    out.append(summary(reports))
    return "\n".join(out) + "\n"
