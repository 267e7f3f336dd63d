from django.urls import path

from battlemap.intel import views

urlpatterns = [
    path("accounts/<slug:slug>/inferred/", views.inferred, name="inferred"),
    path("accounts/<slug:slug>/inferred/upload/", views.upload, name="inferred_upload"),
    path("accounts/<slug:slug>/inferred/<int:suggestion_id>/decide/", views.decide, name="inferred_decide"),
]
