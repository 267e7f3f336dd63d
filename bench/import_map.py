"""Benchmark of `import-map` (issue 19): a 1,000-person map with its links and interactions loaded as a
new account, all or nothing, through the services (battlemap.io.mapformat.map_import).

Builds in a throwaway SQLite database a generated account (tests/bigaccount.py: 2 influence links and
20 interactions of one to four people per person, 3 deals of 40 stakeholders), exports it
(`export_map`, the map format `battlemap export-map` writes), then imports it `--runs` times under new
slugs. Prints the median, max and CPU time of the import beside the floor measured in the same run:
reading the same map back (`export_map`). Budget: < 10 s for 1,000 people.

    .venv/bin/python bench/import_map.py [--people 1000 --runs 3]

`--chain N` instead compares the shape of the org chart: N people in one reporting chain, each in a
department nested in the one above (depth N), beside N people under one manager in N top-level departments
(depth 1); the same rows, so the import costs the same per person when it is linear in the depth
(budget: chain within 3x flat; before the fix 3,000 deep cost 10x flat and grew with the square).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-import-map-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"  # never ./var
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from battlemap.io.mapformat import export_map  # noqa: E402
from battlemap.io.mapformat.load import map_import  # noqa: E402
from tests.bigaccount import build  # noqa: E402

BUDGET = 10.0


def measure(fn, runs: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for n in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        fn(n)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chain", type=int, default=0, help="compare a chain of N people with a flat map")
    args = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        if args.chain:
            return chain_vs_flat(args.chain, args.runs)
        owner = get_user_model().objects.create_user("bench", password="bench")
        account = build(owner=owner, people=args.people)
        data = export_map(account)
        print(
            f"map: {len(data['people']):,} people, {len(data['influence_links']):,} links, "
            f"{len(data['interactions']):,} interactions, {len(data['deals'])} deals; "
            f"{args.runs} runs; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        floor, floor_cpu = measure(lambda n: export_map(account), args.runs)
        with CaptureQueriesContext(connection) as queries:
            map_import(data=data, owner=owner, slug="copy-counted")
        walls, cpus = measure(lambda n: map_import(data=data, owner=owner, slug=f"copy-{n}"), args.runs)
        median = statistics.median(walls)
        print(f"{'':<40}{'median / max':>18}{'CPU':>10}{'/floor':>8}")
        print(f"{'floor: read the map (export_map)':<40}{statistics.median(floor):>9.2f} /{max(floor):>6.2f} s"
              f"{statistics.median(floor_cpu):>8.2f} s")  # fmt: skip
        verdict = "within budget" if median < BUDGET else f"OVER BUDGET (< {BUDGET:.0f} s)"
        print(
            f"{'import-map (map_import)':<40}{median:>9.2f} /{max(walls):>6.2f} s"
            f"{statistics.median(cpus):>8.2f} s{median / statistics.median(floor):>7.1f}x  "
            f"{len(queries):,} queries  {verdict}"
        )
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


def shaped(n: int, *, deep: bool) -> dict:
    """A map of `n` people and `n` departments: one chain (deep) or all under person 1 (flat)."""
    return {
        "format_version": 1,
        "account": {"slug": "x", "name": "shape", "lifecycle": "prospect", "portrait": {}},
        "org_units": [{"id": k, "name": f"unit {k}", "parent": (k - 1 if deep else None) if k > 1 else None}
                      for k in range(1, n + 1)],
        "people": [{"id": k, "name": f"person {k}", "org_unit": k,
                    "reports_to": (k - 1 if deep else 1) if k > 1 else None} for k in range(1, n + 1)],
        "influence_links": [], "external_factors": [], "decision_bodies": [], "deals": [], "interactions": [],
    }  # fmt: skip


def chain_vs_flat(n: int, runs: int) -> None:
    owner = get_user_model().objects.create_user("bench", password="bench")
    print(
        f"{n:,} people and {n:,} departments; {runs} runs; load average {os.getloadavg()[0]:.1f}", flush=True
    )
    print(f"{'':<34}{'median / max':>18}{'CPU':>10}{'queries':>10}")
    rows = {}
    for label, deep in (("flat (depth 1)", False), (f"chain (depth {n:,})", True)):
        data = shaped(n, deep=deep)
        with CaptureQueriesContext(connection) as queries:
            map_import(data=data, owner=owner, slug=f"counted-{deep}")
        walls, cpus = measure(
            lambda k, data=data, deep=deep: map_import(data=data, owner=owner, slug=f"{deep}-{k}"), runs
        )
        rows[deep] = statistics.median(cpus)
        print(f"{label:<34}{statistics.median(walls):>9.2f} /{max(walls):>6.2f} s"
              f"{statistics.median(cpus):>8.2f} s{len(queries):>10,}")  # fmt: skip
    ratio = rows[True] / rows[False]
    verdict = "within budget" if ratio < 3 else "OVER BUDGET (chain < 3x flat)"
    print(f"chain / flat CPU: {ratio:.1f}x  {verdict}")


if __name__ == "__main__":
    main()
