"""Reading PO files line by line: every form an editor may write, and what is wrong where.

The reader's fast path takes well-formed entries whole; the rest comes here, to a state
machine that reads obsolete entries, stray spaces and every error, naming its line.
"""

from __future__ import annotations

import re
from functools import cached_property

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.pofile.catalog import Catalog, Message
from reclaim_i18n.pofile.escapes import unescape

_KEYWORD_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
_STRING_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*')  # unrolled: no backtracking


class LineReader:
    """The lines of a PO file, read by a state machine; every problem a CatalogError."""

    def __init__(self, text: str, path: str, catalog: Catalog):
        self.text = text
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

    def read_lines(self, index: int, pos: int, entries: list) -> tuple[int, int]:
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
                add_comment(msg, text)
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


def add_comment(msg: Message, text: str) -> None:
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
