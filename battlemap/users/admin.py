from django.contrib import admin

from battlemap.core.admin import ViewOnly
from battlemap.users.models import Profile


@admin.register(Profile)
class ProfileAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["user", "language"]
