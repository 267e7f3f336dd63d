from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from battlemap.core.admin import ViewOnly
from battlemap.teams.models import Membership, Team
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
