from django.urls import path

from battlemap.people import views, views_bulk, views_privacy

urlpatterns = [
    path("accounts/<slug:slug>/people/", views.people_list, name="people"),
    path("accounts/<slug:slug>/people/new/", views.person_create, name="person_new"),
    path("accounts/<slug:slug>/people/paste/", views_bulk.people_paste, name="people_paste"),
    path("accounts/<slug:slug>/people/merge/", views_bulk.people_merge, name="people_merge"),
    path("accounts/<slug:slug>/people/<int:pk>/", views.person_detail, name="person"),
    path("accounts/<slug:slug>/people/<int:pk>/deals/", views.person_deal_add, name="person_deal_add"),
    path("accounts/<slug:slug>/people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("accounts/<slug:slug>/people/<int:pk>/restore/", views.person_restore, name="person_restore"),
    path("accounts/<slug:slug>/people/<int:pk>/export/", views_privacy.person_export, name="person_export"),
    path("accounts/<slug:slug>/people/<int:pk>/erase/", views_privacy.person_erase_view, name="person_erase"),
    path("accounts/<slug:slug>/links/new/", views_bulk.link_create, name="link_new"),
    path("accounts/<slug:slug>/links/<int:pk>/", views_bulk.link_edit, name="link_edit"),
    path("accounts/<slug:slug>/links/<int:pk>/delete/", views_bulk.link_delete, name="link_delete"),
]
