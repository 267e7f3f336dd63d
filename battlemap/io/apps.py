from django.apps import AppConfig


class IoConfig(AppConfig):
    name = "battlemap.io"
    label = "bm_io"
