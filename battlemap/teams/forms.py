"""Forms of the teams pages: they parse input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from battlemap.core.multilingual import active_language
from battlemap.teams.models import Membership, Team
from battlemap.teams.services import NOT_A_NEWCOMER
from battlemap.vocab import STAGES


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "slug"]
        help_texts = {
            "slug": _("Part of the address; left empty, it is made from the name (pinyin for Chinese).")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False  # team_create makes it from the name, as for a new account


class MemberAddForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)

    def __init__(self, *args, by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by  # who adds: a manager who is no administrator is told no more than the service tells him

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        try:
            return get_user_model()._default_manager.get(username=name, is_active=True)
        except get_user_model().DoesNotExist:
            if self.by is not None and not self.by.is_superuser:
                raise forms.ValidationError(NOT_A_NEWCOMER) from None
            raise forms.ValidationError(
                _("No active user is called “%(name)s”."), params={"name": name}
            ) from None


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberRemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class WarningSettingsForm(forms.Form):
    """The team's thresholds; an empty box keeps the default (shown as the placeholder)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, defaults, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stale_days"] = forms.IntegerField(
            label=_("Days without contact before a key person's relationship is stale"),
            required=False,
            min_value=1,
            max_value=365,
            help_text=_("Default: %(days)s") % {"days": defaults.stale_days},
        )
        self.fields["close_slip_days"] = forms.IntegerField(
            label=_("Days after the expected close date before “close date passed” fires"),
            required=False,
            min_value=0,
            max_value=365,
            help_text=_("Default: %(days)s") % {"days": defaults.close_slip_days},
        )
        for stage in STAGES.codes:
            self.fields[f"stage_{stage}"] = forms.IntegerField(
                label=_("Days allowed at “%(stage)s”") % {"stage": STAGES.label(stage, active_language())},
                required=False,
                min_value=0,
                max_value=365,
                help_text=_("Default: %(days)s (0 = no limit)")
                % {"days": defaults.stage_limit_days.get(stage, 0)},
            )

    def changes(self) -> dict:
        data = self.cleaned_data
        limits = {s: data[f"stage_{s}"] for s in STAGES.codes if data.get(f"stage_{s}") is not None}
        return {
            "stale_days": data["stale_days"],
            "close_slip_days": data["close_slip_days"],
            "stage_limit_days": limits,
        }

    @classmethod
    def initial_from(cls, settings) -> dict:
        if settings is None:
            return {}
        initial = {
            "stale_days": settings.stale_days,
            "close_slip_days": settings.close_slip_days,
            "version": settings.version,
        }
        initial.update({f"stage_{s}": d for s, d in (settings.stage_limit_days or {}).items()})
        return initial
