"""Reading PO files, strictly: every problem is a :class:`CatalogError` with file and line
(the first one, with every further malformed entry up to ``MAX_ERRORS`` in ``.more``)."""

from __future__ import annotations

import codecs
import gc
import re
from contextlib import contextmanager
from pathlib import Path

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.pofile.catalog import Catalog, Message, ReaderWarning, header_field_line
from reclaim_i18n.pofile.escapes import unescape
from reclaim_i18n.pofile.lines import LineReader, add_comment

MAX_FILE_BYTES = 20 * 1024 * 1024  # a campaign catalogue is ~100 kB; refuse runaway files
MAX_ERRORS = 20  # malformed entries reported per file; msgfmt also stops after 20
MO_MAGICS = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
_CHARSET_RE = re.compile(rb"charset=\s*([A-Za-z0-9_.:-]+)")


def read_po(path: str | Path, data: bytes | None = None) -> Catalog:
    """The catalogue at ``path``; ``data``: its bytes when the caller read them already."""
    path = Path(path)
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > MAX_FILE_BYTES:
            raise CatalogError(
                f"file is {size // (1024 * 1024)} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB", path,
                hint="a catalogue of this campaign is far smaller; is this the right file?")
        data = path.read_bytes() if data is None else data
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
    data = _readable_for_gnu(data, catalog)
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


def _readable_for_gnu(data: bytes, catalog: Catalog) -> bytes:
    """Without a byte-order mark, and with LF line ends if they were CR only: what GNU
    tools refuse but we can read (a warning each; the next write repairs the file)."""
    if data.startswith(codecs.BOM_UTF8):
        catalog.bom, data = True, data[3:]
        _repair(catalog, 1, "the file starts with a UTF-8 byte-order mark, which GNU "
                "gettext refuses", "the tool's next write of this file leaves it out")
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")
        _repair(catalog, 1, "lines end with CR only (old Mac style), which GNU gettext tools "
                "do not read as line ends", "the tool's next write of this file ends them with LF")
    return data


def _repair(catalog: Catalog, line: int, message: str, hint: str) -> None:
    catalog.warnings.append(ReaderWarning(catalog.path, line, message, hint))
    catalog.repaired = True


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


# One well-formed entry, as gettext tools and editors write it: comments at the start of
# their lines, one space after each keyword, strings alone on their lines, a blank line (or
# the end) after it. Anything else -- obsolete entries, stray spaces, errors -- is left to
# the line-by-line state machine, which reads every form and says what is wrong.
# The consecutive "…" lines of a keyword are one unrolled loop, in which a character can
# only be read one way, so a failing match gives back each character once (no possessive
# repeats: Python 3.10 has none).
_LINES = r'"[^"\\\n]*(?:(?:\\.|"\n")[^"\\\n]*)*"\n'
_ENTRY_RE = re.compile(
    r"(?P<comments>(?:#(?!~)[^\n]*\n)*)"
    rf"(?:msgctxt (?P<msgctxt>{_LINES}))?"
    rf"msgid (?P<msgid>{_LINES})"
    rf"(?:msgid_plural (?P<msgid_plural>{_LINES}))?"
    rf"(?:msgstr (?P<msgstr>{_LINES})"
    rf"|(?P<plural>(?:msgstr\[[0-9]+\] {_LINES})+))"
    r"(?P<blank>\n+|\Z)")
_PLURAL_RE = re.compile(rf"msgstr\[([0-9]+)\] ({_LINES})")


def _lines_text(block: str) -> str:
    """The text of consecutive ``"…"`` lines (as matched by ``_LINES``)."""
    parts = block[1:-2].split('"\n"')  # a quote-newline-quote only ever joins two lines
    if "\\" not in block:
        return "".join(parts)
    return "".join(unescape(part) for part in parts)  # per line: \1 + "2" is not \12


class _Parser(LineReader):
    """Whole entries by one regular expression; the rest by the line-based state machine."""

    def __init__(self, text: str, path: str, catalog: Catalog, fast: bool = True):
        super().__init__(text, path, catalog)
        self.fast = fast
        self.errors: list[CatalogError] = []  # every malformed entry, up to MAX_ERRORS

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
            try:
                entry = self._fast_entry(match, index + 1) if match else None
                if entry is None:
                    index, pos = self.read_lines(index, pos, entries)
                    continue
            except CatalogError as exc:  # go on after the entry, to report every one
                index, pos = self._after_entry_of(self._record(exc))
                continue
            entries.append(entry)
            pos = match.end()
            index += text.count("\n", match.start(), pos)
        self._assemble(entries)
        if self.errors:
            first, *more = sorted(self.errors, key=lambda e: e.line or 0)
            first.more = tuple(more)
            raise first

    def _record(self, error: CatalogError) -> int:
        """Note one malformed entry and go on, as ``msgfmt`` does, up to its limit."""
        self.errors.append(error)
        if len(self.errors) >= MAX_ERRORS:
            self.errors.sort(key=lambda e: e.line or 0)
            first, *more = self.errors
            first.more = tuple(more)
            raise first
        return error.line or 1

    def _after_entry_of(self, lineno: int) -> tuple[int, int]:
        """The line index and offset after the blank line that ends line ``lineno``'s
        entry (where reading can start again), or the end."""
        lines = self.lines
        index = lineno - 1
        while index < len(lines) and lines[index].strip():
            index += 1
        index = min(index + 1, len(lines))
        return index, sum(len(line) + 1 for line in lines[:index])

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
                    add_comment(msg, text)
        return msg, self.text[match.start():match.start("blank") - 1]

    def _assemble(self, entries: list[tuple[Message, str]]) -> None:
        catalog = self.catalog
        seen: dict[tuple, int] = {}
        obsolete = []
        for position, (msg, raw) in enumerate(entries):
            msg.raw = raw
            msg._original = msg.state()
            if position == 0 and msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
                catalog.header = msg
                continue
            if not msg.obsolete:
                key = msg.key
                if not msg.msgid or key in seen:
                    self._record(self._key_error(msg, seen))
                    continue
                seen[key] = msg.line
            else:
                obsolete.append(msg)
            catalog.messages.append(msg)
        catalog.source_order = tuple(id(m) for m in catalog.messages)
        if obsolete:
            self._drop_repeated_obsolete(obsolete, seen)
        try:
            self._check_plurals()
        except CatalogError as exc:
            self._record(exc)

    def _key_error(self, msg: Message, seen: dict[tuple, int]) -> CatalogError:
        if not msg.msgid:
            return CatalogError("an entry with an empty msgid that is not the header",
                                self.path, msg.line,
                                hint="only the first entry (the header) may have msgid \"\"")
        return CatalogError(f"duplicate entry: the same msgid"
                            f"{' and msgctxt' if msg.msgctxt is not None else ''} is at "
                            f"line {seen[msg.key]} already", self.path, msg.line,
                            hint="keep one of the two entries and delete the other")

    def _drop_repeated_obsolete(self, obsolete: list[Message], seen: dict[tuple, int]) -> None:
        """An obsolete entry with the key of another entry (GNU tools refuse the file) is
        left out, with a warning: the other one is the translation in use."""
        dropped = set()
        for msg in obsolete:
            if msg.key not in seen:
                seen[msg.key] = msg.line
                continue
            dropped.add(id(msg))
            _repair(self.catalog, msg.line, f"obsolete (#~) entry repeats the msgid"
                    f"{' and msgctxt' if msg.msgctxt is not None else ''} of line "
                    f"{seen[msg.key]}, which GNU gettext refuses",
                    "the tool's next write of this file leaves the obsolete copy out")
        if dropped:
            self.catalog.messages = [m for m in self.catalog.messages if id(m) not in dropped]

    def _check_plurals(self) -> None:
        """A Plural-Forms header that cannot be parsed makes every plural entry unusable.
        (An entry with the wrong number of forms is that entry's error: the check
        ``plural-count``, while the rest of the file is read and checked.)"""
        from reclaim_i18n.plurals.expressions import parse_plural_forms

        value = self.catalog.plural_forms
        if value is None or not any(m.is_plural for m in self.catalog.messages):
            return
        try:
            parse_plural_forms(value)
        except ValueError as exc:
            self.fail(header_field_line(self.catalog, "Plural-Forms"),
                      f"bad Plural-Forms header: {exc}")
