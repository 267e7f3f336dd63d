"""API: who you are, and your API tokens (listing only; create and revoke on the settings page or CLI)."""

from __future__ import annotations

from ninja import Router

from battlemap.core.api import ERRORS, user_of
from battlemap.core.multilingual import active_language
from battlemap.users.models import ApiToken
from battlemap.users.schemas import MeOut, TokenOut

router = Router(tags=["you"])


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The user the token belongs to")
def me(request):
    user = user_of(request)
    profile = getattr(user, "profile", None)
    return {
        "username": user.get_username(),
        "language": (profile.language if profile and profile.language else active_language()) or "",
        "is_superuser": user.is_superuser,
        "teams": sorted(user.memberships.values_list("team__slug", flat=True)),
    }


@router.get(
    "/me/tokens", response={200: list[TokenOut], **ERRORS}, summary="Your API tokens (never their text)"
)
def my_tokens(request):
    return list(ApiToken.objects.filter(user=user_of(request)))
