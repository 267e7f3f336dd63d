from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.models import Versioned


class Team(Versioned):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Membership(Versioned):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        MANAGER = "manager", _("manager")

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.team} ({self.role})"


class WarningSettings(Versioned):
    """A team's own thresholds for the red flags of its accounts' deals (None: the analysis default).

    Read by `battlemap.maps` when it analyses an account shared with the team (`AnalysisSettings`
    fields of the same names; defaults and reasons in docs/analysis.md). History keeps every change.
    """

    team = models.OneToOneField(
        Team, on_delete=models.CASCADE, related_name="warning_settings", verbose_name=_("team")
    )
    stale_days = models.PositiveSmallIntegerField(
        _("days without contact before a relationship is stale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    close_slip_days = models.PositiveSmallIntegerField(
        _("days after the expected close before warning"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
    )
    stage_limit_days = models.JSONField(_("days allowed per stage"), default=dict, blank=True)

    class Meta:
        verbose_name = _("warning settings")
        verbose_name_plural = _("warning settings")

    def __str__(self) -> str:
        return f"{self.team} warnings"

    def clean(self) -> None:
        from battlemap.vocab import STAGES

        limits = self.stage_limit_days or {}
        if not isinstance(limits, dict):
            raise ValidationError({"stage_limit_days": _("Give days per stage.")})
        for stage, days in limits.items():
            if stage not in STAGES.codes or not isinstance(days, int) or not 0 <= days <= 365:
                raise ValidationError(
                    {
                        "stage_limit_days": _("%(stage)s: give whole days from 0 (no limit) to 365.")
                        % {"stage": stage}
                    }
                )

    def overrides(self) -> dict:
        """The `AnalysisSettings` fields this team changes, e.g. {"stale_days": 30, "stage_limit_days": {...}}."""
        found: dict = {}
        if self.stale_days is not None:
            found["stale_days"] = self.stale_days
        if self.close_slip_days is not None:
            found["close_slip_days"] = self.close_slip_days
        if self.stage_limit_days:
            found["stage_limit_days"] = dict(self.stage_limit_days)
        return found
