"""Decision bodies (党委会, 总经理办公会, 评标委员会…) and the purchase process of a deal.

A body belongs to the account; its members are the account's people (`BodyMember`), one of them may
chair it. A body holds buying roles in a deal (`BodyRole`: "the 党委会 approves"), beside the people's
`deals.StakeholderRole`. A deal's purchase process is its ordered `ProcessStep`s, each with planned and
actual dates, a status, the body and the people responsible, and its documents (links or notes).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap import vocab
from battlemap.core.choices import (
    BODY_KIND_CHOICES,
    DECISION_RULE_CHOICES,
    PROCESS_STEP_CHOICES,
    STEP_STATUS_CHOICES,
)
from battlemap.core.dates import DayField
from battlemap.core.models import KeyedByName, Versioned, account_of, name_key_field, optional, part_of
from battlemap.core.multilingual import active_language
from battlemap.core.refusals import PERSON_OF_ANOTHER_ACCOUNT
from battlemap.deals.models import validate_roles
from battlemap.process.body_names import body_kind_shown

OTHER_ACCOUNT = _("This belongs to another account.")
DONE_IN_THE_FUTURE = _("A step cannot have been done on a day that has not come yet.")


def _same_account(errors: dict, field: str, obj, account_id: int | None) -> None:
    if obj is not None and account_id is not None and obj.account_id != account_id:
        errors[field] = OTHER_ACCOUNT


class DecisionBody(KeyedByName, Versioned):
    """A body of the customer that decides: its kind, who sits on it, who chairs it, how and when it decides."""

    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("decision_bodies")
    name = models.CharField(_("name"), max_length=200)
    name_key = name_key_field()
    kind = models.CharField(_("kind"), max_length=30, choices=BODY_KIND_CHOICES, default="other_body")
    chair = optional("people.Person", "chaired_bodies", _("chair"))
    decision_rule = models.CharField(
        _("decides by"), max_length=20, choices=DECISION_RULE_CHOICES, default="majority"
    )
    meets = models.CharField(_("when it meets"), max_length=200, blank=True)
    next_meeting = DayField(_("next meeting"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["account", "name_key", "id"]
        verbose_name = _("decision body")
        verbose_name_plural = _("decision bodies")

    @property
    def kind_shown(self) -> str:
        """The kind's label beside the name, "" when the name already says it (`process.body_names`)."""
        return body_kind_shown(self.name, self.kind, active_language())

    def clean(self) -> None:
        errors: dict = {}
        _same_account(errors, "chair", self.chair if self.chair_id else None, self.account_id)
        if errors:
            raise ValidationError(errors)


class BodyMember(Versioned):
    """A person of the account who sits on a decision body."""

    body = part_of(DecisionBody, "members", _("decision body"))
    person = part_of("people.Person", "body_seats", _("person"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="one_seat_per_person_per_body")
        ]
        ordering = ["body", "person__name_key"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")

    def clean(self) -> None:
        if self.body_id and self.person_id and self.person.account_id != self.body.account_id:
            raise ValidationError({"person": PERSON_OF_ANOTHER_ACCOUNT})


class BodyRole(Versioned):
    """A decision body's buying roles in one deal (the body's counterpart of a stakeholder role)."""

    deal = part_of("deals.Deal", "body_roles", _("deal"))
    body = part_of(DecisionBody, "deal_roles", _("decision body"))
    roles = models.JSONField(_("buying roles"), default=list, blank=True, validators=[validate_roles])
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deal", "body"], name="one_role_per_body_per_deal")]
        ordering = ["deal", "body__name_key"]
        verbose_name = _("body's role")
        verbose_name_plural = _("bodies' roles")

    def __str__(self) -> str:
        return f"{self.body} in {self.deal}"  # as a person's role reads (deals.models.StakeholderRole)

    def clean(self) -> None:
        if self.deal_id and self.body_id and self.body.account_id != self.deal.account_id:
            raise ValidationError({"body": OTHER_ACCOUNT})
        if isinstance(self.roles, list):
            self.roles = sorted(
                set(self.roles), key=lambda r: vocab.ROLES.index(r) if r in vocab.ROLES else 99
            )


class ProcessStep(Versioned):
    """One step of a deal's purchase process, in `position` order."""

    deal = part_of("deals.Deal", "process_steps", _("deal"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("step"), max_length=30, choices=PROCESS_STEP_CHOICES, default="other_step")
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("Leave empty to use the step's name.")
    )
    status = models.CharField(_("status"), max_length=20, choices=STEP_STATUS_CHOICES, default="planned")
    planned_on = DayField(_("planned date"), null=True, blank=True)
    done_on = DayField(_("actual date"), null=True, blank=True)
    body = optional(DecisionBody, "process_steps", _("responsible body"))
    documents = models.TextField(_("documents"), blank=True, help_text=_("Links or notes, one a line."))

    class Meta:
        ordering = ["deal", "position", "id"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")

    def __str__(self) -> str:
        return self.title()

    def title(self, lang: str | None = None) -> str:
        """The step's own name, else its kind's label (in `lang`, else the active language)."""
        if self.name:
            return self.name
        if lang is None:
            lang = active_language()
        return vocab.PROCESS_STEPS.label(self.kind, lang)

    def clean(self) -> None:
        errors: dict = {}
        if self.deal_id:
            _same_account(errors, "body", self.body if self.body_id else None, self.deal.account_id)
        if self.done_on and self.status not in vocab.STEP_FINISHED:
            errors["done_on"] = _("Only a step that is done or skipped has an actual date.")
        elif isinstance(self.done_on, date) and self.done_on > timezone.localdate():
            # the actual date is when it happened: never after today (the installation's day). Before the
            # planned date is a step done early, before the step was written down one entered late: both fine
            errors["done_on"] = DONE_IN_THE_FUTURE
        if errors:
            raise ValidationError(errors)


class StepPerson(Versioned):
    """A person of the account responsible for a process step."""

    step = part_of(ProcessStep, "responsible", _("process step"))
    person = part_of("people.Person", "process_steps", _("person"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["step", "person"], name="one_responsibility_per_pair")]
        verbose_name = _("person responsible")
        verbose_name_plural = _("people responsible")

    def clean(self) -> None:
        if self.step_id and self.person_id and self.person.account_id != self.step.deal.account_id:
            raise ValidationError({"person": PERSON_OF_ANOTHER_ACCOUNT})
