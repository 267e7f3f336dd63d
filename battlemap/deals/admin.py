from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battlemap.core.admin import ViewOnly
from battlemap.deals.models import ActionItem, Coverage, Deal, StageChange, StakeholderRole


@admin.register(Deal)
class DealAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "account", "stage", "status", "amount", "expected_close"]
    list_filter = ["stage", "status", "account"]
    search_fields = ["name"]


@admin.register(StageChange)
class StageChangeAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["deal", "stage", "changed_on", "by"]


@admin.register(StakeholderRole)
class StakeholderRoleAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["person", "deal", "roles", "attitude", "influence", "relationship"]
    list_filter = ["attitude", "deal__account"]
    raw_id_fields = ["person"]


@admin.register(Coverage)
class CoverageAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["stakeholder", "user"]


@admin.register(ActionItem)
class ActionItemAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["text", "deal", "person", "owner", "due", "done"]
    list_filter = ["done"]
    raw_id_fields = ["person"]
