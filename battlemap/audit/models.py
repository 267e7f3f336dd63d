"""The audit log: who viewed, exported, imported, erased or changed access to an account, and when.

An entry never holds the personal data it is about (an erasure names the person's id, not their name),
so erasing a person leaves the log as it is. Entries are kept `AUDIT_KEEP_DAYS` days
(`battlemap purge-audit`). Written only by `audit.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        IMPORT = "import", _("imported")
        ERASE = "erase", _("erased a person")
        ACCESS = "access", _("changed access")

    at = models.DateTimeField(_("when"), db_index=True)
    # a repeated view within the hour is counted on the hour's entry instead of a new one
    last_at = models.DateTimeField(_("last"))
    count = models.PositiveIntegerField(_("times"), default=1)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # kept as written: the log still says who after the user is removed; empty = the installation (CLI)
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    account = models.ForeignKey(
        "accounts.Account",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("account"),
    )
    account_slug = models.CharField(_("account"), max_length=100, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # what exactly, without personal data: "xlsx", "person 12", "team: east → (none)", "people: 40 rows"
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["account", "action", "actor", "at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action} {self.account_slug}"
