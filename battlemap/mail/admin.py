from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battlemap.core.admin import ViewOnly
from battlemap.mail.models import IngestRun, MailItem, Suggestion


@admin.register(MailItem)
class MailItemAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("account", "occurred_at", "kind", "sender_email", "subject")
    list_filter = ("kind",)
    search_fields = ("uid", "sender_email", "subject")
    raw_id_fields = ("account", "interaction")


@admin.register(Suggestion)
class SuggestionAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("account", "kind", "email", "value", "state", "decided_by")
    list_filter = ("kind", "state")
    search_fields = ("email", "name", "value")


@admin.register(IngestRun)
class IngestRunAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("account", "created_at", "status", "created_by")
    list_filter = ("status",)
