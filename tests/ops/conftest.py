"""The PostgreSQL server of the tests that restore into, or back up from, a database of their own."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg
import pytest

from .helpers import ROOT


@pytest.fixture(scope="session")
def postgres_server():
    """The PostgreSQL server to restore into, as a URL without a database name: the suite's own when it runs
    on PostgreSQL (make test-pg), else a throwaway one started by scripts/with-postgres.sh, so the SQLite
    run (make test-sqlite) proves SQLite → PostgreSQL and the PostgreSQL run PostgreSQL → PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        yield url.rsplit("/", 1)[0]
        return
    script = ROOT / "scripts" / "with-postgres.sh"
    # The script runs this child with DATABASE_URL set, then stops and removes the cluster when it exits:
    # the child prints the URL and waits for its stdin to close.
    child = subprocess.Popen(
        [str(script), sys.executable, "-c",
         "import os, sys; print(os.environ['DATABASE_URL'], flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        line = child.stdout.readline().strip()
        if not line.startswith("postgres"):
            child.kill()
            pytest.fail(f"no PostgreSQL server (scripts/with-postgres.sh): {child.stderr.read()}")
        yield line.rsplit("/", 1)[0]
    finally:
        child.stdin.close()
        child.wait(timeout=60)


@pytest.fixture
def postgres_database(postgres_server):
    """Name new databases on the server: each call gives a URL (`migrated(env)` makes its database); all
    dropped after the test."""
    names: list[str] = []

    def name() -> str:
        names.append(f"bm_{uuid.uuid4().hex[:12]}")
        return f"{postgres_server}/{names[-1]}"

    yield name
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        for each in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{each}" WITH (FORCE)')
