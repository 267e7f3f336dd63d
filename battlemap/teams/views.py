"""Teams in the web: administrators create teams; a team's managers add and remove members and mark managers.

Thin views: selectors decide who may see or run a team (404 otherwise, like accounts), forms parse, the
services validate and write. What a membership grants is the gate's rule (core.access): members edit the
team's accounts, managers view them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from battlemap.accounts.forms import AccountsHandoverForm, list_changes, seen_parsed, seen_versions
from battlemap.accounts.selectors import handover_scope
from battlemap.analysis.settings import DEFAULT_SETTINGS
from battlemap.core.messages import named
from battlemap.core.services import StaleEdit
from battlemap.core.text import user_name
from battlemap.once.web import guarded
from battlemap.teams.forms import (
    MemberAddForm,
    MemberRemoveForm,
    MemberRoleForm,
    TeamForm,
    WarningSettingsForm,
)
from battlemap.teams.models import Membership, WarningSettings
from battlemap.teams.selectors import (
    can_manage_team,
    get_team_for,
    orphaned_coverage,
    orphaned_items,
    removal_effect,
    teams_visible_to,
)
from battlemap.teams.services import (
    COVERAGE_GIVEN,
    ITEMS_GIVEN,
    LAST_MANAGER,
    Given,
    member_accounts_handover,
    membership_add,
    membership_remove,
    membership_set_role,
    team_create,
    warning_settings_set,
)

ACCOUNTS_CHANGED = gettext_lazy(
    "The accounts listed changed since this page was opened (one was handed over, added or edited meanwhile): "
    "here they are as they are now. Check them, then hand them over again."
)


def _errors_to_form(form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form, under the form's name for each model field."""
    for field, msgs in exc.message_dict.items():
        field = (rename or {}).get(field, field)
        form.add_error(field if field in form.fields else None, msgs)


@login_required
@guarded
def team_list(request):
    """GET: the teams the user belongs to (administrators: all). POST (administrators): create a team."""
    form = TeamForm(request.POST or None) if request.user.is_superuser else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404("No such page")
        if form.is_valid():
            try:
                team = team_create(slug=form.cleaned_data["slug"], name=form.cleaned_data["name"])
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, named(_("Team “%(name)s” created."), name=team.name))
                return redirect("team_detail", slug=team.slug)
        status = 422
    teams = teams_visible_to(request.user).prefetch_related("memberships__user")
    return render(request, "teams/list.html", {"teams": teams, "form": form}, status=status)


@login_required
@guarded
def team_detail(request, slug: str):
    """GET: the team's members and roles; its managers and administrators also get the forms.
    POST (managers, administrators): add a member."""
    team = get_team_for(request.user, slug)
    manage = can_manage_team(request.user, team)
    form = MemberAddForm(request.POST or None, by=request.user) if manage else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404("No such team")
        if form.is_valid():
            try:
                member = membership_add(
                    team=team,
                    user=form.cleaned_data["username"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                )
            except ValidationError as exc:
                _errors_to_form(form, exc, rename={"user": "username"})
            else:
                messages.success(request, named(_("%(user)s joined the team."), user=user_name(member.user)))
                return redirect("team_detail", slug=team.slug)
        status = 422
    members = team.memberships.select_related("user").order_by("role", "user__username")
    add_user = f"{reverse('admin:auth_user_add')}?team={team.pk}"  # the new user's team chosen already
    context = {"team": team, "members": members, "form": form, "manage": manage, "add_user": add_user}
    return render(request, "teams/detail.html", context, status=status)


def _tell_given(request, given: Given) -> None:
    """Say how many of a member's open action items, and of the stakeholders they covered, went to their accounts'
    owners (none: nothing said)."""
    if given.items:
        messages.info(request, ITEMS_GIVEN % {"count": len(given.items)})
    if given.coverage:
        messages.info(request, COVERAGE_GIVEN % {"count": len(given.coverage)})


def _change_member(request, slug: str, membership_id: int, form_class, write) -> HttpResponse:
    """The one flow of a change to a membership (managers of the team, administrators; others 404):
    parse `form_class`, call `write(membership, cleaned_data)` which returns the success message;
    a bad field gives the team page with the error (422), a stale version a message."""
    team = get_team_for(request.user, slug, manage=True)
    membership = get_object_or_404(Membership, pk=membership_id, team=team)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            messages.success(request, write(membership, form.cleaned_data))
            return redirect("team_detail", slug=slug)
        except StaleEdit as exc:
            messages.error(request, exc.text)
            return redirect("team_detail", slug=slug)
        except ValidationError as exc:
            _errors_to_form(form, exc)
    return _refused(request, slug, form)


@login_required
@require_POST
def member_role(request, slug: str, membership_id: int):
    """Mark a member as manager or member."""

    def write(membership, data):
        membership_set_role(
            membership=membership, role=data["role"], version=data["version"], by=request.user
        )
        role = Membership.Role(data["role"]).label
        return named(_("%(user)s is now %(role)s."), user=user_name(membership.user), role=role)

    return _change_member(request, slug, membership_id, MemberRoleForm, write)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, slug: str, membership_id: int):
    """GET: what removing the member changes — which of their accounts and open deals leave the managers'
    view, whether only an administrator can add them back — with the button; POST: remove them. The
    team's last manager cannot be removed: the page says why and offers no button."""
    team = get_team_for(request.user, slug, manage=True)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_id, team=team)
    form = MemberRemoveForm(request.POST or None, initial={"version": membership.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                given = membership_remove(
                    membership=membership, version=form.cleaned_data["version"], by=request.user
                )
            except StaleEdit as exc:
                messages.error(request, exc.text)
                return redirect("team_detail", slug=slug)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, named(_("%(user)s left the team."), user=user_name(membership.user))
                )
                _tell_given(request, given)
                if not teams_visible_to(request.user).filter(pk=team.pk).exists():
                    return redirect("teams")  # a manager who removed himself no longer sees the team
                return redirect("team_detail", slug=slug)
        status = 422
    effect = removal_effect(membership, request.user)
    last_manager = LAST_MANAGER % {"user": user_name(membership.user)} if effect["last_manager"] else ""
    context = {
        "team": team,
        "membership": membership,
        "form": form,
        "effect": effect,
        "last_manager": last_manager,
        "is_self": membership.user_id == request.user.pk,
    }
    return render(request, "teams/remove.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def member_handover(request, slug: str, membership_id: int):
    """GET: every account the member owns that the user may hand over (a manager of a team that reaches it, an
    administrator; `accounts.selectors.handover_scope`), with a form: to whom, a note. POST: hand them all over in
    one step, for a seller who leaves, with their open action items on the team's other accounts, each given to its
    account's owner as "Remove from team…" does (`services.member_accounts_handover`: all or none; the page lists them).
    The team's managers and administrators; others 404. A list changed since the page showed it (an account handed over, added or edited
    meanwhile) shows the page again, 409, saying so."""
    team = get_team_for(request.user, slug, manage=True)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_id, team=team)
    accounts, others = handover_scope(request.user, membership.user)
    form = AccountsHandoverForm(request.POST or None, user=request.user, accounts=accounts)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid() and form.cleaned_data["seen"] != seen_versions(accounts):
            data = request.POST.copy()
            data["seen"] = seen_versions(accounts)  # confirmed again, the list shown now is handed over
            seen = form.cleaned_data["seen"]
            form = AccountsHandoverForm(data, user=request.user, accounts=accounts)
            form.is_valid()
            form.add_error(None, ACCOUNTS_CHANGED)
            for line in list_changes(seen, accounts):
                form.add_error(None, line)
            status = 409
        elif form.is_valid():
            try:
                done, given = member_accounts_handover(
                    memberships=[membership],
                    accounts=accounts,
                    to=form.cleaned_data["to"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    # each as the page showed it: an edit since the check above is refused within the write
                    versions=seen_parsed(form.cleaned_data["seen"]),
                )
            except StaleEdit as stale:
                form.add_error(None, stale.text)
                status = 409
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d account now belongs to %(new)s (was %(old)s's).",
                        "%(count)d accounts now belong to %(new)s (were %(old)s's).",
                        len(done),
                    )
                    % {
                        "count": len(done),
                        "new": user_name(form.cleaned_data["to"]),
                        "old": user_name(membership.user),
                    },
                )
                _tell_given(request, given)
                return redirect("team_detail", slug=team.slug)
    items = list(orphaned_items(membership).select_related("deal__account__owner"))
    context = {
        "team": team,
        "membership": membership,
        "accounts": accounts,
        "others": others,
        "form": form,
        "orphaned_items": items,
        "orphaned_coverage": orphaned_coverage(membership).count(),
    }
    return render(request, "teams/handover.html", context, status=status)


def _refused(request, slug: str, form):
    """A bad role or version: the team page again with the errors, each naming its field; status 422."""
    team = get_team_for(request.user, slug)
    members = team.memberships.select_related("user").order_by("role", "user__username")
    context = {"team": team, "members": members, "form": MemberAddForm(), "manage": True, "refused": form}
    return render(request, "teams/detail.html", context, status=422)


@login_required
def team_warnings(request, slug: str):
    """GET: the team's warning thresholds beside the defaults, and their history; its managers and
    administrators may change them (POST). Members see them read-only; others get 404."""
    team = get_team_for(request.user, slug)
    manage = can_manage_team(request.user, team)
    current = WarningSettings.objects.filter(team=team).first()
    form = WarningSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=WarningSettingsForm.initial_from(current),
        defaults=DEFAULT_SETTINGS,
    )
    status = 200
    if request.method == "POST":
        if not manage:
            raise Http404("No such team")
        if form.is_valid():
            try:
                warning_settings_set(team=team, changes=form.changes(), version=form.cleaned_data["version"])
            except StaleEdit as exc:
                messages.error(request, exc.text)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, _("The team's warnings are saved; its deals are checked with them now.")
                )
                return redirect("team_warnings", slug=team.slug)
        status = 422
    history = current.history.select_related("history_user")[:20] if current else []
    context = {"team": team, "form": form, "manage": manage, "history": history}
    return render(request, "teams/warnings.html", context, status=status)
