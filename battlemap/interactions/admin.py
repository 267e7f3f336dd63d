from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from battlemap.interactions.models import Interaction, OurParticipant, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    raw_id_fields = ["person"]
    extra = 0


class OurParticipantInline(admin.TabularInline):
    model = OurParticipant
    extra = 0


@admin.register(Interaction)
class InteractionAdmin(SimpleHistoryAdmin):
    list_display = ["occurred_at", "kind", "account", "deal", "summary", "source"]
    list_filter = ["kind", "source", "account"]
    date_hierarchy = "occurred_at"
    inlines = [ParticipantInline, OurParticipantInline]


admin.site.register(Participant, SimpleHistoryAdmin)
admin.site.register(OurParticipant, SimpleHistoryAdmin)
