"""Quality checks of translations: a registry of small checks and the functions that run
them over a catalogue or the template.

Used by ``reclaim-i18n check`` (through :mod:`reclaim_i18n.checks.runner`) and by the
build::

    from reclaim_i18n.checks import check_catalog, check_template, CHECKS
    findings = check_catalog(catalog, "de", config, load_glossary(config.source_dir))

Both are pure (no I/O) and never raise for content problems: a check that fails
unexpectedly becomes a finding of its own id and severity (an error check fails closed). Untranslated entries are skipped; every finding on a
fuzzy entry is a WARNING; ``#, ignore-<check-id>`` silences one check on one entry (on
the header entry: a catalogue-wide check), unless the check protects readers
(``checks/flags.py``). An ERROR on a non-fuzzy entry means the build
leaves that string out (the page falls back to the next language). Findings are sorted
by (line, check id).

The registry: each family module registers its checks with
:func:`reclaim_i18n.checks.base.check` when imported; the imports below are the list of
families. ``CHECKS`` maps each id to its :class:`~reclaim_i18n.checks.base.Check`
(id, severity, title, description, scope).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib import import_module

from reclaim_i18n.cache import cache_key, memo, open_cache
from reclaim_i18n.checks.base import CHECKS, WARNING, Check, Context, Entry, Pair, Problem
from reclaim_i18n.checks.flags import Silenced, flag_problems, silenced_checks, silenced_ids
from reclaim_i18n.checks.glossary import EMPTY, Glossary, load_glossary
from reclaim_i18n.checks.length import HARD_MAX, too_big
from reclaim_i18n.model import Finding, Severity

# Every family of checks (importing a module registers its checks).
FAMILIES = ("header", "plurals", "length", "placeholders", "markdown", "links", "html",
            "characters", "whitespace", "punctuation", "glossary", "source", "flags")
for _family in FAMILIES:
    import_module(f"{__name__}.{_family}")

__all__ = ["CHECKS", "Check", "Finding", "Glossary", "Severity", "Silenced", "cached_findings",
           "check_catalog", "check_entry", "check_template", "findings_key", "iter_catalog", "load_glossary",
           "silenced_checks", "syntax_finding"]


def check_catalog(catalog, bcp47: str, config, glossary: Glossary | None = None
                  ) -> list[Finding]:
    """Every finding of every check on one catalogue of language ``bcp47``.

    Remembered in ``build/.cache/findings.json`` by the digest of the file's bytes, the
    glossary, the settings and the tool's code: ``check``, ``build`` and ``report`` of
    an unchanged catalogue check it once.
    """
    from reclaim_i18n.pofile import catalog_modified

    def findings() -> list[Finding]:
        return _sorted(list(iter_catalog(catalog, bcp47, config, glossary)))

    if catalog.source_bytes is None or catalog_modified(catalog):
        return findings()
    found = memo(open_cache(config.build_dir, "findings"),
                 findings_key(catalog.source_bytes, bcp47, config, glossary),
                 lambda: [f.as_dict() for f in findings()])
    return [replace(Finding.from_dict(d), path=catalog.path) for d in found]


def findings_key(data: bytes, bcp47: str, config, glossary) -> tuple:
    """What the findings of a catalogue depend on, besides the code (the parts of their
    :func:`~reclaim_i18n.cache.cache_key`): its bytes, language, glossary and settings."""
    settings = (config.source_language, config.site_url, config.allowed_urls, config.domain)
    return data, bcp47, repr(glossary), repr(settings)


def cached_findings(config, key: tuple, path: str) -> list[Finding] | None:
    """The findings remembered for ``key`` (see :func:`findings_key`), if any."""
    hit = open_cache(config.build_dir, "findings").get(cache_key(*key))
    return None if hit is None else [replace(Finding.from_dict(d), path=path) for d in hit]


def iter_catalog(catalog, bcp47: str, config, glossary: Glossary | None = None):
    """The findings of :func:`check_catalog` one at a time, in file order (unsorted), so
    a caller can stop early (the command stops after so many findings in one file)."""
    ctx = make_context(catalog, bcp47, config, glossary)
    where = {"path": catalog.path, "locale": bcp47}
    header_ignored = silenced_ids(catalog.header.flags, "catalog")
    for chk in _scoped("catalog"):
        if chk.id not in header_ignored:
            for problem in _run(chk, catalog, ctx):
                line = problem.line or catalog.header.line or 1
                yield _finding(chk, problem, None, line, False, **where)
    for problem in flag_problems(catalog.header.flags):  # the header's flags, as an entry's
        yield _finding(CHECKS["silence-flag"], problem, None, catalog.header.line or 1, False,
                       **where)
    # text-size runs first and alone (see _check_entry)
    entry_checks = tuple(c for c in _scoped("entry") if c.id != "text-size")
    for msg in catalog.active:
        if msg.has_translation:
            yield from _check_entry(msg, ctx, where, entry_checks)


def check_entry(catalog, msg, bcp47: str, config, glossary: Glossary | None = None
                ) -> list[Finding]:
    """The findings :func:`check_catalog` gives for one entry ``msg`` of ``catalog`` (the
    web editor checks while a volunteer types, and after a save)."""
    if not msg.has_translation or msg.obsolete:
        return []
    ctx = make_context(catalog, bcp47, config, glossary)
    where = {"path": catalog.path, "locale": bcp47}
    checks = tuple(c for c in _scoped("entry") if c.id != "text-size")
    return _sorted(_check_entry(msg, ctx, where, checks))


def check_template(template) -> list[Finding]:
    """Findings of the organisers' checks (``source-*``) on the English template."""
    findings: list[Finding] = []
    where = {"path": template.path, "locale": None}
    for msg in template.active:
        if max(len(msg.msgid), len(msg.msgid_plural or "")) > HARD_MAX:
            problem = Problem("the English text is unreasonably long; it was not checked")
            findings.append(_finding(CHECKS["text-size"], problem, msg, msg.line, False,
                                     **where))
            continue
        ignored = silenced_ids(msg.flags, "source")
        for chk in _scoped("source"):
            if chk.id not in ignored:
                findings += [_finding(chk, p, msg, msg.line, False, **where)
                             for p in _run(chk, msg)]
    return _sorted(findings)


def syntax_finding(error, locale: str | None = None, path: str | None = None) -> Finding:
    """A reader's ``CatalogError`` (or any ``ReclaimError``) as a ``syntax`` finding."""
    return Finding("syntax", Severity.ERROR, error.message, error.hint or "",
                   path or error.path or "", error.line or 0, locale)


# ------------------------------------------------------------------ driver

def make_context(catalog, bcp47: str, config, glossary: Glossary | None) -> Context:
    nplurals, single = plural_info(catalog.plural_forms or "")
    return Context(bcp47=bcp47,
                   allowed_urls=tuple(getattr(config, "allowed_urls", ()) or ()),
                   site_url=getattr(config, "site_url", "") or "",
                   glossary=glossary or EMPTY, nplurals=nplurals, single_forms=single)


@lru_cache(maxsize=64)
def plural_info(value: str) -> tuple[int | None, frozenset[int]]:
    """(nplurals, the forms the rule uses for exactly one number) of a Plural-Forms."""
    from reclaim_i18n.plurals.expressions import parse_plural_forms, single_forms

    try:
        nplurals, expr = parse_plural_forms(value)
        return nplurals, single_forms(expr)
    except Exception:  # noqa: BLE001 - reported by header-plural-forms
        return None, frozenset()


def make_entry(msg, nplurals: int | None = None) -> Entry:
    if msg.is_plural:
        pairs = tuple(
            Pair(msg.msgid if i == 0 and nplurals != 1 else msg.msgid_plural, text, i)
            for i, text in enumerate(msg.msgstr_plural) if text)
    else:
        pairs = (Pair(msg.msgid, msg.msgstr),) if msg.msgstr else ()
    return Entry(msg, pairs, frozenset(msg.flags), tuple(msg.auto_comments))


def _check_entry(msg, ctx: Context, where: dict, checks: tuple[Check, ...]) -> list[Finding]:
    entry = make_entry(msg, ctx.nplurals)
    line = msg.msgstr_line or msg.line
    if too_big(entry):
        return [_finding(CHECKS["text-size"], p, msg, line, msg.fuzzy, **where)
                for p in _run(CHECKS["text-size"], entry, ctx)]
    ignored = silenced_ids(msg.flags)
    found, seen = [], set()
    for chk in checks:
        if chk.id in ignored:
            continue
        try:  # _run, inlined: this runs for every check on every entry
            problems = list(chk.func(entry, ctx))
        except Exception as exc:  # noqa: BLE001 - checks never raise
            problems = [_crashed(exc)]
        for problem in problems:
            if (chk.id, problem.message) not in seen:
                seen.add((chk.id, problem.message))
                found.append(_finding(chk, problem, msg, line, msg.fuzzy, **where))
    return found


def _scoped(scope: str) -> tuple[Check, ...]:
    return tuple(c for c in CHECKS.values() if c.scope == scope)


def _run(chk: Check, *args) -> list[Problem]:
    """The problems a check yields. A check that fails is reported, never raised, with the
    check's own severity: an error check that cannot decide fails closed."""
    try:
        return list(chk.func(*args))
    except Exception as exc:  # noqa: BLE001 - checks never raise
        return [_crashed(exc)]


def _crashed(exc: Exception) -> Problem:
    return Problem(f"the check could not run ({type(exc).__name__}: {str(exc)[:80]})",
                   "please tell the organisers; the other checks did run")


def _finding(chk: Check, problem: Problem, msg, line: int, fuzzy: bool, path: str,
             locale: str | None) -> Finding:
    severity = WARNING if fuzzy else chk.severity
    message = problem.message + (" (entry marked fuzzy)" if fuzzy else "")
    return Finding(chk.id, severity, message, problem.hint, path, line, locale,
                   msg.msgctxt if msg is not None else None,
                   msg.msgid if msg is not None else None)


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line, f.check, f.message))
