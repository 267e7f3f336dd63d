"""The one JSON API: a Router per app, OpenAPI at /api/openapi.json, interactive docs at /api/docs.

Every error has one shape, `{"detail": ..., "errors": [{"field": ..., "message": ...}]}`.
"""

from __future__ import annotations

import logging

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, OperationalError
from django.http import Http404
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationErrorContext
from ninja.errors import ValidationError as NinjaValidationError

from battlemap.accounts.api import router as accounts_router
from battlemap.competition.api import router as competition_router
from battlemap.core.access import Gone
from battlemap.core.api import (
    BAD_REQUEST,
    BODY_NOT_JSON,
    BODY_TOO_LARGE,
    BODY_TOO_WIDE,
    CONFLICTING_DATA,
    FORBIDDEN,
    INVALID_BULK,
    INVALID_INPUT,
    MAX_BODY_FIELDS,
    MAX_ERRORS,
    NOT_FOUND,
    NUMBER_TOO_LARGE,
    OUT_OF_RANGE,
    UNAUTHORIZED,
    InvalidItems,
    django_errors,
    error_body,
)
from battlemap.core.api_input import BodyTooWide, BoundedJSON, ninja_errors, refuse_unknown_query_parameters
from battlemap.core.api_json import UTCRenderer, api_json_response
from battlemap.core.errors import UNEXPECTED_ERROR, body_max_mb, cannot_save, too_many_files_body
from battlemap.core.services import StaleEdit
from battlemap.deals.api import router as deals_router
from battlemap.interactions.api import router as interactions_router
from battlemap.io.api import router as io_router
from battlemap.io.api_maps import router as maps_router
from battlemap.mail.api import router as mail_router
from battlemap.people.api import router as people_router
from battlemap.process.api import router as process_router
from battlemap.surveys.api import router as surveys_router
from battlemap.teams.api import router as teams_router
from battlemap.training.api import router as training_router
from battlemap.users.api import router as users_router
from battlemap.users.auth import AUTH
from battlemap.users.middleware import query_language

logger = logging.getLogger(__name__)
# Django's own logger of failed requests: its handlers (the console, mail to ADMINS) see an API's 500 as
# they see a page's.
request_log = logging.getLogger("django.request")


class BattlemapAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> NinjaValidationError:
        """ninja's own, for the first MAX_ERRORS errors only (an answer lists no more; converting each of
        100,000 errors took seconds); `total` keeps the count the answer says."""
        errors: list[dict] = []
        total = 0
        for context in error_contexts:
            error = context.pydantic_validation_error
            total += error.error_count()
            model = context.model
            room = max(0, MAX_ERRORS - len(errors))
            for item in error.errors(include_url=False, include_input=False)[:room]:
                where = model.__ninja_flatten_map_reverse__.get(item["loc"], item["loc"])
                item["loc"] = (model.__ninja_param_source__, *where)
                if isinstance((item.get("ctx") or {}).get("error"), Exception):
                    item["ctx"]["error"] = str(item["ctx"]["error"])
                errors.append(dict(item))
        exc = NinjaValidationError(errors)
        exc.total = total
        return exc


api = BattlemapAPI(
    title="Battlemap API",
    version="1",
    description=(
        "The battle map of your key accounts as JSON. Authenticate with a personal access token "
        "(`Authorization: Bearer bm_…`, create one under /settings/tokens/ or with `battlemap token create`). "
        "Errors always read `{detail, errors: [{field, message}]}`. Updates carry the `version` you read "
        "(or an `If-Match` ETag); a stale version gets 409 and changes nothing. Another user's account or "
        "object is 404. Messages are in the language of `Accept-Language` (`zh-hans` or `en`)."
    ),
    auth=AUTH,
    urls_namespace="api",
    parser=BoundedJSON(),
    renderer=UTCRenderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

for router in (
    users_router,
    teams_router,
    accounts_router,
    people_router,
    deals_router,
    process_router,
    interactions_router,
    io_router,
    maps_router,
    mail_router,
    training_router,
    surveys_router,
    competition_router,
):
    api.add_router("/", router)
refuse_unknown_query_parameters(api)


@api.exception_handler(NinjaValidationError)
def _validation(request, exc: NinjaValidationError):
    errors = ninja_errors(exc.errors)
    total = getattr(exc, "total", len(exc.errors))
    return api.create_response(request, error_body(INVALID_INPUT, errors, total=total), status=422)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc: RequestDataTooBig):
    # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (BODY_MAX_MB) before reading it.
    return _body_refused(request, BODY_TOO_LARGE % {"limit": body_max_mb()}, status=413)


@api.exception_handler(TooManyFilesSent)
def _too_many_files(request, exc: TooManyFilesSent):
    # Django refuses more files than DATA_UPLOAD_MAX_NUMBER_FILES while it reads the body.
    return api.create_response(request, too_many_files_body(), status=413)


@api.exception_handler(StaleEdit)
def _stale(request, exc: StaleEdit):
    # The same translated message the web shows, naming who changed what since (the field is the version the
    # client sent), and those edits field by field.
    body = error_body(exc.text, [{"field": "version", "message": exc.text}])
    body["changed"] = [
        {
            "by": entry.username,  # a username, as the 410's `deleted.by` and every API answer name users
            "at": entry.when,
            "fields": [
                {"field": c.code, "label": c.field, "old": c.old, "new": c.new} for c in entry.changes
            ],
        }
        for entry in exc.meanwhile
    ]
    return api.create_response(request, body, status=409)


@api.exception_handler(DjangoValidationError)
def _model_validation(request, exc: DjangoValidationError):
    return api.create_response(request, error_body(INVALID_INPUT, django_errors(exc)), status=422)


@api.exception_handler(InvalidItems)
def _invalid_items(request, exc: InvalidItems):
    return api.create_response(request, error_body(INVALID_BULK, exc.errors), status=422)


@api.exception_handler(IntegrityError)
def _integrity(request, exc: IntegrityError):
    # Model validation catches known constraints first; this is a race with another writer.
    return api.create_response(
        request,
        error_body(CONFLICTING_DATA),
        status=409,
    )


@api.exception_handler(OSError)
@api.exception_handler(OperationalError)
def _busy(request, exc: Exception):
    # SQLite's "database is locked" after its busy timeout while a long write holds the lock, or a full disk
    # (the database's, or a file's write: an upload kept for a worker): the JSON error shape and 503 saying
    # which (core.errors.cannot_save), never Django's HTML 500. Anything else is a real server error.
    said = cannot_save(exc)
    if said is None:
        return _unexpected(request, exc)
    return api.create_response(request, error_body(str(said[1])), status=503)


@api.exception_handler(DataError)
def _data(request, exc: DataError):
    return api.create_response(request, error_body(OUT_OF_RANGE), status=422)


@api.exception_handler(OverflowError)
def _overflow(request, exc: OverflowError):
    return api.create_response(request, error_body(NUMBER_TOO_LARGE), status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    # a rule of the services (e.g. only the owner shares or deletes an account), in the language asked for
    return api.create_response(request, error_body(str(exc) or FORBIDDEN), status=403)


@api.exception_handler(Gone)
def _gone(request, exc: Gone):
    # A row deleted meanwhile from an account the caller may see (core.access.get_for decides; an outsider's
    # is the plain 404 below): 410 saying what, by whom and when, as the page does.
    deleted = exc.deleted
    body = error_body(exc.said())
    body["deleted"] = {
        "model": exc.model,
        "id": deleted.id,
        "name": exc.name,
        "by": deleted.history_user.get_username() if deleted.history_user is not None else None,
        "at": deleted.history_date,
    }
    return api.create_response(request, body, status=410)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return api.create_response(request, error_body(NOT_FOUND), status=404)


@api.exception_handler(AuthenticationError)
def _auth(request, exc: AuthenticationError):
    # ninja's own "Unauthorized" (no credentials sent) in the caller's language (`?lang=`, else Accept-Language)
    message = exc.message if exc.message != "Unauthorized" else UNAUTHORIZED
    with translation.override(query_language(request) or translation.get_language()):
        response = api.create_response(request, error_body(str(message)), status=401)
    response["WWW-Authenticate"] = 'Bearer realm="battlemap"'
    return response


@api.exception_handler(HttpError)
def _http(request, exc: HttpError):
    if isinstance(exc.__cause__, BodyTooWide):  # ninja answers any parse error as its own 400
        detail = BODY_TOO_WIDE % {"limit": f"{MAX_BODY_FIELDS:,}"}
        return _body_refused(request, detail, status=413)
    if (
        exc.__cause__ is not None and exc.status_code == 400
    ):  # ninja's "Cannot parse request body", in English
        return _body_refused(request, str(BODY_NOT_JSON), status=400)
    return api.create_response(request, error_body(exc.message), status=exc.status_code)


@api.exception_handler(SuspiciousOperation)
@api.exception_handler(BadRequest)
def _bad_request(request, exc: Exception):
    # What Django answers 400 (too many form fields or files, a malformed multipart body…), in the one shape;
    # logged as Django logs it, under django.security.<kind>.
    if isinstance(exc, SuspiciousOperation):
        logging.getLogger(f"django.security.{type(exc).__name__}").error(
            str(exc), exc_info=exc, extra={"status_code": 400, "request": request}
        )
    response = api.create_response(request, error_body(BAD_REQUEST), status=400)
    response._has_been_logged = True
    return response


@api.exception_handler(Exception)
def _unexpected(request, exc: Exception):
    """Anything the handlers above do not answer (a bug, a renderer that crashed): 500 in the one error
    shape, saying in the caller's language that it was logged — never the exception's text nor a traceback,
    and never Django's HTML page. The exception and its traceback go to the `django.request` log, as a
    page's 500 does (DEBUG too: the console shows it), and Django does not log the answer a second time."""
    request_log.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": request},
    )
    response = api.create_response(request, error_body(UNEXPECTED_ERROR), status=500)
    response._has_been_logged = True  # django.utils.log.log_response: logged above, with the traceback
    return response


def _body_refused(request, detail: str, *, status: int):
    return api.create_response(
        request, error_body(detail, [{"field": "body", "message": detail}]), status=status
    )


@csrf_exempt
def not_found(request):
    """Any other path under /api/ (mounted after `api.urls`): 404 in the API's error shape, not the web's
    HTML page, whatever the method."""
    return api_json_response(error_body(NOT_FOUND), status=404)
