"""The format-neutral work packet: one row per message, one per plural form.

Spreadsheets and XLIFF are written from these rows and read back into them. A row's
*id* is ``m`` + a digest of (msgctxt, msgid, msgid_plural), plus ``[i]`` for plural form
``msgstr[i]``: stable while the English stays the same, and different as soon as it
changes, so a row exported before an English change is recognised as stale. The digest
also lets an importer check that a row's English and context were not edited.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from reclaim_i18n.checks.length import max_length
from reclaim_i18n.packets.po import PACKET_HEADER, TodoItem, make_packet, todo_items
from reclaim_i18n.plurals.catalog import catalog_plurals
from reclaim_i18n.plurals.categories import category_indexes
from reclaim_i18n.plurals.expressions import form_examples, plural_function
from reclaim_i18n.pofile import Catalog, Message
from reclaim_i18n.stats import page_of

_ID = re.compile(r"m([0-9a-f]{16})(?:\[(\d)\])?")


@dataclass(frozen=True)
class Row:
    id: str                    # see the module's docstring
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    form: int | None           # i of msgstr[i]; None for a message without plural
    category: str              # CLDR categories of the form ("few"; "many/other"); ""
    examples: str              # numbers that take the form: "2, 3, 4, 22, 23, 24, …"
    page: str
    section: str
    english: str               # the English this row translates (msgid or msgid_plural)
    translation: str
    notes: str
    max_length: int | None
    state: str                 # "untranslated" or "fuzzy"
    approved: bool = False     # from the review records (reclaim_i18n.review.approved_keys)

    @property
    def form_label(self) -> str:
        return f"{self.category} ({self.examples})" if self.form is not None else ""

    @property
    def where(self) -> str:
        return f"{self.page} › {self.section}" if self.section else self.page


@dataclass(frozen=True)
class Sheet:
    """A packet as rows, with what the importer needs to know where it came from."""

    locale: str
    stamp: str                 # the X-Reclaim-Packet value: "<locale> <template date>"
    language: str              # English name of the language
    rows: tuple[Row, ...]


def message_digest(msgctxt: str | None, msgid: str, msgid_plural: str | None) -> str:
    data = json.dumps([msgctxt, msgid, msgid_plural], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def row_id(msg: Message, form: int | None) -> str:
    digest = message_digest(msg.msgctxt, msg.msgid, msg.msgid_plural)
    return f"m{digest}" if form is None else f"m{digest}[{form}]"


def parse_row_id(text: str) -> tuple[str, int | None] | None:
    """``m<digest>[i]`` → (digest, i); None when it is not an id this tool wrote."""
    match = _ID.fullmatch(text.strip())
    if not match:
        return None
    return match.group(1), (int(match.group(2)) if match.group(2) is not None else None)


def form_english(msgid: str, msgid_plural: str, form: int, one_form: int,
                 nplurals: int) -> str:
    """The English shown for ``msgstr[form]``: the singular for the form 1 takes."""
    return msgid if nplurals > 1 and form == one_form else msgid_plural


def plural_labels(bcp47: str, nplurals: int, expr: str) -> list[tuple[str, str]]:
    """(categories, example numbers) of each ``msgstr[i]`` under the catalogue's rule."""
    names: dict[int, list[str]] = {}
    for category, index in category_indexes(bcp47, nplurals, expr).items():
        names.setdefault(index, []).append(category)
    examples = form_examples(nplurals, expr)
    return [("/".join(names.get(i, [])) or f"form {i}", str(examples[i]))
            for i in range(nplurals)]


def _notes(msg: Message, item: TodoItem) -> str:
    lines = list(msg.auto_comments) + list(msg.comments)
    if item.changed:
        lines.append(f"The English changed: {item.changed}")
    return "\n".join(lines)


def _rows_of(msg: Message, item: TodoItem, bcp47: str, rule: tuple[int, str],
             approved: frozenset):
    """The rows of one packet entry (``item``: its to-do state and what changed)."""
    page, section = page_of(msg.msgctxt)
    section = " › ".join(msg.msgctxt.split("/")[1:]) if msg.msgctxt else section
    common = {"msgctxt": msg.msgctxt, "msgid": msg.msgid, "msgid_plural": msg.msgid_plural,
              "page": page, "section": section, "notes": _notes(msg, item),
              "max_length": max_length(msg.flags, msg.auto_comments),
              "state": item.state, "approved": msg.key in approved}
    if not msg.is_plural:
        yield Row(id=row_id(msg, None), form=None, category="", examples="",
                  english=msg.msgid, translation=msg.msgstr, **common)
        return
    nplurals, expr = rule
    one_form = plural_function(expr)(1)
    forms = list(msg.msgstr_plural) + [""] * nplurals
    for i, (category, examples) in enumerate(plural_labels(bcp47, nplurals, expr)):
        yield Row(id=row_id(msg, i), form=i, category=category, examples=examples,
                  english=form_english(msg.msgid, msg.msgid_plural, i, one_form, nplurals),
                  translation=forms[i], **common)


def packet_sheet(catalog: Catalog, template: Catalog | None, bcp47: str,
                 english_name: str, approved: frozenset = frozenset(), *todo_args) -> Sheet:
    """The rows of the PO packet's entries, in its order (``todo_args`` go to
    ``make_packet`` and ``todo_items``, which choose and order what is left)."""
    packet = make_packet(catalog, template, bcp47, english_name, *todo_args)
    items = {it.msg.key: it for it in todo_items(catalog, template, *todo_args)}
    rule = catalog_plurals(catalog, bcp47)
    rows = tuple(row for msg in packet.messages
                 for row in _rows_of(msg, items[msg.key], bcp47, rule, approved))
    return Sheet(bcp47, packet.header_value(PACKET_HEADER) or "", english_name, rows)
