from django.urls import path

from battlemap.process import views

D = "accounts/<slug:slug>/deals/<int:pk>"
urlpatterns = [
    path("accounts/<slug:slug>/bodies/", views.bodies, name="bodies"),
    path("accounts/<slug:slug>/bodies/new/", views.body_new, name="body_new"),
    path("accounts/<slug:slug>/bodies/<int:body_id>/", views.body_edit, name="body"),
    path("accounts/<slug:slug>/bodies/<int:body_id>/delete/", views.body_delete, name="body_delete"),
    path("accounts/<slug:slug>/bodies/<int:body_id>/restore/", views.body_restore, name="body_restore"),
    path(f"{D}/bodies/", views.body_role_set, name="deal_body_role"),
    path(f"{D}/bodies/<int:body_id>/", views.body_role_edit, name="deal_body_role_edit"),
    path(f"{D}/bodies/<int:body_id>/remove/", views.body_role_remove, name="deal_body_role_remove"),
    path(f"{D}/process/", views.step_add, name="deal_step_new"),
    path(f"{D}/process/template/", views.steps_template, name="deal_steps_template"),
    path(f"{D}/process/<int:step_id>/", views.step_edit, name="deal_step"),
    path(f"{D}/process/<int:step_id>/delete/", views.step_delete, name="deal_step_delete"),
]
