from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "battlemap.training"
    label = "training"
