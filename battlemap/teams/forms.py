"""Forms of the teams pages: they parse input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from battlemap.teams.models import Membership, Team


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "slug"]
        help_texts = {"slug": _("Letters, digits and hyphens; used in links.")}


class MemberAddForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        try:
            return get_user_model()._default_manager.get(username=name, is_active=True)
        except get_user_model().DoesNotExist:
            raise forms.ValidationError(
                _("No active user is called “%(name)s”."), params={"name": name}
            ) from None


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberRemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
