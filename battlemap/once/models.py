"""A create form's one-time token, kept once it was used: which user used it and where its result is."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormToken(models.Model):
    """Written in the same transaction as the create it guards (once.services.guarded), so a second POST
    of the same form (a double click, a replayed request) finds it and is sent to the first result."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    result_url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="one_use_per_form_token")]
