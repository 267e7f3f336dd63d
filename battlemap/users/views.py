from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from battlemap.users.forms import PasswordChangeForm
from battlemap.users.services import profile_language_set, user_password_set


@require_POST
def set_language(request):
    """Switch zh-hans ⇄ en; remembered on the user's profile (and in a cookie for the login page)."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    # back to a page of this site: a path, never a view name (redirect() would reverse "\r\nX-a:1") nor
    # a header break
    if (
        not next_url.startswith("/")
        or not next_url.isprintable()
        or not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    ):
        next_url = "/"
    if request.user.is_authenticated:
        profile_language_set(user=request.user, language=language)
    translation.activate(language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@login_required
def password_change(request):
    """Settings → Password: the current password (throttled as a login: users.forms), then the new one twice
    (Django's validators)."""
    form = PasswordChangeForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_password_set(user=request.user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc.message_dict["password"])
        else:
            update_session_auth_hash(request, request.user)  # this session stays signed in
            messages.success(request, _("Your password was changed."))
            return redirect("password_change")
    status = 400 if request.method == "POST" else 200
    return render(request, "users/password.html", {"form": form}, status=status)
