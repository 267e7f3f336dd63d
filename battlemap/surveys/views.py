"""Pages of the surveys app. Thin: gate (core.access), form, service, render.

Seller pages live under /accounts/<slug>/ (login; outsiders get 404; sending, revoking, interviewing
and accepting need edit access). The questionnaire page /q/<token>/ is public: no login, the
respondent's language, nothing of the account beyond the questions, rate limited (throttle.py).
"""

from __future__ import annotations

from datetime import datetime, time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.core.access import can, get_account_for, get_for
from battlemap.core.api import asked_id
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal
from battlemap.once.web import guarded, result_at
from battlemap.punctuation import list_separator, sentences
from battlemap.surveys import selectors, services, throttle
from battlemap.surveys.forms import AnswerForm, GuideChoiceForm, InterviewForm, SendForm
from battlemap.surveys.guides import guide
from battlemap.surveys.models import Interview, Proposal, SurveyLink


def _field_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


# --- the seller's side: questionnaires ---------------------------------------------------------------


def _surveys_page(request, account, form, status: int = 200, sent=None):
    context = {
        "account": account,
        "form": form,
        "can_edit": can(request.user, account, "edit"),
        "questionnaires": selectors.questionnaires_of(account),
        "sent": sent,
    }
    return render(request, "surveys/surveys.html", context, status=status)


@login_required
def surveys(request, slug: str):
    """The account's questionnaires, each person's link state and answers; the send form."""
    account = get_account_for(request.user, slug)
    initial = {}
    if (deal_id := asked_id(request.GET.get("deal"))) is not None:
        initial["deal"] = deal_id
    if request.GET.get("kind") in ("decision_factors", "satisfaction"):
        initial["kind"] = request.GET["kind"]
    if active_language() == "en":
        initial["language"] = "en"
    return _surveys_page(request, account, SendForm(account=account, initial=initial))


@login_required
@require_POST
@guarded
def survey_send(request, slug: str):
    """POST kind, deal, people, language, days: one personal link per person, shown once."""
    account = get_account_for(request.user, slug, "edit")
    form = SendForm(request.POST, account=account)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.questionnaire_send(
                account=account,
                kind=data["kind"],
                people=data["people"],
                deal=data["deal"],
                language=data["language"],
                days=data["days"],
                sent_by=request.user,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            rows = []
            with translation.override(data["language"]):  # the mail goes out in the questionnaire's language
                subject = quote(_("A short questionnaire"))
            for item in sent:
                url = request.build_absolute_uri(reverse("survey_answer", args=[item.token]))
                # the address percent-encoded (RFC 6068): a quoted local part may hold "?", "&" or ",",
                # which a mail client would read as a Cc: or a second recipient of the personal link
                mail = quote(item.link.person.email, safe="@")
                rows.append(
                    {
                        "link": item.link,
                        "url": url,
                        "mailto": f"mailto:{mail}?subject={subject}&body={quote(url)}" if mail else "",
                    }
                )
            # the form keeps what was sent but the people: a second batch goes out as the first did
            again = SendForm(
                account=account, initial={k: data[k] for k in ("kind", "deal", "language", "days")}
            )
            shown = _surveys_page(request, account, again, sent=rows)
            return result_at(
                shown, reverse("surveys", args=[account.slug])
            )  # a second send of the form goes there
    return _surveys_page(request, account, form, status=422)


@login_required
@require_POST
def survey_link_revoke(request, slug: str, pk: int):
    account = get_account_for(request.user, slug, "edit")
    link = get_for(
        request.user,
        SurveyLink.objects.filter(questionnaire__account=account),
        "edit",
        "questionnaire__account",
        pk=pk,
    )
    try:
        services.link_revoke(link=link)
    except ValidationError as exc:
        messages.error(request, sentences(exc.messages))
    else:
        messages.success(request, _("The link is revoked: it no longer opens."))
    return redirect("surveys", slug=account.slug)


# --- the customer's side: the public link --------------------------------------------------------------


def _public(request, template: str, context: dict, status: int, lang: str):
    with translation.override(lang):
        response = render(request, f"surveys/public/{template}", {**context, "lang": lang}, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = (
        "same-origin"  # the token never leaves in a Referer; "no-referrer" would send Origin: null and fail CSRF
    )
    return response


def _consent_text() -> str:
    """What the customer agrees to, naming who keeps the answers when the installation says (settings.
    ORGANISATION_NAME; PIPL art. 17: a person is told the name of who handles their data — a new user's trial
    found the page naming no one). Nothing of the account nor of the sender is shown on the public page. Stored
    with the answers as agreed (SurveyResponse.consent_text)."""
    if settings.ORGANISATION_NAME:
        return _(
            "I agree that my answers, with my name, are kept by %(organisation)s, the supplier who sent me this "
            "questionnaire, and used to serve me and my organisation better. They are not shared with anyone else."
        ) % {"organisation": settings.ORGANISATION_NAME}
    return _(
        "I agree that my answers, with my name, are kept by the supplier who sent me this questionnaire "
        "and used to serve me and my organisation better. They are not shared with anyone else."
    )


def _unknown(request):
    """What a token that matches no link gets: 404 "check that you copied the whole link", counted as one guess of
    the client's address; 429 once that address has used up its guesses (throttle.guess_allowed)."""
    lang = active_language()
    if not throttle.guess_allowed(request):
        return _public(request, "refused.html", {"reason": "busy"}, 429, lang)
    return _public(request, "refused.html", {"reason": "unknown"}, 404, lang)


def survey_answer(request, token: str):
    """GET the questions of a link; POST the answers (once). Refused: unknown token 404 (429 after too many
    from one address), expired or revoked 410, too many requests to the link 429; an answered link shows the
    thank-you — also to a second tap of Send whose twin was recorded first."""
    link = selectors.link_for_token(token)
    if link is None:
        return _unknown(request)
    lang = link.language
    if not throttle.link_allowed(link.pk):
        return _public(request, "refused.html", {"reason": "link_busy"}, 429, lang)
    state = link.state
    if state == "answered":
        return _public(request, "thanks.html", {}, 200, lang)
    if state in ("expired", "revoked"):
        return _public(request, "refused.html", {"reason": state}, 410, lang)
    kind = link.questionnaire.kind
    with translation.override(lang):
        form = AnswerForm(request.POST or None, kind=kind, lang=lang)
        consent = _consent_text()
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.response_record(
                        link=link,
                        ratings=form.ratings(),
                        nps=form.cleaned_data.get("nps"),
                        comment=form.cleaned_data["comment"],
                        consent_text=consent,
                        consented=form.cleaned_data["consent"],
                    )
                except ValidationError as exc:
                    if "link" in exc.message_dict:
                        # answered meanwhile (a double tap: its twin was recorded first), revoked or expired: the
                        # link as it is now — the thank-you, or why it no longer opens — not the form again
                        return redirect("survey_answer", token=token)
                    _field_errors(form, exc)
                else:
                    return redirect("survey_answer", token=token)
            status = 422
    return _public(request, "answer.html", {"form": form, "kind": kind, "consent": consent}, status, lang)


def _not_sent(request, case: str, status: int):
    """The public page's answer when its form was refused before the view ran (core.errors: the CSRF check failed —
    the page was open long, the phone's browser dropped its cookie — or the form was too large), or when the view
    failed (a server error, `case` "server_error": they may not have arrived): in the questionnaire's own look and
    language, saying so, nothing of the app shown."""
    token = request.resolver_match.kwargs.get("token", "") if request.resolver_match else ""
    link = selectors.link_for_token(token)
    lang = link.language if link is not None else active_language()
    return _public(request, "not_sent.html", {"reason": case}, status, lang)


survey_answer.error_page = _not_sent


def survey_elsewhere(request, rest: str = ""):
    """Any other address under /q/ (`/q/`, `/q/<token>/<more>`: a link with something pasted after it) is a link
    that does not open, in the questionnaire's look — it had the app's 404 page, its top bar and name — and counts
    as a guess, as an unknown token does."""
    return _unknown(request)


survey_elsewhere.error_page = _not_sent


# --- interviews ---------------------------------------------------------------------------------------


def _guide_defaults(request, account) -> dict:
    """The guide asked for (GET) or, for a person and deal, their role in it and the deal's stage."""
    data = {k: request.GET.get(k, "") for k in ("person", "deal", "role", "stage")}
    deal_id, person_id = asked_id(data["deal"]), asked_id(data["person"])
    data["person"] = str(person_id) if person_id is not None else ""
    deal = Deal.objects.filter(account=account, pk=deal_id).first() if deal_id is not None else None
    if deal is None and person_id is not None:  # the person's open deal, when they have a part in one
        deal = Deal.objects.filter(account=account, status="open", roles__person_id=person_id).first()
        data["deal"] = str(deal.pk) if deal else ""
    if deal is None and not data["person"]:  # the account's one open deal, when it has only one
        open_deals = list(Deal.objects.filter(account=account, status="open")[:2])
        deal = open_deals[0] if len(open_deals) == 1 else None
        data["deal"] = str(deal.pk) if deal else ""
    if deal is not None and not data["stage"]:
        data["stage"] = deal.stage
    if deal is not None and person_id is not None and not data["role"]:
        role = deal.roles.filter(person_id=person_id).first()
        data["role"] = role.roles[0] if role and role.roles else ""
    data["role"] = data["role"] or "influencer"
    data["stage"] = data["stage"] or "need_recognition"
    return data


@login_required
@guarded
def interview(request, slug: str):
    """GET: the guide for a person's buying role and stage (?person=&deal=&role=&stage=); POST: save
    the answers as an interview interaction and list the map updates they imply."""
    account = get_account_for(request.user, slug, "edit")
    source = request.POST if request.method == "POST" else _guide_defaults(request, account)
    # bound to what was asked, so a wrong choice says why; a first visit shows no "required" before any input
    asked = request.method == "POST" or bool(request.GET)
    choice = GuideChoiceForm(source if asked else None, initial=source, account=account)
    role = source.get("role") if source.get("role") in dict(choice.fields["role"].choices) else "influencer"
    stage = (
        source.get("stage")
        if source.get("stage") in dict(choice.fields["stage"].choices)
        else "need_recognition"
    )
    questions = guide(role, stage)
    form = InterviewForm(request.POST or None, account=account, questions=questions, initial=source)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.interview_record(
                    account=account,
                    by=request.user,
                    person=data["person"],
                    deal=data["deal"],
                    role=data["role"],
                    stage=data["stage"],
                    occurred_at=timezone.make_aware(datetime.combine(data["occurred_on"], time(12))),
                    answers=form.answers(),
                    questions={q.code: q.text for q in questions},
                    named_people=form.named(),
                    deciders=data["deciders"],
                    attitude=data["attitude"],
                    factor_ratings=form.factor_ratings(),
                )
            except ValidationError as exc:
                # "answers" is the guide as a whole: shown at its first question; the interaction's date
                # (refused after today: interactions.services.not_yet_happened) is the form's day
                fields = {"answers": "q_" + questions[0].code, "occurred_at": "occurred_on"}
                errors = {fields.get(k, k): v for k, v in exc.message_dict.items()}
                _field_errors(form, ValidationError(errors))
            else:
                messages.success(request, _("Interview saved. Accept the map updates it implies below."))
                for name, known in saved.already_on_map:
                    people = list_separator(active_language()).join(p.name for p in known)
                    messages.info(
                        request,
                        _("%(name)s is on the map already (%(people)s): not proposed as a new person.")
                        % {"name": name, "people": people},
                    )
                return redirect("interview_detail", slug=account.slug, pk=saved.pk)
        status = 422
    context = {"account": account, "form": form, "choice": choice, "role": role, "stage": stage}
    return render(request, "surveys/interview.html", context, status=status)


@login_required
def interview_detail(request, slug: str, pk: int):
    """An interview's answers and the map updates it implies (accept or dismiss each)."""
    account = get_account_for(request.user, slug)
    found = get_for(request.user, selectors.interviews_of(account), pk=pk)
    context = {"account": account, "interview": found, "can_edit": can(request.user, account, "edit")}
    return render(request, "surveys/interview_detail.html", context)


@login_required
@require_POST
def proposal_decide(request, slug: str, pk: int, proposal: int):
    """POST decision=accept|dismiss and version: make the update through the map's services, or not."""
    account = get_account_for(request.user, slug, "edit")
    found = get_for(request.user, Interview.objects.filter(account=account), "edit", pk=pk)
    item = get_for(
        request.user, Proposal.objects.filter(interview=found), "edit", "interview__account", pk=proposal
    )
    decision = request.POST.get("decision")
    version = request.POST.get("version", "")
    try:
        if decision not in ("accept", "dismiss"):
            raise ValidationError({"decision": _("Choose accept or dismiss.")})
        if not version.isdigit():
            raise ValidationError({"version": _("Reload the page and try again.")})
        if decision == "accept":
            services.proposal_accept(proposal=item, version=int(version))
            messages.success(request, _("Accepted: the map is updated."))
        else:
            services.proposal_dismiss(proposal=item, version=int(version))
            messages.success(request, _("Dismissed: the map stays as it was."))
    except ValidationError as exc:
        messages.error(request, sentences(exc.messages))
        context = {
            "account": account,
            "interview": found,
            "can_edit": True,
            "errors": exc.message_dict if hasattr(exc, "error_dict") else {},
        }
        return render(request, "surveys/interview_detail.html", context, status=422)
    return redirect("interview_detail", slug=account.slug, pk=found.pk)
