from django.urls import path

from battlemap.teams import views

urlpatterns = [
    path("teams/", views.team_list, name="teams"),
    path("teams/<slug:slug>/", views.team_detail, name="team_detail"),
    path("teams/<slug:slug>/warnings/", views.team_warnings, name="team_warnings"),
    path("teams/<slug:slug>/members/<int:membership_id>/role/", views.member_role, name="team_member_role"),
    path(
        "teams/<slug:slug>/members/<int:membership_id>/handover/",
        views.member_handover,
        name="team_member_handover",
    ),
    path(
        "teams/<slug:slug>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="team_member_remove",
    ),
]
