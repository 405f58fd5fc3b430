"""Source pages + catalogues → one locale's bundle: every value in the language, or its
fallback's, with each fallback recorded. Pure: no file is read or written here.

The schema is described in ``README.md`` beside this module.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from reclaim_i18n.build.entries import Key, publishable
from reclaim_i18n.content.markdown import join_blocks
from reclaim_i18n.content.pages import DataField, Page, PluralField, TextField
from reclaim_i18n.locales import language
from reclaim_i18n.model import SourceUnit
from reclaim_i18n.plurals.categories import bridge_forms, categories, forms_to_categories
from reclaim_i18n.pofile import Catalog, Message

SCHEMA = 1
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Layer:
    """The publishable entries of one catalogue and the rule that numbers its forms."""

    code: str
    messages: dict[Key, Message]
    nplurals: int
    expr: str


@dataclass(frozen=True)
class Source:
    """The English content: pages (in site order) and the templates' interface strings."""

    pages: tuple[Page, ...]
    ui: tuple[SourceUnit, ...]
    language: str = "en"
    updated: str | None = None


def make_layer(code: str, catalog: Catalog, excluded: set[Key] | frozenset = frozenset()
               ) -> Layer:
    from reclaim_i18n.plurals.catalog import catalog_plurals

    nplurals, expr = catalog_plurals(catalog, code)
    return Layer(code, publishable(catalog, excluded, nplurals), nplurals, expr)


def revision_date(catalog: Catalog) -> str | None:
    """The catalogue's own date (PO-Revision-Date, else POT-Creation-Date), as YYYY-MM-DD."""
    for name in ("PO-Revision-Date", "POT-Creation-Date"):
        match = _DATE.match(catalog.header_value(name) or "")
        if match:
            return match.group(1)
    return None


@dataclass
class _Resolver:
    code: str
    layers: list[Layer]
    source_language: str
    fallbacks: dict = field(default_factory=dict)

    def _origin(self, layer_code: str) -> str | None:
        return None if layer_code == self.code else layer_code

    def farthest(self, a: str | None, b: str | None) -> str | None:
        """Of two origins, the one later in the chain (the source language is last)."""
        order = [layer.code for layer in self.layers] + [self.source_language]
        if a is None or b is None:
            return a or b
        return a if order.index(a) >= order.index(b) else b

    def text(self, ctxt: str | None, msgid: str) -> tuple[str, str | None]:
        for layer in self.layers:
            msg = layer.messages.get((ctxt, msgid))
            if msg is not None and not msg.is_plural:
                return msg.msgstr, self._origin(layer.code)
        return msgid, self._origin(self.source_language)

    def plural(self, ctxt: str | None, one: str, other: str) -> tuple[dict, str | None]:
        for layer in self.layers:
            msg = layer.messages.get((ctxt, one))
            if msg is not None and msg.is_plural:
                forms = forms_to_categories(layer.code, layer.nplurals, layer.expr,
                                            msg.msgstr_plural)
                return bridge_forms(self.code, layer.code, forms), self._origin(layer.code)
        forms = {"one": one, "other": other}
        return (bridge_forms(self.code, self.source_language, forms),
                self._origin(self.source_language))


def build_bundle(code: str, source: Source, layers: list[Layer], chain: tuple[str, ...] = (),
                 updated: str | None = None) -> dict:
    """The bundle of ``code``: ``layers`` are its own catalogue, then its fallbacks'."""
    resolver = _Resolver(code, list(layers), source.language)
    kinds: dict[str, str] = {}
    page_fallbacks: dict[str, str] = {}
    pages = {}
    for page in source.pages:
        walker = _Walker(resolver, kinds, page_fallbacks)
        pages[page.id] = {"id": page.id, **walker.mapping(page.tree, page.id)}
    ui, ui_fallbacks = _ui(source.ui, resolver)
    lang = language(code)
    return {
        "schema": SCHEMA,
        "locale": code,
        "gettext": lang.gettext,
        "native_name": lang.native_name,
        "direction": lang.direction,
        "source_language": source.language,
        "fallback_chain": [c for c in chain if c != code],
        "plural_categories": list(categories(code)),
        "updated": updated if updated is not None else source.updated,
        "pages": pages,
        "fields": dict(sorted(kinds.items())),
        "ui": ui,
        "fallbacks": {"pages": dict(sorted(page_fallbacks.items())), "ui": ui_fallbacks},
    }


@dataclass
class _Walker:
    resolver: _Resolver
    kinds: dict
    fallbacks: dict

    def mapping(self, tree: dict, path: str) -> dict:
        out = {}
        for key, value in tree.items():
            if key == "id":
                continue
            out[key] = self.value(value, f"{path}/{key}", path)
        return out

    def value(self, value, path: str, parent: str):
        if isinstance(value, TextField):
            return self.text(value)
        if isinstance(value, PluralField):
            forms, origin = self.resolver.plural(value.ctxt, value.one.strip(),
                                                 value.other.strip())
            self.record(value.ctxt, "plural", origin)
            return forms
        if isinstance(value, DataField):
            self.kinds[path] = "data"
            return copy.deepcopy(value.value)
        if isinstance(value, list):
            return [{"id": item["id"], **self.mapping(item, f"{parent}/{item['id']}")}
                    for item in value]
        raise TypeError(f"unexpected field {type(value).__name__} at {path}")

    def text(self, value: TextField):
        texts, origin = [], None
        for block in value.blocks:
            text, came_from = self.resolver.text(value.ctxt, block.text)
            texts.append(text)
            origin = self.resolver.farthest(origin, came_from)
        markdown = join_blocks(list(value.blocks), texts)
        self.record(value.ctxt, "link" if value.url else "markdown", origin)
        return {"text": markdown, "url": value.url} if value.url else markdown

    def record(self, ctxt: str, kind: str, origin: str | None) -> None:
        self.kinds[ctxt] = kind
        if origin:
            self.fallbacks[ctxt] = origin


def _ui(units: tuple[SourceUnit, ...], resolver: _Resolver) -> tuple[dict, dict]:
    ui: dict[str, dict] = {}
    fallbacks: dict[str, dict] = {}
    for unit in sorted(units, key=lambda u: (u.msgctxt or "", u.msgid)):
        ctxt = unit.msgctxt or ""
        if unit.msgid_plural is not None:
            value, origin = resolver.plural(unit.msgctxt, unit.msgid, unit.msgid_plural)
        else:
            value, origin = resolver.text(unit.msgctxt, unit.msgid)
        ui.setdefault(ctxt, {})[unit.msgid] = value
        if origin:
            fallbacks.setdefault(ctxt, {})[unit.msgid] = origin
    return ui, fallbacks


def iter_values(bundle: dict):
    """(path, kind, value) for every field of a bundle's pages, in document order.

    ``path`` is the field's msgctxt (``home/should/employer/answer``): page, ids of items
    and keys of fields, without the names of lists — the same rule as the catalogues.
    """
    kinds = bundle["fields"]

    def walk(node: dict, base: str):
        for key, value in node.items():
            if key == "id":
                continue
            path = f"{base}/{key}"
            if path in kinds:
                yield path, kinds[path], value
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item, f"{base}/{item['id']}")

    for page_id, page in bundle["pages"].items():
        yield from walk(page, page_id)
