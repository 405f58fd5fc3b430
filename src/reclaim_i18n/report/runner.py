"""The report's I/O: read the template and catalogues, run the checks, write the outputs.

A catalogue that cannot be read is reported (and counts as nothing translated: the build
cannot use it either); it never stops the report of the others.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from reclaim_i18n.config import Config
from reclaim_i18n.errors import CatalogError, ReclaimError, writing_output
from reclaim_i18n.fsio import relative
from reclaim_i18n.report.model import SCHEMA, LocaleRow, Report, change_since

REPORT_FILES = ("report.html", "report.json")
BADGES = "badges"


class ReportInputError(ReclaimError):
    """A file given on the command line (``--compare``) is not what it should be."""

    exit_code = 2


def count_findings(catalog, code: str, config: Config, glossary=None
                   ) -> tuple[tuple[int, int, int], frozenset]:
    """(errors, warnings, checks silenced by ``ignore-`` flags) of one catalogue (as
    ``reclaim-i18n check``), and the keys of the entries that need fixing (no artefact
    carries them)."""
    from reclaim_i18n.checks import check_catalog, silenced_checks
    from reclaim_i18n.model import Severity
    from reclaim_i18n.stats import needs_fixing

    findings = check_catalog(catalog, code, config, glossary)
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    found = (errors, len(findings) - errors, len(silenced_checks(catalog, code)))
    return found, frozenset(needs_fixing(findings))


def _report_part(job: _RowJob, code: str):
    """A language's row; for ``TEMPLATE``, what the report needs of the template (its
    stats give the page order). In a worker when there are several: the template is read
    beside the catalogues."""
    if code == TEMPLATE:
        from reclaim_i18n.stats import catalog_stats

        return catalog_stats(job.template, "en"), job.template.header_value("POT-Creation-Date")
    return _locale_row(job, code)


def _locale_row(job: _RowJob, code: str) -> LocaleRow:
    config, fail_under, glossary = job.config, job.fail_under, job.glossary
    from reclaim_i18n.pofile import read_po
    from reclaim_i18n.review import approved_keys, load_records
    from reclaim_i18n.stats import catalog_stats

    path = config.po_path(code)
    lang = config.language(code)
    catalog, error, missing, data = None, None, False, b"-"
    found, broken, approved = (0, 0, 0), frozenset(), frozenset()
    remembered = _remembered(config, code, path, glossary)
    if not path.exists():
        missing = True
    elif remembered:
        data, stats, found = remembered
    else:
        try:
            catalog = read_po(path)
            data = catalog.source_bytes or b""
            approved = approved_keys(catalog, load_records(path))   # may fail: its own error
        except CatalogError as exc:  # shown with the path from the project, not the disk
            error = exc.relative_to(config.root)
            data = _bytes(path)
    if not remembered:
        if catalog is not None:  # the findings say which entries need fixing
            found, broken = count_findings(catalog, code, config, glossary)
        stats = catalog_stats(catalog if catalog is not None else job.template, code, broken,
                              approved)
        if catalog is not None and error is None:
            _remember(config, code, data, glossary, stats, found)
    own = config.locale(code).fail_under
    row = LocaleRow(stats=stats, native_name=lang.native_name, english_name=lang.english_name,
                    direction=lang.direction, path=relative(path, config.root),
                    threshold=config.threshold(code),
                    fail_under=own if own is not None else fail_under,
                    errors=found[0] if job.with_findings else None,
                    warnings=found[1] if job.with_findings else None,
                    silenced=found[2] if job.with_findings else None, error=error,
                    missing=missing, require_review=config.requires_review(code))
    if job.json_ready:
        from reclaim_i18n.report.render_json import breakdowns_json

        row = replace(row, breakdowns_json=breakdowns_json(row))
    return row


TEMPLATE = ""  # the item of the template among the languages' codes


@dataclass
class _RowJob:
    config: Config
    fail_under: float | None
    glossary: object
    json_ready: bool = False
    with_findings: bool = False  # show the counts of findings (they are always counted)

    @cached_property
    def template(self):
        """Read when first needed (by the template's item, or a missing catalogue)."""
        from reclaim_i18n.extract import read_template

        return read_template(self.config)


def _row_key(config: Config, code: str, data: bytes, glossary) -> str:
    from reclaim_i18n.cache import cache_key
    from reclaim_i18n.checks import findings_key  # findings decide what needs fixing
    from reclaim_i18n.review import review_path

    approvals = _bytes(review_path(config.po_path(code)))  # the approvals count too
    return cache_key(approvals, *findings_key(data, code, config, glossary))


def _remembered(config: Config, code: str, path: Path, glossary):
    """(bytes, stats, (errors, warnings)) of an unchanged catalogue, without parsing it."""
    from reclaim_i18n.cache import open_cache
    from reclaim_i18n.stats import stats_from_json

    try:
        data = path.read_bytes()
    except OSError:
        return None
    hit = open_cache(config.build_dir, "report").get(_row_key(config, code, data, glossary))
    return (data, stats_from_json(hit["stats"]), tuple(hit["found"])) if hit else None


def _remember(config: Config, code: str, data: bytes, glossary, stats, found) -> None:
    from reclaim_i18n.cache import open_cache
    from reclaim_i18n.stats import stats_to_json

    open_cache(config.build_dir, "report").put(
        _row_key(config, code, data, glossary), {"stats": stats_to_json(stats),
                                                 "found": list(found)})


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"?"


def _page_order(base, rows: list[LocaleRow]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pages and sections in the template's order (``base``: its stats)."""
    pages, sections = dict.fromkeys(base.pages), dict.fromkeys(base.sections)
    for row in rows:  # pages only an out-of-date catalogue still has come last
        pages.update(dict.fromkeys(row.stats.pages))
        sections.update(dict.fromkeys(row.stats.sections))
    return tuple(pages), tuple(sections)


EXPECTED = "a JSON report written by 'reclaim-i18n report --format json'"


def load_previous(path: Path) -> dict:
    """An earlier JSON report (schema 1) → {"generated_from": …, "locales": {code: item}};
    any other file is a ReportInputError saying what it is and what was expected."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportInputError("file not found", path, hint=f"--compare takes {EXPECTED}"
                               ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportInputError(f"not a JSON file ({exc})", path,
                               hint=f"--compare takes {EXPECTED}") from None
    problem = _not_a_report(doc)
    if problem:
        raise ReportInputError(problem, path, hint=f"--compare takes {EXPECTED}")
    items = {item["locale"]: item for item in doc["locales"]}
    return {"generated_from": doc.get("generated_from"), "locales": items}


def _not_a_report(doc) -> str | None:
    """What is wrong with a JSON document given as an earlier report; None if nothing."""
    if not isinstance(doc, dict):
        return f"a JSON {type(doc).__name__}, not a progress report"
    if isinstance(doc.get("locales"), dict) and "published" in doc:
        return "a build manifest, not a progress report"
    if doc.get("schema") != SCHEMA:
        return f"a report of schema {doc.get('schema')!r}; this version reads schema {SCHEMA}"
    if not isinstance(doc.get("locales"), list):
        return "not a progress report (no list of locales)"
    for item in doc["locales"]:
        code = item.get("locale") if isinstance(item, dict) else None
        if not isinstance(code, str):
            return "an incomplete report: an item of its locales has no locale code"
        for part, key in (("words", "translated"), ("messages", "translated"),
                          ("messages", "fuzzy"), ("percent", "words")):
            numbers = item.get(part)
            value = numbers.get(key) if isinstance(numbers, dict) else None
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return f"an incomplete report: {part}.{key} of {code} is not a number"
    return None


def build_report(config: Config, locales=None, by: str = "words",
                 fail_under: float | None = None, compare: Path | None = None,
                 with_findings: bool = False, json_ready: bool = False) -> Report:
    """Read everything and compute the report of the selected (default: all) languages.
    ``json_ready``: the rows carry their bulk already written as JSON (for --format json)."""
    from reclaim_i18n.checks.glossary import load_glossary
    from reclaim_i18n.parallel import ordered_map

    general = fail_under if fail_under is not None else config.fail_under
    glossary = load_glossary(config.source_dir, strict=False)
    codes = config.select(locales)
    job = _RowJob(config, general, glossary, json_ready, with_findings)
    _row_key(config, "", b"", glossary)  # code digests once, here: the workers inherit them
    parts = ordered_map(_report_part, job, [TEMPLATE, *codes])
    base, pot_date = next(parts)
    rows = list(parts)
    digest = hashlib.sha256(_bytes(config.pot_path))
    digest.update(json.dumps([config.languages, config.publish_threshold,
                              {c: config.threshold(c) for c in config.languages}]).encode())
    for code in codes:  # what the report was computed from, as bytes
        path = config.po_path(code)
        digest.update(f"\0{code}\0".encode() + (_bytes(path) if path.exists() else b"-"))
    compared_with = None
    if compare is not None:
        previous = load_previous(compare)
        compared_with = previous["generated_from"] or {}
        rows = [_with_change(row, previous["locales"].get(row.code)) for row in rows]
    rows = with_publication(config, rows)
    pages, sections = _page_order(base, rows)
    generated_from = {"template": relative(config.pot_path, config.root),
                      "pot_creation_date": pot_date,
                      "inputs_sha256": digest.hexdigest()}
    return Report(rows=tuple(rows), pages=pages, sections=sections,
                  generated_from=generated_from, site_url=config.site_url, by=by,
                  compared_with=compared_with)


def with_publication(config: Config, rows: list[LocaleRow]) -> list[LocaleRow]:
    """Each row with its publication as the next build decides it, from the last build's
    record (the manifest in the build folder): the report and the site agree."""
    from reclaim_i18n import publication as pub
    from reclaim_i18n.build.manifest import read_manifest

    last = read_manifest(config.build_dir)
    out = []
    for row in rows:
        entry = last.get(row.code)
        before = pub.recorded_state(entry)
        unpublish = config.unpublish_below(row.code)
        if row.error is not None:
            decided = pub.unreadable(before, kept=bool(entry and entry.get("files")))
        else:
            words = row.stats.words
            done = pub.counted_words(words.translated, words.approved, row.require_review)
            decided = pub.decide(done, words.total, row.threshold, unpublish, before)
        out.append(replace(row, publication=decided, unpublish_threshold=unpublish))
    return out


def _with_change(row: LocaleRow, old: dict | None) -> LocaleRow:
    return replace(row, change=change_since(row, old), new_in_compare=old is None)


def failing_rows(report: Report) -> list[tuple[LocaleRow, float]]:
    """Locales under their ``fail_under`` (by ``report.by``), or unreadable, with the limit."""
    return [(row, row.fail_under) for row in report.sorted_rows()
            if row.fail_under is not None
            and (row.error is not None or row.percent(report.by) < row.fail_under)]


def write_badges(report: Report, config: Config, folder: Path,
                 prune: bool = False) -> list[Path]:
    """Write ``overall.svg`` and one ``<locale>.svg`` per language; ``prune``: remove
    the badges of languages no longer configured (only for a report of all of them)."""
    from reclaim_i18n.fsio import write_if_changed
    from reclaim_i18n.report.render_svg import render_svg

    badges = render_svg(report, config.publish_threshold)
    paths = []
    for name, svg in badges.items():
        write_if_changed(folder / name, svg.encode("utf-8"))
        paths.append(folder / name)
    for old in sorted(folder.glob("*.svg")) if prune else ():
        if old.name not in badges:
            old.unlink()
    return paths


def write_reports(config: Config, out_dir: Path) -> list[Path]:
    """``report.html``, ``report.json`` and ``badges/*.svg`` under ``out_dir`` (for ``all``)."""
    out_dir = Path(out_dir)
    report = build_report(config, with_findings=True, json_ready=True)
    paths = []
    for name in REPORT_FILES:
        path = out_dir / name
        _write(path, report, name.split(".")[1])
        paths.append(path)
    return paths + write_badges(report, config, out_dir / BADGES, prune=True)


def write_output(report: Report, config: Config, fmt: str, out: Path | None) -> list[Path]:
    """Write one format to ``out`` (svg: badges into the folder ``out``); a place that
    cannot be written is an OutputError naming it."""
    if fmt == "svg":
        folder = out or config.build_dir / "reports" / BADGES
        with writing_output(folder):
            return write_badges(report, config, folder)
    with writing_output(out, example=f"report.{_SUFFIX.get(fmt, fmt)}"):
        _write(out, report, fmt)
    return [out]


_SUFFIX = {"text": "txt", "markdown": "md"}


def _write(path: Path, report: Report, fmt: str) -> None:
    """Atomically, as it is rendered (never the whole document in memory), and only when
    the bytes change."""
    from reclaim_i18n.fsio import stream_if_changed
    from reclaim_i18n.report import render_chunks

    stream_if_changed(path, (chunk.encode("utf-8") for chunk in render_chunks(report, fmt)))


def gate_message(failing: list[tuple[LocaleRow, float]], by: str) -> str:
    """One line naming every locale under its threshold."""
    parts = [f"{row.code} {'unreadable' if row.error else f'{row.shown_percent(by)}%'}"
             f" (needs {limit:g}%)" for row, limit in failing]
    return f"under the threshold ({by}): " + ", ".join(parts)
