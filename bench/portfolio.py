"""Benchmark of a manager's pages over many accounts (issue 19): the portfolio /accounts/ and "This week" /.

Builds, in a throwaway SQLite database, `--accounts` generated accounts (tests/bigaccount.py, `--people`
each) in one team whose manager is the user, then prints median and max server time of each page warm
(the shared analysis cache filled: also the first view in a new server process, since the cache is a
table in the database) and cold (the cache emptied before each view: every analysis and "a week ago"
recomputed, as after a change on every account), with the CPU time of the view in this process, the
ratio to the floor (the login page, measured in the same run) and the number of queries. The pipeline
/deals/ of the same manager is measured too (its cold view is the first of a week: bench/pages.py has
its budget and the 8-week trend over a history).
The same pages after the worker's warm-up (ops/warm.py: the cache emptied, then one warm-up pass) show
what the first visitor of a day gets where a worker runs; the warm-up pass's own time is printed last.
Budget: portfolio < 300 ms warm, < 1.5 s cold; This week < 500 ms warm, < 3 s cold.

    .venv/bin/python bench/portfolio.py [--accounts 200 --people 15 --runs 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-portfolio-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from battlemap.accounts.models import Account  # noqa: E402
from battlemap.ops.warm import warm_analysis_cache  # noqa: E402
from battlemap.teams.models import Membership, Team  # noqa: E402
from tests.bigaccount import build  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pagetimes import measure, table  # noqa: E402


def emptied_then_warmed() -> None:
    """The morning after: the cache emptied (a new day, an upgrade), then the worker's warm-up pass."""
    cache.clear()
    warm_analysis_cache()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--people", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    users = get_user_model().objects
    rep, manager = users.create_user("rep", password="x"), users.create_user("boss", password="x")
    team = Team.objects.create(slug="east", name="East")
    Membership.objects.create(team=team, user=rep, role=Membership.Role.MEMBER)
    Membership.objects.create(team=team, user=manager, role=Membership.Role.MANAGER)
    for i in range(args.accounts):
        build(owner=rep, people=args.people, seed=i, slug=f"acct{i}")
    Account.objects.update(team=team)
    print(f"built {args.accounts} accounts of {args.people} people in {time.perf_counter() - start:.1f} s")
    connection.queries_log = deque()  # count every query of a cold page (Django keeps the last 9,000)
    client = Client()
    client.force_login(manager)
    anonymous = Client()
    # the pipeline: past weeks are cached for a week, so its first view of a week is the cold one
    cases = [
        ("floor: login page", anonymous, "/login/", False, None),
        ("portfolio, warm", client, "/accounts/", False, 0.3),
        ("portfolio, cold (cache emptied)", client, "/accounts/", True, 1.5),
        ("This week, warm", client, "/", False, 0.5),
        ("This week, cold (cache emptied)", client, "/", True, 3.0),
        ("pipeline /deals/, warm", client, "/deals/", False, None),
        ("pipeline, first view of the week (cache emptied)", client, "/deals/", True, None),
        ("This week, after the warm-up (cache emptied)", client, "/", "warmed", 0.5),
        ("portfolio, after the warm-up", client, "/accounts/", "warmed", 0.3),
        ("pipeline, after the warm-up", client, "/deals/", "warmed", None),
    ]
    before = {False: None, True: cache.clear, "warmed": emptied_then_warmed}
    rows = [
        measure(label, who, url, args.runs, before=before[cold], budget=budget)
        for label, who, url, cold, budget in cases
    ]
    table(rows, args.runs)
    # what the warm-up itself costs the worker (ops/warm.py): a pass over an empty cache, then one over a warm one
    cache.clear()
    for label in (
        "warm-up pass, cache empty (the first of a day)",
        "warm-up pass, cache warm (every 15 min)",
    ):
        start_cpu = time.process_time()
        done = warm_analysis_cache()
        print(
            f"{label}: {done.seconds:.1f} s wall, {time.process_time() - start_cpu:.1f} s CPU, "
            f"{done.accounts} accounts in {', '.join(done.languages)}"
        )
    print(f"(temp DB {TMP})")


if __name__ == "__main__":
    main()
