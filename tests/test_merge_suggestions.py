"""Which old translation a new message is offered (fuzzy), on real-history cases: Django
3.2 → 5.0 (``bench/run.py --history``), where msgids have no context and a new message
is often a variant of English that stays."""

from __future__ import annotations

import pytest

from reclaim_i18n.merge import Matcher, merge_catalog
from reclaim_i18n.pofile import Catalog, Message

CASES = [  # context, old English, still in the template?, new English, offered (or None)
    (None, "Change selected %(model)s", True, "View selected %(model)s",
     "Change selected %(model)s"),
    (None, "Added.", True, "Added:", "Added."),
    (None, "Enter a valid URL.", True, "Enter a valid JSON.", "Enter a valid URL."),
    (None, "Change password", False, "Change my password", "Change password"),
    # English that stays lends its translation only when closely alike (ratio 70)
    (None, "Delete selected items", True, "Select all items", None),
    (None, "Delete selected items", False, "Select all items", "Delete selected items"),
    # alike by letters only, no three letters in a row in common: no suggestion
    (None, "Search", True, "Sidebar", None),
    (None, "May", True, "Malay", None),
    (None, "Thai", True, "Tajik", None),
    (None, "Home", False, "House", None),
    # below the cut-off: no context is no field, so no same-field bonus
    (None, "Show all", False, "Show more", None),
    (None, "Save and add another", False, "Save and continue editing", None),
    # the same field (a structural context) still earns the bonus
    ("home/more", "Show all", False, "Show more", "Show all"),
]


@pytest.mark.parametrize("ctxt,before,stays,after,offered", CASES)
def test_what_a_new_message_is_offered(ctxt, before, stays, after, offered):
    old = Catalog(messages=[Message(msgid=before, msgctxt=ctxt, msgstr=f"T:{before}")])
    template = Catalog(messages=[Message(msgid=after, msgctxt=ctxt)]
                       + ([Message(msgid=before, msgctxt=ctxt)] if stays else []))
    merged, _ = merge_catalog(template, old, Matcher(template, {(ctxt, before)}), 2)
    index = merged.index()
    entry = index[(ctxt, after)]
    if offered is None:
        assert (entry.msgstr, entry.fuzzy) == ("", False)
    else:
        assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == (
            f"T:{offered}", True, offered)
    if stays:  # the English that stays keeps its translation, done
        assert (index[(ctxt, before)].msgstr, index[(ctxt, before)].fuzzy) == (
            f"T:{before}", False)


def test_a_singular_translation_offered_to_a_plural_entry_fills_every_form():
    old = Catalog(messages=[Message(msgid="log entry", msgstr="Protokolleintrag")])
    template = Catalog(messages=[Message(msgid="log entry"),
                                 Message(msgid="entry", msgid_plural="entries")])
    merged, _ = merge_catalog(template, old, Matcher(template, {(None, "log entry")}), 3)
    entry = merged.index()[(None, "entry")]
    assert entry.fuzzy and entry.previous_msgid == "log entry"
    assert entry.msgstr_plural == ["Protokolleintrag"] * 3
