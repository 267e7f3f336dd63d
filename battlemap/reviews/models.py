"""A review of an account: who reviewed it on which day, optionally for one deal. Marks are only ever
added, so the list of marks is the review history (and simple-history keeps every row's changes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.dates import DayField
from battlemap.core.models import Versioned


class Review(Versioned):
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("account")
    )
    deal = models.ForeignKey(
        "deals.Deal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("deal"),
    )
    reviewed_on = DayField(_("reviewed on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.account_id} {self.reviewed_on}"
