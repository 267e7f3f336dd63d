"""Load benchmark of the JSON API under gunicorn on loopback, on SQLite and on PostgreSQL.

Data: the demo accounts plus a 500-person account (one deal of 60 stakeholders, 1,000 influence links,
600 interactions), in a temporary database; never ./var. 16 concurrent clients, each with its own
token-holding session, run a realistic mix — map 25 %, analysis 20 %, lists 40 %, update 15 % (read a
person, PATCH its title with the version read) — first pausing 0.5 s between requests like a person at a
screen, then without pauses to show where it saturates (after an unmeasured warm-up in which each
gunicorn worker fills its caches). Prints requests/s, p50/p95/p99 and errors.
Budget (issue 6): with pauses, p95 < 200 ms and zero errors.

    .venv/bin/python bench/api.py [--seconds 20] [--clients 16] [--no-pg] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BIG_SLUG = "bench-500"
MIX = (("map", 25), ("analysis", 20), ("list", 40), ("update", 15))


# --- data (runs inside a Django process) ------------------------------------------------------------


def setup_data() -> dict:
    """Demo + a 500-person account for the demo user; returns what the clients need (token, ids)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from battlemap.accounts.models import Account
    from battlemap.core.text import name_key
    from battlemap.deals.models import Deal, StakeholderRole
    from battlemap.demo.loader import load_demo
    from battlemap.interactions.models import Interaction, Participant
    from battlemap.people.models import InfluenceLink, Person
    from battlemap.users.services import token_create

    load_demo()
    user = get_user_model().objects.get(username="demo")
    rng = random.Random(6)
    account = Account.objects.create(slug=BIG_SLUG, name="华东制造集团", owner=user, lifecycle="growing")
    people = Person.objects.bulk_create(
        Person(account=account, name=f"员工{i:03d}", name_key=name_key(f"员工{i:03d}"), title="经理")
        for i in range(500)
    )
    for i, person in enumerate(people[1:], start=1):
        person.reports_to_id = people[(i - 1) // 5].id
    Person.objects.bulk_update(people, ["reports_to"])
    pairs = {(rng.randrange(500), rng.randrange(500)) for _ in range(1100)}
    InfluenceLink.objects.bulk_create(
        InfluenceLink(account=account, source=people[a], target=people[b], strength=rng.randint(1, 3))
        for a, b in list(pairs)[:1000]
        if a != b
    )
    deal = Deal.objects.create(account=account, name="智能工厂", stage="evaluation")
    roles = ["decision_maker", "influencer", "user", "purchaser", "champion", "coach", "gatekeeper"]
    attitudes = ["advocate", "supporter", "neutral", "skeptic", "opponent", "unknown"]
    StakeholderRole.objects.bulk_create(
        StakeholderRole(
            deal=deal,
            person=p,
            roles=[rng.choice(roles)],
            attitude=rng.choice(attitudes),
            influence=rng.randint(1, 5),
        )
        for p in rng.sample(people, 60)
    )
    now = timezone.now()
    interactions = Interaction.objects.bulk_create(
        Interaction(account=account, deal=deal, occurred_at=now - timezone.timedelta(days=rng.randrange(400)))
        for _ in range(600)
    )
    Participant.objects.bulk_create(
        Participant(interaction=i, person=p) for i in interactions for p in rng.sample(people, 3)
    )
    accounts = list(Account.objects.filter(owner=user).values_list("slug", flat=True))
    deals = list(Deal.objects.filter(account__owner=user).values_list("id", flat=True))
    editable = list(Person.objects.filter(account__owner=user).values_list("id", flat=True)[:64])
    return {
        "token": token_create(user=user, name="bench").secret,
        "accounts": accounts,
        "deals": deals,
        "people": editable,
    }


# --- load ---------------------------------------------------------------------------------------------


class Client:
    def __init__(self, port: int, token: str, data: dict, person_id: int, seed: int) -> None:
        self.port, self.data, self.person_id = port, data, person_id
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.rng = random.Random(seed)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, json.dumps(body) if body is not None else None, self.headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def one(self, kind: str) -> list[tuple[float, bool, str]]:
        """Run one user action; returns (seconds, ok, kind) per HTTP request made."""
        slug = BIG_SLUG if self.rng.random() < 0.3 else self.rng.choice(self.data["accounts"])
        if kind == "map":
            calls = [("GET", f"/api/accounts/{slug}/map", None)]
        elif kind == "analysis":
            if self.rng.random() < 0.5:
                calls = [("GET", f"/api/accounts/{slug}/analysis", None)]
            else:
                calls = [("GET", f"/api/deals/{self.rng.choice(self.data['deals'])}/analysis", None)]
        elif kind == "list":
            calls = [
                self.rng.choice(
                    [
                        ("GET", "/api/accounts", None),
                        ("GET", f"/api/accounts/{slug}/people?limit=50", None),
                        ("GET", "/api/deals?status=open", None),
                        ("GET", f"/api/accounts/{slug}/interactions?limit=20", None),
                    ]
                )
            ]
        else:
            calls = [("GET", f"/api/people/{self.person_id}", None)]
        results = []
        for method, path, body in calls:
            start = time.perf_counter()
            status, content = self.request(method, path, body)
            results.append((time.perf_counter() - start, status == 200, kind))
        if kind == "update" and results[0][1]:
            version = json.loads(content)["version"]
            start = time.perf_counter()
            status, _ = self.request(
                "PATCH",
                f"/api/people/{self.person_id}",
                {"title": f"经理 {self.rng.randrange(999)}", "version": version},
            )
            results.append((time.perf_counter() - start, status == 200, "update"))
        return results


def run_load(port: int, data: dict, *, clients: int, seconds: float, pause: float) -> dict:
    kinds = [k for k, weight in MIX for _ in range(weight)]
    samples: list[tuple[float, bool, str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(index: int) -> None:
        client = Client(port, data["token"], data, data["people"][index % len(data["people"])], seed=index)
        local = []
        while time.monotonic() < deadline:
            try:
                local.extend(client.one(client.rng.choice(kinds)))
            except OSError:
                local.append((0.0, False, "connection"))
            if pause:
                time.sleep(pause)
        with lock:
            samples.extend(local)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    def pct(times: list[float], p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))] * 1000 if times else float("nan")

    times = sorted(s for s, _, _ in samples)
    by_kind = {k: sorted(s for s, _, kind in samples if kind == k) for k, _ in MIX}
    return {
        "requests": len(samples),
        "rps": len(samples) / elapsed,
        "p50": pct(times, 0.50),
        "p95": pct(times, 0.95),
        "p99": pct(times, 0.99),
        "errors": sum(1 for _, ok, _ in samples if not ok),
        "p95_by_kind": {k: pct(v, 0.95) for k, v in by_kind.items()},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def create_database(url: str) -> None:
    import psycopg

    server, _, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def bench_database(label: str, env: dict, args) -> None:
    """Migrate and fill the database in `env`, serve it with gunicorn, run both load phases, print."""
    env = {**env, "DJANGO_SETTINGS_MODULE": "battlemap.settings", "LANGUAGE_CODE": "zh-hans"}
    subprocess.run([str(BIN / "battlemap"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    out = subprocess.run(
        [sys.executable, __file__, "--setup-only"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "battlemap.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--preload",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        wait_for(port)
        # Warm-up, not measured: every worker's first requests import and fill its caches.
        run_load(port, data, clients=args.clients, seconds=args.warmup, pause=0.0)
        for phase, pause in (("with 0.5 s pauses", 0.5), ("no pauses", 0.0)):
            r = run_load(port, data, clients=args.clients, seconds=args.seconds, pause=pause)
            verdict = ""
            if pause:
                verdict = (
                    "  within budget"
                    if r["p95"] < 200 and r["errors"] == 0
                    else "  OVER BUDGET (p95 < 200 ms, 0 errors)"
                )
            print(
                f"{label:<10} {phase:<18} {args.clients} clients  {r['requests']:>6} requests  "
                f"{r['rps']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
                f"p99 {r['p99']:6.1f} ms  errors {r['errors']}{verdict}",
                flush=True,
            )
            kinds = "  ".join(f"{k} {v:.0f} ms" for k, v in r["p95_by_kind"].items())
            print(f"{'':<10} {'':<18} p95 by kind: {kinds}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured warm-up seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--setup-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pg-inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup_only:
        print(json.dumps(setup_data()))
        return
    tmp = Path(tempfile.mkdtemp(prefix="battlemap-bench-"))
    try:
        base = {**os.environ, "BATTLEMAP_VAR_DIR": str(tmp), "SECRET_KEY": "bench"}
        if args.pg_inner:  # started by scripts/with-postgres.sh, DATABASE_URL points at the throwaway cluster
            create_database(os.environ["DATABASE_URL"])
            bench_database("PostgreSQL", base, args)
            return
        print(
            f"mix: {', '.join(f'{k} {w} %' for k, w in MIX)}; {args.seconds:.0f} s per phase; "
            f"gunicorn {args.workers} workers on 127.0.0.1; demo + a 500-person account",
            flush=True,
        )
        bench_database("SQLite", {**base, "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}"}, args)
        if not args.no_pg:
            passthrough = [
                "--seconds",
                str(args.seconds),
                "--clients",
                str(args.clients),
                "--workers",
                str(args.workers),
                "--warmup",
                str(args.warmup),
            ]
            subprocess.run(
                [
                    str(ROOT / "scripts" / "with-postgres.sh"),
                    sys.executable,
                    __file__,
                    "--pg-inner",
                    *passthrough,
                ],
                check=True,
                cwd=ROOT,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
