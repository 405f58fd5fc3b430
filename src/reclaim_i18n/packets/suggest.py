"""Stale translations are kept as suggestions, never as current translations.

A packet entry whose English changed since the packet was made is not applied (it is
listed). Its translation is not thrown away either: when the entry that now stands in
its place (same msgctxt, the most similar English) has no translation at all, it gets
the stale one as a *fuzzy* suggestion (:func:`reclaim_i18n.merge_notes.suggest`: a
``# suggestion:`` comment and the old English as ``#| msgid``), so a volunteer reviews
it and the build does not use it meanwhile.
An entry that has any translation, fuzzy or finished, is left as it is.
"""

from __future__ import annotations

from reclaim_i18n.merge_notes import suggest


def keep_suggestions(catalog, result, dry_run: bool = False) -> list[str]:
    """Suggest the stale translations of ``result`` (an ``ApplyResult``) in ``catalog``
    (in place: the caller writes it once); notes on what was kept."""
    candidates = [(e, now) for e, now in result.stale
                  if e.has_translation and now and e.msgctxt is not None]
    index = catalog.index() if candidates else {}
    note = f"work packet for {result.locale}, made for other English"
    kept = [e.msgctxt for e, now in candidates
            if (target := index.get((e.msgctxt, now))) is not None
            and suggest(target, e.translations, note, made_for=e)]
    if not kept:
        return []
    verb = "would keep" if dry_run else "kept"
    return [(f"{verb} {len(kept)} stale translation(s) as fuzzy suggestions in the "
             f"catalogue, for review: {', '.join(kept)}")]
