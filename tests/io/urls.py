"""The project's URLs plus the io app's (until the lead mounts them in battlemap/urls.py)."""

from django.urls import include, path

from battlemap.urls import urlpatterns as project_urls

urlpatterns = [path("", include("battlemap.io.urls")), *project_urls]
