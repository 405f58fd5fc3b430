"""XLIFF 1.2 packets, for CAT tools (OmegaT, Trados, memoQ, Weblate), written with lxml.

One ``<trans-unit>`` per message: ``id`` (see :mod:`reclaim_i18n.packets.rows`),
``resname`` (the msgctxt), ``maxwidth`` with ``size-unit="char"`` for a length limit,
``<note>``s with the organisers' notes, ``approved="yes"`` for what a reviewer approved.
A plural message is a ``<group restype="x-gettext-plurals">`` of one trans-unit per
form (``id[0]``, ``id[1]``…), as translate-toolkit's po2xliff writes it. The target's
``state``: ``needs-translation`` (untranslated), ``needs-review-translation`` (fuzzy),
``translated``. Markdown and placeholders are plain text.

Reading: ``translated``, ``final`` and ``signed-off`` confirm a translation;
``needs-review-*`` keeps it fuzzy (see :mod:`reclaim_i18n.packets.incoming`), and so
does ``needs-translation`` on a target with text (a CAT tool copied the source, or a
translator left the state: Weblate reads it as fuzzy too). Every ``<file>`` is read; they
must agree on the target language and the packet stamp. Messages name the XML line of
the ``<trans-unit>``. A file with a DOCTYPE is refused.
"""

from __future__ import annotations

from lxml import etree

from reclaim_i18n import __version__
from reclaim_i18n.packets.incoming import Incoming, InRow
from reclaim_i18n.packets.po import PACKET_HEADER
from reclaim_i18n.packets.rows import Row, Sheet
from reclaim_i18n.packets.table import PacketFormatError

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
STATES = {"untranslated": "needs-translation", "fuzzy": "needs-review-translation",
          "needs-fixing": "needs-review-translation"}
DONE = {"translated", "final", "signed-off"}


def _el(parent, tag: str, text: str | None = None, **attrib):
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_").replace("_", "-"): v
                                                          for k, v in attrib.items()})
    if text is not None:
        element.text = text
    return element


def _unit(parent, row: Row, notes: bool):
    unit = _el(parent, "trans-unit", id=row.id)
    if row.msgctxt is not None:
        unit.set("resname", row.msgctxt)
    if row.max_length:
        unit.set("maxwidth", str(row.max_length))
        unit.set("size-unit", "char")
    if row.approved:
        unit.set("approved", "yes")
    unit.set(XML_SPACE, "preserve")
    _el(unit, "source", row.english)
    state = "translated" if row.approved else STATES.get(row.state, "needs-translation")
    _el(unit, "target", row.translation, state=state)
    if row.form is not None:
        _el(unit, "note", f"Plural form {row.form_label}", from_="reclaim-i18n")
    if notes and row.notes:
        _el(unit, "note", row.notes, from_="developer")


def write_xliff(sheet: Sheet, original: str) -> bytes:
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version="1.2")
    file = _el(root, "file", original=original, source_language="en",
               target_language=sheet.locale, datatype="po")
    header = _el(file, "header")
    _el(header, "tool", tool_id="reclaim-i18n", tool_name="reclaim-i18n",
        tool_version=__version__)
    # the strict schema's header has no <prop-group>: the stamp travels as a note
    _el(header, "note", f"{PACKET_HEADER}: {sheet.stamp}", from_="reclaim-i18n")
    body = _el(file, "body")
    for row in sheet.rows:
        if row.form is None:
            _unit(body, row, notes=True)
            continue
        if row.form == 0:
            group = _el(body, "group", id=row.id.split("[")[0], restype="x-gettext-plurals")
            if row.msgctxt is not None:
                group.set("resname", row.msgctxt)
            if row.notes:
                _el(group, "note", row.notes, from_="developer")
        _unit(group, row, notes=False)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _parse(path, data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise PacketFormatError(f"not well-formed XML: {exc.msg}", path,
                                line=exc.lineno) from None
    if tree.docinfo.doctype:
        raise PacketFormatError("an XLIFF file with a DOCTYPE is not accepted", path)
    root = tree.getroot()
    if etree.QName(root).localname != "xliff" or root.get("version") != "1.2":
        raise PacketFormatError("not an XLIFF 1.2 file (<xliff version=\"1.2\">)", path,
                                hint="export XLIFF 1.2 from your CAT tool")
    return root


def _row(unit) -> InRow:
    target = unit.find(f"{{{NS}}}target")
    source = unit.find(f"{{{NS}}}source")
    translation = "".join(target.itertext()) if target is not None else ""
    state = (target.get("state") if target is not None else None) or ""
    copied = state == "needs-translation" and translation.strip()   # Weblate: fuzzy
    status = ("done" if state in DONE
              else "review" if state.startswith("needs-review") or copied else None)
    inline = [e for e in (source, target) if e is not None and len(e)]
    resname = unit.get("resname")
    if resname is None and unit.getparent().get("restype") == "x-gettext-plurals":
        resname = unit.getparent().get("resname")
    return InRow(
        line=unit.sourceline or 0, id=unit.get("id") or "", msgctxt=resname,
        english="".join(source.itertext()) if source is not None else "",
        translation=translation, status=status,
        problem="inline markup (<ph>, <g>…) is not expected: keep the text as it is"
        if inline else None)


def _one(path, values: set, what: str) -> str | None:
    """The one value every <file> gives (some may give none), or a clear error."""
    values.discard(None)
    if len(values) > 1:
        raise PacketFormatError(f"its <file> elements have different {what}: "
                                f"{', '.join(sorted(values))}", path,
                                hint="send each packet in a file of its own")
    return next(iter(values), None)


def _stamp(file) -> str | None:
    notes = [n.text or "" for n in file.iterfind(f"{{{NS}}}header/{{{NS}}}note")]
    return next((n.split(":", 1)[1].strip() for n in notes if n.startswith(PACKET_HEADER)),
                None)


def read_xliff(path, data: bytes) -> Incoming:
    """Every <file> is read (a CAT tool may put several in one XLIFF); they must be for
    one language and from one packet."""
    files = _parse(path, data).findall(f"{{{NS}}}file")
    if not files:
        raise PacketFormatError("the XLIFF file has no <file> element", path)
    locale = _one(path, {f.get("target-language") or None for f in files}, "target languages")
    stamp = _one(path, {_stamp(f) for f in files}, f"{PACKET_HEADER} stamps")
    rows = [_row(unit) for file in files for unit in file.iter(f"{{{NS}}}trans-unit")]
    return Incoming(str(path), locale, stamp, rows, unit="line")
