"""The review file beside a catalogue: ``locales/<ll>/LC_MESSAGES/messages.review``.

One record per entry of the catalogue, one JSON object per line, sorted by (msgctxt,
msgid, msgid_plural) and separated by blank lines, with no header. Every entry has its
line, a bare ``{"msgctxt": …, "msgid": …}`` until someone approves or translates it, so an
approval *changes* a line rather than inserting one: two reviewers approving different
entries change different lines with an unchanged blank line between them, which git
merges without a conflict (two insertions into the same gap would conflict).

A record binds to content, never to a position in the PO file, so msgcat, msgmerge,
Poedit or translate-toolkit may reorder or rewrap the catalogue and the records still
apply. It holds:

- ``msgctxt``, ``msgid``, ``msgid_plural`` — the entry, i.e. the English;
- ``approved`` — ``by`` (a name, never an e-mail address), ``on`` (YYYY-MM-DD),
  ``en`` and ``tr`` (digests of the English and of the translation forms as approved)
  and ``translation`` (the forms as approved, for the word diff a returning reviewer
  sees);
- ``translated`` — ``by`` (who last translated it, e.g. through a work packet) and
  ``tr`` (the digest of what they wrote: once the text changes, the record says nothing).

Validity is computed on reading (:mod:`reclaim_i18n.review.state`): an approval whose
digests do not match the entry as it is now is void, with nothing to clear.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from reclaim_i18n.errors import CatalogError

SUFFIX = ".review"
_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")
_CONFLICT = ("a git merge conflict: keep the lines of both sides (each is one record) and "
             "delete the markers; '*.review merge=union' in .gitattributes does it for you")
Key = tuple  # (msgctxt | None, msgid)


@dataclass(frozen=True)
class Approval:
    by: str
    on: str
    en: str
    tr: str
    translation: tuple[str, ...]


@dataclass(frozen=True)
class Translator:
    by: str
    tr: str


@dataclass(frozen=True)
class Record:
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None = None
    approved: Approval | None = None
    translated: Translator | None = None

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    def sort_key(self) -> tuple[str, str, str]:
        return (self.msgctxt or "", self.msgid, self.msgid_plural or "")


def review_path(po_path: Path) -> Path:
    """``…/LC_MESSAGES/messages.po`` → ``…/LC_MESSAGES/messages.review``."""
    return Path(po_path).with_suffix(SUFFIX)


def _sha(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


def english_digest(msgctxt: str | None, msgid: str, msgid_plural: str | None) -> str:
    # \x04 and \x01 cannot occur in PO text: "no context" differs from an empty one
    return _sha("\x04" if msgctxt is None else msgctxt, msgid,
                "\x01" if msgid_plural is None else msgid_plural)


def translation_digest(forms) -> str:
    """Every form, in order: a changed, added or removed form changes the digest."""
    return _sha(str(len(forms)), *forms)


# ------------------------------------------------------------------ text form


def format_record(record: Record) -> str:
    data: dict = {"msgctxt": record.msgctxt, "msgid": record.msgid}
    if record.msgid_plural is not None:
        data["msgid_plural"] = record.msgid_plural
    if record.approved is not None:
        a = record.approved
        data["approved"] = {"by": a.by, "on": a.on, "en": a.en, "tr": a.tr,
                            "translation": list(a.translation)}
    if record.translated is not None:
        data["translated"] = {"by": record.translated.by, "tr": record.translated.tr}
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def format_records(records) -> bytes:
    """The file's bytes: sorted records, a blank line between two, a final newline."""
    kept = sorted(records, key=Record.sort_key)
    return "".join(format_record(r) + "\n\n" for r in kept).rstrip("\n").encode() + (
        b"\n" if kept else b"")


def parse_records(data: bytes, path: Path | str = "") -> dict[Key, Record]:
    """Records by entry key; a line that is not a record is a CatalogError with its line."""
    out: dict[Key, Record] = {}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError("the review file is not UTF-8", path) from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = _record(json.loads(line))
        except (ValueError, KeyError, TypeError):
            raise CatalogError("not a review record (one JSON object a line)", path, number,
                               hint=_CONFLICT if line[:7] in _MARKERS else
                               "fix the line, or delete it to forget that record") from None
        out[record.key] = record   # twice (a union merge): the later line wins
    return out


def _record(data: dict) -> Record:
    approved = translated = None
    if not isinstance(data, dict):   # valid JSON, but a number, list or string
        raise TypeError("not a JSON object")
    if data.get("approved"):
        a = data["approved"]
        if not isinstance(a["translation"], list):
            raise TypeError("the approved translation is not a list of forms")
        approved = Approval(str(a["by"]), str(a["on"]), str(a["en"]), str(a["tr"]),
                            tuple(str(f) for f in a["translation"]))
    if data.get("translated"):
        t = data["translated"]
        translated = Translator(str(t["by"]), str(t["tr"]))
    ctxt = data["msgctxt"]
    plural = data.get("msgid_plural")
    return Record(None if ctxt is None else str(ctxt), str(data["msgid"]),
                  None if plural is None else str(plural), approved, translated)


# ------------------------------------------------------------------------ I/O


def load_records(po_path: Path) -> dict[Key, Record]:
    """The records beside the catalogue ``po_path`` ({} when there is no review file)."""
    path = review_path(po_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CatalogError(f"cannot read the review file: {exc.strerror}", path) from None
    return parse_records(data, path)


def save_records(po_path: Path, records: dict[Key, Record], catalog=None) -> bool:
    """Write the review file atomically (untouched when its bytes are the same).

    With the ``catalog``, every entry of it gets its (bare) line, and bare lines of
    entries it no longer has are dropped; records with content are always kept (an old
    approval is what a returning reviewer's word diff starts from).
    """
    from reclaim_i18n.fsio import write_if_changed

    path = review_path(po_path)
    kept = {k: r for k, r in records.items() if r.approved or r.translated}
    if catalog is not None:
        for msg in catalog.active:
            kept.setdefault(msg.key, Record(msg.msgctxt, msgid=msg.msgid,
                                            msgid_plural=msg.msgid_plural))
    data = format_records(kept.values())
    if not data and not path.exists():
        return False
    return write_if_changed(path, data)


def with_approval(record: Record | None, key: Key, msgid_plural: str | None,
                  approval: Approval | None) -> Record:
    base = record or Record(key[0], key[1], msgid_plural)
    return replace(base, msgid_plural=msgid_plural, approved=approval)


def with_translator(record: Record | None, key: Key, msgid_plural: str | None,
                    translator: Translator | None) -> Record:
    base = record or Record(key[0], key[1], msgid_plural)
    return replace(base, msgid_plural=msgid_plural, translated=translator)
