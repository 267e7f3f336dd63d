"""The few pages of the ground floor itself."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static

FAVICON = "battlemap/favicon.svg"  # every page's <link rel="icon"> (base.html, the admin's, the surveys')


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """/favicon.ico, which a browser asks for where no page names an icon (the API's JSON, a file): the app's."""
    return HttpResponseRedirect(static(FAVICON))
