"""Forms of decision bodies and the purchase process. The services validate; views show errors by the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import (
    BODY_KIND_CHOICES,
    DECISION_RULE_CHOICES,
    PROCESS_STEP_CHOICES,
    PROCESS_TEMPLATE_CHOICES,
    ROLE_CHOICES,
    STEP_STATUS_CHOICES,
)
from battlemap.core.dates import DayFormField
from battlemap.core.forms import long_text
from battlemap.core.models import text_limit
from battlemap.deals.models import Deal
from battlemap.people.forms import (
    PeopleChoiceField,
    PersonChoiceField,
    QuickSelectMultiple,
    VersionedForm,
    big_picker,
)
from battlemap.people.models import Person
from battlemap.process.models import BodyRole, DecisionBody, ProcessStep
from battlemap.process.services import BODY_FIELDS, BODY_ROLE_FIELDS, STEP_FIELDS


class BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DecisionBody) -> str:
        return obj.name


class BodyForm(VersionedForm):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=BODY_KIND_CHOICES)
    decision_rule = forms.ChoiceField(label=_("decides by"), choices=DECISION_RULE_CHOICES)
    chair = PersonChoiceField(Person.objects.none(), label=_("chair"), required=False)
    members = PeopleChoiceField(
        Person.objects.none(),
        label=_("members"),
        required=False,
        widget=QuickSelectMultiple(attrs={"size": 8}),
        help_text=_("People of the account who sit on it; the chair sits on it too."),
    )
    meets = forms.CharField(
        label=_("when it meets"),
        required=False,
        max_length=200,
        help_text=_("e.g. the first Tuesday of the month"),
    )
    next_meeting = DayFormField(label=_("next meeting"), required=False)
    notes = long_text(DecisionBody, "notes", _("notes"))

    def __init__(self, *args, account, body: DecisionBody | None = None, **kwargs):
        if body is not None and "initial" not in kwargs and not (args and args[0] is not None):
            kwargs["initial"] = {
                **{name: getattr(body, name) for name in BODY_FIELDS if name != "chair"},
                "chair": body.chair_id,
                "members": list(body.members.values_list("person_id", flat=True)),
                "version": body.version,
            }
        super().__init__(*args, **kwargs)
        people = account.people.order_by("name_key")
        self.fields["chair"].queryset = people
        self.fields["members"].queryset = people
        big_picker(self, "chair", account)
        big_picker(self, "members", account)

    def body_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in BODY_FIELDS}


class BodyRoleForm(VersionedForm):
    """A decision body's buying roles and note in this deal. Without `role`: the deal room's form that gives
    a body its part, offering the bodies that have none yet (a stale page's pick of one that has is still
    read, and refused by the service naming the body). With `role`: its edit page, prefilled, the body fixed."""

    body = BodyChoiceField(DecisionBody.objects.none(), label=_("decision body"))
    roles = forms.MultipleChoiceField(
        label=_("buying roles"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("note"), required=False, max_length=text_limit(BodyRole, "note"))

    def __init__(self, *args, deal: Deal, role: BodyRole | None = None, **kwargs):
        kwargs.setdefault("auto_id", "bodyrole_%s")
        if role is not None:
            kwargs["initial"] = {
                "body": role.body_id,
                "roles": role.roles,
                "note": role.note,
                "version": role.version,
            }
        super().__init__(*args, **kwargs)
        bodies = DecisionBody.objects.filter(account_id=deal.account_id)
        self.fields["body"].queryset = bodies
        if role is not None:
            self.fields["body"].disabled = True
        else:
            free = bodies.exclude(deal_roles__deal=deal)
            self.fields["body"].choices = [("", "---------"), *((b.pk, b.name) for b in free)]
        self.fields["version"].initial = self.fields["version"].initial or 0

    def role_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in BODY_ROLE_FIELDS}


class StepForm(VersionedForm):
    kind = forms.ChoiceField(label=_("step"), choices=PROCESS_STEP_CHOICES)
    name = forms.CharField(
        label=_("name"), required=False, max_length=200, help_text=_("Leave empty to use the step's name.")
    )
    status = forms.ChoiceField(label=_("status"), choices=STEP_STATUS_CHOICES, initial="planned")
    planned_on = DayFormField(label=_("planned date"), required=False)
    done_on = DayFormField(label=_("actual date"), required=False)
    body = BodyChoiceField(DecisionBody.objects.none(), label=_("responsible body"), required=False)
    people = PeopleChoiceField(
        Person.objects.none(),
        label=_("people responsible"),
        required=False,
        widget=QuickSelectMultiple(attrs={"size": 5}),
    )
    documents = long_text(
        ProcessStep, "documents", _("documents"), help_text=_("Links or notes, one a line.")
    )
    position = forms.IntegerField(label=_("position"), required=False, min_value=0, max_value=999)

    def __init__(self, *args, deal: Deal, step: ProcessStep | None = None, **kwargs):
        kwargs.setdefault("auto_id", "step_%s")
        if step is not None and not (args and args[0] is not None):
            kwargs["initial"] = {
                **{n: getattr(step, n) for n in STEP_FIELDS if n != "body"},
                "body": step.body_id,
                "people": list(step.responsible.values_list("person_id", flat=True)),
                "version": step.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = DecisionBody.objects.filter(account_id=deal.account_id)
        self.fields["people"].queryset = deal.account.people.order_by("name_key")
        big_picker(self, "people", deal.account)
        if step is None:  # a new step: planned, placed last
            for name in ("status", "done_on", "documents", "position"):
                del self.fields[name]

    def step_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in STEP_FIELDS if n in self.cleaned_data}


class TemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("process template"), choices=PROCESS_TEMPLATE_CHOICES)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "tpl_%s")
        super().__init__(*args, **kwargs)
