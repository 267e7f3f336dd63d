"""Benchmark of the analysis on a synthetic account map.

10,000 people, 50,000 influence links, 200,000 interactions, 200 open deals of 8 stakeholders.
Prints the time and peak memory (tracemalloc, measured in a separate run so it does not slow the
timing) of building the snapshot (from plain rows, and with `build_snapshot` from a throwaway
SQLite database holding the same map) and of the full analysis (analyze + JSON), next to networkx
PageRank alone on the same link graph in the same run. Budget (issue 3): full analysis < 2 s and
< 1 GiB; aim for ≤ 4× networkx PageRank.

    .venv/bin/python bench/analysis.py [--people 10000 --links 50000 --interactions 200000 --seed 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
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


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_mib(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def db_snapshot_time(rows: dict[str, list[tuple]], repeat: int) -> tuple[float, float, int]:
    """Load the rows into a throwaway SQLite database and time `build_snapshot` on it.

    Never the user's database: a temporary BATTLEMAP_VAR_DIR, DATABASE_URL ignored.
    """
    import os
    import shutil
    import tempfile
    from datetime import datetime
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    tmp = tempfile.mkdtemp(prefix="battlemap-bench-")
    os.environ["BATTLEMAP_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "battlemap.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from battlemap.accounts.models import Account
    from battlemap.deals.models import Deal, StakeholderRole
    from battlemap.interactions.models import Interaction, Participant
    from battlemap.maps import build_snapshot
    from battlemap.people.models import InfluenceLink, Person

    try:
        call_command("migrate", verbosity=0)
        owner = get_user_model().objects.create_user("bench", password="bench")
        account = Account.objects.create(slug="bench", name="Bench Corp", owner=owner)
        batch = 5000
        Person.objects.bulk_create(
            [
                Person(
                    id=pid, account=account, name=name, reports_to_id=boss, power=power, budget_control=budget
                )
                for pid, name, boss, power, budget in rows["people"]
            ],
            batch_size=batch,
        )
        InfluenceLink.objects.bulk_create(
            [
                InfluenceLink(account=account, source_id=a, target_id=b, kind=kind, strength=strength)
                for a, b, kind, strength in rows["links"]
            ],
            batch_size=batch,
        )
        Deal.objects.bulk_create(
            [
                Deal(id=did, account=account, name=f"Deal {did}", stage=stage)
                for did, stage, _ in rows["deals"]
            ],
            batch_size=batch,
        )
        StakeholderRole.objects.bulk_create(
            [
                StakeholderRole(deal_id=did, person_id=pid, roles=list(roles), attitude=att, influence=inf)
                for did, _, people in rows["deals"]
                for pid, roles, att, inf in people
            ],
            batch_size=batch,
        )
        zone = ZoneInfo("UTC")
        Interaction.objects.bulk_create(
            [
                Interaction(
                    id=iid, account=account, occurred_at=datetime.combine(when, clock(10), zone), kind=kind
                )
                for iid, when, kind, _ in rows["interactions"]
            ],
            batch_size=batch,
        )
        Participant.objects.bulk_create(
            [
                Participant(interaction_id=iid, person_id=pid)
                for iid, _, _, parts in rows["interactions"]
                for pid in parts
            ],
            batch_size=batch,
        )
        seconds, snapshot = timed(lambda: build_snapshot(account=account, today=TODAY), repeat)
        return (
            seconds,
            peak_mib(lambda: build_snapshot(account=account, today=TODAY)),
            len(snapshot.interactions),
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=50_000)
    parser.add_argument("--interactions", type=int, default=200_000)
    parser.add_argument("--deals", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-db", action="store_true", help="skip building the snapshot from a SQLite database"
    )
    args = parser.parse_args()

    rows = raw_rows(args.people, args.links, args.interactions, args.deals, args.seed)
    t_build, snapshot = timed(lambda: build_snapshot(rows), args.repeat)
    t_full, data = timed(lambda: full_analysis(snapshot), args.repeat)
    t_nx, _ = timed(lambda: networkx_pagerank(snapshot), args.repeat)
    t_sp, _ = timed(lambda: scipy_pagerank(snapshot), args.repeat)
    m_build = peak_mib(lambda: build_snapshot(rows))
    m_full = peak_mib(lambda: full_analysis(snapshot))

    flags = sum(len(d["flags"]) for d in data["deals"])
    print(
        f"map: {len(snapshot.people):,} people, {len(snapshot.links):,} links, "
        f"{len(snapshot.interactions):,} interactions, {len(snapshot.deals)} deals ({flags} flags raised)"
    )
    print(f"{'step':<52}{'time (best of ' + str(args.repeat) + ')':>20}{'peak memory':>16}")
    print(f"{'build snapshot':<52}{t_build:>18.3f} s{m_build:>12.1f} MiB")
    print(f"{'full analysis (analyze + JSON)':<52}{t_full:>18.3f} s{m_full:>12.1f} MiB")
    print(f"{'networkx PageRank alone (links only)':<52}{t_nx:>18.3f} s")
    print(f"{'scipy PageRank (used), same links-only graph':<52}{t_sp:>18.3f} s")
    if not args.no_db:
        t_db, m_db, n_db = db_snapshot_time(rows, args.repeat)
        print(
            f"{'build_snapshot() from SQLite (' + format(n_db, ',') + ' interactions)':<52}{t_db:>18.3f} s{m_db:>12.1f} MiB"
        )
    print(f"full analysis / networkx PageRank: {t_full / t_nx:.2f}x  (aim ≤ 4x; budget < 2 s, < 1024 MiB)")


if __name__ == "__main__":
    main()
