"""Reading PO files, strictly: every problem is a :class:`CatalogError` with file and line."""

from __future__ import annotations

import codecs
import gc
import re
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.pofile.catalog import Catalog, Message

MAX_FILE_BYTES = 20 * 1024 * 1024  # a campaign catalogue is ~100 kB; refuse runaway files
MO_MAGICS = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
           "\\": "\\", '"': '"'}
_UNESCAPE_RE = re.compile(r'\\(?:([ntrabfv\\"])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.?))')
_KEYWORD_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
_CHARSET_RE = re.compile(rb"charset=\s*([A-Za-z0-9_.:-]+)")
_STRING_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*')  # unrolled: no backtracking

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


def parse_po(data: bytes, path: str = "<string>", *, line_by_line: bool = False) -> Catalog:
    """``line_by_line`` reads without the whole-entry fast path (the tests compare both)."""
    text, catalog = _decode(data, path)
    catalog.source_bytes = data
    with _collector_paused():
        _Parser(text, path, catalog, fast=not line_by_line).run()
    return catalog


@contextmanager
def _collector_paused():
    """Reading makes tens of thousands of objects and no reference cycles, so the cyclic
    garbage collector would only walk them over and over (a fifth of a large read)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
            return (text.replace("\r\n", "\n") if "\r" in text else text), catalog
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
    return (text.replace("\r\n", "\n") if "\r" in text else text), catalog


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
            return ESCAPES[simple]
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        raise ValueError(f"unknown escape sequence '\\{bad}'" if bad else "backslash at end")

    return _UNESCAPE_RE.sub(repl, body)


# One well-formed entry, as gettext tools and editors write it: comments at the start of
# their lines, one space after each keyword, strings alone on their lines, a blank line (or
# the end) after it. Anything else -- obsolete entries, stray spaces, errors -- is left to
# the line-by-line state machine, which reads every form and says what is wrong.
# Possessive repeats (*+, ++): no part can give back what it took, so none is retried.
_LINE_STR = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"\n'
_ENTRY_RE = re.compile(
    r"(?P<comments>(?:#(?!~)[^\n]*+\n)*+)"
    rf"(?:msgctxt (?P<msgctxt>(?:{_LINE_STR})++))?"
    rf"msgid (?P<msgid>(?:{_LINE_STR})++)"
    rf"(?:msgid_plural (?P<msgid_plural>(?:{_LINE_STR})++))?"
    rf"(?:msgstr (?P<msgstr>(?:{_LINE_STR})++)"
    rf"|(?P<plural>(?:msgstr\[[0-9]+\] (?:{_LINE_STR})++)++))"
    r"(?P<blank>\n++|\Z)")
_PLURAL_RE = re.compile(rf"msgstr\[([0-9]+)\] ((?:{_LINE_STR})++)")


def _lines_text(block: str) -> str:
    """The text of consecutive ``"…"`` lines (as matched by ``_LINE_STR``)."""
    parts = block[1:-2].split('"\n"')  # a quote-newline-quote only ever joins two lines
    if "\\" not in block:
        return "".join(parts)
    return "".join(unescape(part) for part in parts)  # per line: \1 + "2" is not \12


class _Parser:
    """Whole entries by one regular expression; the rest by a line-based state machine."""

    def __init__(self, text: str, path: str, catalog: Catalog, fast: bool = True):
        self.text, self.fast = text, fast
        self.path = path
        self.catalog = catalog

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, for the state machine (the fast path never needs them)."""
        lines = self.text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def fail(self, lineno: int, message: str, hint: str = "") -> None:
        raise CatalogError(message, self.path, lineno, hint=hint or None)

    def run(self) -> None:
        entries: list[tuple[Message, str]] = []
        text, size = self.text, len(self.text)
        pos, index = 0, 0   # the same place as a character offset and a line index
        while pos < size:
            if text[pos] == "\n":  # blank lines between entries
                blank = pos
                while blank < size and text[blank] == "\n":
                    blank += 1
                index += blank - pos
                pos = blank
                continue
            match = _ENTRY_RE.match(text, pos) if self.fast else None
            entry = self._fast_entry(match, index + 1) if match else None
            if entry is None:
                index, pos = self._slow(index, pos, entries)
                continue
            entries.append(entry)
            pos = match.end()
            index += text.count("\n", match.start(), pos)
        self._assemble(entries)

    def _fast_entry(self, match: re.Match, lineno: int) -> tuple[Message, str] | None:
        """The entry of a match, or None for the state machine to read (and judge) it."""
        comments, msgctxt, msgid, msgid_plural, msgstr, plural = match.group(
            "comments", "msgctxt", "msgid", "msgid_plural", "msgstr", "plural")
        if (msgid_plural is None) != (plural is None):
            return None
        line = lineno + comments.count("\n")
        msgid_line = line + (msgctxt.count("\n") if msgctxt is not None else 0)
        msgstr_line = msgid_line + msgid.count("\n") + (
            msgid_plural.count("\n") if msgid_plural is not None else 0)
        try:
            msg = Message(msgid=_lines_text(msgid), line=line, msgstr_line=msgstr_line)
            if msgctxt is not None:
                msg.msgctxt = _lines_text(msgctxt)
            if plural is None:
                msg.msgstr = _lines_text(msgstr)
            else:
                forms = _PLURAL_RE.findall(plural)
                if [int(n) for n, _ in forms] != list(range(len(forms))):
                    return None
                msg.msgid_plural = _lines_text(msgid_plural)
                msg.msgstr_plural = [_lines_text(block) for _, block in forms]
        except ValueError:  # a bad escape: the state machine names its line
            return None
        if comments:
            texts = comments.split("\n")
            texts.pop()  # after the last line break
            if "#|" in comments:
                self._comments(msg, texts, range(lineno, lineno + len(texts)))
            else:  # the usual case: no line bookkeeping
                for text in texts:
                    _comment(msg, text)
        return msg, self.text[match.start():match.start("blank") - 1]

    def _slow(self, index: int, pos: int, entries: list) -> tuple[int, int]:
        """Read lines from ``index`` (at offset ``pos``) until an entry has been finished by
        a blank line, or to the end; returns the line index and offset reached."""
        start = None     # index of the entry's first line
        entry: dict | None = None
        lines = self.lines
        for i in range(index, len(lines)):
            line = lines[i]
            pos += len(line) + 1
            lineno = i + 1
            stripped = line.strip()
            if not stripped:
                if entry is not None and entry.get("keywords"):
                    entries.append(self._finish(entry, start, i))
                    return i + 1, pos
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
                entries.append(self._finish(entry, start, len(lines)))
            else:
                self.catalog.trailing = "\n".join(lines[start:]) + "\n"
        return len(lines), len(self.text)

    @staticmethod
    def _after_msgstr(entry: dict) -> bool:
        return any(k[0].startswith("msgstr") for k in entry["keywords"])

    def _classify(self, stripped: str, lineno: int) -> tuple[str, bool, str]:
        if stripped[0] == '"':  # most lines of a long catalogue
            return "continuation", False, stripped
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
        match = _STRING_RE.fullmatch(text)
        if match:  # the usual case, in one regular expression
            body = match.group(1)
            if "\\" not in body:
                return body
        else:
            self._string_error(text.rstrip(), lineno)
        try:
            return unescape(body)
        except ValueError as exc:
            self.fail(lineno, str(exc), "write a backslash as \\\\ and a newline as \\n")
        return ""  # unreachable

    def _string_error(self, text: str, lineno: int) -> None:
        """Say precisely what is wrong with a line that is not a valid string."""
        if not text.startswith('"'):
            self.fail(lineno, "a quoted string is expected here",
                      'text after msgid/msgstr must be in double quotes: msgstr "…"')
        if len(text) < 2 or not text.endswith('"') or _ends_escaped(text):
            self.fail(lineno, "the string is not closed with a double quote",
                      'end the line with " (a quote inside the text is written \\")')
        if _has_bare_quote(text[1:-1]):
            self.fail(lineno, "a double quote inside the text is not escaped",
                      'write a quote inside the text as \\"')
        self.fail(lineno, "this line is not a valid quoted string")

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
        comments = entry["comments"]
        self._comments(msg, [c[1] for c in comments], [c[0] for c in comments])
        raw_lines = self.lines[start:end]
        while raw_lines and not raw_lines[-1].strip():
            raw_lines.pop()
        return msg, "\n".join(raw_lines)

    def _comments(self, msg: Message, texts: list[str], linenos) -> None:
        """Comment lines (``#…``, any spaces around them) and their line numbers."""
        previous: dict[str, list[str]] = {}
        last = None
        for lineno, text in zip(linenos, texts):
            text = text.strip()
            if text[1:2] != "|":
                _comment(msg, text)
                continue
            body = text[2:].strip()
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
        from reclaim_i18n.plurals.expressions import parse_plural_forms

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


def _comment(msg: Message, text: str) -> None:
    """One comment line that starts with ``#`` and is not ``#|`` (nothing there can be
    wrong, so it needs no line number)."""
    tag = text[1:2]
    if tag == ":":
        msg.references.extend(text[2:].split())
    elif tag == ".":
        msg.auto_comments.append(text[2:].rstrip().removeprefix(" "))
    elif tag == ",":
        msg.flags.extend(f.strip() for f in text[2:].split(",") if f.strip())
    else:
        msg.comments.append(text[1:].rstrip().removeprefix(" "))


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
