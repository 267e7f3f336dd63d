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


def query_language(request) -> str | None:
    """The language an API call's `?lang=` asks for (zh, zh-hans, zh-CN, en: `core.api.api_language`) as the
    site's code, when the site speaks it; else None (not sent, or a value the route's `lang` refuses)."""
    from battlemap.core.api import api_language

    value = request.GET.get("lang", "")
    code = api_language(value) if value.strip() else None
    return code if code in ("en", "zh-hans") else None


def activate_user_language(request, user, header_wins: bool = False) -> None:
    """Activate the language `user` chose (their profile), over the browser's preference; none chosen:
    the request's language stays. The web (below) and API calls (users.auth) both call it; on the API
    (`header_wins`) a `?lang=` the site speaks wins over all — every route answers in it, its 422 too, as its
    `Accept-Language` does (`?lang=en` left a pipeline's 422 in Chinese) —, then `Accept-Language`, when it names a
    language the site speaks, over the profile: a script asks for the language it parses (docs/api.md)."""
    if header_wins and (asked := query_language(request)) is not None:
        translation.activate(asked)
        request.LANGUAGE_CODE = asked
        return
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
