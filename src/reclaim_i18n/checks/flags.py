"""``#, ignore-<check-id>`` flags: what a volunteer may silence, and what a reviewer sees.

A flag silences one check on one entry (on the header entry: a catalogue-wide check),
Weblate's convention — except a check that protects readers (``protects_readers`` in the
registry: links the English text does not use, look-alike domains, unsafe HTML, bidi and
control characters…). Such a flag has no effect and is reported by ``silence-flag``, as
is a flag that names no check ("did you mean …?"). Organisers relax protective checks in
configuration (``allowed-urls`` in pyproject.toml), where a review of the repository sees
it. Every flag that does silence a check is listed (:func:`silenced_checks`) by ``check``
and ``report --checks``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from reclaim_i18n.checks.base import CHECKS, WARNING, Problem, check, quote

IGNORE = "ignore-"


def ignore_ids(flags) -> list[str]:
    """The check ids named by ``ignore-`` flags, in order, once each."""
    return list(dict.fromkeys(f[len(IGNORE):] for f in flags if f.startswith(IGNORE)))


def silenced_ids(flags, scope: str = "entry") -> frozenset[str]:
    """The checks of ``scope`` that the flags silence: known ones that do not protect
    readers (a protective or unknown id silences nothing)."""
    return frozenset(cid for cid in ignore_ids(flags) if cid in CHECKS
                     and CHECKS[cid].scope == scope and not CHECKS[cid].protects_readers)


def with_catalog_ignores(packet, catalog) -> None:
    """A packet's entries (and header) take the catalogue's ``ignore-`` flags, in place:
    a packet's own flags do not travel into the catalogue, so they silence nothing when
    the packet is checked on its way in either."""
    index = catalog.index()
    for entry, target in [(packet.header, catalog.header),
                          *((e, index.get(e.key)) for e in packet.active)]:
        kept = [f for f in entry.flags if not f.startswith(IGNORE)]
        entry.flags = kept + [f for f in (target.flags if target else [])
                              if f.startswith(IGNORE)]


def flag_problems(flags) -> list[Problem]:
    """One problem per ``ignore-`` flag that has no effect: it names a check that
    protects readers, or no check at all."""
    problems = []
    for cid in ignore_ids(flags):
        flag = quote(f"#, {IGNORE}{cid}", 80)
        chk = CHECKS.get(cid)
        if chk is None:
            close = difflib.get_close_matches(cid, sorted(CHECKS), n=1)
            guess = f" (did you mean “{IGNORE}{close[0]}”?)" if close else ""
            problems.append(Problem(f"the flag {flag} names no check and has no effect{guess}",
                                    _UNKNOWN_HINT))
        elif chk.protects_readers:
            problems.append(Problem(f"the flag {flag} has no effect: {cid} protects readers "
                                    "and cannot be silenced in a PO file", _PROTECTED_HINT))
    return problems


_UNKNOWN_HINT = ("write the id of a check as 'reclaim-i18n check' shows it in square "
                 "brackets (error[max-length] → ignore-max-length), or remove the flag")
_PROTECTED_HINT = ("remove the flag and fix what the check reports; if your language really "
                   "needs another address, the organisers can allow it with 'allowed-urls' "
                   "in pyproject.toml")


@check("silence-flag", WARNING, "Silencing flags that work")
def check_flags(entry, ctx):
    """Every ``#, ignore-<check-id>`` flag names a check, and one that may be silenced:
    a check that protects readers cannot be switched off from a PO file."""
    yield from flag_problems(entry.flags)


@dataclass(frozen=True)
class Silenced:
    """One check that one entry's ``#, ignore-<id>`` flag switches off (or, with no
    ``msgctxt``/``msgid``, the header's flag for the whole file)."""

    check: str
    path: str
    line: int
    locale: str | None
    msgctxt: str | None = None
    msgid: str | None = None

    def as_dict(self) -> dict:
        """The keys of ``Finding.as_dict``, with the severity ``"silenced"``."""
        return {"check": self.check, "severity": "silenced", "locale": self.locale,
                "file": self.path, "line": self.line, "msgctxt": self.msgctxt,
                "msgid": self.msgid, "message": f"silenced by “#, {IGNORE}{self.check}”",
                "hint": ""}


def silenced_checks(catalog, bcp47: str | None) -> list[Silenced]:
    """Every check an ``ignore-`` flag silences in a catalogue: on the header (checks of
    the whole file) and on each active entry with a translation, in file order."""
    found = [Silenced(cid, catalog.path, catalog.header.line or 1, bcp47)
             for cid in sorted(silenced_ids(catalog.header.flags, "catalog"))]
    for msg in catalog.active:
        if msg.has_translation and any(f.startswith(IGNORE) for f in msg.flags):
            found += [Silenced(cid, catalog.path, msg.msgstr_line or msg.line, bcp47,
                               msg.msgctxt, msg.msgid)
                      for cid in sorted(silenced_ids(msg.flags))]
    return sorted(found, key=lambda s: (s.line, s.check))
