from django.urls import path

from battlemap.reviews import views

urlpatterns = [
    path("accounts/<slug:slug>/reviews/", views.account_reviews, name="account_reviews"),
]
