"""Logging an interaction: when, what kind, who took part (the customer's people and ours)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import INTERACTION_KIND_CHOICES
from battlemap.deals.forms import UserChoiceField, our_people
from battlemap.deals.models import Deal
from battlemap.people.forms import PeopleChoiceField
from battlemap.people.models import Person


class DealChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class InteractionForm(forms.Form):
    occurred_at = forms.DateTimeField(
        label=_("date"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    kind = forms.ChoiceField(label=_("kind"), choices=INTERACTION_KIND_CHOICES, initial="meeting")
    deal = DealChoiceField(Deal.objects.none(), label=_("deal"), required=False)
    people = PeopleChoiceField(
        Person.objects.none(), label=_("their people"), required=False, widget=forms.CheckboxSelectMultiple
    )
    our_people = UserChoiceField(
        Person.objects.none(), label=_("our people"), required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(label=_("outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_step = forms.CharField(label=_("next step"), required=False)

    def __init__(self, *args, account, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)
        self.fields["deal"].queryset = account.deals.order_by("name")
        self.fields["people"].queryset = account.people.filter(status="active").order_by("name_key")
        self.fields["our_people"].queryset = our_people(account)

    def interaction_fields(self) -> dict:
        """The cleaned data as interactions.services.interaction_create takes it."""
        data = dict(self.cleaned_data)
        data["participants"] = data.pop("people")
        data["our_participants"] = data.pop("our_people")
        return data
