"""Plurals, in one home. Import from the module that owns the rule:

- :mod:`~reclaim_i18n.plurals.expressions` — gettext Plural-Forms: parse, evaluate,
  compare; the sample integers every plural question is answered over; example numbers
  of each ``msgstr[i]``. Pure, imports nothing of the project.
- :mod:`~reclaim_i18n.plurals.cldr` — CLDR rules compiled to Plural-Forms for whole
  numbers (what :mod:`reclaim_i18n.locales` stores per language).
- :mod:`~reclaim_i18n.plurals.categories` — per language: the CLDR category of a number,
  example numbers of each category, category ↔ ``msgstr[i]`` of a catalogue, and the
  bridge between two languages' categories for fallbacks.
- :mod:`~reclaim_i18n.plurals.catalog` — a catalogue's own rule against CLDR's, and
  ``update --migrate-plurals``.

This file imports none of them: ``locales`` needs ``cldr`` while ``categories`` needs
``locales``, so the package must not load them all at once.
"""
