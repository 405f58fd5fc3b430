"""The I/O around the checks: read the glossary, the template and each catalogue, run the
checks, and collect the findings file by file.

One broken file never stops the others: anything the reader refuses becomes a ``syntax``
finding with the file and line, and nothing here lets a traceback out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from reclaim_i18n.errors import ReclaimError
from reclaim_i18n.fsio import relative
from reclaim_i18n.model import Finding, Severity

MAX_FINDINGS = 1000   # per file: beyond this the file is not checked further
MAX_ENTRIES = 2000    # translated entries checked per file (the campaign has ~100)


@dataclass
class FileReport:
    """The findings of one file, and the checks its ``#, ignore-`` flags silence (for a
    reviewer); ``path`` as shown to people (relative to the project)."""

    path: str
    locale: str | None
    findings: list[Finding] = field(default_factory=list)
    silenced: list = field(default_factory=list)   # of checks.flags.Silenced


def run_checks(config, locales=()) -> list[FileReport]:
    """Glossary, then the template (only when no locale is asked for: its findings are
    for organisers), then the catalogue of every selected language."""
    from reclaim_i18n.checks.glossary import EMPTY, load_glossary

    codes = config.select(tuple(locales))
    reports: list[FileReport] = []
    glossary = EMPTY
    try:
        glossary = load_glossary(config.source_dir)
    except ReclaimError as exc:
        rel = relative(Path(exc.path or config.source_dir / "glossary.yaml"), config.root)
        reports.append(_failed(rel, None, exc))
    if not locales and config.pot_path.exists():
        reports.append(check_template_file(config))
    from reclaim_i18n.parallel import ordered_map

    reports += ordered_map(_check_file, (config, glossary), codes)
    return reports


def _check_file(job: tuple, bcp47: str) -> FileReport:
    """:func:`check_file` for :func:`ordered_map` (one catalogue per worker)."""
    config, glossary = job
    return check_file(config, bcp47, glossary)


def check_file(config, bcp47: str, glossary) -> FileReport:
    from reclaim_i18n.checks import cached_findings, findings_key, silenced_checks
    from reclaim_i18n.pofile import read_po

    path = config.po_path(bcp47)
    rel = relative(path, config.root)
    data = None
    try:  # an unchanged catalogue is not even parsed (unless it has ignore- flags to list)
        data = path.read_bytes()
        hit = cached_findings(config, findings_key(data, bcp47, config, glossary), rel)
        if hit is not None and len(hit) <= MAX_FINDINGS and b"ignore-" not in data:
            return FileReport(rel, bcp47, hit)
    except OSError:
        hit = None
    try:
        catalog = read_po(path, data)   # the bytes just read, not a second read
    except ReclaimError as exc:
        return _failed(rel, bcp47, exc)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not become a traceback
        return _failed(rel, bcp47, ReclaimError(f"the file could not be read "
                                                f"({type(exc).__name__})", rel, 1))
    catalog.path = rel
    found = hit if hit is not None and len(hit) <= MAX_FINDINGS else _bounded(
        catalog, bcp47, config, glossary)
    return FileReport(rel, bcp47, found, silenced_checks(catalog, bcp47))


def _bounded(catalog, bcp47: str, config, glossary) -> list[Finding]:
    """``check_catalog`` that stops after :data:`MAX_FINDINGS` findings or
    :data:`MAX_ENTRIES` translated entries, so a runaway file (tens of thousands of
    entries) is still reported in seconds. The library itself never stops early."""
    from reclaim_i18n.checks import check_catalog, iter_catalog

    translated = [m for m in catalog.active if m.has_translation]
    if len(translated) > MAX_ENTRIES:
        last = translated[MAX_ENTRIES - 1]
        catalog.messages = [m for m in catalog.messages if m.line <= last.line]
        stop = _stop(catalog, bcp47, f"{MAX_ENTRIES:,} translated entries (the campaign has "
                     "about a hundred; is this the right file?)", last.msgstr_line)
    else:
        stop = None
    if stop is None:  # a file of ordinary size: all findings, remembered for next time
        found = check_catalog(catalog, bcp47, config, glossary)
    else:
        found = list(islice(iter_catalog(catalog, bcp47, config, glossary), MAX_FINDINGS + 1))
    if len(found) > MAX_FINDINGS:
        found = found[:MAX_FINDINGS]
        stop = _stop(catalog, bcp47, f"{MAX_FINDINGS:,} findings", found[-1].line)
    found += [stop] if stop else []
    return sorted(found, key=lambda f: (f.line, f.check, f.message))


def _stop(catalog, bcp47: str, reason: str, line: int) -> Finding:
    from reclaim_i18n.checks import CHECKS

    chk = CHECKS["findings-limit"]
    return Finding(chk.id, chk.severity, f"checking stopped after {reason}",
                   "fix the problems reported so far, then run the check again",
                   catalog.path, line, bcp47)


def check_template_file(config) -> FileReport:
    from reclaim_i18n.checks import check_template
    from reclaim_i18n.pofile import read_po

    rel = relative(config.pot_path, config.root)
    try:
        template = read_po(config.pot_path)
    except ReclaimError as exc:
        return _failed(rel, None, exc)
    except Exception as exc:  # noqa: BLE001
        return _failed(rel, None, ReclaimError(f"the file could not be read "
                                               f"({type(exc).__name__})", rel, 1))
    template.path = rel
    return FileReport(rel, None, check_template(template))


def _failed(rel: str, locale: str | None, exc: ReclaimError) -> FileReport:
    from reclaim_i18n.checks import syntax_finding

    errors = (exc, *getattr(exc, "more", ()))  # every malformed entry the reader found
    return FileReport(rel, locale, [syntax_finding(e, locale, rel) for e in errors])


def all_findings(reports: list[FileReport]) -> list[Finding]:
    found = [f for r in reports for f in r.findings]
    return sorted(found, key=lambda f: (f.path, f.line, f.check, f.message))


def exit_code(reports: list[FileReport], fail_on: str = "error") -> int:
    """1 when a finding at or above ``fail_on`` (error|warning) exists, else 0."""
    floor = Severity(fail_on).rank
    worst = max((f.severity.rank for r in reports for f in r.findings), default=0)
    return 1 if worst >= floor else 0
