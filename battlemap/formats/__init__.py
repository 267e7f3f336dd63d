"""How a day and a moment are written wherever a user reads one, in both languages: 2026-12-04 and
2026-12-04 15:52, in the installation's time zone (TIME_ZONE). The one rule: Django's SHORT_DATE_FORMAT and
SHORT_DATETIME_FORMAT, set here for every language (FORMAT_MODULE_PATH: en/formats.py and
zh_Hans/formats.py read these) and in settings (when no language is active). Templates write
`{{ value|date:"SHORT_DATETIME_FORMAT" }}`; Python, `core.dates.moment_text` and `day_text`. A day in a URL,
a form's value or a `<time datetime>` is ISO 8601 whatever this says, not this rule."""

SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"

# a spreadsheet cell's number format of the same rule: Django's letters → Excel's (the rest, "-", ":" and
# spaces, as they are)
_SPREADSHEET = {"Y": "yyyy", "m": "mm", "d": "dd", "H": "hh", "i": "mm", "s": "ss"}


def spreadsheet_format(django_format: str) -> str:
    """`Y-m-d H:i` → `yyyy-mm-dd hh:mm`: an XLSX export's date cells are written by the rule the pages are."""
    return "".join(_SPREADSHEET.get(c, c) for c in django_format)
