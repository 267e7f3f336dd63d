from django.urls import path

from battlemap.interactions import views

urlpatterns = [
    path("accounts/<slug:slug>/interactions/new/", views.interaction_new, name="interaction_new"),
]
