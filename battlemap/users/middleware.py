from __future__ import annotations

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def asked_language(request) -> str | None:
    """The language the request's `Accept-Language` header asks for, when the site speaks it; else None
    (no header, or only languages it does not speak)."""
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def activate_user_language(request, user, header_wins: bool = False) -> None:
    """Activate the language `user` chose (their profile), over the browser's preference; none chosen:
    the request's language stays. The web (below) and API tokens (users.auth) both call it; an API
    client's `Accept-Language` (`header_wins`), when it names a language the site speaks, wins over the
    profile: a script asks for the language it parses (docs/api.md)."""
    if header_wins and asked_language(request) is not None:
        return  # LocaleMiddleware has activated it already
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
