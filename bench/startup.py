"""Benchmark of the CLI's start-up (issue 19): `battlemap accounts` on a migrated throwaway database with
five accounts, next to two floors measured in the same run: the bare interpreter (`python -c pass`) and
Django set up with the project's settings (`django.setup()`). Each is a fresh process, timed from outside.
Budget: `battlemap accounts` < 1 s.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Wall seconds and CPU seconds (user + system, the kernel's accounting of the child) of each run."""
    subprocess.run(cmd, env=env, check=True, capture_output=True)  # warm the file cache
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return walls, cpus


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
        [py, "-m", "battlemap", "createuser", "bench", "--password", "Bench-mark-2026"],
        env=env,
        capture_output=True,
        check=True,
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
            check=True,
        )
    cases = [
        ("floor: python -c pass", [py, "-c", "pass"]),
        ("floor: django.setup()", [py, "-c", "import django; django.setup()"]),
        ("battlemap accounts", [py, "-m", "battlemap", "accounts"]),
        # the other data commands start as `accounts` does (core.cli.DataCommand: the model checks only)
        ("battlemap export-map acct0", [py, "-m", "battlemap", "export-map", "acct0"]),
        ("battlemap jobs", [py, "-m", "battlemap", "jobs"]),
    ]
    print(
        f"{'command':<30}{'wall median':>12}{'max':>8}{'cpu median':>12}{'max':>8}   ({args.runs} runs each)"
    )
    for label, cmd in cases:
        walls, cpus = timed(cmd, env, args.runs)
        print(
            f"{label:<30}{statistics.median(walls):>11.2f}s{max(walls):>7.2f}s"
            f"{statistics.median(cpus):>11.2f}s{max(cpus):>7.2f}s"
        )
    print(
        f"budget: battlemap accounts < 1 s; every data command about as fast (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
