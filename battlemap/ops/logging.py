"""LOG_FORMAT=json: each log record as one line of JSON (time, level, logger, message, and the request
fields of gunicorn's access log), for log collectors; LOG_FORMAT=text: one line of text. Both give the time in
UTC, ISO 8601 (an operator's trial: the text lines had the local time without its offset beside nginx's UTC).
Standard library logging only."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

# gunicorn's access log passes its atoms as the record's args (glogging.Logger.access).
ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "h": "remote", "L": "duration_s"}


class TextFormatter(logging.Formatter):
    """`2026-12-04T05:50:02.123Z WARNING battlemap.worker: task x failed`: the time in UTC, as the JSON lines."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            for atom, field in ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "-"):
                    entry[field] = value
            if "status" in entry:
                entry["status"] = int(entry["status"])
        else:
            entry["message"] = record.getMessage()
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class ForbiddenOnOneLine(logging.Filter):
    """On `django.request`: a 403 is logged as its one line ("Forbidden (Permission denied): /accounts/x/edit/"),
    without the traceback Django attaches (django.core.handlers.exception logs PermissionDenied with
    exc_info). A 403 is the access rule answering as meant (a read-only member trying an edit), not a fault;
    a page of traceback per refusal hid the real errors. A 5xx keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


class BadHostOnOneLine(logging.Filter):
    """On `django.security.DisallowedHost`: a request for a host not in ALLOWED_HOSTS (a scanner or a monitor
    asking by the server's address, a name left out of the setting) is one WARNING line naming the host and the
    setting — Django logs it as an ERROR with the traceback of its host check (13 lines a request: an IT
    administrator's trial found the journal full of them). The answer is a 400, the refusal as meant."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True


def login_client_str(username, ip_address, user_agent, path_info, request) -> str:  # noqa: ANN001, ARG001
    """How django-axes names a login in its log lines (AXES_CLIENT_STR_CALLABLE), e.g. `AXES: Locking out
    username 'alice' from 203.0.113.7 on /login/ after repeated login failures.`

    Axes masks the username and the address by default (AXES_SENSITIVE_PARAMETERS), which left the
    administrator a lockout line of asterisks. The address is the client's (core.clients.client_address,
    behind proxies by TRUSTED_PROXY_COUNT), never a secret to the administrator. The username is named when
    it is one of this installation's users; any other text typed in the username field — a password typed
    one field too early is the reason axes masks it — is named only by a short digest (`an unknown username
    #1a2b3c4d`), the same for the same text, so repeated guesses can be told apart and counted."""
    import hashlib

    from django.contrib.auth import get_user_model

    if isinstance(path_info, (list, tuple)):
        path_info = path_info[0] if path_info else ""
    if not username:
        who = "no username"
    elif get_user_model().objects.filter(username=username).exists():
        who = f"username {username!r}"
    else:
        who = f"an unknown username #{hashlib.sha256(username.encode()).hexdigest()[:8]}"
    return f"{who} from {ip_address or 'an unknown address'} on {path_info or '-'}"


def access_logger_class():  # noqa: ANN201 - a gunicorn Logger class
    """gunicorn's logger with the client's address in the access log's `%(h)s` (and JSON's `remote`): behind
    nginx the connection's peer is the proxy, so every line named 127.0.0.1. The address is read as the login
    throttling reads it (core.clients.client_address): X-Forwarded-For is honoured only with
    TRUSTED_PROXY_COUNT set (docs/operations.md, beside the nginx block), never from a client talking to
    gunicorn directly when it is not."""
    from types import SimpleNamespace

    from django.conf import settings
    from gunicorn.glogging import Logger

    from battlemap.core.clients import client_address

    class AccessLogger(Logger):
        def setup(self, cfg) -> None:  # noqa: ANN001
            """gunicorn's own lines (`Booting worker`, `WORKER TIMEOUT`, `Handling signal`) as every other text
            line: the time in UTC, ISO 8601 (TextFormatter; they had `[2026-12-04 21:06:54 +0800] [2052]`).
            LOG_FORMAT=json formats them by serve's logconfig_dict."""
            super().setup(cfg)
            if settings.LOG_FORMAT == "text":
                for handler in self.error_log.handlers:
                    handler.setFormatter(TextFormatter())

        def now(self) -> str:
            """The access line's `%(t)s` in UTC, ISO 8601, as every other log line (it was local time)."""
            return "[" + datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z") + "]"

        def atoms(self, resp, req, environ, request_time):  # noqa: ANN001, ANN201
            atoms = super().atoms(resp, req, environ, request_time)
            address = client_address(SimpleNamespace(META=environ))
            if address:
                atoms["h"] = address
            return atoms

    return AccessLogger
