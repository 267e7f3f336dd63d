from __future__ import annotations

from django.utils import translation


def activate_user_language(request, user) -> None:
    """Activate the language `user` chose (their profile), over the browser's preference; none chosen:
    the request's language stays. The web (below) and API tokens (users.auth) both call it."""
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    if profile is not None and profile.language:
        translation.activate(profile.language)
        request.LANGUAGE_CODE = profile.language


class UserLanguageMiddleware:
    """Activates the language a signed-in user chose (their profile), over the browser's preference."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            activate_user_language(request, user)
        return self.get_response(request)
