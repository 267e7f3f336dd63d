"""Run `battlemap` in child processes against their own databases (a fresh SQLite file per folder)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.migrated import copy_migrated, migrated_postgres

ROOT = Path(__file__).resolve().parents[2]


def env_for(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL", "TASKS_BACKEND")}
    env.update(
        BATTLEMAP_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        DJANGO_SETTINGS_MODULE="battlemap.settings",
        LANGUAGE_CODE="en",
    )
    env.update(extra)
    return env


def bm(
    env: dict[str, str], *args: str, check: bool = True, timeout: int = 300, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "battlemap", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"battlemap {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done


def migrated(env: dict[str, str]) -> None:
    """Give `env`'s database the schema `battlemap migrate` makes.

    SQLite (`DATABASE_URL=sqlite:///…`, else `<BATTLEMAP_VAR_DIR>/battlemap.sqlite3`): a copy of the file a
    `battlemap migrate` child process made for these migrations. PostgreSQL (`postgres://…/NAME`): the database
    NAME is made anew as a copy of the server's database `battlemap migrate` made (tests/migrated.py).
    """
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        server, name = url.rsplit("/", 1)
        template = migrated_postgres(server)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return
    copy_migrated(
        Path(url.removeprefix("sqlite:///")) if url else Path(env["BATTLEMAP_VAR_DIR"]) / "battlemap.sqlite3"
    )


def worker(env: dict[str, str]) -> subprocess.Popen:
    """A `battlemap worker`; what it says goes to <var>/worker-<n>.log (shown when a test fails)."""
    var = Path(env["BATTLEMAP_VAR_DIR"])
    var.mkdir(parents=True, exist_ok=True)
    log = (var / f"worker-{len(list(var.glob('worker-*.log')))}.log").open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "battlemap", "worker"],
        env={**env, "LOG_LEVEL": "INFO"},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def worker_logs(env: dict[str, str]) -> str:
    return "\n".join(p.read_text() for p in sorted(Path(env["BATTLEMAP_VAR_DIR"]).glob("worker-*.log")))


def _moment(value):  # noqa: ANN001, ANN202
    """ISO date-times compared as moments ('…:19.000Z' and '…:19Z' are the same time)."""
    if isinstance(value, str) and len(value) >= 20 and value[4] == "-" and value[10] == "T":
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def backup_content(path: Path) -> dict:
    """A backup file as {(model, pk): fields}, date-times as moments."""
    import gzip

    raw = gzip.open(path) if path.suffix == ".gz" else path.open("rb")
    with raw:
        records = json.load(raw)
    return {
        (r["model"], json.dumps(r.get("pk"))): {k: _moment(v) for k, v in r["fields"].items()}
        for r in records
    }
