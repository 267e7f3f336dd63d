from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "battlemap.demo"
    label = "demo"

    def ready(self) -> None:
        from battlemap.demo import checks  # noqa: F401 - registers the check of the demo's published passwords
