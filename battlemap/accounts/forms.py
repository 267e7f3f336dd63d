"""Forms for the account pages; model validation names the field in every error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account, ExternalFactor
from battlemap.accounts.services import PORTRAIT_FIELDS


class PortraitForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Account
        fields = list(PORTRAIT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PORTRAIT_FIELDS}


class ExternalFactorForm(forms.ModelForm):
    class Meta:
        model = ExternalFactor
        fields = ["kind", "description", "effect"]
        widgets = {
            "description": forms.TextInput(),
            "effect": forms.NumberInput(attrs={"min": -2, "max": 2}),
        }


class ReportsToForm(forms.Form):
    """Drag a card onto another: `person` now reports to `manager` (empty = top of the chart)."""

    person = forms.IntegerField(label=_("person"))
    manager = forms.IntegerField(label=_("reports to"), required=False)
    version = forms.IntegerField(required=False)

    def __init__(self, *args, account: Account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def _person(self, field: str):
        pid = self.cleaned_data.get(field)
        if pid is None:
            return None
        person = self.account.people.filter(pk=pid).first()
        if person is None:
            raise forms.ValidationError(_("No such person in this account."))
        return person

    def clean_person(self):
        return self._person("person")

    def clean_manager(self):
        return self._person("manager")
