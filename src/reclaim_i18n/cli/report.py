"""``reclaim-i18n report``: progress for organisers and CI (thin)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reclaim_i18n.cli.base import LOCALE_OPTION, _config, _relative, reports_errors
from reclaim_i18n.report import FORMATS as REPORT_FORMATS


@click.command()
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(REPORT_FORMATS))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write to this file (svg: badges into this folder, default "
                   "build/reports/badges). Default: print.")
@LOCALE_OPTION
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="Exit 1 naming the languages under PCT% (default: fail-under in the "
                   "configuration; a language's own fail-under wins).")
@click.option("--by", type=click.Choice(["words", "messages", "approved"]), default="words",
              show_default=True, help="Measure for sorting and --fail-under (approved: "
              "words a reviewer approved).")
@click.option("--compare", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="OLD.json", help="Add the change since an earlier JSON report.")
@click.option("--checks", is_flag=True,
              help="Also count each language's check findings (as 'check' finds them).")
@click.pass_context
@reports_errors
def report(ctx: click.Context, fmt: str, out, locales, fail_under, by: str, compare,
           checks: bool) -> None:
    """Translation progress per language (and page): text, json, markdown, html, svg.

    Fuzzy and untranslated entries are not done; obsolete ones are not counted.
    Exit 1 when a language is under --fail-under, or a catalogue cannot be read.
    Finding counts need --checks ('all' always counts them).

    \b
    Example:
      reclaim-i18n report
      reclaim-i18n report --fail-under 80 --locale de --locale fr
      reclaim-i18n report --format json --out progress.json
      reclaim-i18n report --format markdown --compare old-progress.json
      reclaim-i18n report --checks --format html --out report.html
    """
    from reclaim_i18n.report import render_chunks
    from reclaim_i18n.report.runner import build_report, failing_rows, gate_message, write_output
    from reclaim_i18n.ui import use_colour

    config = _config(ctx)
    result = build_report(config, locales, by=by, fail_under=fail_under, compare=compare,
                          with_findings=checks, json_ready=fmt == "json")
    if fmt == "svg" or out is not None:
        for path in write_output(result, config, fmt, out):
            click.echo(f"wrote {_relative(str(path))}", err=True)
    else:
        for chunk in render_chunks(result, fmt, colour=fmt == "text" and use_colour()):
            click.echo(chunk, nl=False)
    failing = failing_rows(result)
    if failing:
        click.echo(gate_message(failing, by), err=True)
    for row in result.rows:
        if row.error:
            click.echo(f"error: {row.error.one_line()}", err=True)
    if failing or any(row.error for row in result.rows):
        sys.exit(1)
