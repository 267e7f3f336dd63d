from django.urls import path

from battlemap.audit import views

urlpatterns = [
    path("accounts/<slug:slug>/audit/", views.account_audit_page, name="account_audit"),
]
