from django.contrib import admin

from battlemap.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Administrators read the log of every account here; nobody edits it (`battlemap purge-audit` trims it)."""

    list_display = ["at", "actor_name", "account_slug", "action", "detail"]
    list_filter = ["action", "via"]
    search_fields = ["actor_name", "account_slug"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
