"""Pages to add and edit people. Thin: access gate → form → service → render."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.accounts.map_selectors import deal_asked
from battlemap.accounts.selectors import unit_labels
from battlemap.core.access import can, get_account_for, get_for
from battlemap.core.choices import PERSON_STATUS_CHOICES
from battlemap.core.messages import named
from battlemap.core.multilingual import active_language
from battlemap.core.services import StaleEdit
from battlemap.deals import services as deal_services
from battlemap.deals.forms import PersonDealForm
from battlemap.deals.help import ATTITUDE_HELP, ROLE_HELP
from battlemap.deals.web import (
    after_write,
    attach_errors,
    error_status,
    form_account,
    form_context,
    form_page,
    safe_next,
    submit,
)
from battlemap.interactions.selectors import only_with
from battlemap.maps.namesakes import shown_name_of, shown_names
from battlemap.once.web import guarded
from battlemap.people import selectors, services
from battlemap.people.forms import InfluenceLinkForm, PersonForm, person_labels
from battlemap.people.models import Person
from battlemap.punctuation import sentences
from battlemap.surveys import selectors as survey_selectors

PEOPLE_PAGE = 100  # people a page of the people list
LINKS_PAGE = 100  # influence links a page of it
LINK_FORM_LIMIT = 300  # above this many people, links are added on their own page (two long pickers)


def _person_url(person: Person) -> str:
    return reverse("person", args=[person.account.slug, person.pk])


@login_required
@guarded
def person_create(request, slug: str):
    account = form_account(request, slug)
    form = PersonForm(request.POST or None, account=account)
    person, error = submit(
        request,
        form,
        lambda: services.person_create(
            account=account, dotted_managers=form.cleaned_data["dotted_managers"], **form.person_fields()
        ),
    )
    if person is not None:
        messages.success(request, named(_("%(name)s added."), name=person.name))
        return after_write(request, safe_next(request, _person_url(person)))
    context = form_context(
        request,
        account,
        form,
        action=reverse("person_new", args=[account.slug]),
        next=request.POST.get("next") or request.GET.get("next", ""),
    )
    return form_page(request, "people/person_new.html", "people/_person_form.html", context, error=error)


@login_required
def person_detail(request, slug: str, pk: int):
    """The person's page: edit form (all fields), their deal roles and the history panel."""
    action = "edit" if request.method == "POST" else "view"
    account = get_account_for(request.user, slug, action)
    person = get_for(request.user, Person.objects.select_related("account"), action, pk=pk, account=account)
    form = PersonForm(request.POST if request.method == "POST" else None, account=account, person=person)
    saved, error = submit(
        request,
        form,
        lambda: services.person_update(
            person=person,
            version=form.cleaned_data["version"],
            dotted_managers=form.cleaned_data["dotted_managers"],
            **form.person_fields(),
        ),
    )
    if saved is not None:
        messages.success(request, _("Saved."))
        return after_write(request, _person_url(saved))
    if isinstance(error, StaleEdit):
        person.refresh_from_db()  # the header and history beside the kept input show it as it is now
    context = _person_context(request, account, person, form)
    return form_page(request, "people/person.html", "people/_person_form.html", context, error=error)


def _person_context(request, account, person: Person, form, deal_form=None) -> dict:
    return form_context(
        request,
        account,
        form,
        person=person,
        roles=selectors.person_roles(person=person),
        history=selectors.person_history(person=person),
        influence=selectors.person_influence(person=person),
        answers=selectors.person_answers(person=person),
        answer_comments=survey_selectors.comments_of(person=person),
        meetings=selectors.person_meetings(person=person),
        action_items=selectors.person_action_items(person=person),
        deal_form=deal_form or PersonDealForm(person=person),
        action=_person_url(person),
        owns=can(request.user, account, "own"),
        role_help=ROLE_HELP,
        attitude_help=ATTITUDE_HELP,
    )


@login_required
def person_delete(request, slug: str, pk: int):
    """Delete a person added by mistake, after a page that says what goes with them (their parts in deals, links,
    participations) and what leaving the company is instead (status "left": they stay on the map, greyed). The
    account's editors (a reader gets 403 with the reason, anyone else 404). History keeps them."""
    account = get_account_for(request.user, slug, "edit")
    person = get_for(request.user, Person.objects.select_related("account"), "edit", pk=pk, account=account)
    rows = {
        "deals": list(person.deal_roles.values_list("pk", "deal_id")),
        "links": [*person.influences.values_list("pk"), *person.influenced_by.values_list("pk")],
        "meetings": list(person.participations.values_list("pk")),
        "reports": list(person.reports.values_list("pk")),
    }
    going = {name: len(found) for name, found in rows.items()}
    called = shown_name_of(person, active_language())  # "张伟（信息中心主任）" beside another 张伟
    # what the page said goes with them, to the row (a part moved to another deal counts the same)
    shown = hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()[:16]
    changed = request.method == "POST" and request.POST.get("shown") != shown
    if request.method == "POST" and not changed:
        try:
            services.person_delete(person=person, version=int(request.POST.get("version") or 0))
        except StaleEdit as e:
            messages.error(request, str(e))
            return redirect(_person_url(person))
        undo = render_to_string(  # the message offers the undo (a safe string: the template escapes)
            "deals/_undo_message.html",
            {
                "text": named(_("%(name)s is off the map."), name=called),
                "undo": reverse("person_restore", args=[account.slug, pk]),
            },
            request=request,
        )
        messages.success(request, undo)
        return redirect(reverse("people", args=[account.slug]))
    # a confirmation sent from a page that listed less (a colleague gave them a deal role or logged a meeting
    # with them meanwhile: a team's trial lost both without a word) shows the page again, as it is now
    context = {
        "account": account,
        "person": person,
        "called": called,
        "shown": shown,
        "changed": changed,
        "alone": only_with(person.pk).count() if going["meetings"] else 0,
        **going,
    }
    return render(request, "people/delete.html", context, status=409 if changed else 200)


@login_required
@require_POST
@guarded
def person_deal_add(request, slug: str, pk: int):
    """From the person's page: add them to a deal with their roles, attitude and influence."""
    account = get_account_for(request.user, slug, "edit")
    person = get_for(request.user, Person.objects.select_related("account"), "edit", pk=pk, account=account)
    deal_form = PersonDealForm(request.POST, person=person)
    error = None
    if deal_form.is_valid():
        try:
            deal_services.stakeholder_set(
                deal=deal_form.cleaned_data["deal"], person=person, version=0, **deal_form.role_fields()
            )
        except ValidationError as e:
            attach_errors(deal_form, e)
            error = e
        else:
            messages.success(
                request,
                named(
                    _("%(name)s added to %(deal)s."),
                    name=person.name,
                    deal=deal_form.cleaned_data["deal"].name,
                ),
            )
            return after_write(request, _person_url(person))
    form = PersonForm(account=account, person=person)
    context = _person_context(request, account, person, form, deal_form=deal_form)
    return render(request, "people/person.html", context, status=error_status(error))


@login_required
@require_POST
def person_restore(request, slug: str, pk: int):
    """The undo of a person's deletion (the link in the "off the map" message): they come back as they were, with
    what went with them (people.services.restore); what an edit made since keeps is said."""
    account = get_account_for(request.user, slug, "edit")
    try:
        restored = services.person_restore(account=account, person_id=pk)
    except ValidationError as e:
        messages.error(request, sentences(e.messages))
        return redirect(reverse("people", args=[account.slug]))
    person = restored.back[0]
    messages.success(request, named(_("%(name)s is back on the map."), name=person.name))
    for note in restored.notes():
        messages.warning(request, note)
    return redirect(_person_url(person))


@login_required
def people_list(request, slug: str, status: int = 200):
    """The account's people, PEOPLE_PAGE a page, searched (`q`) and filtered by status (`status`),
    and its influence links, LINKS_PAGE a page (`links`); both kept in the query string."""
    account = get_account_for(request.user, slug)
    search, state = request.GET.get("q", "").strip(), request.GET.get("status", "")
    state = state if state in dict(PERSON_STATUS_CHOICES) else ""
    found = selectors.people_found(account=account, search=search, status=state)
    people = Paginator(found, PEOPLE_PAGE).get_page(request.GET.get("page"))
    units = unit_labels(account=account)
    for person in people:  # a department another unit's name shares, with its company (accounts.selectors)
        person.unit_shown = units.get(person.org_unit_id, "")
    links = selectors.links_of(account=account, people=found if search or state else None)
    links = Paginator(links, LINKS_PAGE).get_page(request.GET.get("links"))
    shown = shown_names(account=account, lang=active_language()) if links.object_list else {}
    for link in links:  # namesakes told apart as the analysis' sentences tell them (maps.namesakes)
        link.source_shown, link.target_shown = shown[link.source_id], shown[link.target_id]
    big = account.people.count() > LINK_FORM_LIMIT
    return render(
        request,
        "people/people.html",
        {
            "account": account,
            "people": people,
            "search": search,
            "state": state,
            "statuses": PERSON_STATUS_CHOICES,
            "labels": person_labels(),
            "links": links,
            "can_edit": can(request.user, account, "edit"),
            # opened from a deal's room (`?deal=`): the crumbs and a note lead back to it
            "deal": deal_asked(account, request.GET.get("deal")),
            # the inline link form lists every person twice: a big account adds links on their own page
            "link_form": None if big else InfluenceLinkForm(account=account),
        },
        status=status,
    )
