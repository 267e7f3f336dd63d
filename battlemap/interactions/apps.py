from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "battlemap.interactions"
    label = "interactions"
