"""The whole chain, ``reclaim-i18n all``: extract → update → check → build → report.

:func:`run_all` is its one entry point; it returns an :class:`AllResult` for the caller
to show. A run whose inputs and outputs are those of the last complete run does nothing
(the no-op memo, ``build/.cache/all.json``): it must stay cheap, so this module imports
the steps only when they run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reclaim_i18n.config import Config

if TYPE_CHECKING:
    from collections.abc import Callable

    from reclaim_i18n.build.runner import BuildResult
    from reclaim_i18n.extract import ExtractResult
    from reclaim_i18n.update import LocaleOutcome


@dataclass
class AllResult:
    unchanged: bool = False  # nothing changed since the last run: no step ran
    extract: ExtractResult | None = None
    update: list[LocaleOutcome] = field(default_factory=list)
    errors: int = 0          # check findings, by severity
    warnings: int = 0
    build: BuildResult | None = None
    reports: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No catalogue that could not be read, no locale that could not be built."""
        return not ((self.build is not None and self.build.failed)
                    or any(o.error for o in self.update))


def run_all(config: Config, on_step: Callable[[str, AllResult], None] | None = None
            ) -> AllResult:
    """Run every step on the whole project; ``on_step(name, result)`` after each one
    (to show progress). Check findings are only counted: strings with errors are kept
    out of the bundles by the build and fall back."""
    if unchanged_since_last_run(config):
        return AllResult(unchanged=True)
    from reclaim_i18n.build import run_build
    from reclaim_i18n.checks.runner import all_findings, run_checks
    from reclaim_i18n.extract import run_extract
    from reclaim_i18n.report.runner import write_reports
    from reclaim_i18n.update import run_update

    step = on_step or (lambda name, result: None)
    result = AllResult()
    result.extract = run_extract(config, config.add_location)
    step("extract", result)
    result.update = run_update(config, config.languages)
    step("update", result)
    findings = all_findings(run_checks(config))
    result.errors = sum(f.severity.value == "error" for f in findings)
    result.warnings = len(findings) - result.errors
    step("check", result)
    result.build = run_build(config)
    step("build", result)
    result.reports = write_reports(config, config.build_dir / "reports")
    step("report", result)
    if result.ok:
        remember_run(config)
    return result


# ---------------------------------------------------------------- the no-op memo

def unchanged_since_last_run(config: Config) -> bool:
    """True when the inputs are those of the last complete ``all`` and its outputs are
    untouched: then there is nothing to do (as make decides from file dates, but by
    content)."""
    from reclaim_i18n.cache import open_cache

    last = open_cache(config.build_dir, "all").get("last")
    return bool(last) and last["inputs"] == _run_inputs(config) \
        and last["outputs"] == _outputs(config)


def remember_run(config: Config) -> None:
    from reclaim_i18n.cache import open_cache

    open_cache(config.build_dir, "all").put(
        "last", {"inputs": _run_inputs(config), "outputs": _outputs(config)})


def _run_inputs(config: Config) -> str:
    """Digest of everything ``all`` reads: settings, sources, template, catalogues (and,
    as every cache key, the code)."""
    from reclaim_i18n.cache import cache_key
    from reclaim_i18n.fsio import files_under

    catalogues = [full for rel, full in files_under(config.locales_dir)  # .po, .pot and
                  if rel.endswith(".review") or ".po" in rel.rpartition("/")[2]]  # approvals
    files = [str(config.root / "pyproject.toml"),
             *(full for _, full in files_under(config.source_dir)), *catalogues]
    parts: list = []
    for path in files:
        try:
            parts += [path, Path(path).read_bytes()]
        except OSError:  # gone, or not a regular file: its absence is the input
            parts.append(path)
    return cache_key(*parts)


def _outputs(config: Config) -> list[list]:
    """(path, size, mtime) of every file under the build folder but the caches."""
    from reclaim_i18n.fsio import files_under

    out = []
    for rel, full in files_under(config.build_dir, skip=(".cache",)):
        try:
            info = os.stat(full)
        except OSError:
            continue
        out.append([rel, info.st_size, info.st_mtime_ns])
    return out
