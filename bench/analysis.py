"""Benchmark of the analysis of a big account, from the database to the result (issue 19).

10,000 people, 50,000 influence links, 200,000 interactions (500k participants), 200 open deals of 8
stakeholders. Prints the median and max (and CPU time) of `--runs` runs of:

  * the floor: networkx PageRank alone on the same link graph, in the same run;
  * the engine alone: snapshot built from plain rows, full analysis (analyze + JSON);
  * end to end in the web process, on a throwaway SQLite database and on a throwaway PostgreSQL
    server (scripts/with-postgres.sh; `--no-pg` to skip): `maps.account_analysis` with the cache
    emptied before each run (read the map with `build_snapshot`, analyse, JSON, store in the cache),
    and `build_snapshot` alone with its query count.

Budget: end to end < 2 s on SQLite and on PostgreSQL, < 1 GiB; the analysis ≤ 4× networkx PageRank.
Never the user's database: a temporary BATTLEMAP_VAR_DIR, DATABASE_URL replaced.

    .venv/bin/python bench/analysis.py [--runs 3 --people 10000 --links 50000 --interactions 200000 --no-pg]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx
from scipy import sparse

from battlemap.analysis import analysis_json, analyze
from battlemap.analysis.centrality import pagerank
from battlemap.analysis.engine import paused_gc
from battlemap.analysis.settings import DEFAULT_SETTINGS
from battlemap.analysis.types import (
    AccountInfo,
    ActionItemInfo,
    DealInfo,
    InfluenceLinkInfo,
    InteractionInfo,
    MapSnapshot,
    PersonInfo,
    StakeholderInfo,
)
from battlemap.vocab import ATTITUDES, INTERACTION_KINDS, LINK_KINDS, ROLES, STAGES

TODAY = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[1]


def raw_rows(people: int, links: int, interactions: int, deals: int, seed: int) -> dict[str, list[tuple]]:
    """Plain rows, as a database query would return them."""
    rng = random.Random(seed)
    person_rows = [
        (
            pid,
            f"Person {pid}",
            rng.randrange(1, pid) if pid > 1 else None,
            rng.choice([None, 1, 2, 3, 4, 5]),
            rng.choice([None, 1, 2, 3, 4, 5]),
        )
        for pid in range(1, people + 1)
    ]
    link_rows = []
    for _ in range(links):
        a, b = rng.randrange(1, people + 1), rng.randrange(1, people + 1)
        if a != b:
            link_rows.append((a, b, rng.choice(LINK_KINDS), rng.randint(1, 3)))
    interaction_rows = [
        (
            iid,
            TODAY - timedelta(days=rng.randrange(0, 730)),
            rng.choice(INTERACTION_KINDS),
            tuple(rng.sample(range(1, people + 1), rng.randint(1, 4))),
        )
        for iid in range(1, interactions + 1)
    ]
    deal_rows = [
        (
            did,
            rng.choice(STAGES),
            [
                (pid, tuple(rng.sample(ROLES, rng.randint(1, 2))), rng.choice(ATTITUDES), rng.randint(1, 5))
                for pid in rng.sample(range(1, people + 1), 8)
            ],
        )
        for did in range(1, deals + 1)
    ]
    return {"people": person_rows, "links": link_rows, "interactions": interaction_rows, "deals": deal_rows}


def build_snapshot(rows: dict[str, list[tuple]]) -> MapSnapshot:
    with paused_gc():
        return _build_snapshot(rows)


def _build_snapshot(rows: dict[str, list[tuple]]) -> MapSnapshot:
    return MapSnapshot(
        account=AccountInfo(1, "bench", "Bench Corp"),
        today=TODAY,
        people=tuple(
            PersonInfo(pid, name, reports_to=boss, power=power, budget_control=budget)
            for pid, name, boss, power, budget in rows["people"]
        ),
        links=tuple(InfluenceLinkInfo(a, b, kind, strength) for a, b, kind, strength in rows["links"]),
        deals=tuple(
            DealInfo(
                did,
                f"Deal {did}",
                stage=stage,
                stakeholders=tuple(
                    StakeholderInfo(pid, roles, attitude=att, influence=inf)
                    for pid, roles, att, inf in roles_rows
                ),
            )
            for did, stage, roles_rows in rows["deals"]
        ),
        interactions=tuple(
            InteractionInfo(iid, when, kind, parts) for iid, when, kind, parts in rows["interactions"]
        ),
        action_items=tuple(
            ActionItemInfo(did, did, "follow up", person_id=roles_rows[0][0])
            for did, _, roles_rows in rows["deals"]
        ),
    )


def full_analysis(snapshot: MapSnapshot) -> dict[str, Any]:
    return analysis_json(analyze(snapshot, lang="zh"))


def networkx_pagerank(snapshot: MapSnapshot) -> dict[int, float]:
    graph = nx.DiGraph()
    graph.add_nodes_from(p.id for p in snapshot.people)
    graph.add_weighted_edges_from((link.target, link.source, link.strength) for link in snapshot.links)
    return nx.pagerank(graph, weight="weight")


def scipy_pagerank(snapshot: MapSnapshot) -> Any:
    """The PageRank the analysis uses (scipy sparse power iteration), on the same links-only graph."""
    index = {p.id: i for i, p in enumerate(snapshot.people)}
    rows = [index[link.target] for link in snapshot.links]
    cols = [index[link.source] for link in snapshot.links]
    vals = [float(link.strength) for link in snapshot.links]
    graph = sparse.csr_matrix((vals, (rows, cols)), shape=(len(index), len(index)))
    return pagerank(graph, DEFAULT_SETTINGS)


def measure(fn: Callable[[], Any], runs: int) -> tuple[list[float], list[float], Any]:
    """Wall and CPU seconds of each of `runs` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return walls, cpus, result


def peak_mib(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def line(label: str, walls: list[float], cpus: list[float], floor: float | None, extra: str = "") -> str:
    ratio = f"{statistics.median(walls) / floor:7.1f}x" if floor else " " * 8
    return (
        f"{label:<46}{statistics.median(walls):>8.3f} /{max(walls):>6.3f} s"
        f"{statistics.median(cpus):>9.3f} s{ratio}  {extra}"
    )


HEADER = f"{'':<46}{'median / max':>17}{'CPU':>11}{'/floor':>8}"


def insert_rows(model: Any, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Raw INSERTs of `rows` (values of `columns`, attnames), the other columns at their defaults:
    bulk_create builds a model instance per row, too slow for half a million participants."""
    from django.db import connection
    from django.db.models import DateTimeField
    from django.utils import timezone

    now = timezone.now()
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    constants = {
        f.column: f.get_db_prep_save(now if isinstance(f, DateTimeField) else f.get_default(), connection)
        for name, f in by_attname.items()
        if name not in columns and not f.primary_key
    }
    names = [by_attname[c].column for c in columns] + list(constants)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(n) for n in names),
        ", ".join(["%s"] * len(names)),
    )
    tail = tuple(constants.values())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: executemany waits for the server row by row
            columns_sql = ", ".join(connection.ops.quote_name(n) for n in names)
            table = connection.ops.quote_name(model._meta.db_table)
            with cursor.cursor.copy(f"COPY {table} ({columns_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + tail)
            return
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, [row + tail for row in rows[start : start + 20_000]])


def fill_database(rows: dict[str, list[tuple]]) -> Any:
    """Migrate the (empty) database of the settings and store the map; return the account."""
    from datetime import datetime
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction

    from battlemap.accounts.models import Account
    from battlemap.deals.models import Deal, StakeholderRole
    from battlemap.interactions.models import Interaction, Participant
    from battlemap.people.models import InfluenceLink, Person

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        owner = get_user_model().objects.create_user("bench", password="bench")
        account = Account.objects.create(slug="bench", name="Bench Corp", owner=owner)
        insert_rows(
            Person,
            ("id", "account_id", "name", "reports_to_id", "power", "budget_control"),
            [(pid, account.pk, *rest) for pid, *rest in rows["people"]],
        )
        insert_rows(
            InfluenceLink,
            ("account_id", "source_id", "target_id", "kind", "strength"),
            [(account.pk, *link) for link in rows["links"]],
        )
        Deal.objects.bulk_create(
            [
                Deal(id=did, account=account, name=f"Deal {did}", stage=stage)
                for did, stage, _ in rows["deals"]
            ]
        )
        StakeholderRole.objects.bulk_create(
            [
                StakeholderRole(deal_id=did, person_id=pid, roles=list(roles), attitude=att, influence=inf)
                for did, _, people in rows["deals"]
                for pid, roles, att, inf in people
            ]
        )
        zone, adapt = ZoneInfo("UTC"), connection.ops.adapt_datetimefield_value
        insert_rows(
            Interaction,
            ("id", "account_id", "occurred_at", "kind"),
            [
                (iid, account.pk, adapt(datetime.combine(when, clock(10), zone)), kind)
                for iid, when, kind, _ in rows["interactions"]
            ],
        )
        insert_rows(
            Participant,
            ("interaction_id", "person_id"),
            [(iid, pid) for iid, _, _, parts in rows["interactions"] for pid in parts],
        )
    if connection.vendor == "postgresql":  # the statistics autovacuum would gather after such a load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return account


def bench_database(label: str, rows: dict[str, list[tuple]], runs: int, floor: float) -> None:
    """Fill the database of the settings, then time reading and analysing it end to end."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from battlemap.maps import account_analysis, build_snapshot

    start = time.perf_counter()
    account = fill_database(rows)
    print(f"{label}: migrated and filled in {time.perf_counter() - start:.0f} s", flush=True)
    account_analysis(account=account, lang="zh")  # imports the engine; not measured

    def end_to_end() -> dict[str, Any]:
        cache.clear()
        return account_analysis(account=account, lang="zh")

    with CaptureQueriesContext(connection) as queries:
        build_snapshot(account=account)
    walls, cpus, snapshot = measure(lambda: build_snapshot(account=account), runs)
    print(
        line(f"{label}: build_snapshot (read the map)", walls, cpus, floor, f"{len(queries)} queries"),
        flush=True,
    )
    walls, cpus, _ = measure(end_to_end, runs)
    memory = peak_mib(end_to_end)
    verdict = "within budget" if statistics.median(walls) < 2 and memory < 1024 else "OVER BUDGET (< 2 s)"
    print(
        line(
            f"{label}: end to end (account_analysis, cold)",
            walls,
            cpus,
            floor,
            f"{memory:.0f} MiB  {verdict}",
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=50_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--deals", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-db", action="store_true", help="the engine only, no database")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--pg-inner", type=float, help=argparse.SUPPRESS)  # the floor, measured outside
    args = parser.parse_args()
    rows = raw_rows(args.people, args.links, args.interactions, args.deals, args.seed)
    tmp = tempfile.mkdtemp(prefix="battlemap-bench-analysis-")
    os.environ["BATTLEMAP_VAR_DIR"] = tmp
    os.environ["DJANGO_SETTINGS_MODULE"] = "battlemap.settings"
    os.environ.setdefault("SECRET_KEY", "bench")
    try:
        if args.pg_inner is not None:  # under scripts/with-postgres.sh: DATABASE_URL is the throwaway server
            create_database(os.environ["DATABASE_URL"])
            bench_database("PostgreSQL", rows, args.runs, args.pg_inner)
            return
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        snapshot = build_snapshot(rows)
        nx_walls, nx_cpus, _ = measure(lambda: networkx_pagerank(snapshot), args.runs)
        floor = statistics.median(nx_walls)
        flags = sum(len(d["flags"]) for d in full_analysis(snapshot)["deals"])
        print(
            f"map: {len(snapshot.people):,} people, {len(snapshot.links):,} links, "
            f"{len(snapshot.interactions):,} interactions, {len(snapshot.deals)} deals ({flags} flags raised); "
            f"{args.runs} runs each. Budget: end to end < 2 s; analysis ≤ 4x the floor",
            flush=True,
        )
        print(HEADER)
        print(line("floor: networkx PageRank alone (links only)", nx_walls, nx_cpus, None))
        walls, cpus, _ = measure(lambda: scipy_pagerank(snapshot), args.runs)
        print(line("scipy PageRank (used), same graph", walls, cpus, floor))
        walls, cpus, _ = measure(lambda: build_snapshot(rows), args.runs)
        print(
            line(
                "engine: snapshot from plain rows",
                walls,
                cpus,
                floor,
                f"{peak_mib(lambda: build_snapshot(rows)):.0f} MiB",
            )
        )
        walls, cpus, _ = measure(lambda: full_analysis(snapshot), args.runs)
        verdict = "within aim" if statistics.median(walls) <= 4 * floor else "OVER AIM (≤ 4x)"
        memory = peak_mib(lambda: full_analysis(snapshot))
        print(
            line(
                "engine: full analysis (analyze + JSON)", walls, cpus, floor, f"{memory:.0f} MiB  {verdict}"
            ),
            flush=True,
        )
        if args.no_db:
            return
        if not args.no_pg:  # first, in its own process, before this one sets Django up for SQLite
            passthrough = ["--runs", str(args.runs), "--people", str(args.people), "--links", str(args.links)]
            passthrough += ["--interactions", str(args.interactions), "--deals", str(args.deals)]
            passthrough += ["--seed", str(args.seed), "--pg-inner", str(floor)]
            subprocess.run(
                [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, __file__, *passthrough],
                check=True,
                cwd=ROOT,
            )
        bench_database("SQLite", rows, args.runs, floor)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def create_database(url: str) -> None:
    import psycopg

    server, _, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
