"""Benchmark of the pages of a very big account (a tester's 30,000-row people import).

Builds, in a throwaway SQLite database, one account of `--people` people (tests/bigaccount.py: a
reporting tree, 2 links per person, `--interactions` interactions) and prints, per page, the median
and max server time of `--runs` GETs, the size of the HTML and the query count, beside the floor (the
login page) measured in the same run.

    .venv/bin/python bench/bigpages.py [--people 2000 --interactions 4000 --runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-bigpages-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests import bigaccount  # noqa: E402

PAGES = ["", "people/", "circle/", "graph.json", "interactions/new/"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench")
    t = time.perf_counter()
    account = bigaccount.build(owner=user, people=args.people, interactions=args.interactions)
    print(f"built {args.people} people in {time.perf_counter() - t:.1f} s")
    client = Client()
    client.force_login(user)

    def timed(url: str) -> tuple[float, float, float, int, int]:
        times, cpu = [], []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as ctx:
                t0, c0 = time.perf_counter(), time.process_time()
                r = client.get(url)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            assert r.status_code == 200, (url, r.status_code)
        return (
            statistics.median(times),
            max(times),
            statistics.median(cpu),
            len(r.content),
            len(ctx.captured_queries),
        )

    anon = Client()
    floor = statistics.median(
        [
            (lambda t0: (anon.get("/login/"), time.perf_counter() - t0)[1])(time.perf_counter())
            for _ in range(5)
        ]
    )
    print(f"floor (login page): {floor * 1000:.0f} ms; budget: 300 ms server, pages bounded in size")
    print(f"{'page':<22}{'median s':>10}{'max s':>9}{'CPU s':>9}{'× floor':>9}{'KB':>9}{'queries':>9}")
    for page in PAGES:
        url = f"/accounts/{account.slug}/{page}"
        med, worst, cpu, size, queries = timed(url)
        print(
            f"{page or 'account':<22}{med:>10.3f}{worst:>9.3f}{cpu:>9.3f}{med / floor:>9.0f}"
            f"{size / 1024:>9.0f}{queries:>9}"
        )


if __name__ == "__main__":
    main()
