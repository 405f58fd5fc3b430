"""Word diffs shown to people: what changed in a text, as ``git diff --word-diff`` shows it.

Used by ``todo`` (the English since a fuzzy translation) and ``review`` (English and
translation since an approval).
"""

from __future__ import annotations

import difflib


def word_diff(old: str, new: str) -> str:
    """``[-removed-]{+added+}`` between two texts, word by word (as ``git diff --word-diff``)."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
