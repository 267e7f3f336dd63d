"""The analysis engine (pure Python, no Django): influence, coverage, flags, health, playbook, circle.

Entry points: `analyze(snapshot, settings=..., lang=...)`, `analysis_json(result)`,
`changes_between(before, after)`, `text_report(json, lang)`, `snapshot_from_dict` / `snapshot_to_dict`.
They load lazily, so importing the package stays cheap and does not pull in numpy and scipy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "analyze": "engine",
    "analysis_json": "report",
    "changes_json": "report_changes",
    "changes_between": "changes",
    "text_report": "textreport",
    "SnapshotError": "serialize",
    "snapshot_from_dict": "serialize",
    "snapshot_to_dict": "serialize",
    "AnalysisSettings": "settings",
    "DEFAULT_SETTINGS": "settings",
    "overdue": "actions",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'battlemap.analysis' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
