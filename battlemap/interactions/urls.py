from django.urls import path

from battlemap.interactions import views

urlpatterns = [
    path("accounts/<slug:slug>/interactions/new/", views.interaction_new, name="interaction_new"),
    path("accounts/<slug:slug>/interactions/people/", views.participant_search, name="interaction_people"),
    path("accounts/<slug:slug>/interactions/<int:pk>/", views.interaction_edit, name="interaction_edit"),
    path(
        "accounts/<slug:slug>/interactions/<int:pk>/delete/",
        views.interaction_remove,
        name="interaction_delete",
    ),
    path(
        "accounts/<slug:slug>/interactions/<int:pk>/restore/",
        views.interaction_restore,
        name="interaction_restore",
    ),
]
