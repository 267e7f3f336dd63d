from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "battlemap.deals"
    label = "deals"
