from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What Django's user lacks: the language the user chose (remembered across devices)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.language or '-'})"


class ApiToken(models.Model):
    """A personal access token for the JSON API. Only a SHA-256 digest is stored; the token is shown once.

    A token reads `bm_<prefix>_<secret>`; the prefix is kept in clear so a user can tell tokens apart and
    so the lookup needs no scan, the digest is compared in constant time.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(max_length=64, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    # "revoked at", not "revoked": that msgid is the state word (the surveys' links, the tokens page)
    revoked = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # reads only (a report or BI tool): any other method is refused, 403 (users.auth.BearerToken)
    read_only = models.BooleanField(_("read only"), default=False)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
