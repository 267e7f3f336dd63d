from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "battlemap.accounts"
    label = "accounts"
