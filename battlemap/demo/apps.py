from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "battlemap.demo"
    label = "demo"
