"""Password rules: Django's validators (settings.AUTH_PASSWORD_VALIDATORS), one of them with its message mended,
and one of ours: no name of the user inside the password."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext


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


class NameInPasswordValidator:
    """Refuse a password that contains, in any case, the user's username, first name, last name or the part
    of their e-mail address before the @ — each when it has at least `min_length` (3) characters.
    Django's UserAttributeSimilarityValidator compares the whole password with them (a ratio of 0.7), so
    "rep2rep2rep2" for user rep2 (a ratio of 0.5) passed it. Every road runs it through Django's
    validate_password: `battlemap createuser` and the password page (users.services), the admin's new
    user and password forms."""

    def __init__(self, min_length: int = 3):
        self.min_length = min_length

    def _messages(self) -> dict[str, str]:
        return {
            "username": gettext("The password may not contain the user name."),
            "first_name": gettext("The password may not contain the first name."),
            "last_name": gettext("The password may not contain the last name."),
            "email": gettext("The password may not contain the part of the e-mail address before the @."),
        }

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        folded = password.casefold()
        for field, message in self._messages().items():
            value = (getattr(user, field, "") or "").strip()
            if field == "email":
                value = value.rpartition("@")[0] if "@" in value else ""
            if len(value) >= self.min_length and value.casefold() in folded:
                raise ValidationError(message, code="password_contains_name")

    def get_help_text(self) -> str:
        return gettext("Your password may not contain your user name, your name or your e-mail address.")
