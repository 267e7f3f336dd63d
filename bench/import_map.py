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
(depth 1), for N and 2N people. Budget: twice as deep costs less than 2.3x CPU (linear; before the fix
the chain's cost grew with the square of its depth).
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
    """Flat and chain maps of n and 2n people: linear in the depth when the chain's cost doubles with it."""
    owner = get_user_model().objects.create_user("bench", password="bench")
    print(f"{n:,} and {2 * n:,} people (as many departments); {runs} runs; load average {os.getloadavg()[0]:.1f}",
          flush=True)  # fmt: skip
    print(f"{'':<34}{'median / max':>18}{'CPU':>10}{'queries':>10}")
    cpu: dict[tuple[bool, int], float] = {}
    for size in (n, 2 * n):
        for label, deep in ((f"flat (depth 1), {size:,}", False), (f"chain (depth {size:,})", True)):
            data = shaped(size, deep=deep)
            queries = [0]

            def count(execute, sql, params, many, context, queries=queries):  # noqa: ANN001, ANN202
                queries[0] += 1
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                map_import(data=data, owner=owner, slug=f"counted-{deep}-{size}")
            walls, cpus = measure(
                lambda k, data=data, deep=deep, size=size: map_import(
                    data=data, owner=owner, slug=f"{deep}-{size}-{k}"
                ),
                runs,
            )
            cpu[deep, size] = statistics.median(cpus)
            print(f"{label:<34}{statistics.median(walls):>9.2f} /{max(walls):>6.2f} s"
                  f"{cpu[deep, size]:>8.2f} s{queries[0]:>10,}")  # fmt: skip
    growth = cpu[True, 2 * n] / cpu[True, n]
    verdict = "linear: within budget" if growth < 2.3 else "OVER BUDGET (twice as deep must cost < 2.3x)"
    print(f"chain / flat CPU at {2 * n:,}: {cpu[True, 2 * n] / cpu[False, 2 * n]:.1f}x; "
          f"chain {2 * n:,} / chain {n:,} CPU: {growth:.1f}x  {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
