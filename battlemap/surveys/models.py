"""Asking the customer (seed 000: 访谈法 and 问卷调查; seeds 000 and 002: satisfaction after the purchase).

A `Questionnaire` (decision factors or satisfaction) is sent to named people of an account; each gets
a `SurveyLink`, a personal link that opens without login: only the SHA-256 of its token is stored, it
expires, can be revoked and is answered once (`SurveyResponse`, with the consent text the respondent
agreed to). An `Interview` is a guided conversation saved as an interview interaction; the map updates
its answers imply are `Proposal`s the seller accepts or dismisses. History keeps every row.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import choices_of
from battlemap.core.dates import day_text
from battlemap.core.models import Versioned, account_of, optional, part_of
from battlemap.people.erased import is_erased
from battlemap.vocab import BUYING_ROLES, STAGES, SURVEY_KINDS

LANGUAGES = (("zh-hans", "中文"), ("en", "English"))


class Questionnaire(Versioned):
    account = account_of("questionnaires")
    deal = optional("deals.Deal", "questionnaires", _("deal"))
    kind = models.CharField(_("kind"), max_length=20, choices=choices_of(SURVEY_KINDS))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {day_text(self.created_at)}"


class SurveyLink(Versioned):
    """One person's link to a questionnaire. The token itself is never stored, only its hash."""

    questionnaire = part_of(Questionnaire, "links", _("questionnaire"))
    person = part_of("people.Person", "survey_links", _("person"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES, default="zh-hans")
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("questionnaire link")
        verbose_name_plural = _("questionnaire links")

    def __str__(self) -> str:
        return f"{self.questionnaire} → {self.person}"

    @property
    def state(self) -> str:
        """answered / revoked / expired / open. While its account is deleted a link is "revoked" whatever it was
        (its form would take answers for an account nobody can see, and the seller could not revoke it);
        restoring the account gives it back as it was. An open link of a person whose data was erased is
        "revoked" too: nothing new is recorded about them (`people.erased.is_erased`; it had taken a new answer,
        stored for the placeholder). Reads `questionnaire.account` and `person`: select them with the link."""
        if self.questionnaire.account.deleted_at is not None:
            return "revoked"
        if self.answered_at is None and is_erased(self.person):
            return "revoked"
        if self.answered_at is not None:
            return "answered"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


def _rating(label):  # noqa: ANN001
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )


class SurveyResponse(Versioned):
    """The answers of one link: `ratings` {code: 1..5} of decision factors or satisfaction areas,
    `nps` 0..10 (satisfaction), a comment, and the consent text shown to the respondent."""

    link = models.OneToOneField(
        SurveyLink, on_delete=models.CASCADE, related_name="response", verbose_name=_("link")
    )
    account = account_of("survey_responses")
    person = part_of("people.Person", "survey_responses", _("person"))
    deal = optional("deals.Deal", "survey_responses", _("deal"))
    kind = models.CharField(_("kind"), max_length=20, choices=choices_of(SURVEY_KINDS))
    ratings = models.JSONField(_("ratings"), default=dict)
    nps = _rating(_("recommendation (0–10)"))
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    consent_text = models.TextField(_("consent"))
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-id"]
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")

    def __str__(self) -> str:
        return f"{self.person} {day_text(self.answered_at)}"


class Interview(Versioned):
    """A guided interview (by buying role and decision-chain stage), saved as an interview interaction."""

    interaction = models.OneToOneField(
        "interactions.Interaction",
        on_delete=models.CASCADE,
        related_name="interview",
        verbose_name=_("interaction"),
    )
    account = account_of("interviews")
    role = models.CharField(_("buying role"), max_length=20, choices=choices_of(BUYING_ROLES))
    stage = models.CharField(_("stage"), max_length=20, choices=choices_of(STAGES))
    answers = models.JSONField(_("answers"), default=dict)  # question code → answer

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return str(self.interaction)


class Proposal(Versioned):
    """A map update an interview implies, for the seller to accept (through the people and deals
    services) or dismiss."""

    class Kind(models.TextChoices):
        NEW_PERSON = "new_person", _("new person named")
        DECIDES = "decides", _("also decides")
        ATTITUDE = "attitude", _("attitude")
        FACTORS = "factors", _("decision factors")

    class State(models.TextChoices):
        OPEN = "open", _("waiting for a decision")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")

    interview = part_of(Interview, "proposals", _("interview"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    person = optional("people.Person", "+", _("person"))
    payload = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)

    class Meta:
        ordering = ["id"]
        verbose_name = _("proposed update")
        verbose_name_plural = _("proposed updates")
