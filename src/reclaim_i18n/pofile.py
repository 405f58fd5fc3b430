"""The one place that reads and writes PO files.

Reading is strict: every syntax or encoding problem is a :class:`CatalogError` naming the
file, the line and what to do. Writing follows GNU gettext (``msgcat``) byte for byte for
entries the tool creates or changes, and keeps the exact text of every entry it did not
change, whatever editor saved it last.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.fsio import atomic_write

MAX_FILE_BYTES = 20 * 1024 * 1024  # a campaign catalogue is ~100 kB; refuse runaway files
MAX_PROBLEMS = 20
WIDTH = 79
MO_MAGICS = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
            "\\": "\\", '"': '"'}
_UNESCAPE_RE = re.compile(r'\\(?:([ntrabfv\\"])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.?))')
_ESCAPE_RE = re.compile(r'[\\"\n\t\r\a\b\f\v]')
_ESCAPE_OUT = {v: "\\" + k for k, v in _ESCAPES.items()}
_KEYWORD_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
_CHARSET_RE = re.compile(rb"charset=\s*([A-Za-z0-9_.:-]+)")
_STATE_FIELDS = ("msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "comments",
                 "auto_comments", "references", "flags", "previous_msgctxt", "previous_msgid",
                 "previous_msgid_plural", "obsolete")


@dataclass(eq=False)
class Message:
    """One PO entry. Lists are in file order; ``msgstr_plural[i]`` is ``msgstr[i]``."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    auto_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0          # line of the first keyword (msgctxt or msgid)
    msgstr_line: int = 0   # line of msgstr / msgstr[0]
    raw: str | None = field(default=None, repr=False)
    _original: tuple | None = field(default=None, repr=False)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translations(self) -> list[str]:
        return list(self.msgstr_plural) if self.is_plural else [self.msgstr]

    @property
    def translated(self) -> bool:
        """Done: every form filled and not fuzzy (a partial plural is not done)."""
        forms = self.translations
        return not self.fuzzy and bool(forms) and all(forms)

    @property
    def has_translation(self) -> bool:
        return any(self.translations)

    def set_fuzzy(self, on: bool) -> None:
        if on and not self.fuzzy:
            self.flags.insert(0, "fuzzy")
        elif not on:
            self.flags = [f for f in self.flags if f != "fuzzy"]

    def state(self) -> tuple:
        return tuple(tuple(v) if isinstance(v, list) else v
                     for v in (getattr(self, name) for name in _STATE_FIELDS))

    @property
    def modified(self) -> bool:
        return self._original is None or self.state() != self._original

    def same_content(self, other: Message) -> bool:
        return self.state() == other.state()


@dataclass(eq=False)
class Catalog:
    """A PO file: the header entry, then entries in file order (obsolete ones last)."""

    header: Message = field(default_factory=lambda: Message(msgid=""))
    messages: list[Message] = field(default_factory=list)
    path: str = ""
    newline: str = "\n"
    bom: bool = False
    charset: str = "utf-8"
    charset_mismatch: bool = False
    trailing: str = ""      # comment lines after the last entry, kept as they were
    source_bytes: bytes | None = field(default=None, repr=False)
    source_order: tuple = field(default=(), repr=False)  # ids of the entries as read

    @property
    def active(self) -> list[Message]:
        return [m for m in self.messages if not m.obsolete]

    @property
    def obsolete(self) -> list[Message]:
        return [m for m in self.messages if m.obsolete]

    def index(self) -> dict[tuple[str | None, str], Message]:
        return {m.key: m for m in self.messages if not m.obsolete}

    # header fields ----------------------------------------------------------
    def header_fields(self) -> list[tuple[str, str]]:
        return parse_header(self.header.msgstr)

    def header_value(self, name: str) -> str | None:
        for key, value in self.header_fields():
            if key.lower() == name.lower():
                return value
        return None

    def set_header(self, name: str, value: str) -> None:
        """Set one header field, keeping the order and every unknown field."""
        items = self.header_fields()
        for i, (key, _) in enumerate(items):
            if key.lower() == name.lower():
                items[i] = (key, value)
                break
        else:
            items.append((name, value))
        self.header.msgstr = "".join(f"{k}: {v}\n" for k, v in items)

    @property
    def plural_forms(self) -> str | None:
        return self.header_value("Plural-Forms")

    @property
    def language(self) -> str | None:
        return self.header_value("Language")


def parse_header(text: str) -> list[tuple[str, str]]:
    items = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        items.append((key.strip(), value.strip()) if sep else (line.strip(), ""))
    return items


# ----------------------------------------------------------------------- reading


def read_po(path: str | Path) -> Catalog:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CatalogError(
                f"file is {size // (1024 * 1024)} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB", path,
                hint="a catalogue of this campaign is far smaller; is this the right file?")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("file not found", path) from None
    except IsADirectoryError:
        raise CatalogError("is a folder, not a PO file", path) from None
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", path) from None
    return parse_po(data, str(path))


def parse_po(data: bytes, path: str = "<string>") -> Catalog:
    text, catalog = _decode(data, path)
    catalog.source_bytes = data
    _Parser(text, path, catalog).run()
    return catalog


def _decode(data: bytes, path: str) -> tuple[str, Catalog]:
    catalog = Catalog(path=path)
    if data[:4] in MO_MAGICS:
        raise CatalogError("this is a compiled .mo file, not a .po text file", path, 1,
                           hint="open the .po file instead; .mo files are built from it")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CatalogError("file is UTF-16; PO files must be UTF-8", path, 1,
                           hint="save the file as UTF-8 in your editor")
    if data.startswith(codecs.BOM_UTF8):
        catalog.bom, data = True, data[3:]
    nul = data.find(b"\0")
    if nul >= 0:
        raise CatalogError("file contains a NUL byte", path, data.count(b"\n", 0, nul) + 1,
                           hint="the file is damaged or not a PO file; restore it from git")
    crlf = data.count(b"\r\n")
    if crlf and crlf >= data.count(b"\n") - crlf:
        catalog.newline = "\r\n"
    declared = _declared_charset(data)
    charset = declared or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise CatalogError(f"the header names an unknown charset {charset!r}", path,
                           _line_of(data, b"charset="),
                           hint="use 'Content-Type: text/plain; charset=UTF-8'") from None
    if codecs.lookup(charset).name != "utf-8" and not data.isascii():
        try:  # a header that says Latin-2 over UTF-8 text: the bytes tell the truth
            text = data.decode("utf-8")
            catalog.charset_mismatch = True
            catalog.charset = "utf-8"
            return text.replace("\r\n", "\n"), catalog
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        raise CatalogError(
            f"byte 0x{byte:02x} is not valid {charset.upper()}"
            + ("" if declared else " (no charset in the header, so UTF-8 was expected)"),
            path, line, hint="save the file as UTF-8, or correct the charset in the header"
        ) from None
    catalog.charset = codecs.lookup(charset).name
    return text.replace("\r\n", "\n"), catalog


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    end = head.find(b"\n\n")
    match = _CHARSET_RE.search(head if end < 0 else head[:end])
    if not match:
        return None
    name = match.group(1).decode("ascii")
    return None if name.upper() == "CHARSET" else name  # POT placeholder


def _line_of(data: bytes, needle: bytes) -> int:
    at = data.find(needle)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else 1


def unescape(body: str) -> str:
    """The inside of a PO string literal → text; ValueError on a bad escape."""
    if "\\" not in body:
        return body

    def repl(m: re.Match) -> str:
        simple, octal, hexa, bad = m.groups()
        if simple:
            return _ESCAPES[simple]
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        raise ValueError(f"unknown escape sequence '\\{bad}'" if bad else "backslash at end")

    return _UNESCAPE_RE.sub(repl, body)


class _Parser:
    """Line-based state machine over the decoded text."""

    def __init__(self, text: str, path: str, catalog: Catalog):
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.path = path
        self.catalog = catalog
        self.problems: list[tuple[int, str, str]] = []

    def fail(self, lineno: int, message: str, hint: str = "") -> None:
        raise CatalogError(message, self.path, lineno, hint=hint or None)

    def run(self) -> None:
        entries = []
        start = None     # index of the entry's first line
        entry: dict | None = None
        for i, line in enumerate(self.lines):
            lineno = i + 1
            stripped = line.strip()
            if not stripped:
                if entry is not None and entry.get("keywords"):
                    entries.append(self._finish(entry, start, i))
                    entry, start = None, None
                continue
            kind, obsolete, rest = self._classify(stripped, lineno)
            begins_new = entry is not None and entry.get("keywords") and (
                kind == "comment" or (kind in ("msgctxt", "msgid") and self._after_msgstr(entry)))
            if begins_new:
                entries.append(self._finish(entry, start, i))
                entry, start = None, None
            if entry is None:
                entry, start = {"comments": [], "keywords": [], "obsolete": None}, i
            if kind == "comment":
                entry["comments"].append((lineno, rest, obsolete))
            else:
                self._keyword(entry, kind, rest, lineno, obsolete)
        if entry is not None:
            if entry.get("keywords"):
                entries.append(self._finish(entry, start, len(self.lines)))
            else:
                self.catalog.trailing = "\n".join(self.lines[start:]) + "\n"
        self._assemble(entries)

    @staticmethod
    def _after_msgstr(entry: dict) -> bool:
        return any(k[0].startswith("msgstr") for k in entry["keywords"])

    def _classify(self, stripped: str, lineno: int) -> tuple[str, bool, str]:
        obsolete = False
        if stripped.startswith("#~"):
            obsolete = True
            rest = stripped[2:].lstrip()
            if rest.startswith("|"):
                return "comment", True, "#" + rest
            if not rest:
                return "comment", True, "#"
            if rest.startswith("#"):
                return "comment", True, rest
            stripped = rest
        if stripped.startswith("#"):
            return "comment", obsolete, stripped
        if stripped.startswith('"'):
            return "continuation", obsolete, stripped
        match = _KEYWORD_RE.match(stripped)
        if not match:
            word = stripped.split()[0][:30]
            self.fail(lineno, f"unexpected text {word!r}",
                      "every line must be a comment (#…), a keyword (msgid, msgstr…) or a "
                      "quoted string continuing the line above")
        return match.group(1), obsolete, match.group(3)

    def _string(self, text: str, lineno: int) -> str:
        text = text.rstrip()
        if not text.startswith('"'):
            self.fail(lineno, "a quoted string is expected here",
                      'text after msgid/msgstr must be in double quotes: msgstr "…"')
        if len(text) < 2 or not text.endswith('"') or _ends_escaped(text):
            self.fail(lineno, "the string is not closed with a double quote",
                      'end the line with " (a quote inside the text is written \\")')
        body = text[1:-1]
        if _has_bare_quote(body):
            self.fail(lineno, "a double quote inside the text is not escaped",
                      'write a quote inside the text as \\"')
        try:
            return unescape(body)
        except ValueError as exc:
            self.fail(lineno, str(exc), "write a backslash as \\\\ and a newline as \\n")
        return ""  # unreachable

    def _keyword(self, entry: dict, kind: str, rest: str, lineno: int, obsolete: bool) -> None:
        if entry["obsolete"] is None:
            entry["obsolete"] = obsolete
        elif entry["obsolete"] != obsolete:
            self.fail(lineno, "an entry mixes obsolete (#~) and active lines",
                      "remove the #~ marks or add them to every line of the entry")
        if kind == "continuation":
            if not entry["keywords"]:
                self.fail(lineno, "a quoted string without msgid or msgstr before it")
            entry["keywords"][-1][2].append(self._string(rest, lineno))
            return
        name = kind
        if any(k[0] == name for k in entry["keywords"]):
            self.fail(lineno, f"{name} appears twice in one entry",
                      "an empty line is probably missing between two entries")
        entry["keywords"].append((name, lineno, [self._string(rest, lineno)]))

    def _finish(self, entry: dict, start: int, end: int) -> tuple[Message, str]:
        msg = Message(msgid="")
        kw = {name: (lineno, "".join(parts)) for name, lineno, parts in entry["keywords"]}
        first = entry["keywords"][0][1]
        if "msgid" not in kw:
            self.fail(first, "entry has no msgid",
                      "each entry needs msgid \"…\" followed by msgstr \"…\"")
        msg.obsolete = bool(entry["obsolete"])
        msg.line = kw.get("msgctxt", kw["msgid"])[0]
        msg.msgid = kw["msgid"][1]
        msg.msgctxt = kw["msgctxt"][1] if "msgctxt" in kw else None
        plural_keys = sorted((int(n[7:-1]), n) for n in kw if n.startswith("msgstr["))
        if "msgid_plural" in kw:
            msg.msgid_plural = kw["msgid_plural"][1]
            if "msgstr" in kw:
                self.fail(kw["msgstr"][0], "a plural entry (msgid_plural) needs msgstr[0], "
                          "msgstr[1]…, not msgstr")
            if not plural_keys:
                self.fail(kw["msgid_plural"][0], "plural entry has no msgstr[0]",
                          "the file may be cut short; restore it or add the msgstr[n] lines")
            if [i for i, _ in plural_keys] != list(range(len(plural_keys))):
                self.fail(kw[plural_keys[-1][1]][0], "plural forms must be numbered "
                          "msgstr[0], msgstr[1]… without gaps")
            msg.msgstr_plural = [kw[n][1] for _, n in plural_keys]
            msg.msgstr_line = kw[plural_keys[0][1]][0]
        else:
            if plural_keys:
                self.fail(kw[plural_keys[0][1]][0], "msgstr[n] without msgid_plural",
                          "plural translations need a msgid_plural line; use msgstr otherwise")
            if "msgstr" not in kw:
                self.fail(kw["msgid"][0], "entry has no msgstr",
                          "the file may be cut short; add msgstr \"\" after the msgid")
            msg.msgstr = kw["msgstr"][1]
            msg.msgstr_line = kw["msgstr"][0]
        if entry["keywords"][0][0] not in ("msgctxt", "msgid"):
            self.fail(first, f"entry starts with {entry['keywords'][0][0]}, not msgid",
                      "the lines of an entry are msgctxt, msgid, msgid_plural, msgstr")
        self._comments(msg, entry["comments"])
        raw_lines = self.lines[start:end]
        while raw_lines and not raw_lines[-1].strip():
            raw_lines.pop()
        return msg, "\n".join(raw_lines)

    def _comments(self, msg: Message, comments: list) -> None:
        previous: dict[str, list[str]] = {}
        last = None
        for lineno, text, _ in comments:
            tag = text[1:2]
            body = text[2:] if tag in ".:,|" else text[1:]
            if tag == ".":
                msg.auto_comments.append(body.removeprefix(" "))
            elif tag == ":":
                msg.references.extend(body.split())
            elif tag == ",":
                msg.flags.extend(f.strip() for f in body.split(",") if f.strip())
            elif tag == "|":
                body = body.strip()
                match = _KEYWORD_RE.match(body)
                if match and match.group(1) in ("msgctxt", "msgid", "msgid_plural"):
                    last = match.group(1)
                    previous[last] = [self._string(match.group(3), lineno)]
                elif body.startswith('"') and last:
                    previous[last].append(self._string(body, lineno))
                else:
                    self.fail(lineno, "a #| line must hold msgctxt, msgid or msgid_plural",
                              "#| lines record the previous English text; keep them as the "
                              "tool wrote them or delete them")
            else:
                msg.comments.append(body.removeprefix(" "))
        for name, parts in previous.items():
            setattr(msg, "previous_" + name, "".join(parts))

    def _assemble(self, entries: list[tuple[Message, str]]) -> None:
        catalog = self.catalog
        seen: dict[tuple, int] = {}
        for position, (msg, raw) in enumerate(entries):
            msg.raw = raw
            msg._original = msg.state()
            if position == 0 and msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
                catalog.header = msg
                continue
            if msg.msgid == "" and not msg.obsolete:
                self.fail(msg.line, "an entry with an empty msgid that is not the header",
                          "only the first entry (the header) may have msgid \"\"")
            if not msg.obsolete:
                if msg.key in seen:
                    self.fail(msg.line, f"duplicate entry: the same msgid"
                              f"{' and msgctxt' if msg.msgctxt is not None else ''} is at "
                              f"line {seen[msg.key]} already",
                              "keep one of the two entries and delete the other")
                seen[msg.key] = msg.line
            catalog.messages.append(msg)
        catalog.source_order = tuple(id(m) for m in catalog.messages)
        self._check_plurals()

    def _check_plurals(self) -> None:
        from reclaim_i18n.locales import parse_plural_forms

        value = self.catalog.plural_forms
        if value is None or not any(m.is_plural for m in self.catalog.messages):
            return
        try:
            nplurals, _ = parse_plural_forms(value)
        except ValueError as exc:
            self.fail(_header_line(self.catalog.header, "Plural-Forms"),
                      f"bad Plural-Forms header: {exc}")
        for msg in self.catalog.active:
            if msg.is_plural and len(msg.msgstr_plural) != nplurals:
                count = len(msg.msgstr_plural)
                self.fail(msg.msgstr_line, f"entry has {count} plural form{'s' * (count != 1)} "
                          f"but the header says nplurals={nplurals}",
                          "add or remove msgstr[n] lines so the count matches Plural-Forms")


def _header_line(header: Message, field_name: str) -> int:
    """The file line where a header field is written (the header's line if unknown)."""
    if not header.raw:
        return header.line or 1
    lines = header.raw.split("\n")
    first = header.line - next((i for i, l in enumerate(lines) if l.startswith("msgid")), 0)
    for i, line in enumerate(lines):
        if f"{field_name}:" in line:
            return first + i
    return header.line or 1


def _ends_escaped(text: str) -> bool:
    """True if the closing quote of ``"…"`` is itself escaped (odd run of backslashes)."""
    run = len(text) - 1 - len(text[:-1].rstrip("\\"))
    return run % 2 == 1


def _has_bare_quote(body: str) -> bool:
    if '"' not in body:
        return False
    escaped = False
    for ch in body:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            return True
    return False


# ----------------------------------------------------------------------- writing


def escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPE_OUT[m.group(0)], text)


def _wrap(keyword: str, text: str, prefix: str = "", wrap: bool = True,
          width: int = WIDTH, flags: list[str] | tuple = ()) -> list[str]:
    """``keyword "text"`` as GNU gettext lays it out over one or more lines."""
    from reclaim_i18n.powrap import wrap_field

    return wrap_field(keyword, escape(text), prefix, width, wrap, tuple(flags))


def _flag_order(flags: list[str]) -> list[str]:
    """gettext's order: fuzzy, then format flags, then the rest in file order."""
    seen, out = set(), []
    for f in flags:
        if f not in seen:
            seen.add(f)
            out.append(f)
    fmt = [f for f in out if f.endswith("-format") and f != "fuzzy"]
    rest = [f for f in out if f != "fuzzy" and f not in fmt]
    wraps = [f for f in rest if f in ("wrap", "no-wrap")]
    rest = [f for f in rest if f not in wraps]
    return (["fuzzy"] if "fuzzy" in out else []) + fmt + rest + wraps


def format_message(msg: Message, width: int = WIDTH) -> str:
    """One entry, formatted as msgcat writes it (no trailing newline)."""
    out: list[str] = []
    for c in msg.comments:
        out.append(f"# {c}" if c else "#")
    for c in msg.auto_comments:
        out.append(f"#. {c}" if c else "#.")
    out.extend(_reference_lines(msg.references, width))
    if msg.flags:
        out.append("#, " + ", ".join(_flag_order(msg.flags)))
    wrap = "no-wrap" not in msg.flags
    kw_prefix = "#~ " if msg.obsolete else ""
    prev_prefix = "#~| " if msg.obsolete else "#| "
    for name in ("msgctxt", "msgid", "msgid_plural"):
        value = getattr(msg, "previous_" + name)
        if value is not None:
            out.extend(_wrap(name, value, prev_prefix, wrap, width, msg.flags))
    if msg.msgctxt is not None:
        out.extend(_wrap("msgctxt", msg.msgctxt, kw_prefix, wrap, width, msg.flags))
    out.extend(_wrap("msgid", msg.msgid, kw_prefix, wrap, width, msg.flags))
    if msg.msgid_plural is not None:
        out.extend(_wrap("msgid_plural", msg.msgid_plural, kw_prefix, wrap, width, msg.flags))
        for i, form in enumerate(msg.msgstr_plural):
            out.extend(_wrap(f"msgstr[{i}]", form, kw_prefix, wrap, width, msg.flags))
    else:
        out.extend(_wrap("msgstr", msg.msgstr, kw_prefix, wrap, width, msg.flags))
    return "\n".join(out)


def _reference_lines(refs: list[str], width: int) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if current != "#:" and len(current) + 1 + len(ref) > width:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def format_po(catalog: Catalog, width: int = WIDTH, keep_raw: bool = True) -> bytes:
    """The whole catalogue as bytes: unchanged entries verbatim, the rest as msgcat.

    ``keep_raw=False`` formats every entry as msgcat would (``reclaim-i18n normalise``).
    """
    if keep_raw and catalog.source_bytes is not None and not catalog_modified(catalog):
        return catalog.source_bytes
    ordered = [catalog.header, *catalog.active, *catalog.obsolete]
    blocks = [_entry_text(m, width, keep_raw) for m in ordered]
    text = "\n\n".join(blocks) + "\n"
    if catalog.trailing:
        text += "\n" + catalog.trailing
    if catalog.newline != "\n" and keep_raw:
        text = text.replace("\n", catalog.newline)
    return (codecs.BOM_UTF8 if catalog.bom else b"") + text.encode("utf-8")


def catalog_modified(catalog: Catalog) -> bool:
    if catalog.charset != "utf-8" or catalog.charset_mismatch:
        return True  # written back as UTF-8 with a header that says so
    if tuple(id(m) for m in catalog.messages) != catalog.source_order:
        return True  # entries added, removed or moved
    return any(m.modified for m in (catalog.header, *catalog.messages))


def _entry_text(msg: Message, width: int, keep_raw: bool = True) -> str:
    if keep_raw and msg.raw is not None and not msg.modified:
        return msg.raw
    return format_message(msg, width)


def write_po(catalog: Catalog, path: str | Path | None = None, width: int = WIDTH,
             keep_raw: bool = True) -> bool:
    """Write atomically; returns False (and touches nothing) when the bytes are the same.

    ``keep_raw=False`` lays out every entry as msgcat would (for files the tool owns).
    """
    target = Path(path or catalog.path)
    if catalog.charset != "utf-8" or catalog.charset_mismatch:
        _declare_utf8(catalog)
    data = format_po(catalog, width, keep_raw)
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(target, data)
    return True


def _declare_utf8(catalog: Catalog) -> None:
    value = catalog.header_value("Content-Type") or ""
    new = re.sub(r"charset=\s*[A-Za-z0-9_.:-]+", "charset=UTF-8", value)
    catalog.set_header("Content-Type", new if "charset=" in new
                       else "text/plain; charset=UTF-8")
    catalog.charset, catalog.charset_mismatch = "utf-8", False


def new_message_from(msg: Message) -> Message:
    """A detached copy (no raw text), e.g. to put into another catalogue."""
    copy = Message(msgid=msg.msgid)
    for f in fields(Message):
        if f.name in ("raw", "_original"):
            continue
        value = getattr(msg, f.name)
        setattr(copy, f.name, list(value) if isinstance(value, list) else value)
    return copy
