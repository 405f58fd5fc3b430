"""Renames and moves: old contexts that reappear, with the same English, under a new path.

A context is a structural path (``partners/supporters/marcel-kolaja/role``). Renaming a
page, a section or an item changes a prefix of every path below it; moving a paragraph
changes the path of one entry. Both leave the English as it was. Each pairing of an
orphaned old entry with a new template entry of the same English proposes a prefix
mapping (``partners/supporters`` → ``partners/backers``: the paths with their common
tail removed); a mapping that explains more pairs wins, and a pair is taken only when it
is the one best explanation for both of its entries — so where the English repeats
(four members of the European Parliament with the same title), each entry keeps its own
translation and ties are left to fuzzy matching.
"""

from __future__ import annotations

import os
from collections import Counter

Key = tuple  # (msgctxt | None, msgid)
MAX_PAIRS_PER_TEXT = 400  # a text repeated more often than this is not a rename signal


def prefix_mapping(old_ctxt: str | None, new_ctxt: str | None) -> tuple[str, str]:
    """The path prefixes that differ once the common tail of segments is removed."""
    old, new = (old_ctxt or "").split("/"), (new_ctxt or "").split("/")
    tail = 0
    while tail < min(len(old), len(new)) - 1 and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return "/".join(old[:len(old) - tail]), "/".join(new[:len(new) - tail])


def find_moves(orphans: list[Key], fresh: list[Key]) -> dict[Key, Key]:
    """New key → the old key it was renamed or moved from (same English, unique)."""
    by_text: dict[str, list[Key]] = {}
    for key in fresh:
        by_text.setdefault(key[1], []).append(key)
    pairs = []
    for old in orphans:
        news = by_text.get(old[1], ())
        if 0 < len(news) <= MAX_PAIRS_PER_TEXT:
            pairs += [(old, new, prefix_mapping(old[0], new[0])) for new in news
                      if new[0] != old[0]]
    support = Counter(mapping for _, _, mapping in pairs)
    moves: dict[Key, Key] = {}
    taken: set[Key] = set()
    for level in sorted({support[m] for _, _, m in pairs}, reverse=True):
        open_pairs = [(o, n) for o, n, m in pairs
                      if support[m] == level and o not in taken and n not in moves]
        olds = Counter(o for o, _ in open_pairs)
        news = Counter(n for _, n in open_pairs)
        for old, new in open_pairs:
            if olds[old] == 1 and news[new] == 1:
                moves[new] = old
                taken.add(old)
        # the other pairs of this level are ambiguous; a weaker mapping may not claim them
        taken.update(o for o, _ in open_pairs)
        moves.update({n: None for _, n in open_pairs if n not in moves})
    return {new: old for new, old in moves.items() if old is not None}


def context_map(moves: dict[Key, Key]) -> dict[str, str]:
    """Old prefix → new prefix of every mapping used by two or more moves."""
    counts = Counter(prefix_mapping(old[0], new[0]) for new, old in moves.items())
    return dict(sorted(m for m, n in counts.items() if n > 1))


def renamed(ctxt: str | None, prefixes: dict[str, str]) -> str | None:
    """``ctxt`` with the longest renamed prefix replaced (itself when none applies)."""
    if not ctxt or not prefixes:
        return ctxt
    parts = ctxt.split("/")
    for cut in range(len(parts), 0, -1):
        new = prefixes.get("/".join(parts[:cut]))
        if new is not None:
            return "/".join([new, *parts[cut:]])
    return ctxt


def closest_context(ctxt: str | None, candidates: list) -> object:
    """The candidate (a message with ``msgctxt``) whose context shares the most leading
    and trailing characters with ``ctxt`` — where the same English has several
    translations (a masculine and a feminine title), the one of the item most like this
    one (``…/katerina-konecna/role`` for ``…/konecna/role``); the first on a tie."""
    def likeness(msg) -> int:
        a, b = ctxt or "", msg.msgctxt or ""
        head = len(os.path.commonprefix([a, b]))
        tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
        return head + tail

    return max(candidates, key=likeness)
