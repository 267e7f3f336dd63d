"""Every threshold of the analysis is in docs/analysis.md's settings table with the default the code has: a new
maintainer's trial changed `close_push_days` and nothing noticed the page still saying 30 (and the three
`close_push_*` settings were missing from the table)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from battlemap.analysis.settings import AnalysisSettings

DOC = Path(__file__).resolve().parents[2] / "docs" / "analysis.md"
ROW = re.compile(r"^\| (`[a-z_]+`(?:(?: / |, )`[a-z_]+`)*) \| ([^|]+) \|", re.M)


def _rows() -> dict[str, str]:
    """{setting: default as the table writes it}; `a_b` / `_c` names a_c (the first name's first word)."""
    table: dict[str, str] = {}
    for names, values in ROW.findall(DOC.read_text(encoding="utf-8")):
        names = [n.strip("`") for n in re.split(r" / |, ", names)]
        head = names[0].split("_")[0]
        names = [head + n if n.startswith("_") else n for n in names]
        parts = re.split(r" / |, ", values.strip())
        for i, name in enumerate(names):
            table[name] = parts[i] if len(parts) == len(names) else values.strip()
    return table


def test_every_setting_is_documented_with_its_default():
    table, defaults = _rows(), AnalysisSettings()
    missing = [f.name for f in fields(AnalysisSettings) if f.name not in table]
    assert not missing, f"settings not in docs/analysis.md's table: {missing}"
    checked = 0
    for f in fields(AnalysisSettings):
        value = getattr(defaults, f.name)
        if isinstance(value, (int, float)) and re.fullmatch(r"[0-9.e-]+", table[f.name]):
            assert float(table[f.name]) == float(value), (
                f"{f.name}: the page says {table[f.name]}, the code {value}"
            )
            checked += 1
    assert checked >= 30  # the numbers the table gives plainly
