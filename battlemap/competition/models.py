"""What we know of a competitor in one deal (issue 17, "Competitor view"): their strengths and weaknesses
as we see them and what they offered. Who favours them and the outcome are not stored here: they come
from the map (stakeholder roles, the deal's `lost_to` and `close_reason`). History keeps every edit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.models import Versioned, part_of
from battlemap.io.matching import match_name


class CompetitorNote(Versioned):
    deal = part_of("deals.Deal", "competitor_notes", _("deal"))
    name = models.CharField(_("competitor"), max_length=200)
    # the key competitors match on (io.matching.match_name): "华为云", "华为云 " and full-width variants are one
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    offer = models.TextField(_("what they offered"), blank=True, help_text=_("price, terms, scope"))

    class Meta:
        ordering = ["deal", "name_key"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "name_key"], name="one_note_per_competitor_per_deal")
        ]
        verbose_name = _("competitor note")
        verbose_name_plural = _("competitor notes")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name_key = match_name(self.name or "", person=False)
