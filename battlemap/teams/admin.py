from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from battlemap.accounts.selectors import held_by
from battlemap.core.admin import ViewOnly
from battlemap.core.messages import named
from battlemap.teams.models import Membership, Team
from battlemap.teams.selectors import teams_left_unmanaged
from battlemap.teams.services import membership_add
from battlemap.users.services import user_deactivate, user_reactivate


class MembershipInline(ViewOnly, admin.TabularInline):
    """Read-only: members are added and removed on the web's team page (teams.services, audited)."""

    model = Membership
    extra = 0


@admin.register(Team)
class TeamAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["team", "user", "role"]
    list_filter = ["role", "team"]


class NewUserForm(AdminUserCreationForm):
    """Django's new-user form with the team the colleague joins (optional; `?team=<id>` picks it, as
    the team page's link does) and their role in it."""

    team = forms.ModelChoiceField(
        Team.objects.order_by("name"),
        required=False,
        label=_("Team"),
        help_text=_("The team whose accounts the new user works on; none: add them to a team later."),
    )
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        required=False,  # a member unless said otherwise
        label=_("Role in the team"),
    )


STILL_HELD_IN_TEAMS = _(
    "%(name)s still owns %(accounts)s and %(items)s: hand them over on their team's page, “Hand over their "
    "accounts…” (%(teams)s), or with `battlemap handover --from %(name)s --to USER --note …`."
)
STILL_HELD_NO_TEAM = _(
    "%(name)s still owns %(accounts)s and %(items)s, and is in no team: hand them over with `battlemap handover "
    "--from %(name)s --to USER --note …`, or from each account's “Hand over” page."
)

LEFT_UNMANAGED = _(
    "%(name)s was the only active manager of %(teams)s: mark another manager on the team's page, or nobody but an "
    "administrator adds its members, hands a leaver's accounts over or reviews its reps' deals."
)

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)  # groups give model permissions, which open nothing here (core.admin.AdminSite)
# Staff status, groups and model permissions open nothing in Battlemap: the admin is the superusers'
# (core.admin.AdminSite) and the app has its own access gate; the form shows what counts
UNUSED = ("is_staff", "groups", "user_permissions")


@admin.register(User)
class BattlemapUserAdmin(UserAdmin):
    """Django's user admin; adding a user can put them in a team at once (teams.services.membership_add,
    audited as the team page's "Add member" is)."""

    add_form = NewUserForm
    add_form_template = "teams/user_add_form.html"  # Django's sentence above the form has no zh translation
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Team"), {"fields": ("team", "role")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_superuser", "is_active", "teams")
    list_filter = ("is_superuser", "is_active")
    fieldsets = tuple(
        (name, {**options, "fields": tuple(f for f in options["fields"] if f not in UNUSED)})
        for name, options in UserAdmin.fieldsets
    )

    def has_delete_permission(self, request, obj=None):
        """Users are deactivated, never deleted (unticking *Active*): a deleted user's action items lost their owner
        without a word (SET_NULL) and history its name. No *Delete* button, page or bulk action."""
        return False

    @admin.display(description=_("Teams"))
    def teams(self, user) -> str:
        return ", ".join(m.team.name for m in user.memberships.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__team")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data:
            self._active_changed(request, obj)
        team = form.cleaned_data.get("team") if not change else None
        if team is not None:
            membership_add(
                team=team, user=obj, role=form.cleaned_data["role"] or Membership.Role.MEMBER, by=request.user
            )

    def _active_changed(self, request, user) -> None:
        """Unticking *Active* is the one deactivation (sessions end, tokens revoked: users.services.user_deactivate);
        ticking it again brings none of them back, and the user signs in once given a new password."""
        if not user.is_active:
            user_deactivate(user=user)
            self._still_held(request, user)
            self._left_unmanaged(request, user)
        elif user_reactivate(user=user):
            self.message_user(
                request,
                _(
                    "%(name)s is active again. Their old sessions and API tokens stay ended: they sign in once "
                    "you set a new password for them (Password, on this page)."
                )
                % {"name": user.get_username()},
                messages.WARNING,
            )

    def _still_held(self, request, user) -> None:
        """A user just deactivated who still owns accounts or open action items (accounts.selectors.held_by, as
        `battlemap demo --disable` counts): say how many and where to hand them over — their teams' pages, *Hand
        over their accounts…* (a sales manager's trial: "was changed successfully", and their deals and overdue
        items stayed in the pipeline and This week as if nothing happened)."""
        held = held_by([user])
        if not held.accounts and not held.open_items:
            return
        owned = ngettext("%(count)d account", "%(count)d accounts", len(held.accounts)) % {
            "count": len(held.accounts)
        }
        items = ngettext("%(count)d open action item", "%(count)d open action items", held.open_items) % {
            "count": held.open_items
        }
        teams = [m.team for m in user.memberships.select_related("team").order_by("team__name")]
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((reverse("team_detail", args=[t.slug]), t.name) for t in teams)
        )
        text = STILL_HELD_IN_TEAMS if teams else STILL_HELD_NO_TEAM
        values = {"name": user.get_username(), "accounts": owned, "items": items, "teams": links}
        self.message_user(request, named(text, **values), messages.WARNING)

    def _left_unmanaged(self, request, user) -> None:
        """A manager just deactivated who was the only active one of a team (teams.selectors.teams_left_unmanaged):
        say so, linking each team's page, where another manager is marked."""
        teams = teams_left_unmanaged(user)
        if not teams:
            return
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((reverse("team_detail", args=[t.slug]), t.name) for t in teams)
        )
        self.message_user(
            request, named(LEFT_UNMANAGED, name=user.get_username(), teams=links), messages.WARNING
        )
