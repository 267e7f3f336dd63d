"""Logging an interaction: when, what kind, who took part (the customer's people and ours)."""

from __future__ import annotations

import unicodedata
from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.core.access import editors_of
from battlemap.core.api import asked_id
from battlemap.core.choices import ATTITUDE_CHOICES, INTERACTION_KIND_CHOICES, ONE_TO_FIVE
from battlemap.core.dates import ComingDayFormField, DayFormField
from battlemap.core.forms import long_text
from battlemap.core.models import text_limit
from battlemap.deals.colleagues import OneUserField, UserChoiceField, our_people
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.io.dates import time_of_day
from battlemap.people import forms as people_forms
from battlemap.people.forms import PeopleChoiceField, PersonChoiceField, VersionedForm, big_picker
from battlemap.people.models import Person
from battlemap.people.selectors import matching, people_like

# a time of day typed in the time box, as files' time columns are read (io.dates.time_of_day): 14:30, 9:30,
# 14:30:00, 9:30 PM, 下午2:30, 14点30, 下午2点半, 下午两点, 十点一刻, 2pm, noon, 14h30; full-width digits and colon too (１４：３０). 0930 (no colon) is not read.
NOT_A_TIME = _(
    "%(time)s is not a time of day: give it as 14:30, on the 24-hour clock (9:30, 下午2:30 and 下午2点半 are read too)."
)


class TimeInput(forms.TextInput):
    """A text box for a time of day, beside the day box (core.dates.DayInput), not the browser's time box
    (laid out by the browser's language: hh:mm AM/PM in an English browser). Shows 14:30."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"placeholder": "HH:MM", "autocomplete": "off", "size": 6}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        return value.strftime("%H:%M") if isinstance(value, time) else super().format_value(value)


class TimeFormField(forms.TimeField):
    """A time of day typed as `io.dates.time_of_day` reads it; one it cannot read is refused naming it."""

    widget = TimeInput

    def to_python(self, value: Any) -> time | None:
        if not isinstance(value, str):
            return super().to_python(value)
        text = " ".join(unicodedata.normalize("NFKC", value).split())
        if not text:
            return None
        try:
            return time_of_day(text)
        except ValueError:
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise ValidationError(NOT_A_TIME, code="invalid", params={"time": shown}) from None


class DealChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class InteractionForm(VersionedForm):
    # the meeting form lists people in its own participant table (an attitude each); this one, on a big
    # account, in the people picker (people.forms.big_picker)
    participant_table = False

    # the day box (core.dates: 2026/11/20, 2026年11月20日 …) and the time box beside it; clean() makes them one
    # moment in the installation's time zone (an all-day event has no time box: see __init__)
    occurred_at = DayFormField(label=_("date"))
    occurred_time = TimeFormField(label=_("time"))
    kind = forms.ChoiceField(label=_("kind"), choices=INTERACTION_KIND_CHOICES, initial="meeting")
    deal = DealChoiceField(Deal.objects.none(), label=_("deal"), required=False)
    people = PeopleChoiceField(
        Person.objects.none(), label=_("their people"), required=False, widget=forms.CheckboxSelectMultiple
    )
    our_people = UserChoiceField(
        Person.objects.none(), label=_("our people"), required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = long_text(Interaction, "summary", _("summary"), rows=3)
    outcome = long_text(Interaction, "outcome", _("outcome"))
    next_step = forms.CharField(
        label=_("next step"), required=False, max_length=text_limit(Interaction, "next_step")
    )

    def __init__(self, *args, account, interaction: Interaction | None = None, **kwargs):
        if interaction is not None and (not args or args[0] is None):
            local = timezone.localtime(interaction.occurred_at)
            kwargs["initial"] = {
                "occurred_at": local.date(),
                "occurred_time": local.time(),
                "kind": interaction.kind,
                "deal": interaction.deal_id,
                "people": list(interaction.participants.values_list("person_id", flat=True)),
                "our_people": list(interaction.our_participants.values_list("user_id", flat=True)),
                "summary": interaction.summary,
                "outcome": interaction.outcome,
                "next_step": interaction.next_step,
                "version": interaction.version,
            }
        kwargs.setdefault("initial", {})
        now = timezone.localtime()
        kwargs["initial"].setdefault("occurred_at", now.date())
        kwargs["initial"].setdefault("occurred_time", now.time())
        super().__init__(*args, **kwargs)
        self.stored = interaction.occurred_at if interaction is not None else None
        self.all_day = interaction is not None and interaction.all_day
        if self.all_day:  # the day alone: its stored time (09:00, io.mail.calendar) is no time of the event
            del self.fields["occurred_time"]
            self.fields["occurred_at"].help_text = Interaction._meta.get_field("all_day").verbose_name
        self.fields["deal"].queryset = account.deals.order_by("name")
        people = account.people.filter(status="active")
        if interaction is not None:  # someone who took part and has left since stays ticked
            people = account.people.filter(Q(status="active") | Q(participations__interaction=interaction))
        self.fields["people"].queryset = people.distinct().order_by("name_key")
        self.fields["our_people"].queryset = our_people(account, interaction)
        if not self.participant_table:
            big_picker(self, "people", account, active=True)

    def clean(self):
        """The day and the time typed, one moment in the installation's time zone. Saved untouched (the day
        and the hour and minute shown), an interaction keeps its stored moment, seconds included. An all-day
        event keeps its day's stored time of day (the form shows the day alone): moved, it moves to the same
        time on the new day."""
        data = super().clean()
        day = data.get("occurred_at")
        if day is None:
            return data
        if self.all_day:
            shown = timezone.localtime(self.stored)
            data["occurred_at"] = datetime.combine(day, shown.timetz())
            return data
        at = data.get("occurred_time")
        if at is None:
            data.pop("occurred_at", None)  # the time box says why; no moment without it
            return data
        typed = datetime.combine(day, at)
        if self.stored is not None and typed == timezone.localtime(self.stored).replace(
            second=0, microsecond=0, tzinfo=None
        ):
            data["occurred_at"] = self.stored
            return data
        try:
            data["occurred_at"] = from_current_timezone(typed)
        except ValidationError as error:  # a time the clocks skip or repeat that day
            self.add_error("occurred_time", error)
        return data

    def interaction_fields(self) -> dict:
        """The cleaned data as interactions.services.interaction_create takes it."""
        data = dict(self.cleaned_data)
        data["participants"] = data.pop("people")
        data["our_participants"] = data.pop("our_people")
        data.pop("version", None)
        return {k: v for k, v in data.items() if k in INTERACTION_FORM_FIELDS}


INTERACTION_FORM_FIELDS = (
    "occurred_at",
    "kind",
    "deal",
    "participants",
    "our_participants",
    "summary",
    "outcome",
    "next_step",
)
UNCHANGED = [("", _("— unchanged —"))]
# a person met for the first time has no attitude to keep: blank reads "not known", as their influence does
# (and "unknown", the same thing said as a value, is not offered twice)
NOT_KNOWN = [("", _("— not known —"))]
NEW_PERSON_ATTITUDES = NOT_KNOWN + [(code, name) for code, name in ATTITUDE_CHOICES if code != "unknown"]


class CaptureForm(InteractionForm):
    """After a meeting, one form: the interaction, the attitude of each person who took part (in the
    meeting's deal), a person met for the first time, and the next step as an action item. Above
    people.forms.PICKER_LIMIT active people it lists only the chosen and searches for the others."""

    participant_table = True

    new_name = forms.CharField(label=_("met for the first time: name"), required=False, max_length=200)
    # shown once the name is refused as already on the map (interactions.capture.MET_ALREADY_ON_MAP)
    new_another_person = forms.BooleanField(
        required=False, label=_("Add a new person all the same: another person with this name")
    )
    new_title = forms.CharField(label=_("title"), required=False, max_length=200)
    new_attitude = forms.ChoiceField(label=_("attitude"), required=False, choices=NEW_PERSON_ATTITUDES)
    # blank unless the user rates it: no influence is set for them (interactions.capture.meeting_capture)
    new_influence = forms.TypedChoiceField(
        label=_("influence"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[*NOT_KNOWN, *ONE_TO_FIVE],
    )
    make_action = forms.BooleanField(
        label=_("make the next step an action item"),
        required=False,
        # an action item belongs to a deal: ticked when a deal is chosen, unticked when it is cleared
        # (app.js), until the user ticks or unticks it themselves
        widget=forms.CheckboxInput(attrs={"data-ticked-with": "deal"}),
    )
    action_owner = OneUserField(get_user_model().objects.none(), label=_("owner"), required=False)
    # typed as the deal room's action item's due day is (deals.forms.ActionItemForm): 12月20日 is the next one
    action_due = ComingDayFormField(label=_("due"), required=False)
    action_person = PersonChoiceField(Person.objects.none(), label=_("about"), required=False)

    def __init__(self, *args, account, user=None, search: str | None = None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("make_action", bool(kwargs["initial"].get("deal")))
        kwargs["initial"].setdefault("action_owner", getattr(user, "pk", None))
        super().__init__(*args, account=account, **kwargs)
        self.fields["action_owner"].queryset = editors_of(account)
        people = self.fields["people"].queryset
        self.fields["action_person"].queryset = people
        self.people_count = people.count()
        self.picker = search is not None or self.people_count > people_forms.PICKER_LIMIT
        if self.picker:  # a big account: list only who is ticked or in the deal; search for the others
            people = self._matches(people, search) if search is not None else self._listed(people, account)
            choices = [(p.pk, self.fields["people"].label_from_instance(p)) for p in people]
            self.fields["people"].widget.choices = choices
            self.fields["action_person"].widget.choices = [("", "---------"), *choices]
            # a person added by search joins this list at once (battlemap/app.js)
            self.fields["action_person"].widget.attrs["data-follows"] = "people"
        self.listed = people
        for person in people:
            self.fields[f"attitude_{person.pk}"] = forms.ChoiceField(
                label=_("attitude"), required=False, choices=UNCHANGED + list(ATTITUDE_CHOICES)
            )

    def _listed(self, people, account):
        """The people the form lists on a big account: those ticked (or given an attitude), the chosen deal's
        stakeholders, and those the name typed for a person met for the first time would duplicate (refused
        as already on the map: listed to be ticked instead)."""
        if self.is_bound:
            ids = set(self.data.getlist(self.add_prefix("people")))
            ids |= {k.removeprefix("attitude_") for k in self.data if k.startswith("attitude_")}
            typed = self.data.get(self.add_prefix("new_name")) or ""
            ids |= {str(p.pk) for p in people_like(account=account, name=typed)} if typed.strip() else set()
        else:
            ids = {str(v) for v in self.initial.get("people") or []}
        deal_id = asked_id(self["deal"].value())
        stakeholders = Q(deal_roles__deal_id=deal_id) if deal_id is not None else Q(pk=None)
        picked = [pk for pk in map(asked_id, ids) if pk is not None]
        return list(people.filter(Q(pk__in=picked) | stakeholders).distinct())

    def _matches(self, people, search: str):
        """At most PICKER_MATCHES people matching `search` (name, pinyin, title, email)."""
        return list(matching(people, search)[: people_forms.PICKER_MATCHES]) if search.strip() else []

    def participant_rows(self):
        """(checkbox, person, attitude field, current attitude) for each person who may have taken part."""
        current = {}
        deal_id = asked_id(self["deal"].value())
        if deal_id is not None:
            current = {r.person_id: r for r in StakeholderRole.objects.filter(deal_id=deal_id)}
        people = {p.pk: p for p in self.listed}
        rows = []
        for box in self["people"]:
            pk = int(str(box.data["value"]))
            rows.append((box, people[pk], self[f"attitude_{pk}"], current.get(pk)))
        rows.sort(key=lambda row: row[3] is None)  # the deal's stakeholders first, each group by name
        return rows

    def name_on_map(self) -> bool:
        """The new person's name was refused as already on the map: the form offers `new_another_person`."""
        return self.has_error("new_name", "already_on_map") or bool(self["new_another_person"].value())

    def _roles_seen(self) -> dict[int, int]:
        """{person id: the version of their part in the chosen deal as the form showed it (0: none)}, from the
        rows' `seen_<id>` ("deal id:version"; a row shown for another deal than the one sent says nothing)."""
        deal = self.cleaned_data.get("deal")
        seen = {}
        for name, value in self.data.items():
            pk, _sep, version = str(value).partition(":")
            if name.startswith("seen_") and deal is not None and pk == str(deal.pk) and version.isdigit():
                person = name.removeprefix("seen_")
                if person.isdigit() and len(person) < 12 and len(version) < 12:
                    seen[int(person)] = int(version)
        return seen

    def capture_fields(self) -> dict:
        """The cleaned data as interactions.capture.meeting_capture takes it."""
        data = self.cleaned_data
        new_person = None
        if data["new_name"].strip():
            new_person = {"name": data["new_name"].strip(), "title": data["new_title"].strip()}
            new_person["attitude"] = data["new_attitude"]
            new_person["influence"] = data["new_influence"]
            new_person["another_person"] = data["new_another_person"]
        return {
            **self.interaction_fields(),
            "attitudes": {
                int(name.removeprefix("attitude_")): value
                for name, value in data.items()
                if name.startswith("attitude_") and value
            },
            "roles_seen": self._roles_seen(),
            "new_person": new_person,
            "action": (
                {"owner": data["action_owner"], "due": data["action_due"], "person": data["action_person"]}
                if data["make_action"]
                else None
            ),
        }
