"""How long a people import and a mail ingest hold SQLite's write lock: a probe thread tries `BEGIN IMMEDIATE`
on its own connection every 50 ms and records the longest time it could not (what another user's write waits),
for a dry run and a real import of ROWS new people (default 100,000) from CSV, and for the worker's ingest of an
mbox of MESSAGES messages (default 50,000; bench/mailgen.py) with its suggestions, beside each one's wall time.
The ingest's floor is its wall time: until the files were read outside the transaction, the lock was held
throughout.

Run: .venv/bin/python bench/import_lock.py [ROWS] [MESSAGES]
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="battlemap-bench-")
DB = f"{TMP}/bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"  # never ./var
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from battlemap.accounts.models import Account  # noqa: E402
from battlemap.io.tabular.services import people_import  # noqa: E402
from battlemap.mail.services import ingest_with_suggestions  # noqa: E402
from bench.mailgen import write_mbox  # noqa: E402

PROBE_EVERY = 0.05  # seconds between two attempts of the probe


class LockProbe(threading.Thread):
    """Tries to take the write lock and gives it back at once; `longest` is the longest span (s) it failed."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.longest = 0.0

    def run(self) -> None:
        conn = sqlite3.connect(DB, timeout=0, isolation_level=None)
        blocked_since: float | None = None
        while not self.stop.is_set():
            now = time.perf_counter()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
                if blocked_since is not None:
                    self.longest = max(self.longest, now - blocked_since)
                blocked_since = None
            except sqlite3.OperationalError:
                blocked_since = blocked_since if blocked_since is not None else now
            time.sleep(PROBE_EVERY)
        if blocked_since is not None:
            self.longest = max(self.longest, time.perf_counter() - blocked_since)


def csv_bytes(n: int) -> bytes:
    lines = ["Name,Title,Email"] + [f"Person {i},Engineer,p{i}@big.example" for i in range(n)]
    return "\n".join(lines).encode()


def timed_import(account, owner, data: bytes, *, dry_run: bool) -> tuple[float, float]:
    probe = LockProbe()
    probe.start()
    start = time.perf_counter()
    people_import(account=account, data=data, filename="big.csv", user=owner, dry_run=dry_run)
    wall = time.perf_counter() - start
    probe.stop.set()
    probe.join()
    return wall, probe.longest


def timed_ingest(account, owner, messages: int) -> tuple[float, float, float]:
    """(wall, longest lock, reading) seconds of the worker's ingest of a generated mbox."""
    path = Path(TMP) / "bench.mbox"
    write_mbox(path, messages=messages)
    stages: dict[str, float] = {}
    probe = LockProbe()
    probe.start()
    start = time.perf_counter()
    ingest_with_suggestions(
        account=account,
        paths=[path],
        our_domains=["ours.example"],
        customer_domains=["customer.example"],
        user=owner,
        progress=lambda stage, _items: stages.setdefault(stage, time.perf_counter()),
    )
    wall = time.perf_counter() - start
    probe.stop.set()
    probe.join()
    return wall, probe.longest, stages["storing"] - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    messages = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.create_user("bench", password="x")
    account = Account.objects.create(slug="big", name="big", owner=owner)
    data = csv_bytes(n)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load}; {n:,} new people from CSV")
    for label, dry_run in (("dry run", True), ("import", False)):
        wall, held = timed_import(account, owner, data, dry_run=dry_run)
        print(f"{label:8} wall {wall:6.1f} s; write lock held at most {held:5.1f} s")
    mail = Account.objects.create(slug="mail", name="mail", owner=owner)
    wall, held, reading = timed_ingest(mail, owner, messages)
    print(
        f"mail ingest of {messages:,} messages: wall {wall:6.1f} s (floor: the lock held throughout); "
        f"write lock held at most {held:5.1f} s; reading the files {reading:5.1f} s, without the lock"
    )


if __name__ == "__main__":
    main()
