from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battlemap.core.admin import ViewOnly
from battlemap.people.models import DottedLine, InfluenceLink, Person


@admin.register(Person)
class PersonAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "title", "account", "reports_to", "status", "external", "placeholder"]
    list_filter = ["account", "status", "external", "placeholder"]
    search_fields = ["name", "name_key", "email", "title"]
    raw_id_fields = ["reports_to", "org_unit"]


@admin.register(DottedLine)
class DottedLineAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["person", "manager"]
    raw_id_fields = ["person", "manager"]


@admin.register(InfluenceLink)
class InfluenceLinkAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["source", "target", "kind", "strength", "account"]
    list_filter = ["kind", "account"]
    raw_id_fields = ["source", "target"]
