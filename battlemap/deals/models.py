from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap import vocab
from battlemap.analysis.actions import overdue
from battlemap.core.choices import (
    ATTITUDE_CHOICES,
    DEAL_STATUS_CHOICES,
    PLAN_CHANNEL_CHOICES,
    RELATIONSHIP_CHOICES,
    RESPONSE_MODE_CHOICES,
    STAGE_CHOICES,
)
from battlemap.core.dates import DayField, in_range
from battlemap.core.models import Named, Versioned, account_of, check_text_list, optional, part_of
from battlemap.core.money import AmountField, CurrencyField
from battlemap.core.refusals import PERSON_OF_ANOTHER_ACCOUNT
from battlemap.io.matching import names_by_key

# A deal's expected close is a day a seller plans for: not before CLOSE_FIRST (a "1900-01-01" is a typing slip or
# an export's empty date), nor more than CLOSE_YEARS_AHEAD years after today. The model's rule, so the forms,
# the API, the CLI and the map import all refuse it, naming the field (docs/editing.md).
CLOSE_FIRST = date(2000, 1, 1)
CLOSE_YEARS_AHEAD = 10
CLOSE_OUT_OF_RANGE = _("Give an expected close between %(first)s and %(last)s.")
# A decision factor's weight is a whole number from 0 to FACTOR_WEIGHT_MAX (a share in percent, as the
# deal's edit form types it): the model's rule, read by the form and the API schema alike, so a weight the
# API wrote never stops the web form from saving.
FACTOR_WEIGHT_MAX = 100
# A deal's competitors: each name at most COMPETITOR_MAX characters (as the one who won it, `lost_to`), at most
# COMPETITORS_MAX of them. The model's rule (core.models.check_text_list), read by the API schema (deals.schemas.DealIn)
# and so by the map import: what one road takes, the others take back.
COMPETITOR_MAX = 200
COMPETITORS_MAX = 50
FACTORS_INVALID = _("Decision factors map a known factor to a whole-number weight from 0 to %(most)s.")


def factor_weight(value: object) -> int | None:
    """A weight as stored: a whole number from 0 to FACTOR_WEIGHT_MAX (20.0 is 20); None if it is none."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= FACTOR_WEIGHT_MAX:
        return None
    return value


def close_last(today: date | None = None) -> date:
    """The latest expected close accepted: CLOSE_YEARS_AHEAD years after today (28 February for 29 February)."""
    today = today or timezone.localdate()
    year = today.year + CLOSE_YEARS_AHEAD
    return (
        today.replace(year=year, day=28) if (today.month, today.day) == (2, 29) else today.replace(year=year)
    )


class Deal(Named, Versioned):
    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("deals")
    name = models.CharField(_("name"), max_length=200)
    amount = AmountField(_("amount"))  # at most 15 digits, never negative: every road (core.money)
    currency = CurrencyField(_("currency"))
    expected_close = DayField(_("expected close"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DEAL_STATUS_CHOICES, default="open")
    stage = models.CharField(_("stage"), max_length=30, choices=STAGE_CHOICES, default="need_recognition")
    decision_factors = models.JSONField(_("decision factors"), default=dict, blank=True)
    channels = models.JSONField(_("information channels"), default=dict, blank=True)
    competitors = models.JSONField(_("competitors"), default=list, blank=True)
    customer_win = models.TextField(_("customer's business win"), blank=True)
    our_win = models.TextField(_("our win"), blank=True)
    metrics = models.TextField(_("metrics"), blank=True)  # MEDDPICC: the measurable result expected
    paper_process = models.TextField(_("paper process"), blank=True)  # MEDDPICC: how the contract is signed
    close_reason = models.TextField(_("why it was won or lost"), blank=True)
    lost_to = models.CharField(_("competitor who won"), max_length=COMPETITOR_MAX, blank=True)
    # an open deal that was closed: why it came back (history keeps each reopening's reason)
    reopen_reason = models.TextField(_("why it was reopened"), blank=True)
    compelling_event = models.TextField(
        _("compelling event"), blank=True, help_text=_("What forces the customer to decide by a date.")
    )
    compelling_event_on = DayField(_("compelling event date"), null=True, blank=True)

    class Meta:
        ordering = ["account", "name"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def clean(self) -> None:
        errors = {}
        factors = self.decision_factors
        if not isinstance(factors, dict) or any(
            k not in vocab.DECISION_FACTORS or factor_weight(v) is None for k, v in factors.items()
        ):
            errors["decision_factors"] = ValidationError(
                FACTORS_INVALID, code="factors", params={"most": FACTOR_WEIGHT_MAX}
            )
        else:
            self.decision_factors = {k: factor_weight(v) for k, v in factors.items()}
        channels = self.channels
        if not isinstance(channels, dict) or any(
            k not in vocab.STAGES or not isinstance(v, list) or any(c not in vocab.CHANNELS for c in v)
            for k, v in channels.items()
        ):
            errors["channels"] = _("Channels map a stage to a list of known channels.")
        if not isinstance(self.competitors, list) or not all(isinstance(c, str) for c in self.competitors):
            errors["competitors"] = _("Competitors must be a list of names.")
        else:  # each once, as the competitor view counts them: trimmed, the first spelling kept, blanks dropped
            self.competitors = list(names_by_key(self.competitors).values())
            try:
                check_text_list(
                    Deal, "competitors", self.competitors, longest=COMPETITOR_MAX, most=COMPETITORS_MAX
                )
            except ValidationError as error:
                errors.update(error.error_dict)
        if self.lost_to and self.status != "lost":
            errors["lost_to"] = _("Only a lost deal has a competitor who won it.")
        close = self.expected_close
        last = close_last()
        if (
            isinstance(close, date)
            and in_range(close)
            and not CLOSE_FIRST <= close <= last
            and not self._stored_expected_close(close)  # a stored date stays movable and closable
        ):
            errors["expected_close"] = ValidationError(
                CLOSE_OUT_OF_RANGE,
                code="date_range",
                params={"first": CLOSE_FIRST.isoformat(), "last": last.isoformat()},
            )
        if errors:
            raise ValidationError(errors)

    def _stored_expected_close(self, close: date) -> bool:
        """Whether `close` is what the database holds already (a deal saved before the range rule: its stage
        moves and closing must not fail on a field their forms do not show)."""
        return self.pk is not None and Deal.objects.filter(pk=self.pk, expected_close=close).exists()


class StageChange(Versioned):
    deal = part_of(Deal, "stage_changes", _("deal"))
    stage = models.CharField(_("stage"), max_length=30, choices=STAGE_CHOICES)
    changed_on = DayField(_("changed on"))
    note = models.TextField(_("note"), blank=True)
    by = optional(settings.AUTH_USER_MODEL, verbose_name=_("by"))

    class Meta:
        ordering = ["changed_on", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")


def validate_roles(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Roles must be a list of role codes."))
    unknown = [v for v in value if v not in vocab.ROLES]
    if unknown:
        raise ValidationError(
            _("Unknown role: %(roles)s. Known roles: %(known)s."),
            params={"roles": ", ".join(map(str, unknown)), "known": ", ".join(vocab.ROLES)},
            code="unknown_role",
        )


class StakeholderRole(Versioned):
    """A person's part in one deal: their buying roles, attitude, influence and our relationship."""

    deal = part_of(Deal, "roles", _("deal"))
    person = part_of("people.Person", "deal_roles", _("person"))
    roles = models.JSONField(_("buying roles"), default=list, blank=True, validators=[validate_roles])
    attitude = models.CharField(_("attitude"), max_length=20, choices=ATTITUDE_CHOICES, default="unknown")
    influence = models.PositiveSmallIntegerField(
        _("influence"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    relationship = models.PositiveSmallIntegerField(
        _("relationship"), choices=RELATIONSHIP_CHOICES, default=0, validators=[MaxValueValidator(4)]
    )
    favoured_competitor = models.CharField(_("favoured competitor"), max_length=200, blank=True)
    personal_win = models.TextField(_("personal win in this deal"), blank=True)
    plan = models.TextField(_("plan"), blank=True)  # the message: what we want this person to hear
    plan_channel = models.CharField(
        _("plan channel"), max_length=20, choices=PLAN_CHANNEL_CHOICES, blank=True
    )
    response_mode = models.CharField(
        _("response mode"), max_length=20, choices=RESPONSE_MODE_CHOICES, blank=True
    )
    plan_cadence_days = models.PositiveSmallIntegerField(
        _("contact every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(vocab.CADENCE_MAX_DAYS)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deal", "person"], name="one_role_per_person_per_deal")
        ]
        ordering = ["deal", "person__name_key"]
        verbose_name = _("stakeholder role")
        verbose_name_plural = _("stakeholder roles")

    def __str__(self) -> str:
        return f"{self.person} in {self.deal}"

    def clean(self) -> None:
        if self.person_id and self.deal_id and self.person.account_id != self.deal.account_id:
            raise ValidationError({"person": PERSON_OF_ANOTHER_ACCOUNT})
        if isinstance(self.roles, list):
            self.roles = sorted(
                set(self.roles), key=lambda r: vocab.ROLES.index(r) if r in vocab.ROLES else 99
            )


class Coverage(Versioned):
    """Who on our side covers a stakeholder."""

    stakeholder = part_of(StakeholderRole, "coverage", _("stakeholder"))
    user = part_of(settings.AUTH_USER_MODEL, verbose_name=_("covered by"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stakeholder", "user"], name="one_coverage_per_pair")]
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")

    def __str__(self) -> str:
        return f"{self.user.get_username()} → {self.stakeholder}"  # who covers whom, as the API names users


class ActionItemQuerySet(models.QuerySet):
    def still_open(self) -> ActionItemQuerySet:
        """The items still to do: not done, whatever became of their deal. A won or lost deal's items left open
        are after-sale work left open on purpose (the close form's tick that marks them done is optional), so
        This week, the handover, the deactivation warning and the deal room list them alike; This week had left
        them out, even overdue."""
        return self.filter(done=False)


class ActionItem(Versioned):
    deal = part_of(Deal, "action_items", _("deal"))
    person = optional("people.Person", "action_items", _("about"))
    owner = optional(settings.AUTH_USER_MODEL, verbose_name=_("owner"))
    due = DayField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    text = models.TextField(_("action"))

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["done", "due", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_overdue(self) -> bool:
        """Not done and due before today (the installation's day): the one rule, analysis.overdue."""
        return overdue(self.due, self.done, timezone.localdate())

    def clean(self) -> None:
        if self.person_id and self.deal_id and self.person.account_id != self.deal.account_id:
            raise ValidationError({"person": PERSON_OF_ANOTHER_ACCOUNT})
