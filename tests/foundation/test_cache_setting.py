"""The analysis cache is shared by every server process: by default a table in the database, created
by `migrate`; CACHE_URL picks another backend (issue 19)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from battlemap.env import SettingRefused
from battlemap.stores import cache_from_url
from tests.ops.helpers import migrated


@pytest.mark.slow
def test_the_default_cache_is_a_table_made_by_migrate_and_shared_by_processes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    env |= {"BATTLEMAP_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    migrated(env)

    def run(code: str) -> str:
        setup = (
            "import django; django.setup(); from django.core.cache import caches; cache = caches['default']; "
        )
        return subprocess.run(
            [sys.executable, "-c", setup + code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()

    assert run("print(type(cache).__name__, cache._table)") == "DatabaseCache battlemap_cache"
    run("cache.set('summary', {'health': 42})")
    assert run("print(cache.get('summary'))") == "{'health': 42}"  # another process reads it


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("db://", "battlemap.core.cachedb.DatabaseCache", "battlemap_cache"),
        ("db://other_table", "battlemap.core.cachedb.DatabaseCache", "other_table"),
        ("redis://cache:6379/1", "django.core.cache.backends.redis.RedisCache", "redis://cache:6379/1"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", ""),
    ],
)
def test_cache_url_names_the_backend(url, backend, location):
    config = cache_from_url(url)
    assert config["BACKEND"] == backend and config.get("LOCATION", "") == location


def test_an_unknown_cache_url_names_the_setting():
    with pytest.raises(SettingRefused, match="^CACHE_URL='memcached://…': expected db://"):
        cache_from_url("memcached://x")


def test_the_cache_holds_every_account_of_a_big_portfolio():
    """Three entries per account and day: Django's default limit (300) would evict a 200-account portfolio."""
    assert cache_from_url("db://")["OPTIONS"]["MAX_ENTRIES"] >= 10_000


def test_the_database_cache_sets_many_keys_in_a_few_queries(db):
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from battlemap.core.cachedb import DatabaseCache

    with override_settings(CACHES={"default": cache_from_url("db://bulk_cache")}):  # the tests' is in memory
        call_command("createcachetable", verbosity=0)
        cache = caches["default"]
        assert isinstance(cache, DatabaseCache)
        cache.set("k0", "old")
        with CaptureQueriesContext(connection) as ctx:
            assert cache.set_many({f"k{i}": {"health": i} for i in range(500)}) == []
        assert len(ctx.captured_queries) <= 12  # a count, then a delete and an insert per 200 keys
        assert cache.get_many(["k0", "k499", "nope"]) == {"k0": {"health": 0}, "k499": {"health": 499}}
        cache.set_many({"k1": "new"}, timeout=None)
        assert cache.get("k1") == "new" and cache.get("k2") == {"health": 2}


def test_the_database_cache_deletes_what_is_past_its_time(db):
    """Django's deletes expired entries only when the table is over MAX_ENTRIES: yesterday's analyses stayed."""
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    with override_settings(CACHES={"default": cache_from_url("db://expiring_cache")}):
        call_command("createcachetable", verbosity=0)
        cache = caches["default"]
        cache.set_many({"yesterday-1": "a", "yesterday-2": "b"}, timeout=-1)
        cache.set_many({"today": "c"}, timeout=3600)
        assert cache.delete_expired() == 2
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM expiring_cache")
            assert [key for (key,) in cursor.fetchall()] == [cache.make_key("today")]
        assert cache.get("today") == "c"
