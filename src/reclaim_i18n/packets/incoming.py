"""Rows read back from a spreadsheet or XLIFF → a PO packet that the PO rules apply.

Every row is checked against the catalogue before anything is merged: its id must be one
this tool wrote, its English and context must be those of the id (an edited English or id
is reported, not applied), a formula is reported. A message whose id is not in the
catalogue any more had its English changed since the packet was made: it goes into the
packet with its old English, so :func:`~reclaim_i18n.packets.po.merge_packet` lists it as
stale (and it is kept as a suggestion, see :mod:`reclaim_i18n.packets.suggest`). A
message with any reported row is not applied at all.

Fuzzy: a status of ``done`` (a spreadsheet's Status, XLIFF ``translated``/``final``/
``signed-off``) confirms a translation; ``review`` (XLIFF ``needs-review-*``) keeps it
fuzzy; otherwise a translation that differs from the catalogue's is taken as finished and
an unchanged fuzzy one stays fuzzy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reclaim_i18n.packets.po import PACKET_HEADER
from reclaim_i18n.packets.rows import form_english, message_digest, parse_row_id
from reclaim_i18n.plurals.expressions import plural_function
from reclaim_i18n.pofile import Catalog, Message, new_message_from


@dataclass
class InRow:
    line: int                  # spreadsheet row, or line of the XML element
    id: str
    msgctxt: str | None        # as the file says (id cell, resname); None: not said
    english: str
    translation: str
    status: str | None = None  # "done", "review" or None
    problem: str | None = None  # found by the reader (a formula, …)


@dataclass
class Incoming:
    path: str
    locale: str | None
    stamp: str | None          # the X-Reclaim-Packet value
    rows: list[InRow] = field(default_factory=list)
    unit: str = "row"          # what the numbers after "path:" are: "row" or "line"


def _text(value: str) -> str:
    return value.replace("\r\n", "\n")


def header_packet(incoming: Incoming) -> Catalog:
    """A PO packet with the file's language and stamp, no entries yet."""
    packet = Catalog(path=incoming.path)
    if incoming.locale:
        packet.set_header("Language", incoming.locale)
    if incoming.stamp:
        packet.set_header(PACKET_HEADER, incoming.stamp)
    return packet


def _reported(row: InRow, why: str) -> tuple[Message, str]:
    entry = Message(msgid=_text(row.english), msgctxt=row.msgctxt, line=row.line,
                    msgstr_line=row.line)
    return entry, why


def _check_current(rows: list[InRow], msg: Message, english_of) -> list:
    problems = []
    for row in rows:
        _, form = parse_row_id(row.id)
        if (form is None) == msg.is_plural or (form is not None and english_of(form) is None):
            problems.append(_reported(row, "the id names a plural form the message does not "
                                           "have: the id cell was edited"))
        elif row.msgctxt is not None and row.msgctxt != (msg.msgctxt or ""):
            problems.append(_reported(row, "the id cell was edited: not applied"))
        elif _text(row.english) != english_of(form):
            problems.append(_reported(row, "the English in this row was changed (it must "
                                           "stay as it was exported): not applied"))
    return problems


def _translations(rows: list[InRow], nplurals: int | None) -> tuple[list[str], list]:
    forms: dict[int | None, InRow] = {}
    problems = []
    for row in rows:
        _, form = parse_row_id(row.id)
        first = forms.setdefault(form, row)
        if first is not row and _text(first.translation) != _text(row.translation):
            problems.append(_reported(row, f"a second row for the same text, with another "
                                           f"translation than row {first.line}"))
    if nplurals is None:
        return [_text(forms[None].translation if None in forms else "")], problems
    return [_text(forms[i].translation) if i in forms else "" for i in range(nplurals)], problems


def _stale(rows: list[InRow], digest: str, rule: tuple[int, int]):
    """The message as exported, rebuilt from the rows' English when it verifies."""
    nplurals, one_form = rule
    msgctxt = rows[0].msgctxt
    forms = {parse_row_id(r.id)[1]: _text(r.english) for r in rows}
    if None in forms:
        msgid, plural = forms[None], None
    else:
        others = [text for i, text in sorted(forms.items()) if i != one_form or nplurals == 1]
        msgid, plural = forms.get(one_form, ""), (others[0] if others else "")
    if message_digest(msgctxt, msgid, plural) != digest:
        return None
    return Message(msgid=msgid, msgctxt=msgctxt, msgid_plural=plural)


def _message(rows, digest, current, catalog_rule) -> tuple[Message | None, list]:
    problems = [_reported(r, r.problem) for r in rows if r.problem]
    nplurals, one_form = catalog_rule
    msg = current.get(digest)
    if msg is not None:
        def english_of(form):
            if form is None:
                return msg.msgid
            return (form_english(msg.msgid, msg.msgid_plural, form, one_form, nplurals)
                    if form < nplurals else None)
        problems += _check_current(rows, msg, english_of)
        entry = new_message_from(msg)
    else:
        entry = _stale(rows, digest, catalog_rule)
        if entry is None:
            return None, problems + [_reported(r, (
                "its id matches no entry and its English does not match its id: the id or "
                "the English was edited, or it was never part of a packet")) for r in rows]
    translations, more = _translations(rows, nplurals if entry.is_plural else None)
    problems += more
    if problems:
        return None, problems
    _fill(entry, translations, rows, msg)
    return entry, []


def _fill(entry: Message, translations: list[str], rows: list[InRow], msg) -> None:
    if entry.is_plural:
        entry.msgstr_plural = translations
    else:
        entry.msgstr = translations[0]
    statuses = {r.status for r in rows}
    unchanged = msg is not None and msg.translations == translations and msg.fuzzy
    entry.set_fuzzy("review" in statuses or (unchanged and "done" not in statuses))
    entry.line = rows[0].line
    filled = [r for r in rows if r.translation.strip()]
    entry.msgstr_line = (filled or rows)[0].line


def fill_packet(packet: Catalog, incoming: Incoming, catalog: Catalog,
                rule: tuple[int, str]) -> list[tuple[Message, str]]:
    """Put the incoming rows into ``packet`` as PO entries; returns the reported rows."""
    current = {message_digest(m.msgctxt, m.msgid, m.msgid_plural): m for m in catalog.active}
    groups: dict[str, list[InRow]] = {}
    problems = []
    for row in incoming.rows:
        parsed = parse_row_id(row.id)
        if parsed is None:
            problems.append(_reported(row, "no id this tool wrote (a row added by hand, or "
                                           "its id cell edited): not applied"))
        else:
            groups.setdefault(parsed[0], []).append(row)
    nplurals, expr = rule
    for plural in ("Plural-Forms", "Content-Type"):
        if catalog.header_value(plural):
            packet.set_header(plural, catalog.header_value(plural))
    for digest, rows in groups.items():
        entry, reported = _message(rows, digest, current,
                                   (nplurals, plural_function(expr)(1)))
        problems += reported
        if entry is not None:
            packet.messages.append(entry)
    return problems
