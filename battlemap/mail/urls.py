from django.urls import path

from battlemap.mail import views

urlpatterns = [
    path("accounts/<slug:slug>/mail/", views.insights, name="mail"),
    path("accounts/<slug:slug>/mail/upload/", views.upload, name="mail_upload"),
    path("accounts/<slug:slug>/mail/runs/<int:run_id>/retry/", views.run_retry, name="mail_run_retry"),
    path("accounts/<slug:slug>/mail/<int:suggestion_id>/decide/", views.decide, name="mail_decide"),
    path("accounts/<slug:slug>/mail/accept-above/", views.accept_above, name="mail_accept_above"),
    path("accounts/<slug:slug>/mail/undo/", views.undo_batch, name="mail_undo_batch"),
    path("accounts/<slug:slug>/mail/refresh/", views.refresh, name="mail_refresh"),
    path("accounts/<slug:slug>/mail/runs/", views.runs, name="mail_runs"),
]
