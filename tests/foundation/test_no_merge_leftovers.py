"""No file of the project keeps a merge's conflict markers: docs/web.md carried `<<<<<<< HEAD` … `>>>>>>>` in
the deal room's section for a day after a cherry-pick (a reader saw both versions and the markers)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".git", ".venv", "node_modules", "vendor", "staticfiles", "var", "test-artifacts", "__pycache__"}
TEXT = {".py", ".md", ".html", ".txt", ".js", ".css", ".po", ".toml", ".cfg", ".yml", ".json", ".sh", ""}
MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)


def _project_files():
    for path in ROOT.rglob("*"):
        if SKIPPED.intersection(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in TEXT and path.stat().st_size < 2_000_000:
            yield path


def test_no_file_keeps_conflict_markers():
    left = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
        for path in _project_files()
        for text in [path.read_text(encoding="utf-8", errors="replace")]
        for m in MARKER.finditer(text)
    ]
    assert not left, left
