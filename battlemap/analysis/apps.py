from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    """Registered only so Django finds the analysis catalog; the package itself stays pure."""

    name = "battlemap.analysis"
    label = "analysis"
