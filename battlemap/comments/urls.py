from django.urls import path

from battlemap.comments import views

urlpatterns = [
    path("accounts/<slug:slug>/comments/", views.comment_add, name="comment_add"),
    path("accounts/<slug:slug>/comments/<int:pk>/delete/", views.comment_remove, name="comment_remove"),
]
