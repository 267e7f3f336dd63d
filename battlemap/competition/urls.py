from django.urls import path

from battlemap.competition import views

urlpatterns = [
    path("competitors/", views.win_loss_page, name="win_loss"),
    path("accounts/<slug:slug>/competitors/", views.account_competitors, name="account_competitors"),
    path("accounts/<slug:slug>/deals/<int:pk>/competitors/", views.deal_competitors, name="deal_competitors"),
    path(
        "accounts/<slug:slug>/deals/<int:pk>/competitors/<int:note_id>/delete/",
        views.competitor_note_remove,
        name="competitor_note_delete",
    ),
]
