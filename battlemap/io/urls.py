from django.urls import path

from . import views, views_export

app_name = "io"

urlpatterns = [
    path("accounts/<slug:slug>/io/import/", views.import_upload, name="import"),
    path("accounts/<slug:slug>/io/import/confirm/", views.import_confirm, name="import_confirm"),
    path("accounts/<slug:slug>/io/import/recheck/", views.import_recheck, name="import_recheck"),
    path("accounts/<slug:slug>/io/import/job/<str:token>/", views.import_job, name="import_job"),
    path(
        "accounts/<slug:slug>/io/import/job/<str:token>/retry/",
        views.import_job_retry,
        name="import_job_retry",
    ),
    path("accounts/<slug:slug>/io/import/<str:import_id>/undo/", views.import_undo, name="import_undo"),
    path("accounts/<slug:slug>/io/export/<str:fmt>/", views_export.export_download, name="export"),
    path("accounts/<slug:slug>/io/export/job/<str:token>/", views_export.export_job, name="export_job"),
    path(
        "accounts/<slug:slug>/io/export/job/<str:token>/file/", views_export.export_file, name="export_file"
    ),
    path(
        "accounts/<slug:slug>/io/export/job/<str:token>/retry/",
        views_export.export_job_retry,
        name="export_job_retry",
    ),
]
