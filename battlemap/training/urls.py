from django.urls import path

from battlemap.training import views

urlpatterns = [
    path("training/", views.home, name="training"),
    path("training/cases/new/", views.case_new, name="training_case_new"),
    path("training/teams/<slug:slug>/", views.team_progress, name="training_team"),
    path("training/<slug:key>/", views.exercise, name="training_exercise"),
    path("training/<slug:key>/attempts/<int:number>/", views.attempt_detail, name="training_attempt"),
]
