"""Problems found in an import file, each naming its spreadsheet row and column, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import npgettext_lazy, pgettext, pgettext_lazy

from battlemap.core.multilingual import active_language
from battlemap.punctuation import clauses, join_names, list_separator, with_id

from .limits import LIMIT_MESSAGES, limits
from .readers import encodings_named

FIELD_LABELS = {
    "external_id": pgettext_lazy("import", "External id"),
    "name": pgettext_lazy("import", "Name"),
    "first_name": pgettext_lazy("import", "First name"),
    "last_name": pgettext_lazy("import", "Last name"),
    "title": pgettext_lazy("import", "Title"),
    "department": pgettext_lazy("import", "Department"),
    "main_department": pgettext_lazy("import", "Main department"),
    "employee_no": pgettext_lazy("import", "Employee number"),
    "email": pgettext_lazy("import", "Email"),
    "phone": pgettext_lazy("import", "Phone"),
    "company": pgettext_lazy("import", "Company"),
    "account_external_id": pgettext_lazy("import", "Account id"),
    "reports_to_id": pgettext_lazy("import", "Reports to id"),
    "manager": pgettext_lazy("import", "Manager"),
    "roles": pgettext_lazy("import", "Role"),
    "attitude": pgettext_lazy("import", "Attitude"),
    "influence": pgettext_lazy("import", "Influence"),
    "relationship": pgettext_lazy("import", "Relationship"),
    "opportunity_id": pgettext_lazy("import", "Opportunity id"),
    "is_primary": pgettext_lazy("import", "Primary"),
    "status": pgettext_lazy("import", "Status"),
    "left_on": pgettext_lazy("import", "Left on"),
    "notes": pgettext_lazy("import", "Notes"),
    "duties": pgettext_lazy("import", "Duties"),
    "concerns": pgettext_lazy("import", "Concerns"),
    "personal_win": pgettext_lazy("import", "Personal win"),
    "map_id": pgettext_lazy("import", "Battlemap id"),
    "external": pgettext_lazy("import", "External"),
    "organisation": pgettext_lazy("import", "Organisation"),
    "deal_id": pgettext_lazy("import", "Deal id"),
}

MESSAGES = {
    "empty": pgettext_lazy("import", "empty"),
    "empty_new": pgettext_lazy(
        "import",
        "empty — no one on the map has %(keys)s, so the row would be a new person, and a person needs a name: "
        "fill it in, or leave the row out",
    ),
    "unknown_value": pgettext_lazy("import", 'unknown value "%(value)s"'),
    "out_of_range": pgettext_lazy("import", '"%(value)s" is not between %(min)s and %(max)s'),
    "not_whole": pgettext_lazy("import", '"%(value)s" is not a whole number from %(min)s to %(max)s'),
    "invalid_email": pgettext_lazy("import", '"%(value)s" is not an email address'),
    "invalid_date": pgettext_lazy("import", '"%(value)s" is not a date'),
    "other_deal": pgettext_lazy(
        "import",
        "the roles of this row are those of deal %(value)s, not of the deal chosen (%(deal)s): choose deal "
        "%(value)s, or clear the role columns",
    ),
    "year_range": pgettext_lazy("import", "%(value)s: give a date between %(first)s and %(last)s"),
    "after_today": pgettext_lazy(
        "import", "%(value)s is after today: give the day the person left, up to today"
    ),
    "left_no_column": pgettext_lazy(
        "import",
        "the person left the company, and the file has no leaving date column: add a Left on (离职日期) column "
        "with the day each one left",
    ),
    "scientific": pgettext_lazy(
        "import", '"%(value)s" is a number in scientific notation; format the column as text and export again'
    ),
    "duplicate": pgettext_lazy("import", '"%(value)s" is also in row %(other)s'),
    "duplicate_person": pgettext_lazy(
        "import",
        '"%(value)s" is also in row %(other)s and nothing tells the two rows apart: if they are one person, keep '
        "one row; if two, give each its own e-mail or id",
    ),
    "ambiguous_manager": pgettext_lazy("import", '"%(value)s" matches several people: %(names)s'),
    "unknown_manager": pgettext_lazy("import", 'no person "%(value)s" in the file or the account'),
    "self_manager": pgettext_lazy("import", "a person cannot report to themselves"),
    "cycle": pgettext_lazy("import", "reporting lines form a cycle through rows %(rows)s"),
    "unknown_contact": pgettext_lazy("import", 'no person with id "%(value)s" in the file or the account'),
    "too_long": pgettext_lazy("import", "at most %(max)s characters (it has %(count)s)"),
    "ambiguous_person": pgettext_lazy(
        "import", "the name matches several people already on the map (%(names)s): add an id or an email"
    ),
    "email_of_other_person": pgettext_lazy(
        "import",
        "%(value)s is the e-mail of %(owner)s on the map, and this row names someone else: the mailbox may have "
        "been handed on. Give this row its own e-mail, or correct the person on the map.",
    ),
    "email_of_other_found": pgettext_lazy(
        "import",
        "%(value)s is the e-mail of %(owner)s on the map, and this row is %(person)s, found by %(found_by)s: an "
        "e-mail is one person's. Give this row the e-mail of %(person)s, or leave it empty.",
    ),
    "name_kept": pgettext_lazy(
        "import", '"%(value)s" is %(name)s (same e-mail, the name in another script): the name stays %(name)s'
    ),
    "external_id_kept": pgettext_lazy(
        "import",
        '%(name)s (same e-mail) already has the id "%(kept)s" from another system: it stays, "%(value)s" is '
        "not stored",
    ),
    "account_disabled": pgettext_lazy(
        "import",
        '"%(value)s": the member\'s account is disabled: imported as left the company on %(day)s — correct the '
        "date on the map if they left on another day, or the status if they are only suspended",
    ),
    "account_disabled_kept": pgettext_lazy(
        "import",
        '"%(value)s": the member\'s account is disabled, but the map had them as left before and someone set '
        "them back to active: kept active",
    ),
    "same_name_elsewhere": pgettext_lazy(
        "import",
        "a person of this name already exists (in %(units)s): a new person is created; if it is the same "
        "person who moved, give an id, e-mail or phone, or move them on the map",
    ),
    "namesake_other_email": pgettext_lazy(
        "import",
        "a person of this name with another e-mail is on the map (%(names)s): added as a new person; if it is "
        "the same person whose e-mail changed, change the e-mail on the map and import again",
    ),
    "namesake_other_external_id": pgettext_lazy(
        "import",
        "a person of this name with another id is on the map (%(names)s): added as a new person; if it is the "
        "same person under a new id, change the id on the map and import again",
    ),
    "namesake_other_phone": pgettext_lazy(
        "import",
        "a person of this name with another phone is on the map (%(names)s): added as a new person; if it is "
        "the same person whose phone changed, change the phone on the map and import again",
    ),
    "phone_changed": pgettext_lazy(
        "import",
        "%(name)s, of the same title and department, is on the map with the phone %(before)s: taken as the "
        "same person, whose phone changed to %(after)s; if it is another person, give each their own e-mail or "
        "id",
    ),
    "unsaved_formula": pgettext_lazy(
        "import",
        "a formula without a saved value (%(value)s): open the file in Excel, WPS or LibreOffice and save it, "
        "or paste the values over the formulas",
    ),
    "same_person_twice": pgettext_lazy(
        "import",
        "row %(other)s has the same name, department and phone with another e-mail: two people are created; "
        "if they are one person, keep one row (and the other e-mail in the notes)",
    ),
    "error_cell": pgettext_lazy(
        "import",
        "the cell shows the error %(value)s (a formula that failed): correct it in the file, or clear the cell",
    ),
    "ambiguous_date": pgettext_lazy(
        "import",
        '"%(value)s" can be read day first or month first and the file does not settle which: choose the order',
    ),
}

# What a row was matched to a person of the map by (importer._match), as `email_of_other_found` says it.
FOUND_BY = {
    "map_id": pgettext_lazy("import", "its Battlemap id"),
    "external_id": pgettext_lazy("import", "its id"),
    "phone": pgettext_lazy("import", "its phone"),
    "name": pgettext_lazy("import", "its name"),
}
# The keys a row without a name was looked for by, as `empty_new` lists them (`keys`: [(key, value), …]).
LOOKED_FOR = {
    "map_id": pgettext_lazy("import", "the Battlemap id %(value)s"),
    "external_id": pgettext_lazy("import", 'the id "%(value)s"'),
    "email": pgettext_lazy("import", "the e-mail %(value)s"),
}

FILE_MESSAGES = {
    "empty": pgettext_lazy("import", "The file has no rows."),
    "encoding": pgettext_lazy(
        "import", "The file's text encoding is none of those read here: %(encodings)s."
    ),
    "encoding_choice": pgettext_lazy(
        "import", 'The file cannot be read as "%(value)s": choose another encoding.'
    ),
    "encoding_unknown": pgettext_lazy(
        "import",
        'Unknown encoding "%(value)s": give one of %(codes)s (or none, and the encoding is detected).',
    ),
    "encoding_doubt": pgettext_lazy(
        "import",
        "The file's text encoding cannot be told for sure: %(readings)s. Choose the encoding it was saved in "
        '(Excel for Mac\'s "CSV (Macintosh)" is Mac Roman; Windows-1250 is Central European, Windows-1251 '
        "Cyrillic) and upload it again.",
    ),
    "encoding_lines": pgettext_lazy(
        "import",
        "These lines of the file are in no supported encoding (the others are UTF-8): %(lines)s. Save the "
        "file again in one encoding (UTF-8) and upload it again.",
    ),
    "binary": pgettext_lazy(
        "import",
        "The file is not a text (CSV) file: it holds binary data, which no text encoding reads. Upload the "
        "list as CSV or XLSX (in Excel: Save As, CSV UTF-8 or Excel Workbook).",
    ),
    "open_quote": pgettext_lazy(
        "import",
        "Row %(row)s: a quoted cell opens and never closes, so the rest of the file would fall into it (the "
        "file may be cut short). Export the file again.",
    ),
    "xlsx": pgettext_lazy("import", "The file is not a readable XLSX workbook."),
    "xlsx_reason": pgettext_lazy(
        "import",
        "The file is not a readable XLSX workbook: %(reason)s. Save it again from Excel or WPS (or export it as "
        "CSV) and upload it again.",
    ),
    "xls": pgettext_lazy(
        "import",
        "The workbook cannot be read: it may be password-protected or damaged. Save it as .xlsx or CSV, "
        "without a password, and upload it again. (An Outlook message saved as .msg is such a file too, and no "
        "list: export the contacts from Outlook as CSV instead.)",
    ),
    "outlook_msg": pgettext_lazy(
        "import",
        "The file is an Outlook message (.msg), not a list of people. Export the contacts from Outlook as CSV "
        "(File → Open & Export → Import/Export → Export to a file), or upload the list itself as CSV or XLSX.",
    ),
    "sheet": pgettext_lazy("import", 'The workbook has no sheet "%(value)s".'),
    "no_name": pgettext_lazy(
        "import",
        "No column holds the people's names (e.g. Name, 姓名, First Name / Last Name) in the header read "
        "(row %(row)s%(sheet)s).",
    ),
    "no_rows": pgettext_lazy("import", "The file has a header (row %(row)s%(sheet)s) but no data rows."),
    "duplicate_header": pgettext_lazy(
        "import",
        "Columns with the same header hold different values%(sheet)s: %(duplicates)s. One column gives a "
        "field: choose which to read in the preview (set the other to “(ignore)” or to another field), or "
        "rename one of the headers in the file.",
    ),
    "lost_characters": pgettext_lazy(
        "import",
        "Question marks in place of characters in %(where)s (“%(example)s”): the file's Chinese (or other) characters "
        "were lost when it was saved in an encoding that has none of them, each turned into “?”. Imported, they "
        "would rename people and merge departments, so nothing was imported. Save the list again from the "
        "original as “CSV UTF-8 (Comma delimited)” in Excel (in WPS or LibreOffice: CSV with the UTF-8 "
        "character set), or as “Unicode Text”, and upload that file. Where “?” stands for unknown, leave the "
        "cell empty instead.",
    ),
    "html_xls": pgettext_lazy(
        "import",
        "The file is a web page (HTML), not a workbook, though its name may end in .xls: many systems' “Export "
        "to Excel” write one. Open it in Excel or WPS, save it as Excel Workbook (.xlsx) and upload that file.",
    ),
    "xml_xls": pgettext_lazy(
        "import",
        "The file is an Excel 2003 XML spreadsheet (XML text), not a workbook this import reads, though its name "
        "may end in .xls. Open it in Excel or WPS, save it as Excel Workbook (.xlsx) and upload that file.",
    ),
    **LIMIT_MESSAGES,
}

# where `lost_characters` found the cells made only of "?": the header, or columns and rows of the people
LOST_IN_HEADER = pgettext_lazy("import", "the header, row %(row)s")
LOST_IN_ROWS = npgettext_lazy("import", "%(columns)s of row %(rows)s", "%(columns)s of rows %(rows)s", "n")
ROWS_NAMED = 20  # a message names this many rows, then "…"


# Why a workbook cannot be read (`workbook.unreadable`), for the message "not a readable XLSX workbook: …".
XLSX_REASONS = {
    "not_zip": pgettext_lazy(
        "import", "it is not a zip archive (an XLSX file is one), or the archive is damaged"
    ),
    "dtd": pgettext_lazy(
        "import",
        "a part of it declares XML entities (a DTD), which spreadsheet programs never write; it is refused for "
        "safety",
    ),
    "damaged_sheet": pgettext_lazy("import", 'the XML of sheet "%(sheet)s" is damaged or cut short'),
    "damaged": pgettext_lazy("import", "a part of it (its XML) is damaged or cut short"),
}


@dataclass(frozen=True)
class Named:
    """A person of the map as a message names them, in the language it is read in: "王建国（id 47）" /
    "Wang Jianguo (id 47)" (`punctuation.with_id`)."""

    name: str
    pk: int

    def __str__(self) -> str:
        return with_id(active_language(), self.name, self.pk)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # a field name of headers.HEADER_ALIASES
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        with translation.override(_lang(lang)):
            label = str(FIELD_LABELS.get(self.column, self.column))
            params = dict(self.params)
            if "rows" in params and "names" in params:  # rows of the file first, then people of the map
                rows = [pgettext("import", "row %(n)s") % {"n": n} for n in params.pop("rows")]
                params["names"] = rows + list(params["names"])
            if (
                "keys" in params
            ):  # what a row without a name was looked for by: "the id "103" or the e-mail …"
                params["keys"] = _either([str(LOOKED_FOR[key]) % {"value": v} for key, v in params["keys"]])
            if "found_by" in params:
                params["found_by"] = FOUND_BY[params["found_by"]]
            text = str(MESSAGES[self.code]) % {k: _join(v) for k, v in params.items()}
            return pgettext("import", "row %(row)s, %(column)s: %(message)s") % {
                "row": self.row,
                "column": label,
                "message": text,
            }

    def __str__(self) -> str:
        return self.message()


# one reading of a file whose encoding is not sure (`encoding_doubt`), as the message lists them
ENCODING_READING = pgettext_lazy("import", 'read as %(encoding)s it gives "%(sample)s"')
# one header the file repeats, in `duplicate_header`: “职务” in columns B and C (row 2: 经理, 总监)
DUPLICATE_HEADER = pgettext_lazy("import", "“%(header)s” in columns %(columns)s (row %(row)s: %(values)s)")


def file_message(error: Exception | str, lang: str | None = None) -> str:
    """Message for a file-level ReadError (or its code, such as `sheet:Contacts`)."""
    code, _sep, value = str(error).partition(":")
    params = dict(getattr(error, "params", {}) or {})
    if code == "encoding" and params.get("value"):
        code = "encoding_choice"
    if code == "xlsx" and params.get("reason") in XLSX_REASONS:
        code = "xlsx_reason"
    if code == "limit_cell" and params.get("row"):
        code = "limit_cell_row"
    if code in ("limit_rows", "limit_columns") and params.get("cell"):
        code = "limit_far_cell"
    elif code == "limit_columns" and params.get("column"):
        code = "limit_columns_at"
    elif code == "limit_rows" and params.get("row"):
        code = "limit_rows_at"
    with translation.override(_lang(lang)):
        sheet = params.get("sheet")
        reason = XLSX_REASONS.get(params.get("reason", ""))
        values = {
            "reason": str(reason) % {"sheet": sheet} if reason else "",
            "value": params.get("value", value),
            "row": params.get("row", 1),
            "column": params.get("column", ""),
            "cell": params.get("cell", ""),
            "rows": limits().rows,
            "columns": limits().columns,
            "lines": params.get("lines", ""),
            "readings": _join([str(ENCODING_READING) % r for r in params.get("readings", ())]),
            "sheet": (pgettext("import", ", sheet %(sheet)s") % {"sheet": sheet}) if sheet else "",
            "encodings": encodings_named(active_language()),
            "codes": encodings_named(active_language(), codes=True),
            "duplicates": _duplicates_named(params.get("duplicates", ())),
            "where": _lost_where(params),
            "example": params.get("example", ""),
        }
        return str(FILE_MESSAGES.get(code, FILE_MESSAGES["xlsx"])) % values


def _lost_where(params: dict[str, Any]) -> str:
    """Where a CSV holds cells made only of "?" (`readers._refuse_lost_characters`): its header, or the columns
    and rows (the first ROWS_NAMED, then "…")."""
    if params.get("header_row"):
        return str(LOST_IN_HEADER) % {"row": params["header_row"]}
    rows = [str(n) for n in params.get("rows", ())]
    if not rows:
        return ""
    named = list_separator(active_language()).join(rows[:ROWS_NAMED]) + (
        "…" if len(rows) > ROWS_NAMED else ""
    )
    columns = _join(list(params.get("columns", ())))
    return LOST_IN_ROWS % {"columns": columns, "rows": named, "n": len(rows)}


def _duplicates_named(duplicates: Any) -> str:
    """The headers a file repeats, each with its columns and the first row where they differ."""
    lang = active_language()
    return clauses(
        lang,
        (
            str(DUPLICATE_HEADER)
            % {
                "header": d["header"],
                "columns": _join(d["columns"]),
                "row": d["row"],
                "values": list_separator(lang).join(d["values"]),
            }
            for d in duplicates
        ),
    )


def _lang(lang: str | None) -> str | None:
    if lang in ("zh", "zh-hans", "zh_Hans", "zh-cn"):
        return "zh-hans"
    if lang is None:
        return active_language()
    return lang


def _join(value: Any) -> Any:
    """A list in a message as the language writes it: 第 3 行、第 4 行 / row 3, row 4."""
    if isinstance(value, (list, tuple)):
        return join_names(active_language(), (str(v) for v in value))
    return value


def _either(items: list[str]) -> str:
    """Alternatives as the language writes them: "A or B", "A, B or C" / "A或B", "A、B或C"."""
    if len(items) < 2:
        return "".join(items)
    head = list_separator(active_language()).join(items[:-1])
    return pgettext("import", "%(some)s or %(last)s") % {"some": head, "last": items[-1]}


class ImportFailed(Exception):
    """Raised with every problem found; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
