"""Benchmark of the CLI's start-up (issue 19): `battlemap accounts` on a migrated throwaway database with
five accounts, next to two floors measured in the same run: the bare interpreter (`python -c pass`) and
Django set up with the project's settings (`django.setup()`). Each is a fresh process, timed from outside.
Budget: `battlemap accounts` < 1 s.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    subprocess.run(cmd, env=env, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="battlemap-bench-startup-")
    env = {
        **os.environ,
        "BATTLEMAP_VAR_DIR": tmp,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "battlemap.settings",
        "PYTHONPATH": str(ROOT),
    }
    py = sys.executable
    subprocess.run([py, "-m", "battlemap", "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [py, "-m", "battlemap", "createuser", "bench", "--password", "bench"], env=env, capture_output=True
    )
    for i in range(5):
        subprocess.run(
            [
                py,
                "-m",
                "battlemap",
                "create-account",
                f"acct{i}",
                "--name",
                f"Account {i}",
                "--owner",
                "bench",
            ],
            env=env,
            capture_output=True,
        )
    cases = [
        ("floor: python -c pass", [py, "-c", "pass"]),
        ("floor: django.setup()", [py, "-c", "import django; django.setup()"]),
        ("battlemap accounts", [py, "-m", "battlemap", "accounts"]),
    ]
    print(f"{'command':<28}{'median':>10}{'max':>10}   ({args.runs} runs, fresh process each)")
    for label, cmd in cases:
        times = timed(cmd, env, args.runs)
        print(f"{label:<28}{statistics.median(times):>9.2f}s{max(times):>9.2f}s")
    print("budget: battlemap accounts < 1 s")


if __name__ == "__main__":
    main()
