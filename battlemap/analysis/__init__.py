"""The analysis engine (pure Python, no Django): influence, coverage, flags, health, playbook, circle.

Entry points: `analyze(snapshot, settings=..., lang=...)`, `analysis_json(result)`,
`changes_between(before, after)`, `snapshot_from_dict` / `snapshot_to_dict`.
"""

from __future__ import annotations

from .changes import changes_between
from .engine import analyze
from .report import analysis_json, changes_json
from .serialize import SnapshotError, snapshot_from_dict, snapshot_to_dict
from .settings import DEFAULT_SETTINGS, AnalysisSettings
from .textreport import text_report

__all__ = [
    "DEFAULT_SETTINGS",
    "AnalysisSettings",
    "SnapshotError",
    "analysis_json",
    "analyze",
    "changes_between",
    "changes_json",
    "snapshot_from_dict",
    "snapshot_to_dict",
    "text_report",
]
