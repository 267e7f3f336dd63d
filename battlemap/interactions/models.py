from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import INTERACTION_KIND_CHOICES, INTERACTION_SOURCE_CHOICES
from battlemap.core.models import Versioned


class Interaction(Versioned):
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="interactions", verbose_name=_("account")
    )
    deal = models.ForeignKey(
        "deals.Deal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("deal"),
    )
    occurred_at = models.DateTimeField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=INTERACTION_KIND_CHOICES, default="meeting")
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=INTERACTION_SOURCE_CHOICES, default="manual"
    )
    source_ref = models.CharField(_("source reference"), max_length=500, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="one_interaction_per_source_ref",
            )
        ]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    def clean(self) -> None:
        if self.deal_id and self.deal.account_id != self.account_id:
            raise ValidationError({"deal": _("This deal belongs to another account.")})


class Participant(Versioned):
    """A customer-side person who took part."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="participants", verbose_name=_("interaction")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="participations", verbose_name=_("person")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "person"], name="one_participation_per_person")
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")


class OurParticipant(Versioned):
    """Someone on our side who took part."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="our_participants", verbose_name=_("interaction")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "user"], name="one_our_participation_per_user")
        ]
        verbose_name = _("our participant")
        verbose_name_plural = _("our participants")
