"""API of mail intelligence: ingest an archive (dry run or apply; a large one in a worker, as the web's
upload) and decide the suggestions inference makes (list, accept, reject, accept all from a probability up,
undo such a batch). The one access gate: viewers list, editors change; outsiders get 404."""

from __future__ import annotations

import shutil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from battlemap.core.access import get_account_for
from battlemap.core.api import (
    ERRORS,
    ChangedPage,
    IdPath,
    Page,
    SlugPath,
    api_language,
    page_of,
    paginate,
    user_of,
)
from battlemap.core.api_input import refuse_unknown_form_fields
from battlemap.core.multilingual import active_language
from battlemap.core.uploads import MEGABYTE, check_upload_size, save_uploads, upload_names
from battlemap.mail.cache import account_inference
from battlemap.mail.forms import domain_list
from battlemap.mail.models import IngestRun, Suggestion
from battlemap.mail.schemas import (
    AcceptAboveIn,
    BatchOut,
    IngestForm,
    IngestOut,
    IngestQueueForm,
    IngestRunOut,
    RefreshOut,
    SaidIn,
    SuggestionOut,
    SuggestionQuery,
    UndoIn,
)
from battlemap.mail.selectors.suggestions import suggestion_json, suggestions_of
from battlemap.mail.services import (
    IngestError,
    SuggestionError,
    ingest_run_start,
    ingest_with_suggestions,
    suggestion_accept,
    suggestion_reject,
    suggestions_accept_above,
    suggestions_refresh,
    suggestions_undo_batch,
)
from battlemap.mail.services.ingest_report import bad_file_reason
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.mail.services.preview import mail_ingest_preview
from battlemap.mail.tasks import ingest_upload

router = Router(tags=["mail"])


def _language() -> str:
    return active_language()


def _check_in_request_size(files: list[UploadedFile], slug: str) -> None:
    """A dry run or an apply reads the archive within the request, so its size is bounded: a 45 MB mbox of
    223,807 messages held a web worker for 64 s (the time grows with the messages, and a megabyte holds
    thousands of them; docs/mail.md). Past MAIL_INGEST_IN_REQUEST_MB the client is sent to the route that
    queues the upload in a worker, as the web's upload always does. Checked before anything is read."""
    limit = settings.MAIL_INGEST_IN_REQUEST_MB
    if sum(f.size or 0 for f in files) > limit * MEGABYTE:
        raise ValidationError(
            {
                "files": _(
                    "The files are larger than %(limit)s MB, the most read within a request "
                    "(MAIL_INGEST_IN_REQUEST_MB): ingest them in a worker with POST %(route)s (re-ingesting "
                    "adds nothing twice), or send fewer at once."
                )
                % {"limit": f"{limit:g}", "route": f"/api/accounts/{slug}/mail/ingests"}
            }
        )


@router.post(
    "/accounts/{slug}/mail/ingest",
    response={200: IngestOut, **ERRORS},
    summary="Ingest mail or calendar archives (dry run or apply)",
    description=(
        "Multipart upload: one or more `files` (mbox, .eml, Outlook .msg, .ics, CSV activity logs, or zip "
        "archives of them), `our_domains`, "
        "`customer_domains`, `skip_bad`, `bodies`, `dry_run` (default true: the exact report, nothing stored). "
        "An unreadable file → 422 naming `files` with the reason, unless `skip_bad`. Applying also refreshes "
        "the suggestions. Read within the request, so the files may hold up to MAIL_INGEST_IN_REQUEST_MB "
        "(default 2) together: more is a 422 naming `files`; send them to `POST /accounts/{slug}/mail/ingests` "
        "(a worker)."
    ),
)
def ingest(request, form: Form[IngestForm], files: File[list[UploadedFile]], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    refuse_unknown_form_fields(request, IngestForm, files=("files",))
    check_upload_size(files, field="files")
    _check_in_request_size(files, slug)
    ours = domain_list(form.our_domains, field="our_domains")
    customer = domain_list(form.customer_domains, field="customer_domains")
    folder, _names = save_uploads(files)
    try:
        arguments = dict(
            account=account,
            paths=[folder],
            our_domains=ours,
            customer_domains=customer,
            skip_bad=form.skip_bad,
            bodies=form.bodies,
            user=user_of(request),
            via="api",
        )
        try:
            if form.dry_run:
                report, created = mail_ingest_preview(**arguments), 0
            else:
                report, suggested = ingest_with_suggestions(**arguments)
                created = len(suggested)
        except IngestError as error:
            raise ValidationError({"files": upload_names(str(error), folder)}) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {  # files as the user named them, a zip member in its archive (upload_names: no server path)
        "dry_run": form.dry_run,
        "read": report.read,
        "new": report.new,
        "duplicates": report.duplicates,
        "updated": report.updated,
        "interactions": report.interactions,
        "participants": report.participants,
        "bad_files": [
            {"path": upload_names(b.path, folder), "reason": bad_file_reason(b)} for b in report.bad_files
        ],
        "our_domains": report.our_domains,
        "customer_domains": report.customer_domains,
        "suggestions_created": created,
        "people_left_out": report.people_left_out,
        "summary": upload_names(summary_of(report), folder),
    }


def _run_out(run: IngestRun) -> dict:
    return {
        "id": run.pk,
        "status": run.status,
        "files": list(run.files or []),
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "summary": run.summary_text,
        "stage": run.stage,
        "items_read": run.items_read,
    }


@router.post(
    "/accounts/{slug}/mail/ingests",
    response={202: IngestRunOut, **ERRORS},
    summary="Ingest mail or calendar archives in a background worker (any size up to UPLOAD_MAX_MB)",
    description=(
        "Multipart upload as `…/mail/ingest` (`files`, `our_domains`, `customer_domains`, `skip_bad`, "
        "`bodies`), applied in a worker as the web's upload is: 202 with the run at once; "
        "`GET /accounts/{slug}/mail/ingests/{id}` shows it queued, running, then done or failed with its "
        "summary. No dry run: nothing is stored twice, and suggestions change the map only when accepted."
    ),
)
def ingest_queue(
    request, form: Form[IngestQueueForm], files: File[list[UploadedFile]], slug: str = SlugPath()
):
    user = user_of(request)
    account = get_account_for(user, slug, "edit")
    refuse_unknown_form_fields(request, IngestQueueForm, files=("files",))
    check_upload_size(files, field="files")
    ours = domain_list(form.our_domains, field="our_domains")
    customer = domain_list(form.customer_domains, field="customer_domains")
    folder, names = save_uploads(files)
    try:
        run = ingest_run_start(account=account, user=user, files=names)
        ingest_upload.enqueue(run.pk, str(folder), ours, customer, form.skip_bad, None, form.bodies, "api")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # the task removes it once it has run
        raise
    run.refresh_from_db()
    return Status(202, _run_out(run))


@router.get(
    "/accounts/{slug}/mail/ingests",
    response={200: page_of(IngestRunOut), **ERRORS},
    summary="The ingest runs of the account (the API's and the web's uploads), newest first",
)
def list_runs(request, page: Query[Page], said: Query[SaidIn], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    result = paginate(IngestRun.objects.filter(account=account), page)
    with translation.override(api_language(said.lang)):  # the summaries, kept in every language
        result["items"] = [_run_out(run) for run in result["items"]]
    return result


@router.get(
    "/accounts/{slug}/mail/ingests/{run_id}",
    response={200: IngestRunOut, **ERRORS},
    summary="One ingest run: queued, running, done or failed, with its summary",
)
def get_run(request, said: Query[SaidIn], slug: str = SlugPath(), run_id: int = IdPath()):
    account = get_account_for(user_of(request), slug)
    with translation.override(api_language(said.lang)):
        return _run_out(get_object_or_404(IngestRun, pk=run_id, account=account))


@router.get(
    "/accounts/{slug}/mail/suggestions",
    response={200: page_of(SuggestionOut), **ERRORS},
    summary="List the suggestions of mail inference (pending by default), most likely first",
    description=(
        "Each with its probability (null for a new person or a title: decided one by one), its evidence in words "
        "and the `messages` and `meetings` it was read from. Below the evidence floor (too little mail among the "
        "customer's people) no reporting line or decision maker is suggested. Anyone who may see the account."
    ),
)
def list_suggestions(
    request, query: Query[SuggestionQuery], page: Query[ChangedPage], slug: str = SlugPath()
):
    account = get_account_for(user_of(request), slug)
    found = suggestions_of(account, state=query.state, min_probability=query.min_probability)
    result = paginate(found, page)
    deals = dict(account.deals.values_list("pk", "name"))
    result["items"] = [suggestion_json(s, _language(), deals) for s in result["items"]]
    return result


def _decide(request, slug: str, suggestion_id: int, decide) -> dict:  # noqa: ANN001
    account = get_account_for(user_of(request), slug, "edit")
    suggestion = get_object_or_404(Suggestion, pk=suggestion_id, account=account)
    try:
        decide(suggestion=suggestion, user=user_of(request))
    except SuggestionError as error:
        raise ValidationError({"state": str(error)}) from None
    suggestion.refresh_from_db()
    return suggestion_json(suggestion, _language())


@router.post(
    "/accounts/{slug}/mail/suggestions/{suggestion_id}/accept",
    response={200: SuggestionOut, **ERRORS},
    summary="Accept a suggestion: it is written to the map (history says it came from mail)",
    description=(
        "Answers the suggestion, `state` accepted. 422 on `state` when it was decided already, or when it waits "
        "for something first (a reporting line or decision maker whose person is a pending new-person "
        "suggestion: accept that one first). 404: no suggestion of this account has that id. Editors only (403)."
    ),
)
def accept(request, slug: str = SlugPath(), suggestion_id: int = IdPath()):
    return _decide(request, slug, suggestion_id, suggestion_accept)


@router.post(
    "/accounts/{slug}/mail/suggestions/{suggestion_id}/reject",
    response={200: SuggestionOut, **ERRORS},
    summary="Reject a suggestion: it is not proposed again",
    description=(
        "Answers the suggestion, `state` rejected; later runs do not suggest it again. Rejecting a new person "
        "withdraws the lines and decision makers that wait for them. 422 on `state` when it was decided already; "
        "404: no suggestion of this account has that id. Editors only (403)."
    ),
)
def reject(request, slug: str = SlugPath(), suggestion_id: int = IdPath()):
    return _decide(request, slug, suggestion_id, suggestion_reject)


def _batch(report) -> dict:  # noqa: ANN001
    return {
        "batch": report.batch,
        "suggestions": [s.pk for s in report.done],
        "skipped": [{"id": s.pk if s else None, "reason": reason} for s, reason in report.skipped],
        "detail": report.nothing,
    }


@router.post(
    "/accounts/{slug}/mail/suggestions/accept-above",
    response={200: BatchOut, **ERRORS},
    summary="Accept every pending reporting line and decision maker from a probability up",
    description=(
        "Returns the `batch`; `undo` with it takes the whole batch back. A suggestion that waits for a new person, "
        "or whose figures are a guess (it rests on little mail: its evidence says so), is left pending, listed in "
        "`skipped` with why. When nothing is accepted (nothing from that probability up, or every one is left "
        "so) no batch is made: `batch` is null and `detail` says why. New people are never accepted in a batch."
    ),
)
def accept_above(request, payload: AcceptAboveIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    return _batch(suggestions_accept_above(account=account, user=user_of(request), percent=payload.percent))


@router.post(
    "/accounts/{slug}/mail/suggestions/undo",
    response={200: BatchOut, **ERRORS},
    summary="Undo an accept-all batch: lines and roles as they were, its suggestions pending again",
    description=(
        "`batch` as accept-above answered it. What was changed after the batch is kept: such a line is listed in "
        "`skipped` and its suggestion stays accepted. 422 on `batch`: no accept-all batch of this account has "
        "that name."
    ),
)
def undo(request, payload: UndoIn, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    return _batch(suggestions_undo_batch(account=account, user=user_of(request), batch=payload.batch))


@router.post(
    "/accounts/{slug}/mail/suggestions/refresh",
    response={200: RefreshOut, **ERRORS},
    summary="Suggest again from the mail already ingested",
    description=(
        "What an ingest does after storing the mail, without a new upload: a deal opened since gets its "
        "decision-maker suggestions, people added to the map since are matched. Earlier decisions are kept."
    ),
)
def refresh(request, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug, "edit")
    created = suggestions_refresh(result=account_inference(account))
    return {"created": [s.pk for s in created], "people_left_out": created.people_left_out}
