"""A database as `battlemap migrate` leaves it, made once per set of migrations and copied from then on.

Migrating a fresh SQLite file takes 10–20 s. The test processes of a run (and the runs after it, while no
migration changes) share one such file: the suite's own test database starts as a copy of it
(tests/conftest.py), and so do the databases of the command-line tests (tests/ops/helpers.py: migrated).
On PostgreSQL the command-line tests' databases are copies of one migrated template database a server.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import tempfile
from pathlib import Path


def _migrations_key() -> str:
    """A digest of every installed app's migration files (Django's own and the libraries' included)."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        for path in sorted((Path(config.path) / "migrations").glob("*.py")):
            digest.update(f"{config.label}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_sqlite() -> Path:
    """The path of a read-only SQLite file `battlemap migrate` made, for these migrations; copy it, never open
    it. The first process to ask makes it (in a child process, as a user would); the others wait on a lock."""
    folder = Path(tempfile.gettempdir()) / f"battlemap-migrated-{_migrations_key()}"
    folder.mkdir(exist_ok=True)
    made = folder / "battlemap.sqlite3"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            var = folder / "making"
            shutil.rmtree(var, ignore_errors=True)
            from tests.ops.helpers import bm, env_for  # they copy from here: imported when first made

            bm(env_for(var), "migrate", "-v0")
            (var / "battlemap.sqlite3").rename(made)
            made.chmod(0o444)
            shutil.rmtree(var, ignore_errors=True)
    return made


def copy_migrated(target: Path) -> None:
    """Put a migrated SQLite database at `target` (owner read-write only, as the app makes its own)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_sqlite(), target)
    target.chmod(0o600)


def migrated_postgres(server: str) -> str:
    """The name of a database on `server` (a URL without a database name) that `battlemap migrate` made for
    these migrations, to copy with `CREATE DATABASE … TEMPLATE`; never connect to it. The first process to ask
    makes it under a temporary name and renames it when migrate has finished; the others wait on a lock."""
    import psycopg

    name = f"bm_migrated_{_migrations_key()}"
    lock_path = (
        Path(tempfile.gettempdir()) / f"battlemap-pg-{hashlib.sha256(server.encode()).hexdigest()[:16]}.lock"
    )
    with lock_path.open("w") as lock, psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return name
        making = f"{name}_making"
        admin.execute(f'DROP DATABASE IF EXISTS "{making}"')
        admin.execute(f'CREATE DATABASE "{making}"')
        from tests.ops.helpers import bm, env_for  # they copy from here: imported when first made

        with tempfile.TemporaryDirectory() as var:
            bm(env_for(Path(var), DATABASE_URL=f"{server}/{making}"), "migrate", "-v0")
        admin.execute(f'ALTER DATABASE "{making}" RENAME TO "{name}"')
    return name
