from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battlemap.core.admin import ViewOnly
from battlemap.interactions.models import Interaction, OurParticipant, Participant


class ParticipantInline(ViewOnly, admin.TabularInline):
    model = Participant
    raw_id_fields = ["person"]
    extra = 0


class OurParticipantInline(ViewOnly, admin.TabularInline):
    model = OurParticipant
    extra = 0


@admin.register(Interaction)
class InteractionAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["occurred_at", "kind", "account", "deal", "summary", "source"]
    list_filter = ["kind", "source", "account"]
    date_hierarchy = "occurred_at"
    inlines = [ParticipantInline, OurParticipantInline]


class ParticipantAdmin(ViewOnly, SimpleHistoryAdmin):
    pass


admin.site.register(Participant, ParticipantAdmin)
admin.site.register(OurParticipant, ParticipantAdmin)
