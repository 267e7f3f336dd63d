"""A setting that cannot be used is refused at start, in one line naming the variable (battlemap.env):
a BATTLEMAP_VAR_DIR under a regular file, a word for an integer, a misspelt or unsupported DATABASE_URL or
CACHE_URL scheme, a boolean that is no boolean; an empty DATABASE_URL means the default. And /healthz answers a
load balancer probing by IP over plain HTTP with the HTTPS settings (ops.middleware)."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings

from tests.ops.helpers import bm, env_for


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("LOGIN_FAILURE_LIMIT", "five", "LOGIN_FAILURE_LIMIT='five': expected a whole number"),
        (
            "DATABASE_URL",
            "postgress://bm:secret@127.0.0.1/bm",
            "DATABASE_URL='postgress://…': expected postgres://",
        ),
        # review 35: schemes dj_database_url knows but Battlemap does not run on, and a cache it has no client for
        ("DATABASE_URL", "mysql://bm:secret@db/bm", "DATABASE_URL='mysql://…': expected postgres://"),
        ("DATABASE_URL", "oracle://bm:secret@db/bm", "DATABASE_URL='oracle://…': expected postgres://"),
        ("CACHE_URL", "memcached://127.0.0.1:11211", "CACHE_URL='memcached://…': expected db://"),
        ("SECURE_COOKIES", "ture", "SECURE_COOKIES='ture': expected 1, true, yes or on"),
        ("LANGUAGE_CODE", "fr", "LANGUAGE_CODE='fr': expected zh-hans or en"),
        ("LANGUAGE_CODE", "klingon", "LANGUAGE_CODE='klingon': expected zh-hans or en"),
        ("TIME_ZONE", "UTC+8", "TIME_ZONE='UTC+8': expected an IANA time zone"),
        ("TIME_ZONE", "Mars/Base", "TIME_ZONE='Mars/Base': expected an IANA time zone"),
        # an IT administrator's trial: an origin in ALLOWED_HOSTS (every page 400), a bare name in
        # CSRF_TRUSTED_ORIGINS (`serve` and `worker` stopped by Django's check with exit 1, restarted every 10 s)
        (
            "ALLOWED_HOSTS",
            "https://battlemap.example.com",
            "ALLOWED_HOSTS='https://battlemap.example.com': expected host names such as battlemap.example.com",
        ),
        (
            "ALLOWED_HOSTS",
            "localhost,battlemap.example.com:443",
            "ALLOWED_HOSTS='localhost,battlemap.example.com:443': expected host names",
        ),
        (
            "CSRF_TRUSTED_ORIGINS",
            "battlemap.example.com",
            "CSRF_TRUSTED_ORIGINS='battlemap.example.com': expected origins with their scheme such as https://",
        ),
        # an operator's trial (session 39): these stopped every command with a traceback
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD': expected DEBUG or INFO or WARNING or ERROR or CRITICAL"),
        ("TASKS_BACKEND", "foo.Bar", "TASKS_BACKEND='foo.Bar': cannot be loaded (No module named 'foo')"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(tmp_path, variable, value, said):
    done = bm(env_for(tmp_path, **{variable: value}), "check", check=False)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
    assert "secret" not in done.stderr


@pytest.mark.parametrize(("variable", "value"), [("WEB_KEEPALIVE", "x"), ("WEB_MAX_REQUESTS", "-1")])
def test_serve_refuses_a_bad_gunicorn_setting_in_one_line_before_starting(tmp_path, variable, value):
    """Read inside gunicorn's configuration, they were gunicorn's `Error: …` with exit 1, which the systemd unit
    restarts every 10 s (RestartPreventExitStatus=2 spares only a refused setting)."""
    done = bm(env_for(tmp_path, **{variable: value}), "serve", "--no-worker", "--port", "8144", check=False)
    assert done.returncode == 2 and done.stderr.strip().endswith(
        f"battlemap: {variable}='{value}': expected a whole number of at least 0"
    )
    assert "Battlemap on" not in done.stdout


def test_a_lower_case_log_level_is_taken(tmp_path):
    assert bm(env_for(tmp_path, LOG_LEVEL="info"), "check").returncode == 0


def test_a_var_dir_under_a_file_is_refused_naming_setting_and_path(tmp_path):
    (tmp_path / "afile").write_text("")
    done = bm(env_for(tmp_path / "afile" / "var"), "migrate", check=False)
    assert done.returncode == 2
    assert f"BATTLEMAP_VAR_DIR='{tmp_path / 'afile' / 'var'}': not a writable folder" in done.stderr


def test_an_empty_database_url_is_the_default(tmp_path):
    assert bm(env_for(tmp_path, DATABASE_URL=""), "check").returncode == 0


def test_healthz_by_ip_over_http_answers_json(client, db):
    with override_settings(ALLOWED_HOSTS=["localhost"], SECURE_SSL_REDIRECT=True):
        response = client.get("/healthz", HTTP_HOST="10.0.0.5:8822")
    assert response.status_code == 200 and response.json()["database"] == "ok"


def test_host_names_and_origins_as_the_deployment_guide_writes_them_are_taken(tmp_path):
    env = env_for(
        tmp_path,
        ALLOWED_HOSTS="battlemap.example.com, .example.org,[::1],127.0.0.1",
        CSRF_TRUSTED_ORIGINS="https://battlemap.example.com,https://*.example.org,http://127.0.0.1:8000",
    )
    assert bm(env, "check").returncode == 0


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("PORT", "0", "PORT='0': expected a whole number from 1 to 65535"),
        ("WEB_KEEPALIVE", "x", "WEB_KEEPALIVE='x': expected a whole number of at least 0"),
        ("WEB_MAX_REQUESTS", "-1", "WEB_MAX_REQUESTS='-1': expected a whole number of at least 0"),
        ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY='0': expected a whole number of at least 1"),
        ("WEB_THREADS", "four", "WEB_THREADS='four': expected a whole number of at least 1"),
        ("TASKS_BACKEND", "foo.Bar", "TASKS_BACKEND='foo.Bar': cannot be loaded (No module named 'foo')"),
    ],
)
def test_every_command_refuses_a_bad_setting_not_only_serve(tmp_path, variable, value, said):
    """README: a bad value is refused at start by every command. The server's own variables were read by `serve`
    alone and TASKS_BACKEND on its first use, so `battlemap accounts` (or `check`, for PORT=0) ran as if all were
    well, and the operator learnt of it only when the server or a queued export failed."""
    done = bm(env_for(tmp_path, **{variable: value}), "accounts", check=False)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
