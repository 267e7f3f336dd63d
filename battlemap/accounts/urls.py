from django.urls import path

from battlemap.accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", views.portfolio, name="portfolio"),
    path("accounts/<slug:slug>/", views.account_detail, name="account"),
]
