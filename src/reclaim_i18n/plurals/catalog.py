"""A catalogue's Plural-Forms against CLDR's: compare, and remap forms on request
(``reclaim-i18n update --migrate-plurals``)."""

from __future__ import annotations

from reclaim_i18n.locales import language
from reclaim_i18n.plurals.categories import category_indexes
from reclaim_i18n.plurals.expressions import parse_plural_forms, same_rule
from reclaim_i18n.pofile import Catalog


def catalog_plurals(catalog: Catalog, bcp47: str) -> tuple[int, str]:
    """The catalogue's own (nplurals, expression), or CLDR's when it has none."""
    value = catalog.plural_forms
    if value:
        try:
            return parse_plural_forms(value)
        except ValueError:
            pass
    lang = language(bcp47)
    return lang.nplurals, lang.plural


def mismatch_note(catalog: Catalog, bcp47: str) -> str | None:
    """A sentence for the summary when the file's rule differs from CLDR's."""
    if not catalog.plural_forms:
        return None
    own = catalog_plurals(catalog, bcp47)
    lang = language(bcp47)
    if same_rule(own, (lang.nplurals, lang.plural)):
        return None
    return (f"Plural-Forms has nplurals={own[0]} ({own[1]}); CLDR has nplurals="
            f"{lang.nplurals} ({', '.join(lang.categories)}). The file's rule is kept; "
            "run 'reclaim-i18n update --migrate-plurals' to remap the forms.")


def migrate_plurals(catalog: Catalog, bcp47: str) -> int:
    """Remap every plural entry to CLDR's forms; returns how many entries changed.

    Each CLDR category takes the form the old rule gave most of its numbers. Entries
    whose forms were rearranged become fuzzy for review, and a form that no category
    uses any more is kept in a translator comment, so nothing is lost.
    """
    own = catalog_plurals(catalog, bcp47)
    lang = language(bcp47)
    if same_rule(own, (lang.nplurals, lang.plural)):
        return 0
    mapping = category_indexes(bcp47, *own)
    sources = [mapping.get(cat, own[0] - 1) for cat in lang.categories]
    changed = 0
    for msg in catalog.messages:
        if not msg.is_plural:
            continue
        old = list(msg.msgstr_plural) + [""] * (own[0] - len(msg.msgstr_plural))
        new = [old[i] if i < len(old) else "" for i in sources]
        if new == msg.msgstr_plural:
            continue
        for i, form in enumerate(old):
            if form and i not in sources:
                msg.comments.append(f"before --migrate-plurals: msgstr[{i}] = {form}")
        msg.msgstr_plural = new
        if any(new):
            msg.set_fuzzy(True)
        changed += 1
    catalog.set_header("Plural-Forms", lang.plural_forms)
    return changed
