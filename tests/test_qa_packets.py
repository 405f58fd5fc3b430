"""QA: hostile and unusual packet files give a clear error (exit 2, the file named),
never a traceback; exported packets are deterministic."""

from __future__ import annotations

import io
from pathlib import Path

from odf.opendocument import OpenDocumentSpreadsheet

import test_todo
from test_todo import invoke

project = test_todo.project


def apply(root: Path, path: Path, *args: str):
    return invoke(root, "apply-packet", str(path), *args)


def test_an_ods_file_without_a_sheet_is_a_clear_error(project, tmp_path):
    out = io.BytesIO()
    OpenDocumentSpreadsheet().write(out)
    path = tmp_path / "de.ods"
    path.write_bytes(out.getvalue())
    run = apply(project, path)
    assert run.exit_code == 2 and "de.ods" in run.output, run.output
    assert "no sheet" in run.output and isinstance(run.exception, SystemExit)
