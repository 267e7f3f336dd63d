from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "battlemap.people"
    label = "people"
