"""The catalogue as a whole: it can be read, and its header is sane.

``syntax`` findings come from the reader (``read_po`` raises a ``CatalogError`` with the
line); the runner turns them into findings, so this module only describes them.
"""

from __future__ import annotations

from reclaim_i18n.checks.base import ERROR, WARNING, Problem, check
from reclaim_i18n.pofile import header_field_line


@check("syntax", ERROR, "Readable PO file", scope="catalog")
def check_syntax(catalog, ctx):
    """The file is a PO file the tools can read: valid UTF-8 (or its declared charset),
    every string quoted and closed, every entry complete, no entry twice, no NUL byte,
    not a compiled .mo file. Reported with the line where reading stopped."""
    return ()


@check("gnu-compat", WARNING, "A file GNU gettext reads", scope="catalog")
def check_gnu_compat(catalog, ctx):
    """Nothing the reader accepted but GNU gettext tools (``msgfmt -c``) refuse: a UTF-8
    byte-order mark, lines ending in CR only, an obsolete (``#~``) entry repeating
    another entry. The tool's next write of the file (``update``, ``apply-packet``)
    repairs it."""
    for warning in catalog.warnings:
        yield Problem(warning.message, warning.hint, warning.line)


@check("findings-limit", ERROR, "Checked to the end", scope="catalog")
def check_findings_limit(catalog, ctx):
    """The command stops checking a file after 1,000 findings or 2,000 translated entries
    (such a file needs a look first); this finding says so. Reported by the command's
    runner only: ``check_catalog`` always checks everything."""
    return ()


def _subtags(code: str) -> tuple[str, str, str]:
    from reclaim_i18n.locales import bcp47_code, normalise_bcp47

    code = code.strip()
    try:
        code = bcp47_code(code) if ("@" in code or "_" in code) else normalise_bcp47(code)
    except ValueError:
        code = normalise_bcp47(code.replace("@", "-"))
    lang, script, region = "", "", ""
    for i, part in enumerate(code.split("-")):
        if i == 0:
            lang = part.lower()
        elif len(part) == 4:
            script = part.title()
        else:
            region = part.upper()
    return lang, script, region


@check("header-language", ERROR, "Language header matches the folder", scope="catalog")
def check_language(catalog, ctx):
    """The header's ``Language:`` names the language of the folder the file is in
    (``de`` in ``locales/de/``, ``sr@latin`` or ``sr-Latn`` in ``locales/sr@latin/``)."""
    value = catalog.language
    line = header_field_line(catalog, "Language")
    if not value:
        yield Problem(f"the header has no Language; this file is for {ctx.bcp47}",
                      f"add the line \"Language: {ctx.bcp47}\\n\" to the header", line)
        return
    have, want = _subtags(value), _subtags(ctx.bcp47)
    if have[:2] != want[:2] or (want[2] and have[2] != want[2]):
        yield Problem(f"the header says Language: {value[:20]}, but this file is for "
                      f"{ctx.bcp47}", "check that you edited the right file; the Language "
                      f"line of this file must say {ctx.bcp47}", line)


@check("header-plural-forms", ERROR, "Plural-Forms header valid", scope="catalog")
def check_plural_forms(catalog, ctx):
    """``Plural-Forms`` parses, its rule only chooses forms that exist, and it is present
    when the file has plural entries."""
    from reclaim_i18n.plurals.expressions import SAMPLES, parse_plural_forms, plural_function

    value = catalog.plural_forms
    line = header_field_line(catalog, "Plural-Forms")
    hint = "copy the Plural-Forms line from the template's catalogue of your language, " \
           "e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""
    if value is None:
        if any(m.is_plural for m in catalog.active):
            yield Problem("the header has no Plural-Forms, but the file has plural entries",
                          hint, line)
        return
    try:
        nplurals, expr = parse_plural_forms(value)
        rule = plural_function(expr)
        bad = next(((n, i) for n in SAMPLES for i in (rule(n),) if not 0 <= i < nplurals),
                   None)
    except Exception as exc:  # noqa: BLE001 - any failure of a volunteer's rule
        yield Problem(f"bad Plural-Forms header: {str(exc)[:100]}", hint, line)
        return
    if bad:
        yield Problem(f"the plural rule chooses msgstr[{bad[1]}] for n={bad[0]}, but "
                      f"nplurals={nplurals}", hint, line)


@check("header-fuzzy", WARNING, "Header not fuzzy", scope="catalog")
def check_header_fuzzy(catalog, ctx):
    """The header entry is not marked fuzzy (some tools then skip the whole file)."""
    if catalog.header.fuzzy:
        yield Problem("the header is marked fuzzy; some tools ignore the whole file then",
                      "remove “fuzzy” from the “#,” line above msgid \"\" at the top",
                      catalog.header.line or 1)


@check("encoding", WARNING, "Saved as UTF-8", scope="catalog")
def check_encoding(catalog, ctx):
    """The file is UTF-8 and its header says so (other charsets are converted to UTF-8
    when the tool writes the file)."""
    line = header_field_line(catalog, "Content-Type")
    if catalog.charset_mismatch:
        yield Problem("the header names another charset, but the file is UTF-8",
                      "set the header to \"Content-Type: text/plain; charset=UTF-8\\n\"",
                      line)
    elif catalog.charset != "utf-8":
        yield Problem(f"the file is saved as {catalog.charset}, not UTF-8",
                      "save the file as UTF-8 and set charset=UTF-8 in the header", line)
    elif "charset=" not in (catalog.header_value("Content-Type") or "").lower():
        yield Problem("the header does not say which charset the file uses",
                      "add \"Content-Type: text/plain; charset=UTF-8\\n\" to the header",
                      line)
