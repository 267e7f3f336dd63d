from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "battlemap.users"
    label = "users"
