"""Review before publishing: approval records beside each catalogue (no UI).

- :mod:`.records` — the ``messages.review`` file: format, load and save (atomic,
  deterministic, sorted, one line an entry), digests of English and translation;
- :mod:`.state` — what the records say now: approved (void as soon as either text
  changes), waiting for review with word diffs since an earlier approval, last translator;
- :mod:`.policy` — reviewer names (never an address), four eyes, refusals;
- :mod:`.packet` — review packets (PO files a reviewer reads and corrects);
- :mod:`.workflow` — the commands' library side (``review``, ``approve``).

``require-review`` (configuration) makes the build keep unapproved translations out of
every artefact: :func:`withheld` is what ``build/load.py`` adds to the keys it excludes.
"""

from __future__ import annotations

from reclaim_i18n.review.records import load_records, review_path
from reclaim_i18n.review.state import approved_keys, unapproved_keys

__all__ = ["approved_keys", "load_records", "review_path", "unapproved_keys", "withheld"]


def withheld(catalog, code: str, config) -> frozenset:
    """Keys kept out of artefacts for want of review: none unless the language requires it."""
    if not config.requires_review(code):
        return frozenset()
    return unapproved_keys(catalog, load_records(config.po_path(code)))
