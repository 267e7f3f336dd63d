"""Benchmark of the API's changes feed (`GET /api/accounts/{slug}/changes`) deep in a big history: a page by
`offset` against the same page by keyset cursor (`after`).

Builds, in a throwaway SQLite database (or PostgreSQL with `--pg`, inside scripts/with-postgres.sh), one account
of `--people` people whose history holds `--rows` rows (edits a millisecond apart, some at the same moment), then
prints for each depth the server time and queries of a page of `--limit` changes asked by `offset` (the old way, the
floor measured in the same run) and by `after` (the `next` of the page before it), checking both give the same
changes.

    .venv/bin/python bench/changes_feed.py [--rows 300000 --people 3000 --limit 200 --runs 3]
    scripts/with-postgres.sh .venv/bin/python bench/changes_feed.py --pg
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="battlemap-bench-changes-")
os.environ["BATTLEMAP_VAR_DIR"] = TMP
if "--pg" not in sys.argv:
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

from battlemap.core.text import name_key  # noqa: E402
from battlemap.people.models import Person  # noqa: E402


def build(*, rows: int, people: int) -> str:
    """The account's slug; its people's history holds `rows` rows, newest last."""
    from battlemap.accounts.services import account_create

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench")
    account = account_create(owner=user, slug="bench-changes", name="Bench changes", team=None)
    Person.objects.bulk_create(
        [Person(account=account, name=f"员工{i}", name_key=name_key(f"员工{i}")) for i in range(people)]
    )
    persons = list(Person.objects.filter(account=account).order_by("pk"))
    History = Person.history.model
    fields = [f.attname for f in Person._meta.concrete_fields if f.attname != "title"]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    for n in range(rows):
        person = persons[n % people]
        batch.append(
            History(
                **{name: getattr(person, name) for name in fields},
                history_date=start + timedelta(milliseconds=n - n % 4),  # four at a time: ties broken by id
                history_type="+" if n < people else "~",
                title=f"title {n // people}",  # each edit changes the title
            )
        )
        if len(batch) == 20000:
            History.objects.bulk_create(batch)
            batch = []
    History.objects.bulk_create(batch)
    return account.slug


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", action="store_true", help="use DATABASE_URL (scripts/with-postgres.sh)")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.pg:  # the throwaway server of scripts/with-postgres.sh has no database yet
        from bench.analysis import create_database

        create_database(os.environ["DATABASE_URL"])
    t = time.perf_counter()
    slug = build(rows=args.rows, people=args.people)
    print(f"{connection.vendor}: {args.rows:,} history rows built in {time.perf_counter() - t:.1f} s")
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    url = f"/api/accounts/{slug}/changes?since=2000-01-01&limit={args.limit}"

    def page(query: str) -> tuple[dict, float, int]:
        """The page, its median server time over the runs, its queries."""
        times, answer, queries = [], None, 0
        for _ in range(args.runs):
            count = 0

            def counted(execute, sql, params, many, context):  # noqa: ANN001, ANN202
                nonlocal count
                count += 1
                return execute(sql, params, many, context)

            with connection.execute_wrapper(counted):
                t0 = time.perf_counter()
                response = client.get(f"{url}&{query}")
                times.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.content[:300]
            answer, queries = response.json(), count
        return answer, statistics.median(times), queries

    print(f"page of {args.limit}, median of {args.runs}")
    print(f"{'depth':>9}{'offset ms':>11}{'queries':>9}{'after ms':>10}{'queries':>9}{'offset / after':>16}")
    for depth in sorted({0, 1000, 10_000, 100_000, args.rows - 2 * args.limit}):
        if depth >= args.rows:
            continue
        by_offset, offset_time, offset_queries = page(f"offset={depth}")
        if depth:
            before = client.get(f"{url.replace(f'limit={args.limit}', 'limit=1')}&offset={depth - 1}").json()
            by_cursor, cursor_time, cursor_queries = page(f"after={before['next']}")
        else:
            by_cursor, cursor_time, cursor_queries = by_offset, offset_time, offset_queries
        assert by_cursor["changes"] == by_offset["changes"], depth
        print(
            f"{depth:>9,}{offset_time * 1000:>11.0f}{offset_queries:>9}{cursor_time * 1000:>10.0f}"
            f"{cursor_queries:>9}{offset_time / cursor_time:>15.1f}×"
        )


if __name__ == "__main__":
    main()
