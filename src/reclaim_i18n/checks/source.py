"""Checks of the English template, for the organisers who write the source content.

They run on ``locales/messages.pot`` (``check`` without ``--locale``): a mistake here
would be copied into 29 languages.
"""

from __future__ import annotations

import re

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, check, quote

_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]{1,40})\s+\1(?!\w)", re.IGNORECASE)
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")


def _texts(msg) -> list[tuple[str, str]]:
    texts = [("msgid", msg.msgid)]
    if msg.is_plural:
        texts.append(("msgid_plural", msg.msgid_plural))
    return texts


@check("source-doubled-word", WARNING, "No doubled words", scope="source")
def check_doubled(msg):
    """The English text has no word twice in a row ("have have")."""
    for keyword, text in _texts(msg):
        match = _DOUBLED.search(text)
        if match:
            yield Problem(f"{quote(match.group(0))} repeats a word ({keyword})",
                          "delete one of the two words in the source content")


@check("source-markdown", ERROR, "Markdown balanced", scope="source")
def check_markdown(msg):
    """The English text's Markdown is closed (``**``, `` ` ``, ``[…](…)``), it is one
    paragraph, and its brackets are balanced."""
    from reclaim_i18n.checks.markdown import analyse

    for keyword, text in _texts(msg):
        info = analyse(text)
        if info.leftovers:
            yield Problem(f"{quote(min(info.leftovers))} is not closed ({keyword})",
                          "close every ** and ` and write links as [words](address)")
        elif info.blocks not in ((), ("paragraph_open",)):
            yield Problem(f"the text is not one plain paragraph ({keyword})",
                          "a message is the text of one block; remove the block markup")
        for left, right in (("(", ")"), ("[", "]")):
            if text.count(left) != text.count(right):
                yield Problem(f"“{left}” and “{right}” are not balanced ({keyword})",
                              f"close every “{left}” with “{right}”")


@check("source-whitespace", WARNING, "No stray spaces", scope="source")
def check_whitespace(msg):
    """The English text has no space at its start or end and no doubled spaces."""
    for keyword, text in _texts(msg):
        if text != text.strip(" \t"):
            yield Problem(f"the text starts or ends with a space ({keyword})",
                          "remove the space in the source content")
        if _DOUBLE_SPACE.search(text):
            yield Problem(f"the text has two spaces in a row ({keyword})",
                          "replace the double space with a single one")


@check("source-plural-placeholder", ERROR, "Singular has the plural's placeholders",
       scope="source")
def check_plural_placeholder(msg):
    """Every placeholder of the plural form (msgid_plural) is in the singular (msgid) too:
    in many languages the "singular" form is also used for 21, 31… and needs the number."""
    from reclaim_i18n.checks.placeholders import kinds, placeholders

    if not msg.is_plural:
        return
    finders = kinds(msg.msgid + " " + msg.msgid_plural, frozenset(msg.flags))
    missing = set(placeholders(msg.msgid_plural, finders)) - set(placeholders(msg.msgid,
                                                                              finders))
    for token in sorted(missing):
        yield Problem(f"the plural text has {quote(token)} but the singular does not",
                      f"write the singular with {token} too, e.g. “{token} organisation”")


@check("source-max-length", WARNING, "Source within its length limit", scope="source")
def check_source_length(msg):
    """The English text itself fits its ``max-length``."""
    from reclaim_i18n.checks.length import max_length

    limit = max_length(msg.flags, msg.auto_comments)
    if limit is not None and len(msg.msgid) > limit:
        yield Problem(f"the English text has {len(msg.msgid)} characters; its limit is "
                      f"{limit}", "shorten the text or raise max-length in the source content")
