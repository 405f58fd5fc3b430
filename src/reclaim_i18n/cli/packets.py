"""``reclaim-i18n todo`` and ``apply-packet``: work packets in and out (thin)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reclaim_i18n.cli.base import _config, _relative, emit, reports_errors, writes_project


@click.command()
@click.argument("locale")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "po", "xlsx", "ods", "csv", "xliff"]),
              help="A list to read, or a work packet: PO, spreadsheet (xlsx, ods, csv), XLIFF.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file. Default: print.")
@click.pass_context
@reports_errors
def todo(ctx: click.Context, locale: str, fmt: str, out) -> None:
    """What is left to translate in LOCALE, in the order a reader meets it.

    Entries that need fixing first (translated, but a check found an error: with the
    finding), then untranslated ones, then fuzzy ones with what changed in the English;
    each with its file:line. Any other --format writes a work packet: translate it in a
    PO editor, a spreadsheet or a CAT tool, then bring it back with
    'reclaim-i18n apply-packet'.

    \b
    Example:
      reclaim-i18n todo de
      reclaim-i18n todo de --format po --out de-packet.po
      reclaim-i18n todo de --format xlsx --out de-packet.xlsx
    """
    from reclaim_i18n.packets import entry_errors, export_packet, read_catalogs, todo_items
    from reclaim_i18n.report.render_todo import render_todo

    config = _config(ctx)
    (code,) = config.select([locale], what=None)
    catalog, template = read_catalogs(config, code)
    lang = config.language(code)
    broken = entry_errors(catalog, code, config)
    if fmt != "text":
        data, summary = export_packet(config, catalog, template, code, fmt, out, broken)
    else:
        path = _relative(str(config.po_path(code)))
        data = render_todo(todo_items(catalog, template, broken), code, lang.native_name,
                           path).encode("utf-8")
        summary = "to-do list"
    emit(data, out, f"{code}-todo.{'txt' if fmt == 'text' else 'xlf' if fmt == 'xliff' else fmt}",
         summary)


@click.command("apply-packet")
@click.argument("packet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--locale", "-l", default=None, metavar="CODE",
              help="The packet's language, if its header does not say.")
@click.option("--dry-run", is_flag=True, help="Show what would be applied; write nothing.")
@click.option("--translator", default=None, metavar="NAME",
              help="Who translated it, recorded as Last-Translator (default: the packet's).")
@click.pass_context
@reports_errors
@writes_project
def apply_packet(ctx: click.Context, packet: Path, locale: str | None, dry_run: bool,
                 translator: str | None) -> None:
    """Merge a translated work packet back into its catalogue.

    Entries whose English is still current are applied; a different finished
    translation in the catalogue is never overwritten (listed as a conflict); entries
    whose English changed since the packet was made are listed, not applied.
    When something is applied, PO-Revision-Date becomes now and Last-Translator the
    packet's (or --translator). Exit 1 when some entries were not applied.

    \b
    Example:
      reclaim-i18n apply-packet de-packet.po
      reclaim-i18n apply-packet de-packet.xlsx      (or .ods, .csv, .xlf)
      reclaim-i18n apply-packet --dry-run translated.po --locale de
    """
    from reclaim_i18n.packets import apply_packet as merge
    from reclaim_i18n.report.render_todo import render_apply

    config = _config(ctx)
    result = merge(config, packet, locale, dry_run, translator)
    target = _relative(str(config.po_path(result.locale)))
    click.echo(render_apply(result, str(packet), target, written=not dry_run), nl=False)
    if result.problems:
        sys.exit(1)
