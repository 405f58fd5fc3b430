"""Pages of source content: YAML → a tree of fields → translatable units.

The format is described in ``source_content/README.md``. The context of a message is
the path of its field (``home/should/employer/answer``): ids and keys, never positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reclaim_i18n.content.markdown import Block, MarkdownError, split_blocks
from reclaim_i18n.content.yamlsrc import Node, load_yaml
from reclaim_i18n.errors import SourceError
from reclaim_i18n.model import SourceUnit

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_BRACE = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")
_TEXT_KEYS = {"text", "note", "max-length", "url"}
_PLURAL_KEYS = {"one", "other", "note"}
_DATA_KEYS = {"translate", "value"}
_PAGE_META = {"page"}


@dataclass(frozen=True)
class TextField:
    ctxt: str
    blocks: tuple[Block, ...]
    line: int
    note: str | None = None
    max_length: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class PluralField:
    ctxt: str
    one: str
    other: str
    line: int
    note: str | None = None


@dataclass(frozen=True)
class DataField:
    value: object


@dataclass(frozen=True)
class Page:
    id: str
    path: Path
    tree: dict   # key → TextField | PluralField | DataField | list[dict] ; "id" → str


def page_files(source_dir: Path) -> list[Path]:
    pages = source_dir / "pages"
    if not pages.is_dir():
        raise SourceError("no pages folder", pages,
                          hint="source content lives in <source-dir>/pages/*.yaml")
    files = sorted(p for p in pages.glob("*.yaml") if p.is_file())
    if not files:
        raise SourceError("no *.yaml pages found", pages)
    return files


def load_page(path: Path) -> Page:
    root = load_yaml(path)
    if not isinstance(root.value, dict):
        raise SourceError("a page must be a mapping with 'page:' and 'sections:'", path,
                          root.line)
    page_node = root.value.get("page")
    if page_node is None or page_node.value != path.stem:
        raise SourceError(f"'page:' must be {path.stem!r} (the file name)", path,
                          page_node.line if page_node else root.line)
    walker = _Walker(path)
    tree = walker.mapping(root, path.stem, skip=_PAGE_META)
    tree["id"] = path.stem
    return Page(path.stem, path, tree)


class _Walker:
    def __init__(self, path: Path):
        self.path = path
        self.seen: dict[str, int] = {}

    def error(self, message: str, line: int, hint: str = "") -> SourceError:
        return SourceError(message, self.path, line, hint=hint or None)

    def mapping(self, node: Node, ctxt: str, skip=frozenset()) -> dict:
        out: dict = {}
        for key, child in node.value.items():
            if key in skip or key == "id":
                continue
            if not _ID.match(key):
                raise self.error(f"field name {key!r} must be lowercase letters, digits, '-'",
                                 child.line)
            out[key] = self.field(child, f"{ctxt}/{key}", key)
        return out

    def field(self, node: Node, ctxt: str, key: str):
        value = node.value
        if isinstance(value, str):
            return self.text(value, node.line, ctxt, {})
        if isinstance(value, list):
            return self.items(node, ctxt.rsplit("/", 1)[0], key)
        if isinstance(value, dict):
            return self.structured(node, ctxt)
        raise self.error(f"field {key!r} has a {type(value).__name__} value",
                         node.line, "a field is text, a mapping (text/one+other/"
                         "translate: false) or a list of items with ids")

    def items(self, node: Node, parent_ctxt: str, key: str) -> list[dict]:
        out, ids = [], set()
        for item in node.value:
            if not isinstance(item.value, dict) or "id" not in item.value:
                raise self.error(f"each item of {key!r} must be a mapping with an 'id'",
                                 item.line, "for a list of names use translate: false")
            item_id = item.value["id"].value
            if not isinstance(item_id, str) or not _ID.match(item_id):
                raise self.error(f"id {item_id!r} must be lowercase letters, digits and '-'",
                                 item.value["id"].line)
            if item_id in ids:
                raise self.error(f"id {item_id!r} is used twice in {key!r}", item.line)
            ids.add(item_id)
            fields = self.mapping(item, f"{parent_ctxt}/{item_id}")
            out.append({"id": item_id, **fields})
        return out

    def structured(self, node: Node, ctxt: str):
        keys = set(node.value)
        v = node.value
        if "translate" in keys:
            if v["translate"].value is not False or "value" not in keys or keys - _DATA_KEYS:
                raise self.error("a data field is exactly 'translate: false' and 'value:'",
                                 node.line)
            return DataField(v["value"].plain())
        if "one" in keys or "other" in keys:
            if keys - _PLURAL_KEYS or not {"one", "other"} <= keys:
                raise self.error("a plural field has 'one:' and 'other:' (and 'note:')",
                                 node.line)
            one, other = (self.string(v[k], k) for k in ("one", "other"))
            self.claim(ctxt, node.line)
            note = self.string(v["note"], "note") if "note" in v else None
            return PluralField(ctxt, one, other, node.line, note)
        if "text" in keys:
            if keys - _TEXT_KEYS:
                raise self.error(f"unknown key {min(keys - _TEXT_KEYS)!r}", node.line,
                                 "a text field may have: " + ", ".join(sorted(_TEXT_KEYS)))
            return self.text(self.string(v["text"], "text"), v["text"].line, ctxt, v)
        raise self.error("this mapping is neither text, plural nor data", node.line,
                         "use 'text:', 'one:'/'other:' or 'translate: false' + 'value:'")

    def string(self, node: Node, key: str) -> str:
        if not isinstance(node.value, str) or not node.value.strip():
            raise self.error(f"{key!r} must be non-empty text", node.line)
        return node.value

    def text(self, value: str, line: int, ctxt: str, meta: dict) -> TextField:
        first = line + 1 if "\n" in value.strip() else line
        try:
            blocks = tuple(split_blocks(value))
        except MarkdownError as exc:
            raise self.error(str(exc), first + exc.line, exc.hint) from None
        if not blocks:
            raise self.error("text is empty", line)
        self.claim(ctxt, line)
        max_length = meta["max-length"].value if "max-length" in meta else None
        if max_length is not None and (isinstance(max_length, bool)
                                       or not isinstance(max_length, int) or max_length < 1):
            raise self.error("max-length must be a positive whole number", meta["max-length"].line)
        url = meta["url"].value if "url" in meta else None
        if url is not None and not (isinstance(url, str) and re.match(r"^(https?://|/|#)", url)):
            raise self.error(f"url {url!r} must start with https://, / or #", meta["url"].line)
        note = self.string(meta["note"], "note") if "note" in meta else None
        return TextField(ctxt, blocks, first, note, max_length, url)

    def claim(self, ctxt: str, line: int) -> None:
        """Two fields must not share a context (lists' names are not part of it)."""
        owner = self.seen.setdefault(ctxt, line)
        if owner != line:
            raise self.error(f"context {ctxt!r} is used by the field at line {owner} too",
                             line, "give the items of the two lists different ids")


def iter_fields(tree, path: tuple[str, ...] = ()):
    """(path, field) for every translatable field of a page tree, in document order."""
    for key, value in tree.items():
        if key == "id":
            continue
        if isinstance(value, (TextField, PluralField)):
            yield path + (key,), value
        elif isinstance(value, list):
            for item in value:
                yield from iter_fields(item, path + (key, item["id"]))


def page_units(page: Page, ref: str, with_lines: bool = False) -> list[SourceUnit]:
    """The translatable units of a page in document order (duplicates not yet merged)."""
    units = []
    for _, field in iter_fields(page.tree):
        if isinstance(field, PluralField):
            units.append(_plural_unit(field, ref, with_lines))
            continue
        for block in field.blocks:
            line = field.line + block.line
            comments = [_where(field.ctxt, block.kind)]
            if field.note:
                comments.append(field.note.strip())
            if field.max_length:
                comments.append(f"At most {field.max_length} characters "
                                f"(max-length:{field.max_length}).")
            units.append(SourceUnit(
                msgctxt=field.ctxt, msgid=block.text, comments=tuple(comments),
                flags=_flags(block.text), refs=(f"{ref}:{line}" if with_lines else ref,)))
    return units


def _plural_unit(field: PluralField, ref: str, with_lines: bool) -> SourceUnit:
    comments = [_where(field.ctxt, "plural"),
                "{count} is replaced by the number; translate every plural form."]
    if field.note:
        comments.append(field.note.strip())
    return SourceUnit(msgctxt=field.ctxt, msgid=field.one.strip(),
                      msgid_plural=field.other.strip(), comments=tuple(comments),
                      flags=_flags(field.one + field.other),
                      refs=(f"{ref}:{field.line}" if with_lines else ref,))


_KIND_BY_KEY = {"heading": "heading", "title": "page title", "description": "page description",
                "cta": "button", "question": "question", "answer": "answer", "link": "link",
                "slogan": "slogan", "role": "a person's role", "intro": "introduction"}


def _where(ctxt: str, kind: str) -> str:
    parts = ctxt.split("/")
    if kind == "paragraph":
        kind = _KIND_BY_KEY.get(parts[-1], kind)
    return f"Page “{parts[0]}”, {' › '.join(parts[1:])} ({kind})."


def _flags(text: str) -> tuple[str, ...]:
    return ("python-brace-format",) if _BRACE.search(text) else ()
