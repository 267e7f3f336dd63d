"""Comments on a deal or a person of an account, with @mentions of teammates (seed 003: the map is built
and used by the team together). History keeps every comment, also after it is deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from battlemap.core.models import Versioned

MAX_COMMENT_CHARS = 4000


class Comment(Versioned):
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="comments", verbose_name=_("account")
    )
    deal = models.ForeignKey(
        "deals.Deal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("deal"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("person"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments", verbose_name=_("author")
    )
    body = models.TextField(_("comment"), max_length=MAX_COMMENT_CHARS)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in", verbose_name=_("mentions")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deal__isnull=False) | models.Q(person__isnull=False),
                name="comment_has_a_subject",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]
