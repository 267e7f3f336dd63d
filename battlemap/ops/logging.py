"""LOG_FORMAT=json: each log record as one line of JSON (time, level, logger, message, and the request
fields of gunicorn's access log), for log collectors. Standard library logging only."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

# gunicorn's access log passes its atoms as the record's args (glogging.Logger.access).
ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "h": "remote", "L": "duration_s"}


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
