"""Shared fixtures: a throw-away copy of the project, real tools when installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed" / "campaign-page.txt"  # the page as scraped
WHERE = {"msgfmt": "Debian package gettext", "msgcat": "Debian package gettext",
         "msgmerge": "Debian package gettext", "msgunfmt": "Debian package gettext",
         "pybabel": "pip package babel", "pocount": "pip package translate-toolkit",
         "hugo": "Debian package hugo", "chromium": "Debian package chromium",
         "node": "Debian package nodejs", "npm": "Debian package npm"}


def tool(name: str) -> str:
    """Path of an external tool (beside this Python first), or skip with a clear reason."""
    beside = Path(sys.executable).parent / name
    path = str(beside) if beside.exists() else shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed ({WHERE.get(name, 'see .ci/run')}; "
                    ".ci/run installs it)")
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
