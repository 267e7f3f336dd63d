from django.urls import path

from battlemap.accounts import account_views, edit_views, history_views, views

urlpatterns = [
    path("accounts/", views.portfolio, name="portfolio"),
    path("accounts/new/", account_views.account_create, name="account_new"),
    path("accounts/new/slug/", account_views.account_slug, name="account_slug"),
    path("accounts/import/", account_views.account_import, name="account_import"),
    path("accounts/import/job/<str:token>/", account_views.account_import_job, name="account_import_job"),
    path("deleted-accounts/", account_views.accounts_deleted, name="accounts_deleted"),
    path("deleted-accounts/<slug:slug>/restore/", account_views.account_restore, name="account_restore"),
    path("accounts/<slug:slug>/", views.account_org, name="account"),
    path("accounts/<slug:slug>/edit/", account_views.account_edit, name="account_edit"),
    path("accounts/<slug:slug>/delete/", account_views.account_delete, name="account_delete"),
    path("accounts/<slug:slug>/handover/", account_views.account_handover, name="account_handover"),
    path("accounts/<slug:slug>/graph.json", views.account_graph, name="account_graph"),
    path("accounts/<slug:slug>/circle/", views.account_circle, name="account_circle"),
    path("accounts/<slug:slug>/chain/", views.account_chain, name="account_chain"),
    path("accounts/<slug:slug>/power/", views.account_power, name="account_power"),
    path("accounts/<slug:slug>/portrait/", views.account_portrait, name="account_portrait"),
    path("accounts/<slug:slug>/timeline/", views.account_timeline, name="account_timeline"),
    path("accounts/<slug:slug>/changes/", history_views.account_changes, name="account_changes"),
    path("accounts/<slug:slug>/as-of/", history_views.account_as_of, name="account_as_of"),
    path("accounts/<slug:slug>/deals/<int:pk>/changes/", history_views.account_changes, name="deal_changes"),
    path("accounts/<slug:slug>/reports-to/", edit_views.reparent, name="account_reparent"),
    path("accounts/<slug:slug>/portrait/edit/", edit_views.portrait_edit, name="account_portrait_edit"),
    path("accounts/<slug:slug>/portrait/show/", edit_views.portrait_view, name="account_portrait_show"),
    path("accounts/<slug:slug>/factors/add/", edit_views.factor_add, name="account_factor_add"),
    path("accounts/<slug:slug>/factors/<int:pk>/", edit_views.factor_edit, name="account_factor_edit"),
    path(
        "accounts/<slug:slug>/factors/<int:pk>/delete/",
        edit_views.factor_delete,
        name="account_factor_delete",
    ),
]
