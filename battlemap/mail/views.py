from __future__ import annotations

import shutil

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from battlemap.accounts.views import map_head
from battlemap.core.access import can, get_account_for
from battlemap.core.api import asked_id
from battlemap.core.messages import named
from battlemap.core.multilingual import active_language
from battlemap.core.uploads import check_upload_size, save_uploads
from battlemap.inference.results import LOW_CONFIDENCE
from battlemap.mail.cache import account_inference
from battlemap.mail.forms import AcceptAboveForm, DecisionForm, UndoBatchForm, UploadForm
from battlemap.mail.models import IngestRun, Suggestion
from battlemap.mail.selectors import display_names, line_evidence, shown_candidates
from battlemap.mail.selectors.batches import accept_all_batch_rows
from battlemap.mail.selectors.records import ingested_counts, mail_domains
from battlemap.mail.selectors.suggestions import (
    deals_without_proposals,
    evidence_lines,
    map_notes,
    pending_suggestions,
    rejected_lines,
    seen_in,
    shown_percent,
    suggestion_value_label,
    suggestion_words,
)
from battlemap.mail.services import (
    SuggestionError,
    ingest_run_finish,
    ingest_run_requeue,
    ingest_run_start,
    new_suggestions_text,
    suggestion_accept,
    suggestion_reject,
    suggestions_accept_above,
    suggestions_refresh,
    suggestions_undo_batch,
)
from battlemap.mail.services.suggestions import BATCH_KINDS
from battlemap.mail.tasks import TASK_PATH as INGEST_TASK
from battlemap.mail.tasks import ingest_upload
from battlemap.once.web import guarded
from battlemap.ops.selectors import died_task
from battlemap.ops.services import task_retry
from battlemap.punctuation import labelled, sentences


def _runs_in_background() -> bool:
    return not settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


ACCEPT_PERCENT = 80  # the form's starting value
# suggestions shown per page, as the API's default page (core.api.Page): 30,000 on one page took 146 s
SUGGESTIONS_PAGE = 50


KEPT_FIELDS = ("our_domains", "customer_domains", "skip_bad", "bodies", "date_order")


def _kept_key(account) -> str:
    return f"mail_upload:{account.pk}"


def _upload_form(request, account) -> tuple[UploadForm, bool]:
    """The upload form: as the user last filled it when that upload was refused (its fields are kept in
    the session until a run of it ends well), else with the account's domains. The files themselves
    cannot be kept: a browser never fills a file field in again."""
    kept = request.session.get(_kept_key(account))
    if kept:
        run = IngestRun.objects.filter(pk=kept.get("run"), account=account).only("status").first()
        if run is not None and run.status == IngestRun.Status.FAILED:
            return UploadForm(initial=kept.get("fields", {})), True
        if run is None or run.status == IngestRun.Status.DONE:
            del request.session[_kept_key(account)]
    ours, customer = mail_domains(account)
    return UploadForm(
        initial={"our_domains": ", ".join(ours), "customer_domains": ", ".join(customer)}
    ), False


def _runs_context(account, can_edit: bool) -> dict:  # noqa: ANN001
    """The recent ingests (`mail/_runs.html`): the last five, those a user may retry, those still going."""
    runs = list(IngestRun.objects.filter(account=account)[:5])
    return {
        "account": account,
        "runs": runs,
        "retryable": {
            run.pk
            for run in runs
            if can_edit and run.status == IngestRun.Status.FAILED and died_task(INGEST_TASK, run.pk)
        },  # fmt: skip
        "active_runs": [run.pk for run in runs if run.active],
    }


@login_required
def runs(request, slug: str):
    """The recent ingests alone, asked for by the page every few seconds while one is going; once one the page
    saw going has ended, the page reloads (HX-Refresh): its suggestions and figures are new."""
    account = get_account_for(request.user, slug)
    context = _runs_context(account, can(request.user, account, "edit"))
    seen = {n for n in map(asked_id, request.GET.get("active", "").split(",")[:5]) if n is not None}
    response = render(request, "mail/_runs.html", context)
    if seen - set(context["active_runs"]):
        response["HX-Refresh"] = "true"
    return response


def _panel(request, account, form: UploadForm, status: int = 200, files_again: bool = False):
    result = account_inference(account)
    can_edit = can(request.user, account, "edit")
    language = active_language()
    deals = dict(account.deals.values_list("pk", "name"))
    page = Paginator(pending_suggestions(account), SUGGESTIONS_PAGE).get_page(request.GET.get("page"))
    pending = list(page)
    names = display_names(result)
    notes = map_notes(result, pending)
    suggestions = [
        {
            "s": s,
            "value": names.get(s.value, s.value)
            if s.kind == Suggestion.Kind.REPORTS_TO
            else suggestion_value_label(s, deals),
            "evidence": evidence_lines(s, language),
            "seen": seen_in(s),
            "percent": None if s.probability is None else shown_percent(s.probability),
            "note": notes.get(s.pk, ""),
            # the manager the map has now, sent back by Accept: a line is not accepted over a newer one
            "manager_seen": getattr(result.people.get(s.email), "reports_to_id", None) or "",
        }
        for s in pending
    ]
    rejected = rejected_lines(account)
    rows = [
        {
            "person": person,
            "name": names.get(person.email, person.email),
            "matched": result.people.get(person.email),
            # one line said once ("low confidence" stands in both lists)
            "evidence": list(
                dict.fromkeys(e.text(language) for e in (*person.evidence, *person.decision_evidence))
            ),
            "guess": person.confidence is not None and person.confidence < LOW_CONFIDENCE,
            "managers": [
                (
                    names.get(c.email, c.email),
                    c.probability,
                    (person.email.lower(), c.email.lower()) in rejected,
                )
                for c in shown_candidates(person)
            ],
            "line_evidence": line_evidence(person, language),
            "held_by": ", ".join(person.relationship.held_by),
            "note": notes.get(f"manager:{person.email}", ""),
        }
        for person in result.inference.people
    ]
    context = {
        **map_head(request, account, "mail"),
        "account": account,
        "form": form,
        "files_again": files_again,
        "rows": rows,
        "suggestions": suggestions,
        "suggestions_page": page,
        **_runs_context(account, can_edit),
        "can_edit": can_edit,
        "background": _runs_in_background(),
        "message_count": result.inference.message_count,  # those sent by the customer's people: what ranks
        "ingested": dict(zip(("messages", "meetings"), ingested_counts(account), strict=True)),
        "accept_percent": ACCEPT_PERCENT,
        # what accept-all takes is pending (on any page)
        "batchable": pending_suggestions(account).filter(kind__in=BATCH_KINDS).exists(),
        "batches": accept_all_batch_rows(account, index=result.index) if can_edit else [],
        "unproposed_deals": deals_without_proposals(account, result) if can_edit else [],
        "our_domains": mail_domains(account)[0],
        "customer_domains": mail_domains(account)[1],
    }
    return render(request, "mail/insights.html", context, status=status)


@login_required
def insights(request, slug: str):
    account = get_account_for(request.user, slug)
    form, kept = _upload_form(request, account)
    return _panel(request, account, form, files_again=kept)


@login_required
@require_POST
@guarded
def upload(request, slug: str):
    account = get_account_for(request.user, slug, "edit")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            check_upload_size(form.cleaned_data["files"], field="files")
        except ValidationError as exc:
            form.add_error("files", exc.message_dict["files"])
    if not form.is_valid():
        return _panel(request, account, form, status=400, files_again=True)
    folder, names = save_uploads(form.cleaned_data["files"])
    try:
        run = ingest_run_start(account=account, user=request.user, files=names)
        # kept until the run ends well, so a refused upload does not make the user type them again
        request.session[_kept_key(account)] = {
            "run": run.pk,
            "fields": {name: request.POST.get(name, "") for name in KEPT_FIELDS},
        }
        ingest_upload.enqueue(
            run.pk,
            str(folder),
            form.cleaned_data["our_domains"],
            form.cleaned_data["customer_domains"],
            form.cleaned_data["skip_bad"],
            form.cleaned_data["date_order"] or None,
            form.cleaned_data["bodies"],
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # the task removes it once it has run
        raise
    run.refresh_from_db()
    if run.status == IngestRun.Status.FAILED:
        messages.error(request, run.summary_text)
    elif run.status == IngestRun.Status.DONE:
        messages.success(request, run.summary_text)
    else:
        messages.info(request, _("Ingest started; this page shows its progress."))
    return redirect("mail", slug=account.slug)


@login_required
@require_POST
def run_retry(request, slug: str, run_id: int):
    """Run again an ingest whose worker stopped (its files were kept)."""
    account = get_account_for(request.user, slug, "edit")
    run = get_object_or_404(IngestRun, pk=run_id, account=account)
    task_id = died_task(INGEST_TASK, run.pk) if run.status == IngestRun.Status.FAILED else None
    if task_id:
        summary = run.summary
        ingest_run_requeue(run=run)  # before the task is queued again: a worker may start it at once
        if task_retry(task_id=task_id) is not None:
            messages.info(request, _("Ingest started again; this page shows its progress."))
            return redirect("mail", slug=account.slug)
        ingest_run_finish(run=run, failed=True, summary=summary)  # another click retried it first
    messages.error(request, _("This ingest cannot be retried: only one whose worker stopped can."))
    return redirect("mail", slug=account.slug)


@login_required
@require_POST
def decide(request, slug: str, suggestion_id: int):
    account = get_account_for(request.user, slug, "edit")
    suggestion = get_object_or_404(Suggestion, pk=suggestion_id, account=account)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("decision: choose accept or reject."))
        return redirect("mail", slug=account.slug)
    try:
        if form.cleaned_data["decision"] == "accept":
            seen = request.POST.get("manager_seen")  # a reporting line's row: the manager the page showed
            shown = (
                {}
                if seen is None
                else {"manager_seen": int(seen) if seen.isdigit() and len(seen) < 12 else None}
            )
            suggestion_accept(suggestion=suggestion, user=request.user, **shown)
            messages.success(request, named(_("Accepted: %(what)s"), what=suggestion_words(suggestion)))
        else:
            suggestion_reject(suggestion=suggestion, user=request.user)
            messages.success(request, named(_("Rejected: %(what)s"), what=suggestion_words(suggestion)))
    except SuggestionError as error:
        messages.error(request, str(error))
    return redirect("mail", slug=account.slug)


def _edit_form(request, slug: str, form_class):  # noqa: ANN001, ANN202
    """(account, the bound form) for an editor; the form is None when invalid (the errors are flashed,
    each with its field's label)."""
    account = get_account_for(request.user, slug, "edit")
    form = form_class(request.POST)
    if form.is_valid():
        return account, form
    for name, errors in form.errors.items():
        messages.error(request, labelled(active_language(), form[name].label, sentences(errors)))
    return account, None


@login_required
@require_POST
def accept_above(request, slug: str):
    account, form = _edit_form(request, slug, AcceptAboveForm)
    if form is None:
        return redirect("mail", slug=account.slug)
    report = suggestions_accept_above(
        account=account, user=request.user, percent=form.cleaned_data["percent"]
    )
    if not report.done:  # no batch was made: say why, not "accepted 0 … undo the batch below"
        messages.warning(request, report.nothing)
        return redirect("mail", slug=account.slug)
    messages.success(
        request,
        _("Accepted %(count)d suggestions from %(percent)d%% up; undo the batch below if it was too many.")
        % {"count": len(report.done), "percent": form.cleaned_data["percent"]},
    )
    if (
        report.skipped
    ):  # one line, not one per suggestion: each reason once (three lines may wait for one person)
        reasons = sentences(list(dict.fromkeys(reason for _suggestion, reason in report.skipped))[:3])
        messages.warning(
            request,
            named(_("%(count)d left pending: %(reasons)s"), count=len(report.skipped), reasons=reasons),
        )
    return redirect("mail", slug=account.slug)


@login_required
@require_POST
@guarded
def refresh(request, slug: str):
    """Propose again from the mail already ingested (a deal opened since the last run gets its decision makers)."""
    account = get_account_for(request.user, slug, "edit")
    created = suggestions_refresh(result=account_inference(account))
    messages.success(request, new_suggestions_text(len(created)))
    return redirect("mail", slug=account.slug)


@login_required
@require_POST
def undo_batch(request, slug: str):
    account, form = _edit_form(request, slug, UndoBatchForm)
    if form is None:
        return redirect("mail", slug=account.slug)
    try:
        report = suggestions_undo_batch(account=account, user=request.user, batch=form.cleaned_data["batch"])
    except ValidationError as error:
        messages.error(
            request,
            "; ".join(
                labelled(active_language(), _("Batch"), sentences(v)) for v in error.message_dict.values()
            ),
        )
        return redirect("mail", slug=account.slug)
    messages.success(
        request,
        ngettext(
            "Undone: %(count)d suggestion is pending again.",
            "Undone: %(count)d suggestions are pending again.",
            len(report.done),
        )
        % {"count": len(report.done)},
    )
    if report.skipped:  # lines someone changed after the batch stay as they are (still accepted): say which
        messages.warning(
            request,
            ngettext(
                "%(count)d line kept: %(reasons)s", "%(count)d lines kept: %(reasons)s", len(report.skipped)
            )
            % {"count": len(report.skipped), "reasons": sentences([r for _s, r in report.skipped[:3]])},
        )
    return redirect("mail", slug=account.slug)
