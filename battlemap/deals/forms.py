"""Input forms of the deal room. The services validate the model; views show errors by the field."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, Q, When
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from battlemap import vocab
from battlemap.core.access import editors_of
from battlemap.core.api import asked_id
from battlemap.core.choices import (
    ATTITUDE_CHOICES,
    CHANNEL_CHOICES,
    DEAL_STATUS_CHOICES,
    DECISION_FACTOR_CHOICES,
    ONE_TO_FIVE,
    PLAN_CHANNEL_CHOICES,
    RELATIONSHIP_CHOICES,
    RESPONSE_MODE_CHOICES,
    ROLE_CHOICES,
    STAGE_CHOICES,
    STAGE_OPTIONS,
)
from battlemap.core.dates import ComingDayFormField
from battlemap.core.forms import limited_formfield, long_text
from battlemap.core.models import text_limit
from battlemap.core.money import AmountFormMixin
from battlemap.core.multilingual import active_language
from battlemap.deals.colleagues import OneUserField, UserChoiceField, coverers
from battlemap.deals.help import ATTITUDE_HELP, ROLE_HELP
from battlemap.deals.models import FACTOR_WEIGHT_MAX, ActionItem, Deal, StakeholderRole
from battlemap.deals.selectors import deals_named
from battlemap.deals.services import LEFT_THE_CUSTOMER, ROLE_FIELDS
from battlemap.deals.services.actions import ACTION_FIELDS, NOT_ON_ACCOUNT
from battlemap.people.forms import PersonChoiceField, VersionedForm, big_picker
from battlemap.people.models import Person
from battlemap.punctuation import list_separator

ALREADY_IN_DEAL = _("This person is in the deal already: change their part with Edit on their row.")
NOT_ON_THE_ACCOUNT = _(
    "This person is not on the account (deleted meanwhile?): choose someone from the list."
)


class StakeholderForm(VersionedForm):
    person = PersonChoiceField(Person.objects.none(), label=_("person"))
    roles = forms.MultipleChoiceField(
        label=_("buying roles"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    attitude = forms.ChoiceField(
        label=_("attitude"), choices=ATTITUDE_CHOICES, initial="unknown", widget=forms.RadioSelect
    )
    influence = forms.TypedChoiceField(label=_("influence"), coerce=int, initial=3, choices=ONE_TO_FIVE)
    relationship = forms.TypedChoiceField(
        label=_("relationship"), coerce=int, initial=0, choices=RELATIONSHIP_CHOICES
    )
    favoured_competitor = forms.CharField(label=_("favoured competitor"), required=False, max_length=200)
    personal_win = long_text(StakeholderRole, "personal_win", _("personal win in this deal"))
    plan = long_text(StakeholderRole, "plan", _("plan"))
    plan_channel = forms.ChoiceField(
        label=_("plan channel"), required=False, choices=[("", "—"), *PLAN_CHANNEL_CHOICES]
    )
    response_mode = forms.ChoiceField(
        label=_("response mode"), required=False, choices=[("", "—"), *RESPONSE_MODE_CHOICES]
    )
    plan_cadence_days = forms.IntegerField(
        label=_("contact every (days)"), required=False, min_value=1, max_value=vocab.CADENCE_MAX_DAYS
    )
    covered_by = UserChoiceField(
        get_user_model().objects.none(),
        label=_("covered by"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_ON_ACCOUNT},
    )

    def __init__(
        self, *args, deal: Deal, role: StakeholderRole | None = None, person: Person | None = None, **kwargs
    ):
        if role is not None and "initial" not in kwargs and not args:
            kwargs["initial"] = {
                "person": role.person_id,
                "roles": role.roles,
                "attitude": role.attitude,
                "influence": role.influence,
                "relationship": role.relationship,
                "favoured_competitor": role.favoured_competitor,
                "personal_win": role.personal_win,
                "plan": role.plan,
                "plan_channel": role.plan_channel,
                "plan_cadence_days": role.plan_cadence_days,
                "response_mode": role.response_mode,
                "covered_by": list(role.coverage.values_list("user_id", flat=True)),
                "version": role.version,
            }
        super().__init__(*args, **kwargs)
        self.deal = deal
        people = deal.account.people.order_by("name_key")
        if person is not None:
            people = people.filter(pk=person.pk)
            self.fields["person"].initial = person.pk
            self.fields["person"].widget = forms.HiddenInput()
        self.fields["person"].queryset = people
        if person is None and role is None:  # adding a role: a big account searches for the person
            big_picker(self, "person", deal.account)  # "this account has N people": all of them
            # who is in the deal already is changed from their row: picked here, the empty form overwrote their
            # role, or said someone else had changed it (a sales director's trial)
            # nor is someone who left the customer a new part of a deal (a fresh reviewer found them offered)
            self.fields["person"].queryset = people.exclude(deal_roles__deal=deal).exclude(status="left")
            self.adding = True
        self.fields["covered_by"].queryset = coverers(deal, person or (role.person if role else None))
        self.fields["version"].initial = self.fields["version"].initial or 0

    adding = False  # a new part in the deal: a person not offered is told why (`_why_not_offered`)

    def clean(self):
        data = super().clean()
        if self.adding and "person" in self.errors and self.data.get(self.add_prefix("person")):
            self.errors["person"] = self.error_class(
                [self._why_not_offered(self.data.get(self.add_prefix("person")))]
            )
        return data

    def _why_not_offered(self, value) -> str:
        """Why the person sent is not among those offered: in the deal already, left the customer, or not on the
        account at all — a person deleted in another tab, or any other id, had been told "in the deal already"
        (a new user's trial)."""
        wanted = asked_id(str(value).strip())  # an id; anything else ("²" too) is nobody on the account
        found = self.deal.account.people.filter(pk=wanted).first() if wanted is not None else None
        if found is None:
            return str(NOT_ON_THE_ACCOUNT)
        if found.deal_roles.filter(deal=self.deal).exists():
            return str(ALREADY_IN_DEAL)
        return str(LEFT_THE_CUSTOMER)

    def role_choices(self):
        """(checkbox, help) pairs so each role shows what it means."""
        return [(box, ROLE_HELP.get(box.data["value"], "")) for box in self["roles"]]

    def attitude_choices(self):
        return [(radio, ATTITUDE_HELP.get(radio.data["value"], "")) for radio in self["attitude"]]

    def role_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in ROLE_FIELDS}


class StageForm(VersionedForm):
    stage = forms.ChoiceField(label=_("stage"), choices=STAGE_OPTIONS)
    note = forms.CharField(label=_("note"), required=False)


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("action"), max_length=text_limit(ActionItem, "text"))
    person = PersonChoiceField(Person.objects.none(), label=_("about"), required=False)
    owner = OneUserField(get_user_model().objects.none(), label=_("owner"), required=False)
    # typed as written: 2026/12/31, 2026年12月31日 …, or without the year: 12月20日 is the next 20 December
    due = ComingDayFormField(label=_("due"), required=False)

    def __init__(self, *args, deal: Deal, **kwargs):
        # its own ids: the deal room also holds the role form, whose person field would be id_person too
        kwargs.setdefault("auto_id", "action_%s")
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = deal.account.people.order_by("name_key")
        big_picker(self, "person", deal.account)
        self.fields["owner"].queryset = editors_of(deal.account)
        self.fields["owner"].help_text = _("Empty: you.")


class ActionItemEditForm(ActionItemForm, VersionedForm):
    """Edit an action item: text, about whom, who does it (a teammate), due day, done."""

    done = forms.BooleanField(label=_("done"), required=False)

    def __init__(self, *args, deal: Deal, item=None, **kwargs):
        if item is not None and (not args or args[0] is None):
            kwargs["initial"] = {
                "text": item.text,
                "person": item.person_id,
                "owner": item.owner_id,
                "due": item.due,
                "done": item.done,
                "version": item.version,
            }
        super().__init__(*args, deal=deal, **kwargs)
        self.fields["owner"].help_text = ""
        if item is not None and item.owner_id is not None:
            # its owner stays a choice though deactivated or off the account since (marked so): a save that
            # leaves them keeps them (actions.action_item_update checks only a new owner)
            editors = editors_of(deal.account).values("pk")
            self.fields["owner"].queryset = (
                get_user_model()
                ._default_manager.filter(Q(pk__in=editors) | Q(pk=item.owner_id))
                .order_by("username")
            )

    def item_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in ACTION_FIELDS}


_deal_fields = fields_for_model(
    Deal,
    formfield_callback=limited_formfield,
    fields=[
        "name",
        "amount",
        "currency",
        "expected_close",
        "stage",
        "customer_win",
        "our_win",
        "metrics",
        "paper_process",
        "compelling_event",
        "compelling_event_on",
    ],
    # the days are typed in text boxes (core.dates.DayInput: 2026/12/31, 2026年12月31日 …), the amount in one
    # too (core.money.AmountInput: 1,200,000, 120万, 1.2亿 …)
    widgets={
        "compelling_event": forms.Textarea(attrs={"rows": 2}),
        "customer_win": forms.Textarea(attrs={"rows": 2}),
        "our_win": forms.Textarea(attrs={"rows": 2}),
        "metrics": forms.Textarea(attrs={"rows": 2}),
        "paper_process": forms.Textarea(attrs={"rows": 2}),
    },
)
_deal_fields[
    "stage"
].choices = STAGE_OPTIONS  # sentence case in the select, as everywhere a stage starts a cell
DealForm = type("DealForm", (forms.Form,), dict(_deal_fields))


# what separates names in a typed list: commas of either width, the Chinese list mark 、 and semicolons
# (`华为云，阿里云、 腾讯云` is three names)
_NAME_SEPARATORS = re.compile(r"[,，、;；]")


def _names(text: str) -> list[str]:
    return [c.strip() for c in _NAME_SEPARATORS.split(text or "") if c.strip()]


class DealDetailsForm(AmountFormMixin, VersionedForm, DealForm):
    """A deal's facts: name, amount, close date, competitors, the two wins, the customer's decision
    factors with weights (one number per factor) and information channels per stage (ticks per stage).
    `deal` given: the edit form (stage moves in the deal room, not here)."""

    competitors_text = forms.CharField(
        label=_("competitors"),
        required=False,
        help_text=_("Separate names with commas, 、 or semicolons."),
    )
    another_deal = forms.BooleanField(
        required=False, label=_("Create a new deal all the same: another deal with this name")
    )

    def __init__(self, *args, deal: Deal | None = None, account=None, **kwargs):
        if deal is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(deal, name) for name in _deal_fields},
                "competitors_text": list_separator(active_language()).join(
                    deal.competitors or []
                ),  # 华为云、阿里云
                "version": deal.version,
                **{f"factor_{k}": v for k, v in (deal.decision_factors or {}).items()},
                **{f"channels_{k}": v for k, v in (deal.channels or {}).items()},
            }
        super().__init__(*args, **kwargs)
        self.deal, self.account = deal, account
        self.duplicates: list[Deal] = []  # a new deal's name already in the account
        if deal is not None:
            del self.fields["stage"], self.fields["another_deal"]
        self.fields["currency"].widget.attrs["size"] = 4
        for code, name in DECISION_FACTOR_CHOICES:
            self.fields[f"factor_{code}"] = forms.IntegerField(
                label=name,
                required=False,
                min_value=0,
                max_value=FACTOR_WEIGHT_MAX,
                widget=forms.NumberInput(attrs={"size": 4}),
            )
        for code, name in STAGE_CHOICES:
            self.fields[f"channels_{code}"] = forms.MultipleChoiceField(
                label=name, required=False, choices=CHANNEL_CHOICES, widget=forms.CheckboxSelectMultiple
            )

    def main_fields(self):
        return [
            self[n]
            for n in self.fields
            if not n.startswith(("factor_", "channels_")) and n not in ("version", "another_deal")
        ]

    def clean(self):
        """A new deal whose name is already the name of a deal of the account (`selectors.deals_named`) is
        refused on `name` until `another_deal` is ticked: the form shows those deals to open instead."""
        data = super().clean()
        if self.deal is None and self.account is not None and not data.get("another_deal"):
            self.duplicates = deals_named(account=self.account, name=data.get("name") or "")
            if self.duplicates:
                self.add_error(
                    "name", _("Already in this account: open that deal, or tick below to add another.")
                )
        return data

    def factor_fields(self):
        return [self[n] for n in self.fields if n.startswith("factor_")]

    def channel_fields(self):
        return [self[n] for n in self.fields if n.startswith("channels_")]

    def deal_fields(self) -> dict:
        data = {n: v for n, v in self.cleaned_data.items() if n in _deal_fields}
        data["competitors"] = _names(self.cleaned_data.get("competitors_text", ""))
        data["decision_factors"] = {
            code: self.cleaned_data[f"factor_{code}"]
            for code, _name in DECISION_FACTOR_CHOICES
            if self.cleaned_data.get(f"factor_{code}")
        }
        stored = (self.deal.channels if self.deal is not None else None) or {}
        data["channels"] = {
            code: _in_stored_order(stored.get(code) or [], self.cleaned_data[f"channels_{code}"])
            for code, _name in STAGE_CHOICES
            if self.cleaned_data.get(f"channels_{code}")
        }
        return data


def _in_stored_order(stored: list[str], ticked: list[str]) -> list[str]:
    """The channels ticked, those stored before in their stored order, then the new ones: ticks come in the
    boxes' order, and a save that changed none of them rewrote the list an API client had written — history
    then blamed the seller for a change they never made (a team's trial)."""
    return [c for c in stored if c in ticked] + [c for c in ticked if c not in stored]


# The service's names of the form's fields, so its errors appear next to them.
DEAL_FORM_FIELDS = {
    "competitors": "competitors_text",
    "decision_factors": "factor_price",
    "channels": "channels_need_recognition",
}
DealCreateForm = DealDetailsForm


class DealCloseForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=[(c, n) for c, n in DEAL_STATUS_CHOICES if c != "open"],
        widget=forms.RadioSelect,
    )
    close_reason = forms.CharField(
        label=_("why it was won or lost"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=text_limit(Deal, "close_reason"),
    )
    lost_to = forms.CharField(
        label=_("competitor who won"),
        required=False,
        max_length=text_limit(Deal, "lost_to"),
        help_text=_("For a lost deal: who won it (leave empty if nobody did)."),
    )
    close_actions = forms.BooleanField(
        label=_("Close its open action items too"), required=False, initial=True
    )


class DealReopenForm(VersionedForm):
    reopen_reason = forms.CharField(
        label=_("why it is reopened"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=text_limit(Deal, "reopen_reason"),
        help_text=_("What changed: the customer came back, the budget was approved, the winner dropped out…"),
    )


class PersonDealForm(forms.Form):
    """From a person's page: add them to a deal with their buying roles, attitude and influence."""

    # no empty choice: the page offers the form only when there is a deal to join, and the first open one is picked
    deal = forms.ModelChoiceField(Deal.objects.none(), label=_("deal"), empty_label=None)
    roles = forms.MultipleChoiceField(
        label=_("buying roles"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    attitude = forms.ChoiceField(label=_("attitude"), choices=ATTITUDE_CHOICES, initial="unknown")
    influence = forms.TypedChoiceField(label=_("influence"), coerce=int, initial=3, choices=ONE_TO_FIVE)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        deals = person.account.deals.exclude(roles__person=person)
        self.fields["deal"].queryset = deals.order_by(Case(When(status="open", then=0), default=1), "name")
        self.fields["deal"].label_from_instance = lambda deal: deal.name

    def role_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in ("roles", "attitude", "influence")}
