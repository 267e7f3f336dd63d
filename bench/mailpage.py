"""Benchmark of the mail-intelligence page of an account with a big stored archive (issue 15: 6–8 s per
load at 77,000 stored items, every load).

Builds, in a throwaway SQLite database, one account, ingests a generated mbox (`bench/mailgen.py`: `--messages`
messages among `--people` addresses, a third at the customer's domain) and prints the server time of the page:
a cold load (cache cleared: the inference runs), then `--runs` loads more (nothing changed: served from the
inference cache), a load after accepting a new person (the people changed: the inference runs again) and one after
accepting them as decision maker (the map changed, not what the inference reads: cached), beside the floor (the login
page) measured in the same run.

    .venv/bin/python bench/mailpage.py [--messages 77000 --people 600 --runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-mailpage-")
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
from django.test import Client  # noqa: E402

from bench.mailgen import write_mbox  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=77000)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print where the first load spends its time")
    args = parser.parse_args()
    from battlemap.accounts.services import account_create
    from battlemap.deals.services import deal_create
    from battlemap.mail.cache import account_inference
    from battlemap.mail.models import Suggestion
    from battlemap.mail.services import mail_ingest, suggestion_accept, suggestions_refresh

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench")
    account = account_create(owner=user, slug="bench-mail", name="Bench mail", team=None)
    deal_create(account=account, name="Platform")  # an open deal: decision makers are suggested for it
    mbox = Path(TMP) / "mail.mbox"
    write_mbox(mbox, messages=args.messages, people=args.people)
    t = time.perf_counter()
    report = mail_ingest(
        account=account, paths=[mbox], our_domains=["ours.example"], customer_domains=["customer.example"]
    )
    print(f"ingested {report.new} items in {time.perf_counter() - t:.1f} s")
    suggestions_refresh(result=account_inference(account))
    client = Client()
    client.force_login(user)
    url = f"/accounts/{account.slug}/mail/"

    def load() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - t0, time.process_time() - c0

    anon = Client()
    floor = statistics.median(
        [
            (lambda t0: (anon.get("/login/"), time.perf_counter() - t0)[1])(time.perf_counter())
            for _ in range(5)
        ]
    )
    print(f"floor (login page): {floor * 1000:.0f} ms")
    cache.clear()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    rows = [("cold: the inference runs", load())]
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    again = [load() for _ in range(args.runs)]
    rows.append((f"again, median of {args.runs} (cached)", median_of(again)))
    pending = Suggestion.objects.filter(account=account, state="pending")
    decider = pending.filter(kind="decision_maker").order_by("-probability", "pk").first()
    person = pending.filter(kind="person", email=decider.email if decider else "").first()
    if person is not None:  # the decision maker's person first: the people change, the inference runs
        suggestion_accept(suggestion=person, user=user)
        rows.append(("after accepting a new person (runs)", load()))
    if decider is not None:  # a buying role: the map changes, not what the inference reads
        suggestion_accept(suggestion=decider, user=user)
        rows.append(("after accepting a decision maker", load()))
    print(f"{'load':<40}{'wall s':>9}{'CPU s':>9}{'× floor':>9}")
    for label, (wall, cpu) in rows:
        print(f"{label:<40}{wall:>9.3f}{cpu:>9.3f}{wall / floor:>9.0f}")


def median_of(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


if __name__ == "__main__":
    main()
