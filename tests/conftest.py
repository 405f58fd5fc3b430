"""Shared fixtures: a throw-away copy of the project, real tools when installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_9881cd6c729b7036.txt"


def tool(name: str) -> str:
    """Path of an external tool, or skip the test with a clear reason."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install gettext / see .ci/run)")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped project (config, source content, catalogues)."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    shutil.copytree(ROOT / "source_content", dest / "source_content")
    shutil.copytree(ROOT / "locales", dest / "locales")
    return dest


def run_msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("msgfmt"), "-c", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
