"""API: import people from a CSV/XLSX/XLS/ODS file (dry run or apply, all or nothing; a large file in a worker) and
export the map in any format."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from battlemap.audit.services import Action, audit_record
from battlemap.core.access import get_account_for
from battlemap.core.api import (
    ERRORS,
    NO_SUCH_ITEM,
    InvalidItems,
    SlugPath,
    api_language,
    error_body,
    user_of,
)
from battlemap.core.api_input import refuse_unknown_form_fields
from battlemap.core.multilingual import active_language, for_viewer
from battlemap.core.uploads import check_upload_size
from battlemap.io import schemas as s
from battlemap.io.export import CONTENT_TYPES, attachment, export_account, export_filename
from battlemap.io.export.jobs import export_response, export_start, export_state
from battlemap.io.job_retry import job_retry
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.jobs import import_queue, job_state, stash, unstash
from battlemap.io.tabular.mappingfile import MappingError, load_mapping, mapping_text
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.readers import ReadError, read_table
from battlemap.io.tabular.selectors import deal_of_account
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.undo import ImportUndoRefused, people_import_undo
from battlemap.ops.selectors import no_worker_notice
from battlemap.ops.services import notice_dead_workers
from battlemap.users.auth import READ_ONLY_TOKENS_TOO

router = Router(tags=["import and export"])
BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "/accounts/{slug}/import",
    response={200: s.ImportOut, 202: s.ImportJobOut, **ERRORS},
    summary="Import people (and their roles in a deal) from a CSV, XLSX, XLS or ODS file",
    description=(
        "Multipart upload: `file` (CSV/XLSX/XLS/ODS), optional `mapping` (a TOML mapping file, docs/import.md), "
        "`deal`, `sheet`, `encoding`, `date_order`, `dry_run` (default true: nothing is written, the summary says "
        "what would happen), `background`. "
        "All or nothing: any bad row → 422 with every problem, `field` = `rows.<row>.<column>`. "
        "`summary` holds every line the command line prints (hidden rows skipped, warnings …). "
        "A file of more than IMPORT_BACKGROUND_ROWS rows (default 2,000), or any file with `background=true`, "
        "runs in a background worker as the web's large imports do (a dry run too): 202 with the job at once; "
        "`GET /accounts/{slug}/imports/{id}` (its `status_url`) shows its progress, then the same answer in "
        "`result`, or its `problems` by row and column (nothing imported). "
        "`lang` (a form field or `?lang=`: zh, zh-hans, zh-CN or en) is the language of the summary, warnings "
        "and problems; default: the request's (Accept-Language, else the token user's)."
    ),
)
def import_people(
    request,
    form: Form[s.ImportForm],
    query: Query[s.ImportQuery],
    file: File[UploadedFile],
    mapping: File[UploadedFile] = None,
    slug: str = SlugPath(),
):
    answer_in(request, form.lang or query.lang)
    user = user_of(request)
    account = get_account_for(user, slug, "edit")
    refuse_unknown_form_fields(request, s.ImportForm, files=("file", "mapping"))
    check_upload_size([file, *([mapping] if mapping is not None else [])])
    deal = None
    if form.deal is not None:
        deal = deal_of_account(account, form.deal)
        if deal is None:
            raise ValidationError({"deal": NO_SUCH_ITEM})
    mapping_data = mapping.read() if mapping is not None else None
    try:
        rules = load_mapping(mapping_data)
    except MappingError as exc:
        raise ValidationError({"mapping": str(exc)}) from None
    data = file.read()
    filename = file.name or "upload.csv"
    try:
        rows = len(read_table(data, filename, sheet=form.sheet, encoding=form.encoding).rows)
        if form.background or rows > settings.IMPORT_BACKGROUND_ROWS:
            return Status(202, _import_job_start(account, user, data, filename, mapping_data, form, rows))
        result = people_import(
            account=account,
            data=data,
            filename=filename,
            deal=deal,
            mapping=rules,
            sheet=form.sheet,
            encoding=form.encoding,
            date_order=form.date_order,
            dry_run=form.dry_run,
            user=user,
            via="api",
        )
    except ReadError as exc:
        raise ValidationError({"file": file_message(exc, active_language())}) from None
    except ImportFailed as exc:
        raise InvalidItems(
            [
                {"field": f"rows.{p.row}.{p.column}", "message": p.message(active_language())}
                for p in exc.problems
            ]
        ) from None
    return result


def answer_in(request, lang: str | None) -> None:
    """The import's answer in `lang` when the client sends it (`zh-hans` or `en`, schemas.Lang): its summary,
    warnings and problems, and the 422's `detail` too (written by the API's error handlers, after the route), as
    `?lang=` gives the language of the other routes' answers (docs/api.md#errors-one-shape). Else the request's
    language stays: Accept-Language, else the token user's (users.auth)."""
    if lang:
        translation.activate(lang)
        request.LANGUAGE_CODE = lang


def _import_job_start(
    account, user, data: bytes, filename: str, mapping: bytes | None, form, rows: int
) -> dict:  # noqa: ANN001
    """Queue the import in a worker, as the web's confirmed large import (tabular.jobs.import_queue): a file of
    more than IMPORT_BACKGROUND_ROWS rows held a web worker for a minute within the request (99,999 rows,
    docs/import.md#speed). The file was read once here, so a file no import reads is refused at once (422)."""
    fields = {"filename": filename, "mapping": mapping_text(mapping) if mapping else "",
              "deal": str(form.deal or ""), "sheet": form.sheet or "", "encoding": form.encoding or "",
              "date_order": form.date_order or "", "columns": "", "dry_run": "1" if form.dry_run else ""}  # fmt: skip
    fields["token"] = token = stash(data, account_id=account.pk, user_id=user.pk)
    import_queue(token, account=account, user=user, form=fields, rows=rows, via="api")
    return _import_job_out(account.slug, token, job_state(token) or {"status": "queued"})


def _import_job_out(slug: str, token: str, state: dict) -> dict:
    """An import job as the API shows it (s.ImportJobOut), in the request's language."""
    status = state["status"]
    fields = state.get("fields") or []
    problems = for_viewer(state.get("problems")) or []
    return {
        "id": token,
        "status": status,
        "status_url": f"/api/accounts/{slug}/imports/{token}",
        "dry_run": bool(state.get("dry_run")),
        "done": state.get("done", 0),
        "total": state.get("total", 0),
        "result": for_viewer(state.get("result")) if status == "done" else None,
        "problems": [
            {"field": fields[i] if i < len(fields) else None, "message": message}
            for i, message in enumerate(problems)
        ],
        "notice": no_worker_notice(status),
    }


@router.get(
    "/accounts/{slug}/imports/{job_id}",
    response={200: s.ImportJobOut, **ERRORS},
    summary="The state of an import job: progress, then its answer or its problems",
    description=(
        "Whoever may see the account may read it. `status` queued → running (`done` of `total` rows written) → "
        "done (`result`: what the import answers within a request) or failed (`problems`, each naming its "
        "`rows.<row>.<column>`; nothing was imported). A job whose worker stopped is failed when read. "
        "The job keeps its answer in every language: `?lang=` (zh, zh-hans, zh-CN or en) picks the one read, "
        "else the request's (Accept-Language, else the token user's)."
    ),
)
def import_job_get(request, query: Query[s.ImportQuery], job_id: str, slug: str = SlugPath()):
    answer_in(request, query.lang)
    account, state = _import_job(user_of(request), slug, job_id)
    return _import_job_out(account.slug, job_id, state)


def _import_job(user, slug: str, job_id: str, action: str = "view"):  # noqa: ANN001, ANN202
    """(account, state) of an import job of the account `user` may reach for `action`, its state read again
    when its worker died (failed now, as on the web page); else 404."""
    account = get_account_for(user, slug, action)
    state = job_state(job_id)
    if state is None or state.get("kind", "import") != "import" or state.get("account_id") != account.pk:
        raise Http404("No such import job in this account.")
    if notice_dead_workers(state["status"]):
        state = job_state(job_id) or state
    return account, state


NOT_RETRYABLE = gettext_lazy(
    "Only a job whose background worker stopped can be retried; this one is %(status)s."
)


@router.post(
    "/accounts/{slug}/imports/{job_id}/retry",
    response={202: s.ImportJobOut, **ERRORS},
    summary="Run again an import whose background worker stopped (only for the user who sent it)",
    description="202 with the job queued again, as the web page's Retry; 409 for a job that is not such a one.",
)
def import_job_retry(request, job_id: str, slug: str = SlugPath()):
    user = user_of(request)
    account, state = _import_job(user, slug, job_id, "edit")
    if (
        unstash(job_id, account_id=account.pk, user_id=user.pk) is None
    ):  # not the sender's, or its upload gone
        raise Http404("No such import job of yours in this account.")
    if not job_retry(job_id, state):
        return Status(409, error_body(NOT_RETRYABLE % {"status": state["status"]}))
    return Status(202, _import_job_out(account.slug, job_id, job_state(job_id) or state))


@router.post(
    "/accounts/{slug}/imports/{import_id}/undo",
    response={200: s.ImportUndoOut, **ERRORS},
    summary="Undo an import whole: the people, departments and roles it created removed, what it changed as before",
)
def import_undo(request, import_id: str, slug: str = SlugPath()):
    """`import_id`: the `import_id` of the import's answer. One transaction, recorded in history as the undo of the
    import. 409 naming the records, nothing written, when undoing would lose a later write (a record the import
    wrote was changed since, or something added since refers to what it created) or the import was undone
    already; 404 for no such import of this account (docs/import.md#undo)."""
    user = user_of(request)
    account = get_account_for(user, slug, "edit")
    try:
        return people_import_undo(account=account, import_id=import_id, user=user)
    except ImportUndoRefused as refused:
        return Status(409, error_body(refused.message))
    except ValidationError:
        raise Http404("No such import in this account.") from None


@router.get(
    "/accounts/{slug}/export/{fmt}",
    response={**ERRORS},
    summary="Download the map as JSON, XLSX, PDF, PPTX or PNG",
    description=(
        "Made within the request, for an account of up to EXPORT_IN_REQUEST_MAX_PEOPLE people (default 500) "
        "and EXPORT_IN_REQUEST_MAX_INTERACTIONS interactions (default 10,000); a larger one is a 422 whose "
        "`detail` names the limit: export it in a worker with `POST /accounts/{slug}/exports`."
    ),
    openapi_extra={
        "responses": {
            "200": {
                "description": "the file",
                "content": {
                    ct: {"schema": {"type": "object"}} if ct == "application/json" else BINARY
                    for ct in CONTENT_TYPES.values()
                },
            }
        }
    },
)
def export_file(request, query: Query[s.ExportQuery], fmt: s.Format, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    lang = api_language(query.lang)
    too_big = _too_big_for_the_request(account)
    if too_big:
        return Status(422, error_body(too_big))
    try:
        data = export_account(account, fmt=fmt, deal_id=query.deal, lang=lang)
    except KeyError:
        raise ValidationError({"deal": NO_SUCH_ITEM}) from None  # as POST …/exports
    audit_record(
        action=Action.EXPORT, account=account, user=user_of(request), via="api", what="file", format=fmt
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = export_filename(account.name, fmt, timezone.localdate().isoformat())
    response["Content-Disposition"] = attachment(name)
    return response


# Past either bound an account is exported in a worker only (_too_big_for_the_request).
TOO_MANY_PEOPLE = gettext_lazy(
    "This account has %(count)s people, more than the %(limit)s exported within a request "
    "(EXPORT_IN_REQUEST_MAX_PEOPLE): export it in a worker with POST %(route)s, then download the job's file."
)
TOO_MANY_INTERACTIONS = gettext_lazy(
    "This account has %(count)s interactions, more than the %(limit)s exported within a request "
    "(EXPORT_IN_REQUEST_MAX_INTERACTIONS): export it in a worker with POST %(route)s, then download the "
    "job's file."
)


def _too_big_for_the_request(account) -> str | None:  # noqa: ANN001
    """Why `account` is not exported within the request, or None. An export's time grows with the account's
    people (the org chart, the people sheet and list) and its interactions (the analysis, the interactions
    sheet), measured in docs/export.md: a PDF of 99,000 people held a web worker for minutes after its client
    had given up. Past EXPORT_IN_REQUEST_MAX_PEOPLE or _INTERACTIONS the export goes to a worker
    (`POST …/exports`), as the web's always does. Two counts, before anything is read."""
    bounds = (
        (account.people, settings.EXPORT_IN_REQUEST_MAX_PEOPLE, TOO_MANY_PEOPLE),
        (account.interactions, settings.EXPORT_IN_REQUEST_MAX_INTERACTIONS, TOO_MANY_INTERACTIONS),
    )
    for related, limit, message in bounds:
        count = related.count()
        if count > limit:
            route = f"/api/accounts/{account.slug}/exports"
            return message % {"count": f"{count:,}", "limit": f"{limit:,}", "route": route}
    return None


def _export_job_out(slug: str, token: str, state: dict) -> dict:
    done = state["status"] == "done"
    return {
        **{k: state.get(k) for k in ("status", "format", "done", "total", "filename", "size")},
        "id": token,
        "problems": for_viewer(state.get("problems")) or [],
        "file_url": f"/api/accounts/{slug}/exports/{token}/file" if done else None,
        "notice": no_worker_notice(state["status"]),
    }


@router.post(
    "/accounts/{slug}/exports",
    auth=READ_ONLY_TOKENS_TOO,  # an export changes no data: a BI tool's read-only token exports a big account
    response={202: s.ExportJobOut, **ERRORS},
    summary="Start an export in a background worker (poll the job, then download its file)",
    description=(
        "Queues the export and answers 202 with the job at once; `GET /accounts/{slug}/exports/{id}` shows its "
        "progress, and once `status` is `done`, `file_url` gives the file. "
        "`GET /accounts/{slug}/export/{fmt}` exports inside the request, for accounts within EXPORT_IN_REQUEST_MAX_PEOPLE "
        "and EXPORT_IN_REQUEST_MAX_INTERACTIONS."
    ),
)
def export_job_start(request, body: s.ExportIn, slug: str = SlugPath()):
    user = user_of(request)
    account = get_account_for(user, slug)
    if body.deal is not None and deal_of_account(account, body.deal) is None:
        raise ValidationError({"deal": NO_SUCH_ITEM})
    lang = api_language(body.lang)
    token = export_start(account=account, user=user, fmt=body.format, deal_id=body.deal, lang=lang)
    return Status(202, _export_job_out(slug, token, export_state(token, account.pk)))


def _export_job(request, slug: str, job_id: str):  # noqa: ANN202
    account = get_account_for(user_of(request), slug)
    state = export_state(job_id, account.pk)
    if state is None:
        raise Http404("No such export job in this account.")
    return account, state


@router.get(
    "/accounts/{slug}/exports/{job_id}",
    response={200: s.ExportJobOut, **ERRORS},
    summary="The state of an export job",
)
def export_job_get(request, job_id: str, slug: str = SlugPath()):
    account, state = _export_job(request, slug, job_id)
    if notice_dead_workers(state["status"]):  # its worker died: failed now, as on the web page
        state = export_state(job_id, account.pk) or state
    return _export_job_out(slug, job_id, state)


@router.post(
    "/accounts/{slug}/exports/{job_id}/retry",
    response={202: s.ExportJobOut, **ERRORS},
    summary="Run again an export whose background worker stopped (only for the user who asked for it)",
    description="202 with the job queued again, as the web page's Retry; 409 for a job that is not such a one.",
)
def export_job_retry(request, job_id: str, slug: str = SlugPath()):
    account, state = _export_job(request, slug, job_id)
    if state.get("user_id") != user_of(request).pk:
        raise Http404("No such export job of yours in this account.")
    if notice_dead_workers(state["status"]):
        state = export_state(job_id, account.pk) or state
    if not job_retry(job_id, state):
        return Status(409, error_body(NOT_RETRYABLE % {"status": state["status"]}))
    return Status(202, _export_job_out(slug, job_id, export_state(job_id, account.pk) or state))


@router.get(
    "/accounts/{slug}/exports/{job_id}/file",
    response={**ERRORS},
    summary="Download the file of a finished export job (409 while it runs)",
    openapi_extra={
        "responses": {
            "200": {"description": "the file", "content": {ct: BINARY for ct in CONTENT_TYPES.values()}}
        }
    },
)
def export_job_file(request, job_id: str, slug: str = SlugPath()):
    account, state = _export_job(request, slug, job_id)
    if state["status"] != "done":
        return Status(
            409,
            error_body(
                _("The export is not finished: its status is %(status)s.") % {"status": state["status"]}
            ),
        )
    return export_response(account, job_id, state, user=user_of(request), via="api")
