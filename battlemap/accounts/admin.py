from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit


@admin.register(Account)
class AccountAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "lifecycle", "owner", "team"]
    list_filter = ["lifecycle", "team"]
    search_fields = ["name", "name_key", "slug"]


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "account", "parent"]
    list_filter = ["account"]


@admin.register(ExternalFactor)
class ExternalFactorAdmin(SimpleHistoryAdmin):
    list_display = ["description", "kind", "effect", "account"]
    list_filter = ["kind", "account"]
