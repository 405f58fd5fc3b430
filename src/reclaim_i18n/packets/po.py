"""What is left to translate in one language, and work packets to carry it away and back.

``todo``: the entries that need fixing (translated, but an error-level check keeps them
out of every artefact; with the finding), the untranslated entries, then the fuzzy ones
(with what changed in the English), each group in the template's order, which is the
order a reader meets them.

A *work packet* is a small PO file with just those entries; its header
``X-Reclaim-Packet: <locale> <template POT-Creation-Date>`` says what it was made from.
Applying it back merges the entries whose English is still current, never overwrites a
finished translation that differs (a *conflict*, listed), and lists (never drops) the
entries whose English changed since the packet was made (*stale*).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from reclaim_i18n.pofile import Catalog, Message, new_message_from
from reclaim_i18n.stats import (
    FUZZY,
    NEEDS_FIXING,
    TRANSLATED,
    UNTRANSLATED,
    is_partial_plural,
    message_state,
    word_count,
)
from reclaim_i18n.textdiff import word_diff

PACKET_HEADER = "X-Reclaim-Packet"
_HEADER_ORDER = ("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date",
                 "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding", "Plural-Forms")


@dataclass(frozen=True)
class TodoItem:
    msg: Message
    state: str                 # "needs-fixing", "untranslated" or "fuzzy"
    position: int              # index in the template (page order)
    finding: object = None     # why it needs fixing (a check's Finding)

    @property
    def words(self) -> int:
        return word_count(self.msg.msgid)

    @property
    def partial(self) -> bool:
        return is_partial_plural(self.msg)

    @property
    def changed(self) -> str | None:
        """The change in the English since the fuzzy translation was made, as a word diff."""
        if self.state != FUZZY or self.msg.previous_msgid is None:
            return None
        return word_diff(self.msg.previous_msgid, self.msg.msgid)


def _order(catalog: Catalog, template: Catalog | None) -> dict:
    source = template.messages if template is not None else catalog.active
    return {m.key: i for i, m in enumerate(source)}


def todo_items(catalog: Catalog, template: Catalog | None = None,
               broken: dict | None = None) -> list[TodoItem]:
    """Entries that need fixing first (``broken``: key → finding, see
    :func:`entry_errors`), then untranslated, then fuzzy ones; each in page order."""
    order = _order(catalog, template)
    broken = broken or {}
    excluded = frozenset(broken)
    items = [TodoItem(m, state, order.get(m.key, len(order)), broken.get(m.key))
             for m in catalog.active
             for state in (message_state(m, excluded),) if state != TRANSLATED]
    rank = {NEEDS_FIXING: 0, UNTRANSLATED: 1, FUZZY: 2}
    return sorted(items, key=lambda it: (rank[it.state], it.position))


def entry_errors(catalog: Catalog, bcp47: str, config) -> dict:
    """Key → first error-level finding of each entry (as ``check`` and ``build`` find)."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.checks.glossary import load_glossary
    from reclaim_i18n.stats import needs_fixing

    return needs_fixing(check_catalog(catalog, bcp47, config,
                                      load_glossary(config.source_dir, strict=False)))


def finding_text(finding) -> str:
    return f"{finding.check}: {finding.message}" + (f" ({finding.hint})" if finding.hint
                                                    else "")


# --------------------------------------------------------------------------- packets


def packet_stamp(bcp47: str, template: Catalog | None) -> str:
    date = template.header_value("POT-Creation-Date") if template is not None else None
    return f"{bcp47} {date or 'unknown'}"


def parse_stamp(packet: Catalog) -> tuple[str | None, str | None]:
    """``X-Reclaim-Packet`` → (locale, template date); (None, None) when absent."""
    value = (packet.header_value(PACKET_HEADER) or "").strip()
    if not value:
        return None, None
    code, _, date = value.partition(" ")
    return code, (date.strip() or None)


def make_packet(catalog: Catalog, template: Catalog | None, bcp47: str,
                english_name: str, broken: dict | None = None) -> Catalog:
    """A PO catalogue of what is left: what needs fixing first (the finding as a ``#.``
    comment), then the rest in the template's order; header from the catalogue."""
    items = sorted(todo_items(catalog, template, broken),
                   key=lambda it: (it.state != NEEDS_FIXING, it.position))
    words = sum(it.words for it in items)
    intro = (f"Work packet: {len(items)} entries ({words} English words) left to translate "
             f"into {english_name}.")
    packet = Catalog(header=Message(msgid="", comments=[
        intro, "Translate them in any PO editor, then bring the file back with:",
        "  reclaim-i18n apply-packet <this file>"]))
    made_from = template if template is not None else catalog
    for name in _HEADER_ORDER:
        value = (made_from if name == "POT-Creation-Date" else catalog).header_value(name)
        if name == "Last-Translator":
            value = ""  # the volunteer's editor fills it in; no address travels with a packet
        if value is not None:
            packet.set_header(name, value)
    packet.set_header(PACKET_HEADER, packet_stamp(bcp47, template))
    packet.messages = [_packet_entry(it) for it in items]
    return packet


def _packet_entry(item: TodoItem) -> Message:
    entry = new_message_from(item.msg)
    if item.finding is not None:  # a #. comment: never copied back into the catalogue
        entry.auto_comments.insert(0, "needs fixing: " + finding_text(item.finding))
    return entry


@dataclass
class ApplyResult:
    locale: str
    applied: list[Message] = field(default_factory=list)
    unchanged: int = 0                 # same translation as in the catalogue already
    empty: int = 0                     # left untranslated in the packet
    stale: list[tuple[Message, str]] = field(default_factory=list)       # (entry, English now)
    conflicts: list[tuple[Message, Message]] = field(default_factory=list)  # (packet, catalogue)
    rejected: list[tuple[Message, str]] = field(default_factory=list)    # (entry, why)
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return len(self.stale) + len(self.conflicts) + len(self.rejected)


def english_now(entry: Message, template: Catalog | None) -> str:
    """The current English of a stale entry's field (the most similar text), or ''."""
    if template is None:
        return ""
    same = [m.msgid for m in template.messages if m.msgctxt == entry.msgctxt]
    if not same:
        return ""
    return max(same, key=lambda t: difflib.SequenceMatcher(None, entry.msgid, t).ratio())


def merge_packet(catalog: Catalog, packet: Catalog, bcp47: str, template: Catalog | None,
                 nplurals: int, rejected: dict | None = None,
                 to_fix: frozenset = frozenset()) -> ApplyResult:
    """Merge ``packet`` into ``catalog`` (in place); ``rejected``: key → why (check errors);
    ``to_fix``: the catalogue's entries that need fixing (a fix may replace them)."""
    result = ApplyResult(bcp47)
    index = catalog.index()
    current = {m.key: m for m in template.messages} if template is not None else index
    rejected = rejected or {}
    for entry in packet.active:
        target = index.get(entry.key)
        source = current.get(entry.key)
        if not entry.has_translation:
            result.empty += 1
        elif target is None or source is None or source.msgid_plural != entry.msgid_plural:
            result.stale.append((entry, english_now(entry, template)))
        elif entry.key in rejected:
            result.rejected.append((entry, rejected[entry.key]))
        elif entry.is_plural and len(entry.msgstr_plural) != nplurals:
            result.rejected.append((entry, (f"{len(entry.msgstr_plural)} plural forms; the "
                                            f"catalogue has {nplurals}")))
        elif target.translated and entry.key not in to_fix:  # finished work stays
            if target.translations == entry.translations:
                result.unchanged += 1
            else:
                result.conflicts.append((entry, target))
        elif target.translations == entry.translations and target.fuzzy == entry.fuzzy:
            result.unchanged += 1
        else:
            _take(target, entry)
            result.applied.append(entry)
    return result


def _take(target: Message, entry: Message) -> None:
    target.set_translations(entry.translations)
    target.set_fuzzy(entry.fuzzy)
    if entry.comments != target.comments:
        target.comments = list(entry.comments)
    if not target.fuzzy:
        target.previous_msgctxt = target.previous_msgid = target.previous_msgid_plural = None


# ------------------------------------------------------------------------------ I/O


def read_catalogs(config, bcp47: str) -> tuple[Catalog, Catalog | None]:
    """The catalogue of ``bcp47`` (must exist) and the template (None if there is none)."""
    from reclaim_i18n.errors import CatalogError
    from reclaim_i18n.pofile import read_po

    path = config.po_path(bcp47)
    if not path.exists():
        raise CatalogError("no catalogue for this language yet", path,
                           hint=f"run 'reclaim-i18n init {bcp47}' or 'reclaim-i18n update'")
    catalog = read_po(path)
    template = read_po(config.pot_path) if config.pot_path.exists() else None
    return catalog, template


def packet_locale(config, packet: Catalog, requested: str | None) -> str:
    """The packet's language: --locale, else its X-Reclaim-Packet or Language header."""
    from reclaim_i18n.errors import CatalogError
    from reclaim_i18n.locales import bcp47_code

    stamped, _ = parse_stamp(packet)
    if stamped is None and packet.language:
        try:
            stamped = bcp47_code(packet.language.strip())
        except ValueError:
            stamped = None
    if requested is None and stamped is None:
        raise CatalogError("the packet names no language", packet.path,
                           hint="give it with --locale, e.g. --locale de")
    code = config.select([requested or stamped],
                         what="--locale" if requested else "the packet's language")[0]
    if stamped is not None and requested is not None and config.select([stamped])[0] != code:
        raise CatalogError(f"the packet is for {stamped!r}, not {requested!r}", packet.path,
                           hint="apply it to its own language (leave out --locale)")
    return code


def check_errors(packet: Catalog, bcp47: str, config) -> tuple[dict, list[str]]:
    """Entries the checks find errors in (key → why), and notes on everything else."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.checks.glossary import load_glossary
    from reclaim_i18n.model import Severity
    from reclaim_i18n.stats import needs_fixing

    findings = check_catalog(packet, bcp47, config,
                             load_glossary(config.source_dir, strict=False))
    errors = needs_fixing(findings)
    rejected = {key: f"{f.check}: {f.message}" for key, f in errors.items()}
    notes = [f"{f.path}:{f.line}: {f.severity.value}: {f.message}" for f in findings
             if f.severity != Severity.ERROR or f.msgid is None]  # the rest: rejected
    return rejected, notes


def translator_of(packet: Catalog, given: str | None) -> str | None:
    """Who translated the packet: ``given`` (--translator), else the packet's
    Last-Translator unless it is empty or the template's placeholder."""
    # whitespace collapsed: a line break would start another header field
    name = " ".join((given if given is not None
                     else packet.header_value("Last-Translator") or "").split())
    return None if not name or name.upper().startswith("FULL NAME") else name


def record_revision(catalog: Catalog, translator: str | None, stamp: str) -> None:
    """Stamp who changed the catalogue and when (gettext's ``YYYY-MM-DD HH:MM+ZZZZ``)."""
    catalog.set_header("PO-Revision-Date", stamp)
    if translator:
        catalog.set_header("Last-Translator", translator)


def apply_packet(config, path, requested: str | None = None, dry_run: bool = False,
                 translator: str | None = None) -> ApplyResult:
    """Read, check and merge a packet into its catalogue; write it atomically."""
    from reclaim_i18n.checks.flags import with_catalog_ignores
    from reclaim_i18n.content.extract import now_stamp
    from reclaim_i18n.packets.suggest import keep_suggestions
    from reclaim_i18n.plurals.catalog import catalog_plurals
    from reclaim_i18n.pofile import read_po, write_po

    packet = path if isinstance(path, Catalog) else read_po(path)  # a Catalog: from packets/
    code = packet_locale(config, packet, requested)
    catalog, template = read_catalogs(config, code)
    with_catalog_ignores(packet, catalog)
    rejected, notes = check_errors(packet, code, config)
    nplurals, _ = catalog_plurals(catalog, code)
    to_fix = frozenset(entry_errors(catalog, code, config))
    result = merge_packet(catalog, packet, code, template, nplurals, rejected, to_fix)
    result.notes = notes
    _, made_from = parse_stamp(packet)
    now = template.header_value("POT-Creation-Date") if template is not None else None
    if made_from and now and made_from != now:
        result.notes.insert(0, f"the English was updated since the packet was made "
                               f"({made_from} → {now}); only entries still current are applied")
    suggested = keep_suggestions(catalog, result, dry_run)   # stale: kept, never applied
    result.notes += suggested
    if dry_run or not (result.applied or suggested):
        return result
    name = translator_of(packet, translator) if result.applied else None
    who = _recorded_name(name, given=translator is not None)
    if result.applied:
        record_revision(catalog, name, now_stamp())
    write_po(catalog, catalog.path)   # one write: applied entries and suggestions together
    if who:  # four eyes: this person may not approve these entries (review/)
        from reclaim_i18n.review.workflow import record_translators

        record_translators(config, code, result.applied, who, catalog=catalog)
    return result


def _recorded_name(name: str | None, given: bool) -> str | None:
    """The translator's name as the review records keep it (no e-mail address); a
    --translator that is only an address is refused, a packet header's is skipped."""
    from reclaim_i18n.review.policy import ReviewError, person_name

    if not name:
        return None
    try:
        return person_name(name, "--translator")
    except ReviewError:
        if given:
            raise
        return None
