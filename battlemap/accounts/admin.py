from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.accounts.services import account_restore
from battlemap.core.admin import ViewOnly


class DeletedFilter(admin.SimpleListFilter):
    title = _("deletion state")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", _("Deleted (restorable)")), ("no", _("Not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.action(description=_("Restore the selected deleted accounts"))
def restore_accounts(modeladmin, request, queryset):
    restored = [
        account_restore(slug=a.slug, by=request.user).slug for a in queryset.filter(deleted_at__isnull=False)
    ]
    modeladmin.message_user(
        request,
        ngettext("%(n)d account restored.", "%(n)d accounts restored.", len(restored)) % {"n": len(restored)},
        messages.SUCCESS,
    )


@admin.register(Account)
class AccountAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "slug", "lifecycle", "owner", "team", "deleted_at"]
    list_filter = [DeletedFilter, "lifecycle", "team"]
    search_fields = ["name", "name_key", "slug"]
    readonly_fields = ["deleted_at"]
    actions = [restore_accounts]


@admin.register(OrgUnit)
class OrgUnitAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "account", "parent"]
    list_filter = ["account"]


@admin.register(ExternalFactor)
class ExternalFactorAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["description", "kind", "effect", "account"]
    list_filter = ["kind", "account"]
