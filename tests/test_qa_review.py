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
