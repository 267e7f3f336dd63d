from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "battlemap.teams"
    label = "teams"
