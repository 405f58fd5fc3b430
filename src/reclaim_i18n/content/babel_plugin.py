"""A Babel extractor for campaign pages, for projects already on ``pybabel extract``.

Registered as the ``reclaim_yaml`` entry point in ``babel.extractors``; in a Babel
mapping file::

    [reclaim_yaml: source_content/pages/*.yaml]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from reclaim_i18n.content.pages import load_page, page_units


def extract_yaml(fileobj, keywords, comment_tags, options):
    """Yield ``(lineno, funcname, messages, comments)`` as Babel expects.

    Contexts come through ``pgettext``/``npgettext``, which Babel's default keywords
    map to ``msgctxt``.
    """
    name = Path(getattr(fileobj, "name", "page.yaml")).name
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(fileobj.read())
        page = load_page(path)
    for unit in page_units(page, name, with_lines=True):
        line = int(unit.refs[0].rsplit(":", 1)[1])
        if unit.msgid_plural:
            yield line, "npgettext", (unit.msgctxt, unit.msgid, unit.msgid_plural), list(unit.comments)
        else:
            yield line, "pgettext", (unit.msgctxt, unit.msgid), list(unit.comments)
