"""The admin is for users (teams/admin.py's `BattlemapUserAdmin`), login lockouts (Axes) and for looking:
map and app records are changed in the app, through the services (validation, audit, history reasons,
stage changes). `ViewOnly` makes a model admin (or an inline) read-only: its list, change page (read-only)
and history open; add, change, delete and a history "Revert" are refused (403).

The admin is the administrators' (superusers') only (`AdminSite`): Django lets any staff user in with the model
permissions given to them, and the model admins read every account's records past the app's access gate — a
trial gave a sales manager staff status with "view person" and "change user" so he could add users: he read
every account's people and made himself a superuser."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied


class AdminSite(admin.AdminSite):
    """Django's admin site, open to active superusers only: staff status and model permissions do not open it."""

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class BattlemapAdminConfig(AdminConfig):
    """`django.contrib.admin` with `AdminSite` as its site (Django's documented `default_site`)."""

    default_site = "battlemap.core.admin.AdminSite"


class ViewOnly:
    """Mix into every app's ModelAdmin / SimpleHistoryAdmin / inline, before the admin class."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if getattr(request, "_history_version", False):
            # simple_history's page of an old version builds an editable form: show every field as text
            return [
                f.name for f in self.model._meta.get_fields() if f.concrete and (f.editable or f.many_to_many)
            ]
        return super().get_readonly_fields(request, obj)

    def history_form_view(self, request, *args, **kwargs):
        # simple_history saves a POSTed "Revert" form without asking has_change_permission
        if request.method != "GET":
            raise PermissionDenied
        request._history_version = True
        return super().history_form_view(request, *args, **kwargs)
