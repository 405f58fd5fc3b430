"""What is left to translate in one language, and work packets to carry it away and back.

``todo``: the untranslated entries, then the fuzzy ones (with what changed in the
English), each group in the template's order, which is the order a reader meets them.

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
    TRANSLATED,
    UNTRANSLATED,
    is_partial_plural,
    message_state,
    word_count,
)

PACKET_HEADER = "X-Reclaim-Packet"
_HEADER_ORDER = ("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date",
                 "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding", "Plural-Forms")


@dataclass(frozen=True)
class TodoItem:
    msg: Message
    state: str                 # "untranslated" or "fuzzy"
    position: int              # index in the template (page order)

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


def word_diff(old: str, new: str) -> str:
    """``[-removed-]{+added+}`` between two texts, word by word (as ``git diff --word-diff``)."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _order(catalog: Catalog, template: Catalog | None) -> dict:
    source = template.messages if template is not None else catalog.active
    return {m.key: i for i, m in enumerate(source)}


def todo_items(catalog: Catalog, template: Catalog | None = None) -> list[TodoItem]:
    """Untranslated entries first, then fuzzy ones; each in the template's (page) order."""
    order = _order(catalog, template)
    items = [TodoItem(m, message_state(m), order.get(m.key, len(order)))
             for m in catalog.active if message_state(m) != TRANSLATED]
    rank = {UNTRANSLATED: 0, FUZZY: 1}
    return sorted(items, key=lambda it: (rank[it.state], it.position))


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
                english_name: str) -> Catalog:
    """A PO catalogue of what is left, in the template's order, header from the catalogue."""
    items = sorted(todo_items(catalog, template), key=lambda it: it.position)
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
    packet.messages = [new_message_from(it.msg) for it in items]
    return packet


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
                 nplurals: int, rejected: dict | None = None) -> ApplyResult:
    """Merge ``packet`` into ``catalog`` (in place); ``rejected``: key → why (check errors)."""
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
        elif target.translated:  # finished work is never overwritten
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
    if target.is_plural:
        target.msgstr_plural = list(entry.msgstr_plural)
    else:
        target.msgstr = entry.msgstr
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
    code = config.select([requested or stamped])[0]
    if stamped is not None and requested is not None and config.select([stamped])[0] != code:
        raise CatalogError(f"the packet is for {stamped!r}, not {requested!r}", packet.path,
                           hint="apply it to its own language (leave out --locale)")
    return code


def check_errors(packet: Catalog, bcp47: str, config) -> tuple[dict, list[str]]:
    """Entries the checks find errors in (key → why), and notes on everything else."""
    from reclaim_i18n.checks import check_catalog
    from reclaim_i18n.checks.glossary import load_glossary
    from reclaim_i18n.model import Severity

    rejected: dict = {}
    notes = []
    for f in check_catalog(packet, bcp47, config, load_glossary(config.source_dir, strict=False)):
        key = (f.msgctxt, f.msgid)
        if f.severity == Severity.ERROR and f.msgid is not None:
            rejected.setdefault(key, f"{f.check}: {f.message}")
        else:
            notes.append(f"{f.path}:{f.line}: {f.severity.value}: {f.message}")
    return rejected, notes


def apply_packet(config, path, requested: str | None = None,
                 dry_run: bool = False) -> ApplyResult:
    """Read, check and merge a packet into its catalogue; write it atomically."""
    from reclaim_i18n.plurals.catalog import catalog_plurals
    from reclaim_i18n.pofile import read_po, write_po

    packet = path if isinstance(path, Catalog) else read_po(path)  # a Catalog: from packets/
    code = packet_locale(config, packet, requested)
    catalog, template = read_catalogs(config, code)
    rejected, notes = check_errors(packet, code, config)
    nplurals, _ = catalog_plurals(catalog, code)
    result = merge_packet(catalog, packet, code, template, nplurals, rejected)
    result.notes = notes
    _, made_from = parse_stamp(packet)
    now = template.header_value("POT-Creation-Date") if template is not None else None
    if made_from and now and made_from != now:
        result.notes.insert(0, f"the English was updated since the packet was made "
                               f"({made_from} → {now}); only entries still current are applied")
    if result.applied and not dry_run:
        stamp = packet.header_value("PO-Revision-Date") or ""
        if stamp[:1].isdigit() and stamp > (catalog.header_value("PO-Revision-Date") or ""):
            catalog.set_header("PO-Revision-Date", stamp)
        write_po(catalog, catalog.path)
    return result
