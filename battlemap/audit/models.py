"""The audit log: who viewed, exported, imported, erased or changed access to an account, and when.

An entry never holds the personal data it is about (an erasure names the person's id, not their name),
so erasing a person leaves the log as it is. Entries are kept `AUDIT_KEEP_DAYS` days
(`battlemap purge-audit`). Written only by `audit.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from battlemap.core.dates import moment_text

# What an entry is about (`what`), shown in the reader's language with the entry's `params`.
WHAT = {
    "file": _("%(format)s file"),
    "person": _("person %(id)s"),
    "people_file": ngettext_lazy("people file, %(rows)s row", "people file, %(rows)s rows", "rows"),
    "mail": ngettext_lazy(
        "mail and calendar archives, %(new)s new record",
        "mail and calendar archives, %(new)s new records",
        "new",
    ),
    "deleted": _("account deleted (restorable for %(days)s days)"),
    "restored": _("account restored"),
    "purged": _("account removed for good with its history (deleted more than %(days)s days before)"),
    "map_file": _("map file (new account)"),
    "owner": _("owner %(before)s → %(after)s"),
    "team": _("team %(before)s → %(after)s"),
    "member_joined": _("%(member)s joined team %(team)s as %(role)s"),
    "member_role": _("%(member)s of team %(team)s: %(before)s → %(after)s"),
    "member_left": _("%(member)s left team %(team)s"),
}
VIA = {"api": pgettext_lazy("audit", "API"), "cli": pgettext_lazy("audit", "command line")}
ROLE_PARAMS = ("role", "before", "after")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        IMPORT = "import", _("imported")
        ERASE = "erase", _("erased a person")
        ACCESS = "access", _("changed access")

    # a view: the first of the hour (later views of the same user in that hour make no new entry)
    at = models.DateTimeField(_("when"), db_index=True)
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
    action = models.CharField(pgettext_lazy("audit", "action"), max_length=10, choices=Action.choices)
    # what exactly (a WHAT code and its parameters), never with a customer person's data
    what = models.CharField(pgettext_lazy("audit", "about"), max_length=30, blank=True)
    params = models.JSONField(_("details"), default=dict, blank=True)
    via = models.CharField(_("through"), max_length=10, blank=True)  # web, api, cli

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["account", "action", "actor", "at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{moment_text(self.at)} {self.actor_name or '-'} {self.action} {self.account_slug}"

    @property
    def detail(self) -> str:
        """What exactly, in the active language: "xlsx file · API", "person 12", "owner alice → bob"."""
        text = ""
        if self.what in WHAT:
            params = dict(self.params)
            if isinstance(params.get("format"), str):
                params["format"] = params["format"].upper()
            if self.what.startswith("member_"):
                from battlemap.teams.models import Membership  # the role's label

                for key in ROLE_PARAMS:
                    if params.get(key) in Membership.Role.values:
                        params[key] = Membership.Role(params[key]).label
            try:
                text = str(WHAT[self.what] % params)  # a plural (ngettext_lazy) picks its form here
            except (KeyError, TypeError, ValueError):
                text = self.what
        via = VIA.get(self.via)
        return " · ".join(str(p) for p in (text, via) if p)
