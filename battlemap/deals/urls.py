from django.urls import path

from battlemap.deals import views, views_actions, views_pipeline

urlpatterns = [
    path("", views.home, name="home"),
    path("deals/", views_pipeline.pipeline_list, name="pipeline"),
    path("deals/export.xlsx", views_pipeline.pipeline_export, name="pipeline_export"),
    path("deals/quality/", views_pipeline.map_quality, name="map_quality"),
    path("accounts/<slug:slug>/deals/new/", views.deal_create, name="deal_new"),
    path("accounts/<slug:slug>/deals/<int:pk>/", views.deal_room, name="deal"),
    path("accounts/<slug:slug>/deals/<int:pk>/edit/", views.deal_edit, name="deal_edit"),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/qualification/",
        views.deal_qualification,
        name="deal_qualification",
    ),
    path("accounts/<slug:slug>/deals/<int:pk>/close/", views.deal_close, name="deal_close"),
    path("accounts/<slug:slug>/deals/<int:pk>/reopen/", views.deal_reopen, name="deal_reopen"),
    path("accounts/<slug:slug>/deals/<int:pk>/stage/", views.stage_move, name="deal_stage"),
    path("accounts/<slug:slug>/deals/<int:pk>/people/", views.stakeholder_edit, name="deal_role_new"),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/people/<int:person_id>/",
        views.stakeholder_edit,
        name="deal_role",
    ),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/people/<int:person_id>/remove/",
        views.stakeholder_remove,
        name="deal_role_remove",
    ),
    path("accounts/<slug:slug>/deals/<int:pk>/actions/", views_actions.action_add, name="deal_action_new"),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/actions/<int:item_id>/done/",
        views_actions.action_done,
        name="deal_action_done",
    ),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/actions/<int:item_id>/",
        views_actions.action_edit,
        name="deal_action_edit",
    ),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/actions/<int:item_id>/delete/",
        views_actions.action_delete,
        name="deal_action_delete",
    ),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/actions/<int:item_id>/restore/",
        views_actions.action_restore,
        name="deal_action_restore",
    ),
]
