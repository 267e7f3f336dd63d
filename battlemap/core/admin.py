"""The admin is for users (teams/admin.py's `BattlemapUserAdmin`), login lockouts (Axes) and for looking:
map and app records are changed in the app, through the services (validation, audit, history reasons,
stage changes). `ViewOnly` makes a model admin (or an inline) read-only: its list, change page (read-only)
and history open; add, change, delete and a history "Revert" are refused (403)."""

from django.core.exceptions import PermissionDenied


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
