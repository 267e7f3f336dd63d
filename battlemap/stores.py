"""Where settings.py points Django: the database (DATABASE_URL), the cache (CACHE_URL) and the secret key
(SECRET_KEY, else the file `<var>/secret_key`). README: Configuration.

Only what Battlemap runs on is taken: PostgreSQL, or SQLite at an absolute path, for the database; a table in the
database, Redis, one process's memory or none for the cache. Anything else is refused at start in one line naming
the variable (battlemap.env.refuse; `battlemap` exits 2, which systemd's RestartPreventExitStatus=2 does not retry),
never left to stop later with a traceback, to open another file than the one meant, or to answer 500 on every page.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

import dj_database_url

from battlemap.env import SettingRefused, envint, envstr, refuse

SQLITE = "django.db.backends.sqlite3"
DATABASE_ENGINES = ("django.db.backends.postgresql", SQLITE)
DATABASE_ACCEPTS = "expected postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:////path/to/file"
SQLITE_ABSOLUTE = (
    "expected an absolute SQLite path, four slashes: sqlite:////path/to/file "
    "(three slashes make a path relative to the working directory)"
)
SQLITE_IN_MEMORY = ("", ":memory:")  # sqlite:// and sqlite://:memory:, one process's own database
CACHE_ACCEPTS = "expected db://, db://TABLE, redis://HOST:6379/0, rediss://…, locmem:// or dummy://"


def private_dir(path: Path) -> Path:
    """Create `path` readable by its owner only (0700); a folder that exists keeps its mode."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)  # mkdir's mode is masked by the umask
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and readable by its owner only (0600) unless it exists; returns it."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    return path


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else the key in `<var>/secret_key`, generated there once (0600).

    SettingRefused naming the file when it holds nothing but blanks (a start stopped by a full disk left it
    empty: Django then answers 500 on every page while /healthz says ok) or cannot be read or written; removing
    it makes a new key at the next start. A new key is written whole before it takes the file's name, so a
    process starting at the same moment (the web server and the worker under systemd) reads it, never an empty
    file."""
    given = envstr("SECRET_KEY", "")
    if given:
        return given
    key_file = var_dir / "secret_key"
    try:
        if not key_file.exists():
            _write_new_key(key_file)
        key = key_file.read_text().strip()
    except OSError as exc:
        raise SettingRefused(f"SECRET_KEY: cannot use {key_file} ({exc.strerror or exc})") from None
    if not key:
        raise SettingRefused(
            f"SECRET_KEY: {key_file} is empty: remove it (a new key is made at the next start) or set SECRET_KEY"
        )
    return key


def _write_new_key(key_file: Path) -> None:
    temporary = key_file.with_name(f".secret_key-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        private_file(temporary).write_text(secrets.token_urlsafe(50))
        try:
            os.link(temporary, key_file)  # refuses to replace: a key another process made first is kept
        except FileExistsError:
            pass
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP):
                raise
            os.rename(temporary, key_file)  # a file system without hard links (vfat)
    finally:
        temporary.unlink(missing_ok=True)


def database_from_url(url: str) -> dict:
    """DATABASES["default"] from DATABASE_URL: PostgreSQL (`postgres://USER:PASSWORD@HOST:PORT/NAME`, psycopg 3)
    or SQLite (`sqlite:////absolute/path`; its file created 0600, in WAL mode with a 20 s busy timeout).

    SettingRefused naming DATABASE_URL for another scheme (`mysql://`, `postgress://`: by its scheme only, the
    rest may hold a password) and for a relative SQLite path (`sqlite:///var/lib/…`): each working directory —
    the systemd unit's, an administrator's shell, cron — would open a database of its own, made empty."""
    try:
        config = dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", 60))
    except (ValueError, dj_database_url.UnknownSchemeError):
        config = {}
    if config.get("ENGINE") not in DATABASE_ENGINES:
        raise refuse("DATABASE_URL", url.partition("://")[0] + "://…", DATABASE_ACCEPTS)
    if config["ENGINE"] != SQLITE:
        return config
    database_file = str(config["NAME"])
    if database_file not in SQLITE_IN_MEMORY and not os.path.isabs(database_file):
        raise refuse("DATABASE_URL", url, SQLITE_ABSOLUTE)
    if database_file not in SQLITE_IN_MEMORY and not Path(database_file).exists():
        try:  # created 0600 before SQLite opens it (its -wal and -shm files take its mode)
            private_dir(Path(database_file).parent)
            private_file(Path(database_file))
        except OSError:
            pass  # a read-only place: SQLite reports it when it opens the file
    return config | {
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            "timeout": 20,  # busy timeout, seconds
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA busy_timeout=20000;"
            ),
        },
    }


def cache_from_url(url: str) -> dict:
    """CACHES["default"] from CACHE_URL: db:// (default: a table in the database, shared by every server process),
    db://TABLE, redis://host:6379/0 (or rediss://; the `redis` package is a dependency), locmem:// (one process
    only), dummy://. SettingRefused naming CACHE_URL for another scheme (`memcached://`), by its scheme only."""
    scheme, _, rest = url.partition("://")
    # Three entries per account and day (analysis, portfolio summary, changes since a week ago): Django's
    # default limit of 300 entries would evict a manager's 200 accounts on every page.
    limit = {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 100_000)}
    if scheme == "db":
        return {
            "BACKEND": "battlemap.core.cachedb.DatabaseCache",  # Django's, with set_many in a few queries
            "LOCATION": rest or "battlemap_cache",
            "OPTIONS": limit,
        }
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": rest,
            "OPTIONS": limit,
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise refuse("CACHE_URL", scheme + "://…", CACHE_ACCEPTS)
