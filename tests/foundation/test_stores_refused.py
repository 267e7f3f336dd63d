"""The database, the cache and the secret key settings.py points Django at (battlemap/stores.py), as an
administrator met them installing from the docs (review 35): a relative SQLite path, an empty `<var>/secret_key`
and an out-of-range PORT are each refused at start in one line naming what to change, exit 2; a redis:// cache has
its client installed. Other database and cache schemes: test_env_refused.py."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test.utils import override_settings

from battlemap.stores import cache_from_url
from tests.ops.helpers import bm, env_for


def refused_in_one_line(done) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    return done.stderr


def test_a_relative_sqlite_path_is_refused_and_creates_nothing(tmp_path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    url = "sqlite:///var/lib/battlemap/battlemap.sqlite3"  # three slashes: relative to the working directory
    said = refused_in_one_line(
        bm(env_for(tmp_path / "var", DATABASE_URL=url), "accounts", check=False, cwd=cwd)
    )
    assert f"DATABASE_URL='{url}': expected an absolute SQLite path, four slashes: sqlite:////" in said
    assert list(cwd.iterdir()) == []  # no folders, no empty database beside the administrator


def test_an_absolute_sqlite_path_with_four_slashes_is_taken(tmp_path):
    database = tmp_path / "data" / "bm.sqlite3"
    assert bm(env_for(tmp_path / "var", DATABASE_URL=f"sqlite:///{database}"), "check").returncode == 0
    assert database.exists()


@pytest.mark.parametrize("port", ["0", "99999", "-1", "65536"])
def test_a_port_out_of_range_is_refused_naming_port_and_the_range(tmp_path, port):
    done = bm(env_for(tmp_path, PORT=port), "serve", "--no-worker", check=False, timeout=60)
    assert f"PORT='{port}': expected a whole number from 1 to 65535" in refused_in_one_line(done)


@pytest.mark.parametrize("content", ["", " \n"])
def test_an_empty_secret_key_file_is_refused_naming_it(tmp_path, content):
    var = tmp_path / "var"
    var.mkdir()
    (var / "secret_key").write_text(content)
    env = {k: v for k, v in env_for(var).items() if k != "SECRET_KEY"}
    said = refused_in_one_line(bm(env, "check", check=False))
    assert f"SECRET_KEY: {var / 'secret_key'} is empty: remove it" in said
    (var / "secret_key").unlink()  # as the message says: a new key at the next start
    assert bm(env, "check").returncode == 0 and len((var / "secret_key").read_text()) > 40
    assert [p.name for p in var.iterdir() if p.name.startswith(".secret_key")] == []  # its temporary file


def test_a_redis_cache_url_builds_its_client_without_a_server():
    with override_settings(CACHES={"default": cache_from_url("redis://127.0.0.1:1/0")}):
        client = caches["default"]._cache  # imports the redis package; connects only on the first use
        assert client._lib.__name__ == "redis"
