"""Server time of Django pages in process, for the page benchmarks (bench/portfolio.py, bench/pages.py).

`measure` views a page `runs` times (after one warm-up view), each time after `before()` when given
(e.g. emptying the cache), and keeps the wall time, the CPU time of this process (on a loaded machine
the wall time counts the wait for a core, the CPU time does not) and the query count. `table` prints
median and max of both beside the budget, with the ratio of the median to the floor's (the first row).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Timing:
    label: str
    wall: list[float]  # seconds
    cpu: list[float]  # seconds
    queries: int
    budget: float | None = None  # seconds

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def measure(
    label: str, client, url: str, runs: int, *, before: Callable[[], None] | None = None, budget=None
) -> Timing:
    assert client.get(url).status_code in (200, 302)  # warm-up (and the session saved)
    wall, cpu, count = [], [], 0
    for _ in range(runs):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
        assert response.status_code in (200, 302), response.status_code
        count = len(ctx.captured_queries)
    return Timing(label, wall, cpu, count, budget)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def table(rows: list[Timing], runs: int) -> None:
    """The rows, the first being the floor: wall median / max, CPU median / max, ratio of the median
    wall and CPU times to the floor's, queries, budget and whether the median is within it."""
    floor = rows[0]
    print(
        f"{'page':<48}{'median':>10}{'max':>10}{'CPU med':>10}{'CPU max':>10}{'× floor':>9}"
        f"{'CPU ×':>8}{'queries':>9}{'budget':>12}"
    )
    for row in rows:
        verdict = ""
        if row.budget is not None:
            verdict = "  ok" if row.median < row.budget else "  OVER"
        ratio = row.median / floor.median if floor.median else 0
        cpu_ratio = row.cpu_median / floor.cpu_median if floor.cpu_median else 0
        print(
            f"{row.label:<48}{_ms(row.median):>10}{_ms(max(row.wall)):>10}{_ms(row.cpu_median):>10}"
            f"{_ms(max(row.cpu)):>10}{ratio:>8.0f}×{cpu_ratio:>7.0f}×{row.queries:>9}"
            f"{'' if row.budget is None else '< ' + _ms(row.budget):>12}{verdict}"
        )
    print(f"({runs} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
