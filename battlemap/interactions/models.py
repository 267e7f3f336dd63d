from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.choices import INTERACTION_KIND_CHOICES, INTERACTION_SOURCE_CHOICES
from battlemap.core.dates import MomentField, day_text
from battlemap.core.models import Versioned, account_of, optional, part_of
from battlemap.core.refusals import DEAL_OF_ANOTHER_ACCOUNT


class Interaction(Versioned):
    history_by_account = True  # its history indexed by account and time (core.models.MapHistory)
    account = account_of("interactions")
    deal = optional("deals.Deal", "interactions", _("deal"))
    occurred_at = MomentField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=INTERACTION_KIND_CHOICES, default="meeting")
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=INTERACTION_SOURCE_CHOICES, default="manual"
    )
    source_ref = models.CharField(_("source reference"), max_length=500, blank=True)
    # a calendar's all-day event (a date, no time): `occurred_at` holds 09:00 of that day in TIME_ZONE, no
    # meeting time (io.mail.calendar)
    all_day = models.BooleanField(_("all day"), default=False)

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
        return f"{self.get_kind_display()} {day_text(self.occurred_at)}"

    def clean(self) -> None:
        errors = {}
        if self.deal_id and self.deal.account_id != self.account_id:
            errors["deal"] = DEAL_OF_ANOTHER_ACCOUNT
        if self.source_ref and (taken := self._source_ref_taken()):
            # the constraint's own message named no field (an integrator's trial): say which interaction has it
            errors["source_ref"] = SOURCE_REF_TAKEN % {
                "id": taken.pk,
                "day": day_text(taken.occurred_at),
            }
        if errors:
            raise ValidationError(errors)

    def _source_ref_taken(self) -> Interaction | None:
        others = Interaction.objects.filter(account_id=self.account_id, source_ref=self.source_ref)
        return others.exclude(pk=self.pk).only("pk", "occurred_at").first()


SOURCE_REF_TAKEN = _(
    "The interaction of %(day)s (id %(id)s) already has this source reference: one record of a mail, calendar or "
    "CRM is logged once. Change that interaction, or give another reference."
)


class Participant(Versioned):
    """A customer-side person who took part."""

    interaction = part_of(Interaction, "participants", _("interaction"))
    person = part_of("people.Person", "participations", _("person"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "person"], name="one_participation_per_person")
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")


class OurParticipant(Versioned):
    """Someone on our side who took part."""

    interaction = part_of(Interaction, "our_participants", _("interaction"))
    user = part_of(settings.AUTH_USER_MODEL, verbose_name=_("user"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "user"], name="one_our_participation_per_user")
        ]
        verbose_name = _("our participant")
        verbose_name_plural = _("our participants")
