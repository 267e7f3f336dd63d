"""Errors as a reader sees them: the 403 page (urls.py's `handler403`), in the app's look and the user's
language, with the reason when it is one of ours and a way back; and a ValidationError said in one line
(`validation_message`) for the places that have no form to put it beside its field."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from battlemap.punctuation import clauses, labelled


def permission_denied(request, exception=None):
    """Ours: a PermissionDenied raised with a translated (lazy) message, e.g. `ONLY_OWNER_HANDS_OVER`;
    shown in the reader's language. Anything else (the admin's bare refusals, Django's own English
    reasons) gets the general explanation."""
    message = exception.args[0] if exception is not None and exception.args else None
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match else None
    back = None
    if request.path.startswith("/admin/"):
        back = (reverse("admin:index"), _("Back to the admin"))
    elif slug and request.path.startswith("/accounts/"):
        # a 403 (not a 404) means the reader may see the account
        back = (reverse("account", args=[slug]), _("Back to the account"))
    return render(
        request,
        "403.html",
        {"reason": message if isinstance(message, Promise) else None, "back": back},
        status=403,
    )


def validation_message(exc) -> str:
    """A ValidationError as one line in the active language that names each field, punctuated as the language
    writes it (`battlemap.punctuation`): `slug: “login” is reserved…; name: …` / `slug：……；name：……`."""
    if hasattr(exc, "error_dict"):
        lang = get_language() or "en"
        return clauses(lang, (labelled(lang, k, " ".join(v)) for k, v in exc.message_dict.items()))
    return " ".join(exc.messages)
