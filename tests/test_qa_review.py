"""QA: hostile review files (messages.review) are clear errors naming file and line."""

from __future__ import annotations

import pytest

from reclaim_i18n.errors import CatalogError
from reclaim_i18n.review.records import parse_records


@pytest.mark.parametrize("line", [
    b"42", b"[1, 2]", b"null", b'"a string"', b"true",
    (b'{"msgctxt": null, "msgid": "a", "approved": {"by": "x", "on": "d", "en": "e", '
     b'"tr": "t", "translation": "not a list"}}'),
    b'{"msgctxt": null, "msgid": "a", "translated": ["x"]}',
])
def test_a_json_line_that_is_not_a_record_is_an_error_with_its_line(tmp_path, line):
    with pytest.raises(CatalogError) as info:
        parse_records(b'{"msgctxt": null, "msgid": "a"}\n\n' + line + b"\n",
                      tmp_path / "x.review")
    assert info.value.line == 3


def test_an_ignore_flag_added_in_a_review_packet_does_not_let_an_error_in(project, tmp_path):
    """A correction is checked as the catalogue will hold it, with the catalogue's flags."""
    from reclaim_i18n.config import load_config
    from reclaim_i18n.pofile import read_po, write_po
    from test_review import _packet, run

    path = _packet(project, tmp_path)
    packet = read_po(path)
    entry = next(m for m in packet.active if "Reclaim Your Face" in m.msgid)
    entry.msgstr = "Ohne Namen"
    entry.flags.append("ignore-glossary-name")
    packet.header.flags.append("ignore-glossary-name")
    write_po(packet, path)
    result = run(project, "approve", "de", "--packet", str(path), "--reviewer", "Ana")
    assert result.exit_code == 1 and "fails a check" in result.output, result.output
    catalog = read_po(load_config(project).po_path("de"))
    assert "Ohne Namen" not in [m.msgstr for m in catalog.active]
