"""What the administrator reads in the logs: a 403 on one line, not a traceback; a lockout naming the
username tried (when it is a user here) and the client's address; the access log's client address behind a
trusted proxy, not the proxy's."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from gunicorn.config import Config

from battlemap.ops.logging import access_logger_class
from tests import factories as f


def test_an_expected_403_is_logged_on_one_line(world, client, caplog):
    client.force_login(world.manager)  # may view the English account, not upload to it
    with caplog.at_level(logging.WARNING, logger="django.request"):
        upload = SimpleUploadedFile("cal.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        response = client.post(f"/accounts/{world.en.slug}/mail/upload/", {"files": upload})
    assert response.status_code == 403
    forbidden = [r for r in caplog.records if r.name == "django.request" and r.status_code == 403]
    assert forbidden, caplog.text
    assert "Traceback" not in caplog.text and "PermissionDenied" not in caplog.text
    assert f"/accounts/{world.en.slug}/mail/upload/" in forbidden[0].getMessage()


def test_a_server_error_keeps_its_traceback():
    from battlemap.ops.logging import ForbiddenOnOneLine

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), exc_info
    )
    record.status_code = 500
    assert ForbiddenOnOneLine().filter(record) and record.exc_info is exc_info


def _fail_logins(client, username, times=5):
    for _ in range(times):
        response = client.post(
            "/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR="203.0.113.7"
        )
    return response


@pytest.mark.django_db
def test_the_lockout_line_names_the_username_and_the_clients_address(client, caplog):
    f.user(username="ann")
    with caplog.at_level(logging.WARNING, logger="axes"):
        assert _fail_logins(client, "ann").status_code == 429
    locking = [r.getMessage() for r in caplog.records if "Locking out" in r.getMessage()]
    assert locking and "username 'ann'" in locking[0] and "203.0.113.7" in locking[0], caplog.text
    assert "****" not in caplog.text


@pytest.mark.django_db
def test_a_username_no_user_has_is_logged_by_a_digest_not_as_typed(client, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        _fail_logins(client, "Secret-Passw0rd!", times=2)
    assert "Secret-Passw0rd!" not in caplog.text
    lines = [r.getMessage() for r in caplog.records if "login failure" in r.getMessage()]
    assert len(lines) == 2 and "an unknown username #" in lines[0] and "203.0.113.7" in lines[0]
    digest = lines[0].split("#")[1].split()[0]
    assert digest in lines[1]  # the same text, the same digest: repeated guesses can be counted


def _access_remote(settings, **environ) -> str:
    logger = access_logger_class()(Config())
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/", "SERVER_PROTOCOL": "HTTP/1.1", **environ}
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    return logger.atoms(response, [], environ, timedelta(seconds=0.01))["h"]


def test_the_access_log_names_the_client_behind_a_trusted_proxy(settings):
    forwarded = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.9.9.9, 198.51.100.20"}
    settings.TRUSTED_PROXY_COUNT = 1  # one nginx, which appends the address it got the request from
    assert _access_remote(settings, **forwarded) == "198.51.100.20"
    settings.TRUSTED_PROXY_COUNT = 0  # no trusted proxy: the header is the client's to write, never read
    assert _access_remote(settings, **forwarded) == "127.0.0.1"


def test_the_access_log_gives_the_time_in_utc_as_every_other_line(settings, monkeypatch):
    """A fresh reviewer: gunicorn's access lines kept the local time with its offset beside the app's UTC lines."""
    import re
    import time as time_module

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time_module.tzset()
    try:
        logger = access_logger_class()(Config())
        environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/", "SERVER_PROTOCOL": "HTTP/1.1"}
        response = SimpleNamespace(status="200 OK", sent=10, headers=[])
        stamp = logger.atoms(response, [], environ, timedelta(seconds=0.01))["t"]
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()
    assert re.fullmatch(r"\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\]", stamp), stamp


def test_gunicorns_own_lines_give_the_time_in_utc_as_every_other_line(settings, monkeypatch, capsys):
    """An operator's trial: `[2026-12-04 21:06:54 +0800] [2052] [INFO] Using worker: gthread` beside the app's
    UTC lines, in text mode."""
    import re
    import time as time_module

    settings.LOG_FORMAT = "text"
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time_module.tzset()
    try:
        logger = access_logger_class()(Config())  # its handler writes to stderr, as gunicorn's
        logger.info("Booting worker with pid: %s", 2052)
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()
    line = capsys.readouterr().err.strip()
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO gunicorn\.error: Booting worker with pid: 2052", line
    ), line


def test_serves_banner_is_a_json_line_in_json_mode(settings):
    import json

    from battlemap.ops.management.commands.serve import banner

    settings.LOG_FORMAT = "json"
    line = json.loads(banner("Battlemap on http://127.0.0.1:8000/"))
    assert line["message"] == "Battlemap on http://127.0.0.1:8000/" and line["level"] == "info"
    settings.LOG_FORMAT = "text"
    assert banner("Battlemap on http://127.0.0.1:8000/") == "Battlemap on http://127.0.0.1:8000/"
