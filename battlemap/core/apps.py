from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "battlemap.core"
    label = "core"
