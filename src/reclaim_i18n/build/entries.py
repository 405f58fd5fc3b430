"""Which entries of a catalogue may be published, and keeping translators' addresses out.

An entry is published when it is translated (every form filled, not fuzzy), has the
number of forms the file's Plural-Forms asks for, has no ERROR finding (``excluded``) and
does not contain a translator's own e-mail address. Everything else falls back.
"""

from __future__ import annotations

import re

from reclaim_i18n.pofile import Catalog, Message

Key = tuple  # (msgctxt | None, msgid)

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_BRACKETED = re.compile(r"\s*<[^<>\n]*@[^<>\n]*>")
_BARE = re.compile(r"(?:mailto:)?" + EMAIL.pattern, re.IGNORECASE)


def strip_emails(text: str) -> str:
    """``Jane Doe <jane@example.org>, 2024`` → ``Jane Doe, 2024``; bare addresses too."""
    text = _BRACKETED.sub("", text)
    text = _BARE.sub("", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\s+([,;])", r"\1", text).strip()


def translator_emails(catalog: Catalog) -> frozenset[str]:
    """Addresses in the header (Last-Translator, Language-Team, …) and header comments."""
    header = catalog.header
    texts = [header.msgstr, *header.comments, *header.auto_comments]
    return frozenset(a.lower() for text in texts for a in EMAIL.findall(text))


def contains_private(msg: Message, private: frozenset[str]) -> bool:
    if not private:
        return False
    return any(a.lower() in private for form in msg.translations if "@" in form
               for a in EMAIL.findall(form))


def publishable(catalog: Catalog, excluded: set[Key] | frozenset, nplurals: int
                ) -> dict[Key, Message]:
    """The entries a build may use, by (msgctxt, msgid)."""
    private = translator_emails(catalog)
    out = {}
    for msg in catalog.messages:
        if msg.obsolete or not msg.msgid or not msg.translated or msg.key in excluded:
            continue
        if msg.is_plural and len(msg.msgstr_plural) != nplurals:
            continue
        if contains_private(msg, private):
            continue
        out[msg.key] = msg
    return out
