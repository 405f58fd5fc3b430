"""``reclaim-i18n review`` and ``reclaim-i18n approve``: the CLI of review/ (thin)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reclaim_i18n.cli.base import _config, _relative, emit, reports_errors, writes_project


@click.command("review")
@click.argument("locale")
@click.option("--format", "fmt", type=click.Choice(["text", "po"]), default="text",
              show_default=True, help="A list to read, or a PO review packet to correct.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file. Default: print.")
@click.pass_context
@reports_errors
def review_command(ctx: click.Context, locale: str, fmt: str, out) -> None:
    """Translated entries of LOCALE no reviewer has approved yet, in page order.

    Each with its English and translation; an entry approved before and changed since
    shows what changed in either, word by word ([-old-]{+new+}). --format po writes a
    review packet: correct it in any PO editor, then 'reclaim-i18n approve --packet'.

    \b
    Example:
      reclaim-i18n review de
      reclaim-i18n review de --format po --out de-review.po
    """
    from reclaim_i18n.pofile import format_po
    from reclaim_i18n.review.packet import make_review_packet
    from reclaim_i18n.review.state import to_review
    from reclaim_i18n.review.text import render_review
    from reclaim_i18n.review.workflow import open_review

    config = _config(ctx)
    (code,) = config.select([locale], what=None)
    review = open_review(config, code)
    items = to_review(review.catalog, review.records, review.template)
    lang = config.language(code)
    if fmt == "po":
        data = format_po(make_review_packet(review.catalog, review.template, items, code,
                                            lang.english_name))
    else:
        path = _relative(str(config.po_path(code)))
        data = render_review(items, code, lang.native_name, path).encode("utf-8")
    emit(data, out, f"{code}-review.{'po' if fmt == 'po' else 'txt'}",
         f"{len(items)} entries to review")


@click.command("approve")
@click.argument("locale")
@click.argument("packet_arg", metavar="[PACKET]", required=False,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reviewer", required=True, metavar="NAME",
              help="Your name as recorded with the approval (never an e-mail address).")
@click.option("--context", "contexts", multiple=True, metavar="CTX",
              help="Approve the entries of this field (msgctxt); repeatable.")
@click.option("--all", "everything", is_flag=True,
              help="Approve every translated entry free of errors (adopting a translation).")
@click.option("--packet", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A review packet you read and corrected ('review --format po').")
@click.pass_context
@reports_errors
@writes_project
def approve_command(ctx: click.Context, locale: str, packet_arg, reviewer: str, contexts,
                    everything: bool, packet) -> None:
    """Approve translations of LOCALE as they are now: named fields, all, or a packet.

    An approval is void as soon as the English or the translation changes. Entries that
    are fuzzy, fail a check, or that you translated yourself (unless self-review = true)
    are not approved and are listed. Exit 1 when something was left out.

    \b
    Example:
      reclaim-i18n approve de --reviewer "Ana Lima" --context home/hero/title
      reclaim-i18n approve de --reviewer "Ana Lima" --all
      reclaim-i18n approve de de-review.po --reviewer "Ana Lima"
    """
    from reclaim_i18n.review.policy import ReviewError, person_name
    from reclaim_i18n.review.text import render_outcome
    from reclaim_i18n.review.workflow import apply_review_packet, approve_entries

    config = _config(ctx)
    name = person_name(reviewer)
    packet = packet or packet_arg
    if sum((bool(contexts), everything, packet is not None)) != 1:
        raise ReviewError("say what to approve: --context CTX, --all or a review packet")
    if packet is not None:
        code, result = apply_review_packet(config, packet, name, requested=locale)
    else:
        (code,) = config.select([locale], what=None)
        result = approve_entries(config, code, name, tuple(contexts), everything)
    click.echo(render_outcome(result, code), nl=False)
    if result.problems:
        sys.exit(1)
