"""Training: cases made from real accounts (the library's scenarios are files) and trainees' attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from battlemap.core.models import Versioned

CASE_PREFIX = "case-"  # a case's scenario key is "case-<id>"; the library's keys are file slugs


class Case(Versioned):
    """A training scenario made from a won or lost deal of a real account, anonymised (cases.py).

    `data` is a scenario in the library's format (docs/training.md) and holds nothing personal of the
    account it came from: no link back to it either. Seen by its maker and by the team it is shared with."""

    title = models.CharField(pgettext_lazy("scenario", "title"), max_length=200)
    data = models.JSONField(_("scenario"))
    outcome = models.CharField(_("outcome"), max_length=10)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_cases",
        verbose_name=_("made by"),
    )
    team = models.ForeignKey(
        "teams.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_cases",
        verbose_name=_("team"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("training case")
        verbose_name_plural = _("training cases")

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        return f"{CASE_PREFIX}{self.pk}"


class Attempt(Versioned):
    """One submitted map of a scenario by a trainee, with its score; `result` keeps every item with its
    reason (what the trainee sees of it depends on the attempt: see selectors.visible_result)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_attempts",
        verbose_name=_("trainee"),
    )
    scenario = models.CharField(_("scenario"), max_length=100, db_index=True)
    title = models.CharField(pgettext_lazy("scenario", "title"), max_length=200)
    number = models.PositiveSmallIntegerField(_("attempt"))
    lang = models.CharField(_("language"), max_length=10)
    submission = models.JSONField(_("submission"))
    result = models.JSONField(_("result"))
    percent = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scenario", "number"], name="one_attempt_number_per_scenario"
            )
        ]
        verbose_name = _("training attempt")
        verbose_name_plural = _("training attempts")

    def __str__(self) -> str:
        return f"{self.user} · {self.scenario} #{self.number}"
