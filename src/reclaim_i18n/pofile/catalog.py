"""The data of a PO file: entries (:class:`Message`) and the file (:class:`Catalog`)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


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

    def set_translations(self, forms: list[str]) -> None:
        """The translation as :attr:`translations` gives it: ``msgstr``, or every plural
        form."""
        if self.is_plural:
            self.msgstr_plural = list(forms)
        else:
            self.msgstr = forms[0] if forms else ""

    def set_fuzzy(self, on: bool) -> None:
        if on and not self.fuzzy:
            self.flags.insert(0, "fuzzy")
        elif not on:
            self.flags = [f for f in self.flags if f != "fuzzy"]

    def state(self) -> tuple:
        """Everything the file says about the entry (spelt out: it runs once per entry read)."""
        return (self.msgid, self.msgstr, self.msgctxt, self.msgid_plural,
                tuple(self.msgstr_plural), tuple(self.comments), tuple(self.auto_comments),
                tuple(self.references), tuple(self.flags), self.previous_msgctxt,
                self.previous_msgid, self.previous_msgid_plural, self.obsolete)

    @property
    def modified(self) -> bool:
        return self._original is None or self.state() != self._original

    def same_content(self, other: Message) -> bool:
        return self.state() == other.state()


@dataclass(frozen=True)
class ReaderWarning:
    """Something GNU gettext tools refuse that the reader accepted (and the next write of
    the file repairs), with the file and line."""

    path: str
    line: int
    message: str
    hint: str = ""

    def note(self) -> str:
        """Without the path, for a line that names the file already."""
        return f"line {self.line}: {self.message}" + (f" ({self.hint})" if self.hint else "")


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
    warnings: list[ReaderWarning] = field(default_factory=list)
    repaired: bool = False  # read from a form GNU tools refuse: the next write differs

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


def header_field_line(catalog: Catalog, name: str) -> int:
    """The file line of a header field (``"Language: de\\n"``, any case), else of the
    header's msgstr, else of the header itself."""
    header = catalog.header
    base = header.line or 1
    lines = (header.raw or "").split("\n")
    start = next((i for i, text in enumerate(lines) if text.startswith("msgid")), None)
    if start is None:
        return base
    field = name.lower() + ":"
    for i, text in enumerate(lines[start:], start):
        string = text.partition('"')[2].lower()  # after any keyword
        if string.startswith(field) or "\\n" + field in string:
            return base + i - start
    return header.msgstr_line or base


def new_message_from(msg: Message) -> Message:
    """A detached copy (no raw text), e.g. to put into another catalogue."""
    copy = Message(msgid=msg.msgid)
    for f in fields(Message):
        if f.name in ("raw", "_original"):
            continue
        value = getattr(msg, f.name)
        setattr(copy, f.name, list(value) if isinstance(value, list) else value)
    return copy
