"""Errors as a reader sees them: the 403 page (urls.py's `handler403`), in the app's look and the user's
language, with the reason when it is one of ours and a way back; the same page when a form's CSRF token
is stale (settings.CSRF_FAILURE_VIEW, `csrf_failure`) — or, for a view with a look of its own (the public
questionnaire), that view's page (`_own_page`); a ValidationError said in one line
(`validation_message`) for the places that have no form to put it beside its field; and what a user reads
when something failed that they did not cause (`UNEXPECTED_ERROR`: the API's 500, a failed export or import
job), never an exception's name or text — those go to the log, for the administrator."""

from __future__ import annotations

import errno
import logging

from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext_lazy

from battlemap.core.api import BUSY, error_body
from battlemap.core.api_json import api_json_response
from battlemap.core.multilingual import active_language
from battlemap.punctuation import clauses, labelled, sentences

log = logging.getLogger(__name__)

PAGE_EXPIRED = gettext_lazy("The page had expired")
PAGE_EXPIRED_REASON = gettext_lazy(
    "Nothing was saved: this page had been open too long (or you signed in or out since), or the form was "
    "sent from another site. Reload the page and try again."
)
API_CSRF_FAILED = gettext_lazy("CSRF check failed: send the X-CSRFToken header.")
# Django's own message of a bad e-mail address (its EmailValidator, on every road: forms, API, imports), in the
# product's words: the core catalog's translation takes precedence over Django's ("输入一个有效的 Email 地址").
gettext_noop("Enter a valid email address.")
# and its messages of a text too long or too short (Max/MinLengthValidator, every text field on every road; its
# own Chinese, "确保该变量包含不超过 4000 字符", says "variable" to a customer answering a questionnaire)
ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
ngettext_lazy(
    "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
# A failure the user did not cause (a bug, a broken font, a full disk): the one text of it, for the API's 500
# (battlemap/api.py) and the background jobs; the exception itself, with its traceback, is logged.
UNEXPECTED_ERROR = gettext_lazy("An unexpected error happened; it was logged for the administrator.")
_EXPORT_FAILED = gettext_lazy(
    "The export stopped: %(error)s Other formats may still work, and so may exporting again."
)
_IMPORT_FAILED = gettext_lazy(
    "The import stopped: %(error)s Nothing was imported (the import is all or nothing); importing the file "
    "again may work."
)


def export_failed_unexpectedly() -> str:
    """What an export job that failed by an unexpected error says, in the active language."""
    return _EXPORT_FAILED % {"error": UNEXPECTED_ERROR}


def import_failed_unexpectedly() -> str:
    """What an import job that failed by an unexpected error says, in the active language."""
    return _IMPORT_FAILED % {"error": UNEXPECTED_ERROR}


SESSION_NOT_SAVED = gettext_lazy("The database is busy")
CANNOT_SAVE = gettext_lazy("The server cannot save right now")
DISK_FULL = gettext_lazy(
    "The server cannot save right now: its disk is full. Nothing was saved; tell your administrator, and try "
    "again once space is freed."
)
SESSION_NOT_SAVED_REASON = gettext_lazy(
    "Your session could not be saved: the database is busy with another write (a large import?). Try again "
    "in a moment."
)


TOO_MANY_FILES = gettext_lazy("Too many files in one upload")
TOO_MANY_FILES_REASON = gettext_lazy(
    "Nothing was uploaded: at most %(n)s files can be sent at once. Put them in a zip archive and upload that "
    "one file."
)


FORM_TOO_LARGE = gettext_lazy("Too much sent at once")
FORM_TOO_LARGE_REASON = gettext_lazy(
    "Nothing was saved: the form sent more than %(limit)s MB, the most a page takes at once. Go back, and paste or "
    "type less at a time (a few thousand lines of a list), or import the list as a file (Import / export)."
)


FORM_TOO_MANY_FIELDS_REASON = gettext_lazy(
    "Nothing was saved: the form sent more than %(n)s fields, the most a page takes at once. Go back and tick fewer "
    "people at a time, or import the list as a file (Import / export)."
)


def body_max_mb() -> str:
    """The most a request body may carry, settings.DATA_UPLOAD_MAX_MEMORY_SIZE (BODY_MAX_MB), in megabytes as
    written to a user ("5", "0.5"): the web form's refusal here and the API's (battlemap/api.py) say the same number."""
    from django.conf import settings

    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g}"


def form_too_large(exception=None) -> str:
    """What a form past settings.DATA_UPLOAD_MAX_MEMORY_SIZE (BODY_MAX_MB) — or past DATA_UPLOAD_MAX_NUMBER_FIELDS
    (`exception` a TooManyFieldsSent) — is told, in the active language."""
    from django.conf import settings
    from django.core.exceptions import TooManyFieldsSent

    if isinstance(exception, TooManyFieldsSent):
        return FORM_TOO_MANY_FIELDS_REASON % {"n": f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}"}
    return FORM_TOO_LARGE_REASON % {"limit": body_max_mb()}


def too_many_files() -> str:
    """What an upload of more files than settings.DATA_UPLOAD_MAX_NUMBER_FILES is told, in the active language
    (the page's reason here, and `too_many_files_body`)."""
    from django.conf import settings

    return TOO_MANY_FILES_REASON % {"n": f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES:,}"}


def too_many_files_body() -> dict:
    """The API's 413 body for too many files, naming `files`: raised while Django reads the request, before the
    API's view (here, a session call whose CSRF check read the form) or inside it (battlemap/api.py)."""
    reason = too_many_files()
    return error_body(reason, [{"field": "files", "message": reason}])


def _own_page(request, case: str, status: int):
    """The error page of the view the request was for, when that view has a look of its own (its `error_page`
    attribute, a callable (request, case, status) → response: the public questionnaire's, which shows nothing of
    the app — a customer whose answer failed the CSRF check had read the seller's top bar and the product's name);
    None for every other view. `case`: "page_expired", "too_large" or "server_error"."""
    match = request.resolver_match
    own = getattr(match.func, "error_page", None) if match is not None else None
    return own(request, case, status) if own is not None else None


def bad_request(request, exception=None):
    """urls.py's `handler400`, never Django's bare English "Bad Request (400)" where the reader can act:
    - a session that could not be saved (SessionInterrupted: on SQLite, the database locked by a long write
      past its busy timeout) is a 503 page in the reader's language saying so;
    - an upload of more files than settings.DATA_UPLOAD_MAX_NUMBER_FILES (TooManyFilesSent, raised while the
      request is read, before any view) is a 413 saying the limit and to zip them, with the way back;
    - a form past settings.DATA_UPLOAD_MAX_MEMORY_SIZE or DATA_UPLOAD_MAX_NUMBER_FIELDS (RequestDataTooBig,
      TooManyFieldsSent: a 7 MB paste — a new user's trial got the bare English page in a Chinese session) is a 413
      saying the limit and what to do, with the way back;
    any other bad request keeps Django's own answer. The API's calls keep the API's error shape."""
    from django.contrib.sessions.exceptions import SessionInterrupted
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
    from django.views.defaults import bad_request as django_bad_request

    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent))
    if too_big and not request.path.startswith("/api/"):
        own = _own_page(request, "too_large", 413)
        if own is not None:
            return own
        context = {
            "title": FORM_TOO_LARGE,
            "reason": form_too_large(exception),
            "back": _way_back(request, _("Back to the form")),
        }
        return render(request, "403.html", context, status=413)

    if isinstance(exception, TooManyFilesSent):
        if request.path.startswith("/api/"):
            return api_json_response(too_many_files_body(), status=413)
        return render(
            request,
            "403.html",
            {
                "title": TOO_MANY_FILES,
                "reason": too_many_files(),
                "back": _way_back(request, _("Back to the form")),
            },
            status=413,
        )
    if not isinstance(exception, SessionInterrupted):
        return django_bad_request(request, exception)
    if request.path.startswith("/api/"):
        return api_json_response(error_body(str(BUSY)), status=503)
    return render(
        request, "403.html", {"title": SESSION_NOT_SAVED, "reason": SESSION_NOT_SAVED_REASON}, status=503
    )


def server_error(request):
    """urls.py's `handler500`: the page of a view with a look of its own (`_own_page`, "server_error": a customer on
    the public questionnaire had read the app's 500 page with its top bar and name), else Django's, which renders
    500.html. If that own page fails too (the database may be what failed), Django's: a 500 page always answers."""
    from django.views.defaults import server_error as django_server_error

    try:
        own = _own_page(request, "server_error", 500)
    except Exception:  # noqa: BLE001 — the error page must not fail in its turn; the first error is logged already
        log.exception("the view's own error page failed")
        own = None
    return own if own is not None else django_server_error(request)


def cannot_save(exc: BaseException) -> tuple[Promise, Promise] | None:
    """(title, reason) of a database error that is not the request's fault and passes: SQLite's write lock held
    past its busy timeout ("database is locked": `SESSION_NOT_SAVED`, `BUSY`), a full disk (SQLite's "database
    or disk is full", PostgreSQL's disk_full, SQLSTATE 53100, or a file's write refused with ENOSPC — an upload
    kept for a worker, an export's file: `CANNOT_SAVE`, `DISK_FULL`, logged as an error for the administrator).
    None for any other error: a real server error. Said with 503 by the API (battlemap/api.py), the pages
    (core.middleware.DatabaseCannotSaveMiddleware) and the CLI (core.cli.database_error_lines); an export job
    that failed so says `DISK_FULL` (io.export.jobs)."""
    from django.db import OperationalError

    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        log.error("a file cannot be saved: %s", exc)
        return CANNOT_SAVE, DISK_FULL
    if not isinstance(exc, OperationalError):
        return None
    text = str(exc).lower()
    if "database is locked" in text or "database table is locked" in text:
        return SESSION_NOT_SAVED, BUSY
    if "database or disk is full" in text or getattr(exc.__cause__, "sqlstate", None) == "53100":
        log.error("the database cannot save: %s", str(exc).strip())
        return CANNOT_SAVE, DISK_FULL
    return None


def database_cannot_save(request, exc: BaseException):
    """A page's answer to `cannot_save(exc)`: 503 with the site's error page saying why and what to do, or
    None for any other error."""
    said = cannot_save(exc)
    if said is None:
        return None
    title, reason = said
    return render(request, "403.html", {"title": title, "reason": reason}, status=503)


def permission_denied(request, exception=None):
    """Ours: a PermissionDenied raised with a translated (lazy) message, e.g. `ONLY_OWNER_HANDS_OVER`;
    shown in the reader's language. Anything else (the admin's bare refusals, Django's own English
    reasons) gets the general explanation."""
    message = exception.args[0] if exception is not None and exception.args else None
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    back = None
    if request.path.startswith("/admin/"):
        back = (reverse("admin:index"), _("Back to the admin"))
    elif slug and request.path.startswith("/accounts/"):
        # a 403 (not a 404) means the reader may see the account
        back = (reverse("account", args=[slug]), _("Back to the account"))
    return render(
        request,
        "403.html",
        {"reason": message if isinstance(message, Promise) else None, "back": back},
        status=403,
    )


def _way_back(request, label) -> tuple[str, str] | None:
    """(the page the form was sent from, `label`) when it is one of this site's, else None."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        return (referer, label)
    return None


def csrf_failure(request, reason: str = ""):
    """A form sent with a stale or missing CSRF token (settings.CSRF_FAILURE_VIEW): the site's 403 page in
    the reader's language saying what happened and what to do, never Django's page that asks a seller to
    set DEBUG (`reason` is Django's English for developers; Django logs it). The API's calls keep the API's
    error shape."""
    if request.path.startswith("/api/"):
        return api_json_response(error_body(str(API_CSRF_FAILED)), status=403)
    own = _own_page(request, "page_expired", 403)
    if own is not None:
        return own
    back = _way_back(request, _("Reload the page"))
    return render(
        request,
        "403.html",
        {"title": PAGE_EXPIRED, "reason": PAGE_EXPIRED_REASON, "back": back},
        status=403,
    )


def validation_message(exc, names: dict[str, str] | None = None) -> str:
    """A ValidationError as one line in the active language that names each field, punctuated as the language
    writes it (`battlemap.punctuation`): `slug: “login” is reserved…; name: …` / `slug：……；name：……`.
    `names`: what to call a field instead (a command's option: {"to": "--to"})."""
    if hasattr(exc, "error_dict"):
        lang = active_language()
        names = names or {}
        return clauses(
            lang, (labelled(lang, names.get(k, k), sentences(v)) for k, v in exc.message_dict.items())
        )
    return sentences(exc.messages)
