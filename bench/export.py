"""Benchmark of the exports of a big account (issue 19): XLSX, PPTX, PDF, PNG and JSON.

Builds, in a throwaway SQLite database, generated accounts of 500 and 2,000 people (tests/bigaccount.py:
2 influence links and 20 interactions per person, so 2,000 people have 40k interactions), then prints for
each format the median and max of `--runs` runs at both sizes side by side, the ratio 2,000 / 500 (linear
growth is 4×), the CPU time of the median run at the biggest size (this process and its children: the
PNG's pdftoppm), each time as a multiple of the floor (wall and CPU: what holds on a loaded machine), and
the peak memory at the biggest size (tracemalloc, a separate run; not the PNG's pdftoppm: its resident
size is about 4 bytes a pixel, and the picture holds at most 40 million pixels). The floor, measured in the same run, is reading the map from the database
(`export_map`), which every format starts from; each format is timed end to end (`export_account`: read,
analysis from the cache as after a visit of the map page, render).
Budget at 2,000 people: XLSX < 10 s, PPTX < 15 s, PDF < 10 s, PNG < 10 s, JSON < 5 s; memory < 1 GiB.
About 2 minutes alone on the 2-core development machine.

    .venv/bin/python bench/export.py [--sizes 500,2000 --runs 3 --formats xlsx,pptx,pdf,png,json]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
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


def cpu_now() -> float:
    """CPU seconds used so far by this process and its finished children (pdftoppm)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(fn, runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run."""
    times = []
    for _ in range(runs):
        gc.collect()
        cpu, start = cpu_now(), time.perf_counter()
        fn()
        times.append((time.perf_counter() - start, cpu_now() - cpu))
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

    results: dict[tuple[str, int], tuple[list[tuple[float, float]], float]] = {}
    with translation.override("zh-hans"):
        for n in sizes:
            account_analysis(account=accounts[n], lang="zh-hans")  # cached, as after a view of the map page
            results[("floor", n)] = (measure(lambda a=accounts[n]: export_map(a), args.runs), 0.0)
        for fmt in formats:
            for n in sizes:

                def run(account=accounts[n], fmt=fmt):
                    return export_account(account, fmt=fmt, lang="zh-hans")

                times = measure(run, args.runs)
                mem = 0.0 if args.no_memory or n != sizes[-1] else peak_mib(run)
                results[(fmt, n)] = (times, mem)

    small, big = sizes[0], sizes[-1]

    def median_run(fmt: str, n: int) -> tuple[float, float]:
        return sorted(results[(fmt, n)][0])[len(results[(fmt, n)][0]) // 2]

    floor_wall, floor_cpu = median_run("floor", big)
    head = "".join(f"{f'{n:,} people (median / max)':>28}" for n in sizes)
    print(
        f"{'export':<34}{head}{'ratio':>7}{f'CPU {big:,}':>11}{'x floor':>9}{'x floor':>9}"
        f"{'peak MiB':>9}{'budget':>8}"
    )
    print(f"{'':<34}{'':>{28 * len(sizes)}}{'':>7}{'':>11}{'(wall)':>9}{'(CPU)':>9}")
    for fmt in ["floor", *formats]:
        cells = ""
        for n in sizes:
            walls = [w for w, _c in results[(fmt, n)][0]]
            cells += f"{statistics.median(walls):>18.2f} / {max(walls):5.2f} s"
        ratio = median_run(fmt, big)[0] / max(median_run(fmt, small)[0], 1e-9)
        wall, cpu = median_run(fmt, big)
        mem = results[(fmt, big)][1]
        name = "floor: read the map (export_map)" if fmt == "floor" else f"{fmt} (end to end)"
        budget = f"< {BUDGETS[fmt]:.0f} s" if fmt in BUDGETS else ""
        verdict = ""
        if fmt in BUDGETS:
            ok = statistics.median(w for w, _c in results[(fmt, big)][0]) < BUDGETS[fmt] and mem < 1024
            verdict = "  ok" if ok else "  OVER"
        print(
            f"{name:<34}{cells}{ratio:>6.1f}x{cpu:>9.2f} s{wall / floor_wall:>8.1f}x{cpu / floor_cpu:>8.1f}x"
            f"{mem:>9.0f}{budget:>8}{verdict}"
        )
    print(
        f"({args.runs} runs each; ratio {big:,} / {small:,} people, linear is {big / small:.0f}x; peak MiB is "
        f"Python's (tracemalloc; the PNG's pdftoppm, about 4 bytes a pixel, at most ~170 MB for 40 MP, is apart); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; temp DB {TMP})"
    )


if __name__ == "__main__":
    main()
