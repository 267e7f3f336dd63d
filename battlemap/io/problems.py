"""Problems found in an import file, each naming its spreadsheet row and column, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD_LABELS = {
    "external_id": gettext_lazy("External id"),
    "name": gettext_lazy("Name"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "title": gettext_lazy("Title"),
    "department": gettext_lazy("Department"),
    "email": gettext_lazy("Email"),
    "phone": gettext_lazy("Phone"),
    "company": gettext_lazy("Company"),
    "account_external_id": gettext_lazy("Account id"),
    "reports_to_id": gettext_lazy("Reports to id"),
    "manager": gettext_lazy("Manager"),
    "roles": gettext_lazy("Role"),
    "attitude": gettext_lazy("Attitude"),
    "influence": gettext_lazy("Influence"),
    "relationship": gettext_lazy("Relationship"),
    "opportunity_id": gettext_lazy("Opportunity id"),
    "is_primary": gettext_lazy("Primary"),
    "status": gettext_lazy("Status"),
    "left_on": gettext_lazy("Left on"),
    "notes": gettext_lazy("Notes"),
}

MESSAGES = {
    "empty": gettext_lazy("empty"),
    "unknown_value": gettext_lazy('unknown value "%(value)s"'),
    "out_of_range": gettext_lazy('"%(value)s" is not between %(min)s and %(max)s'),
    "invalid_email": gettext_lazy('"%(value)s" is not an email address'),
    "invalid_date": gettext_lazy('"%(value)s" is not a date'),
    "scientific": gettext_lazy(
        '"%(value)s" is a number in scientific notation; format the column as text and export again'
    ),
    "duplicate": gettext_lazy('"%(value)s" is also in row %(other)s'),
    "ambiguous_manager": gettext_lazy('"%(value)s" matches several people: %(names)s'),
    "unknown_manager": gettext_lazy('no person "%(value)s" in the file or the account'),
    "self_manager": gettext_lazy("a person cannot report to themselves"),
    "cycle": gettext_lazy("reporting lines form a cycle through rows %(rows)s"),
    "unknown_contact": gettext_lazy('no person with id "%(value)s" in the file or the account'),
    "too_long": gettext_lazy("longer than %(max)s characters"),
}

FILE_MESSAGES = {
    "empty": gettext_lazy("The file has no rows."),
    "encoding": gettext_lazy("The file's text encoding is not UTF-8, GBK or GB18030."),
    "xlsx": gettext_lazy("The file is not a readable XLSX workbook."),
    "xls": gettext_lazy("Old .xls workbooks are not supported: save the file as .xlsx or CSV."),
    "sheet": gettext_lazy('The workbook has no sheet "%(value)s".'),
    "no_name": gettext_lazy("No column holds the people's names (e.g. Name, 姓名, First Name / Last Name)."),
    "no_rows": gettext_lazy("The file has a header but no data rows."),
}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # a field name of columns.HEADER_ALIASES
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        with translation.override(_lang(lang)):
            label = str(FIELD_LABELS.get(self.column, self.column))
            text = str(MESSAGES[self.code]) % {k: _join(v) for k, v in self.params.items()}
            return _("row %(row)s, %(column)s: %(message)s") % {
                "row": self.row,
                "column": label,
                "message": text,
            }

    def __str__(self) -> str:
        return self.message()


def file_message(code: str, lang: str | None = None) -> str:
    """Message for a file-level ReadError code such as `sheet:Contacts`."""
    code, _sep, value = code.partition(":")
    with translation.override(_lang(lang)):
        return str(FILE_MESSAGES.get(code, FILE_MESSAGES["xlsx"])) % {"value": value}


def _lang(lang: str | None) -> str | None:
    if lang in ("zh", "zh-hans", "zh_Hans", "zh-cn"):
        return "zh-hans"
    if lang is None:
        return translation.get_language()
    return lang


def _join(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


class ImportFailed(Exception):
    """Raised with every problem found; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
