"""The settings page for API tokens: create one (its text shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from battlemap.core.messages import named
from battlemap.users.models import ApiToken
from battlemap.users.services import MAX_EXPIRY_DAYS, token_create, token_revoke, token_revoke_all
from battlemap.users.tokens import token_state


def _parse_days(raw: str) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({"expires": _("Give the number of days, or leave it empty.")}) from None


@login_required
def token_settings(request):
    """GET: the user's tokens. POST: create one and show its text this once (never stored, never again);
    with `revoke_all`: revoke every token that still works ("Revoke all")."""
    new_token, errors, form = None, {}, {"name": "", "expires": "", "read_only": False}
    if request.method == "POST" and "revoke_all" in request.POST:
        n = token_revoke_all(user=request.user)
        messages.success(request, ngettext("%(n)s token revoked.", "%(n)s tokens revoked.", n) % {"n": n})
        return redirect("tokens")
    if request.method == "POST":
        form = {
            "name": request.POST.get("name", ""),
            "expires": request.POST.get("expires", ""),
            "read_only": bool(request.POST.get("read_only")),
        }
        try:
            new_token = token_create(
                user=request.user,
                name=form["name"],
                expires_in_days=_parse_days(form["expires"]),
                read_only=form["read_only"],
            )
            form = {"name": "", "expires": "", "read_only": False}
        except ValidationError as exc:
            errors = {field: msgs[0] for field, msgs in exc.message_dict.items()}
    tokens = [(t, token_state(t)) for t in ApiToken.objects.filter(user=request.user)]
    status = 422 if errors else 200
    return render(
        request,
        "users/tokens.html",
        {
            "tokens": tokens,
            "new_token": new_token,
            "errors": errors,
            "form": form,
            "max_days": MAX_EXPIRY_DAYS,
            "any_active": any(state == "active" for _token, state in tokens),
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke_view(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)  # another user's token: 404
    token_revoke(token=token)
    messages.success(request, named(_("Token “%(name)s” revoked."), name=token.name))
    return redirect("tokens")
