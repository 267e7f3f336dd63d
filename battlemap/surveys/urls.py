from django.urls import path, re_path

from battlemap.surveys import views

urlpatterns = [
    path("accounts/<slug:slug>/surveys/", views.surveys, name="surveys"),
    path("accounts/<slug:slug>/surveys/send/", views.survey_send, name="survey_send"),
    path(
        "accounts/<slug:slug>/surveys/links/<int:pk>/revoke/",
        views.survey_link_revoke,
        name="survey_link_revoke",
    ),
    path("accounts/<slug:slug>/interview/", views.interview, name="interview"),
    path("accounts/<slug:slug>/interviews/<int:pk>/", views.interview_detail, name="interview_detail"),
    path(
        "accounts/<slug:slug>/interviews/<int:pk>/proposals/<int:proposal>/",
        views.proposal_decide,
        name="proposal_decide",
    ),
    # the public questionnaire: no login, the token is the only key
    path("q/<str:token>/", views.survey_answer, name="survey_answer"),
    # anything else under /q/ (not /q/<token> without its slash: APPEND_SLASH gives it back its slash)
    re_path(r"^q/(?:.*/.+)?$", views.survey_elsewhere, name="survey_elsewhere"),
]
