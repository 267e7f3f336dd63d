"""Django's session middleware, whose idle-time stamp never fails a page.

`core.middleware.IdleSessionTimeoutMiddleware` stamps the session with the time it was seen, at most once a
minute, so a plain GET writes the session then. On SQLite a long write elsewhere (an import) holds the
database's write lock; the stamp's save then waited out the busy timeout and failed, and Django answered the
page with its bare English "Bad Request (400)" (SessionInterrupted). A save whose only change is that stamp is
now let go when it fails (logged): the next request writes the stamp, so the idle time is counted from a
minute earlier at most. Any other change that cannot be saved (a sign-in, a language) still fails, and
`core.errors.bad_request` says so in the reader's language."""

from __future__ import annotations

import logging

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware

from .middleware import IDLE_KEY

log = logging.getLogger(__name__)


class SessionMiddleware(DjangoSessionMiddleware):
    """settings.MIDDLEWARE's session middleware: Django's, a failed save of the idle-time stamp alone let go."""

    def process_response(self, request, response):  # noqa: ANN001, ANN201
        try:
            return super().process_response(request, response)
        except SessionInterrupted:
            if not _only_stamped(request.session):
                raise
            log.warning("session not saved (the database is busy): only its idle-time stamp had changed")
            return response


def _only_stamped(session) -> bool:  # noqa: ANN001
    """Whether `session` differs from what is stored by its idle-time stamp alone. Reads the stored session
    (a read goes through while another connection writes: SQLite's WAL journal, settings.DATABASES)."""
    stored = session.__class__(session.session_key).load() if session.session_key else {}
    unstamped = {k: v for k, v in session.items() if k != IDLE_KEY}
    return bool(stored) and unstamped == {k: v for k, v in stored.items() if k != IDLE_KEY}
