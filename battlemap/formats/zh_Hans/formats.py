# the one rule of a written day and moment (battlemap/formats/__init__.py), the same in every language
from battlemap.formats import SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT

__all__ = ["SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
