"""Password rules: Django's validators (settings.AUTH_PASSWORD_VALIDATORS), one of them with its message mended."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length (settings: PASSWORD_MIN_LENGTH, default 10), its refusal said in the user's
    language. Django 5.2 words it with "%d" while its zh_Hans catalog translates the older "%(min_length)d"
    form, so a Chinese user read "This password is too short…" in English (web, API and `battlemap createuser`)."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: it must contain at least %(min_length)d character.",
            "This password is too short: it must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
