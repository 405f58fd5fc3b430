"""The review commands' library side: read a language's catalogue and records, approve,
apply a review packet, remember translators. Writes are atomic: the catalogue (entry
level, through :mod:`reclaim_i18n.pofile`) first, then the review file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.pofile import Catalog, Message
from reclaim_i18n.review.packet import packet_locale, sort_packet, take_correction
from reclaim_i18n.review.policy import ReviewError, refusal
from reclaim_i18n.review.records import load_records, save_records
from reclaim_i18n.review.state import approve, record_translator


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


@dataclass
class Review:
    """One language's catalogue, template and review records, as read."""

    code: str
    catalog: Catalog
    template: Catalog | None
    records: dict


def open_review(config, code: str) -> Review:
    from reclaim_i18n.pofile import read_po

    path = config.po_path(code)
    if not path.exists():
        raise CatalogError("no catalogue for this language yet", path,
                           hint=f"run 'reclaim-i18n init {code}' or 'reclaim-i18n update'")
    template = read_po(config.pot_path) if config.pot_path.exists() else None
    return Review(code, read_po(path), template, load_records(path))


def check_errors(catalog: Catalog, code: str, config) -> dict:
    """key → the first ERROR finding of the entry (what keeps it out of artefacts)."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.checks.glossary import load_glossary
    from reclaim_i18n.model import Severity

    errors: dict = {}
    for f in check_catalog(catalog, code, config, load_glossary(config.source_dir,
                                                                strict=False)):
        if f.severity == Severity.ERROR and f.msgid is not None:
            errors.setdefault((f.msgctxt, f.msgid), f"{f.check}: {f.message}")
    return errors


@dataclass
class ApproveResult:
    approved: list[Message] = field(default_factory=list)
    already: int = 0                                        # approved before, unchanged
    corrected: list[Message] = field(default_factory=list)  # written from the packet
    refused: list[tuple[Message, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)        # --context naming no entry
    stale: list[Message] = field(default_factory=list)
    conflicts: list[Message] = field(default_factory=list)
    doubted: list[Message] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return (len(self.refused) + len(self.unknown) + len(self.stale) + len(self.conflicts)
                + len(self.doubted))


def select(review: Review, contexts: tuple[str, ...], everything: bool,
           result: ApproveResult) -> list[Message]:
    """The entries ``--context`` (a field: every entry under that msgctxt) or ``--all``
    names; ``--all`` takes the translated ones."""
    if everything:
        return [m for m in review.catalog.active if m.translated]
    chosen = []
    for ctxt in contexts:
        found = [m for m in review.catalog.active if (m.msgctxt or "") == ctxt]
        if not found:
            result.unknown.append(ctxt)
        chosen.extend(m for m in found if m not in chosen)
    return chosen


def approve_messages(config, review: Review, messages: list[Message], reviewer: str,
                     on: str, result: ApproveResult, errors: dict) -> None:
    from reclaim_i18n.review.state import is_approved

    self_review = config.allows_self_review(review.code)
    active = set(review.catalog.index())
    for msg in messages:
        record = review.records.get(msg.key)
        why = refusal(msg, record, reviewer, self_review, errors.get(msg.key))
        if why:
            result.refused.append((msg, why))
        elif is_approved(msg, record):
            result.already += 1
        else:
            approve(review.records, msg, reviewer, on, active)
            result.approved.append(msg)


def approve_entries(config, code: str, reviewer: str, contexts: tuple[str, ...] = (),
                    everything: bool = False, on: str | None = None) -> ApproveResult:
    """``approve --context`` / ``--all``: record approvals; write the review file."""
    review = open_review(config, code)
    result = ApproveResult()
    chosen = select(review, contexts, everything, result)
    errors = check_errors(review.catalog, code, config)
    approve_messages(config, review, chosen, reviewer, on or today(), result, errors)
    if result.approved:
        save_records(review.catalog.path, review.records, review.catalog)
    return result


def apply_review_packet(config, path, reviewer: str, on: str | None = None,
                        requested: str | None = None) -> tuple[str, ApproveResult]:
    """``approve --packet``: corrections written and approved, untouched entries approved,
    entries whose English or translation changed since the packet listed and left alone."""
    from reclaim_i18n.checks.flags import with_catalog_ignores
    from reclaim_i18n.pofile import read_po, write_po

    packet = read_po(path)
    stamped = packet_locale(packet)
    if stamped is None:
        raise ReviewError("not a review packet (no X-Reclaim-Review header)", path,
                          hint="make one with: reclaim-i18n review LOCALE --format po --out FILE")
    code = config.select([requested or stamped], what=None)[0]
    if code != config.select([stamped], what=None)[0]:
        raise ReviewError(f"the packet is for {stamped!r}, not {requested!r}", path)
    review = open_review(config, code)
    sorted_ = sort_packet(review.catalog, packet)
    result = ApproveResult(stale=sorted_.stale, conflicts=sorted_.conflicts,
                           doubted=sorted_.doubted)
    with_catalog_ignores(packet, review.catalog)
    bad = check_errors(packet, code, config)
    fixes = [(t, e) for t, e in sorted_.corrected if e.key not in bad]
    result.refused += [(e, f"fails a check ({bad[e.key]}); not written")
                       for _, e in sorted_.corrected if e.key in bad]
    for target, entry in fixes:   # a reviewer's correction is approved by them (as Weblate)
        take_correction(target, entry)
    if fixes:
        write_po(review.catalog, review.catalog.path)
        result.corrected = [t for t, _ in fixes]
    errors = check_errors(review.catalog, code, config)
    approve_messages(config, review, [*sorted_.untouched, *result.corrected], reviewer,
                     on or today(), result, errors)
    if result.approved or fixes:
        save_records(review.catalog.path, review.records, review.catalog)
    return code, result


def record_translators(config, code: str, messages: list[Message], name: str,
                       catalog: Catalog | None = None) -> None:
    """Remember ``name`` as the last translator of ``messages`` (entries of ``code``'s
    catalogue as written, which ``catalog`` is when given): e.g. ``apply-packet
    --translator``; four eyes uses it."""
    record_each_translator(config, code, [(msg, name) for msg in messages], catalog)


def record_each_translator(config, code: str, written: list[tuple[Message, str]],
                           catalog: Catalog | None = None) -> None:
    """:func:`record_translators` for entries of several people (the web editor writes
    the saves that arrived together at once): one write of the review file."""
    from reclaim_i18n.pofile import read_po

    path = config.po_path(code)
    records = load_records(path)
    for msg, name in written:
        if msg.has_translation:
            record_translator(records, msg, name)
    save_records(path, records, catalog if catalog is not None else read_po(path))
