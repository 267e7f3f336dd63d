"""Benchmark of the exports of a big account (issue 19): XLSX, PPTX, PDF, PNG and JSON.

Builds, in a throwaway SQLite database, generated accounts of 500 and 2,000 people (tests/bigaccount.py:
2 influence links and 20 interactions per person, so 2,000 people have 40k interactions), then prints for
each format the median and max of `--runs` runs at both sizes side by side, the ratio 2,000 / 500 (linear
growth is 4×), and the peak memory (tracemalloc, a separate run). The floor, measured in the same run,
is reading the map from the database (`export_map`), which every format starts from; each format is timed
end to end (`export_account`: read, analysis from the cache as after a visit of the map page, render).
Budget at 2,000 people: XLSX < 10 s, PPTX < 15 s, PDF < 10 s, PNG < 10 s, JSON < 5 s; memory < 1 GiB.

    .venv/bin/python bench/export.py [--sizes 500,2000 --runs 3 --formats xlsx,pptx,pdf,png,json]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-export-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from battlemap.io.export import export_account  # noqa: E402
from battlemap.io.mapformat import export_map  # noqa: E402
from battlemap.maps import account_analysis  # noqa: E402
from tests.bigaccount import build  # noqa: E402

BUDGETS = {"xlsx": 10.0, "pptx": 15.0, "pdf": 10.0, "png": 10.0, "json": 5.0}


def measure(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def peak_mib(fn) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="xlsx,pptx,pdf,png,json")
    parser.add_argument("--no-memory", action="store_true", help="skip the (slower) memory runs")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user("bench", password="bench")
    accounts = {}
    for n in sizes:
        start = time.perf_counter()
        accounts[n] = build(owner=owner, people=n, slug=f"bench{n}")
        print(
            f"built {n:,} people, {2 * n:,} links, {20 * n:,} interactions in {time.perf_counter() - start:.1f} s"
        )

    results: dict[tuple[str, int], tuple[list[float], float]] = {}
    with translation.override("zh-hans"):
        for n in sizes:
            account_analysis(account=accounts[n], lang="zh-hans")  # cached, as after a view of the map page
            results[("floor", n)] = (measure(lambda a=accounts[n]: export_map(a), args.runs), 0.0)
        for fmt in formats:
            for n in sizes:

                def run(account=accounts[n], fmt=fmt):
                    return export_account(account, fmt=fmt, lang="zh-hans")

                times = measure(run, args.runs)
                mem = 0.0 if args.no_memory else peak_mib(run)
                results[(fmt, n)] = (times, mem)

    head = "".join(f"{f'{n:,} people (median / max)':>30}" for n in sizes)
    print(f"{'export':<34}{head}{'ratio':>8}{'peak MiB':>10}{'budget':>9}")
    small, big = sizes[0], sizes[-1]
    for fmt in ["floor", *formats]:
        cells = ""
        for n in sizes:
            times, _ = results[(fmt, n)]
            cells += f"{statistics.median(times):>20.2f} / {max(times):5.2f} s"
        ratio = statistics.median(results[(fmt, big)][0]) / max(
            statistics.median(results[(fmt, small)][0]), 1e-9
        )
        mem = results[(fmt, big)][1]
        name = "floor: read the map (export_map)" if fmt == "floor" else f"{fmt} (end to end)"
        budget = f"< {BUDGETS[fmt]:.0f} s" if fmt in BUDGETS else ""
        verdict = ""
        if fmt in BUDGETS:
            ok = statistics.median(results[(fmt, big)][0]) < BUDGETS[fmt] and mem < 1024
            verdict = "  ok" if ok else "  OVER"
        print(f"{name:<34}{cells}{ratio:>7.1f}x{mem:>10.0f}{budget:>9}{verdict}")
    print(
        f"({args.runs} runs each; ratio {big:,} / {small:,} people, linear is {big / small:.0f}x; temp DB {TMP})"
    )


if __name__ == "__main__":
    main()
