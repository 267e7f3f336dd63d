"""The user's own settings forms."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's password change (the current password, then the new one twice), the current password checked
    as the login page checks one: through `authenticate()` with the request, so django-axes counts a wrong one
    towards LOGIN_FAILURE_LIMIT for the user's name and the address (users.throttle) and refuses every try
    while the lock lasts, answering 429. Django's own form compares it with `check_password`, which nothing
    throttles: a fresh reviewer, signed in, guessed 30 passwords in 7 s and then changed it (docs/security.md)."""

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        self.request = request
        super().__init__(request.user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.get_username(), password=old) is None:
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old
