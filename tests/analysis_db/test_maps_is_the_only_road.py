"""battlemap/maps is the only road from the database to the analysis: no other module builds a
snapshot or calls `battlemap.analysis.analyze` (the pure analysis itself aside)."""

from __future__ import annotations

import ast
from pathlib import Path

import battlemap

ROOT = Path(battlemap.__file__).parent
ALLOWED = (ROOT / "maps", ROOT / "analysis")
SNAPSHOT_BUILDERS = {"build_snapshot", "account_snapshot"}
ENGINE = {"analyze"}


def _outside_modules():
    for path in sorted(ROOT.rglob("*.py")):
        if not any(path.is_relative_to(allowed) for allowed in ALLOWED):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _offences(path: Path, tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {a.name for a in node.names}
            if node.module.startswith("battlemap.maps.snapshot") or (
                node.module.startswith("battlemap.maps") and names & SNAPSHOT_BUILDERS
            ):
                found.append(f"{path}:{node.lineno} imports the snapshot builder")
            if node.module.startswith("battlemap.analysis") and names & ENGINE:
                found.append(f"{path}:{node.lineno} imports analyze")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(("battlemap.maps.snapshot", "battlemap.analysis.engine")):
                    found.append(f"{path}:{node.lineno} imports {alias.name}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ENGINE | SNAPSHOT_BUILDERS:
                found.append(f"{path}:{node.lineno} calls {name}()")
    return found


def test_no_module_outside_maps_builds_a_snapshot_or_runs_the_engine():
    offences = [o for path, tree in _outside_modules() for o in _offences(path, tree)]
    assert offences == []


def test_the_check_would_catch_a_stray_road(tmp_path):
    stray = "from battlemap.analysis import analyze\nfrom battlemap.maps import build_snapshot\nanalyze(build_snapshot(account=a))\n"
    assert len(_offences(tmp_path / "stray.py", ast.parse(stray))) == 4


def test_the_old_roads_are_gone():
    for old in ("accounts/snapshot.py", "accounts/analysis_adapter.py", "accounts/api_history.py"):
        assert not (ROOT / old).exists()
