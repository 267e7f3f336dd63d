from django.contrib import admin

from battlemap.audit.models import AuditEntry
from battlemap.core.admin import ViewOnly


@admin.register(AuditEntry)
class AuditEntryAdmin(ViewOnly, admin.ModelAdmin):
    """Administrators read the log of every account here; nobody edits it (`battlemap purge-audit` trims it)."""

    list_display = ["at", "actor_name", "account_slug", "action", "detail"]
    list_filter = ["action", "via"]
    search_fields = ["actor_name", "account_slug"]
    date_hierarchy = "at"
