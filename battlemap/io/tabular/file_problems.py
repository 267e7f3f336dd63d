"""Problems of a whole import file — its encoding, its kind, its header, its limits — in both languages: a
`readers.ReadError` (or its code) as the sentence the CLI, the API and the upload page show
(`file_message`). Problems of single rows: `problems`."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import npgettext_lazy, pgettext, pgettext_lazy

from battlemap.core.multilingual import active_language
from battlemap.punctuation import clauses, list_separator

from .limits import LIMIT_MESSAGES, limits
from .problems import joined, language_of
from .readers import encodings_named
from .summary import ROWS_NAMED

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
    "beyond_header": pgettext_lazy(
        "import",
        "Row %(row)s has text in column %(column)s (“%(value)s”), which has no header: its cells do not line up "
        "with the header, so its values would go into the wrong fields. A cell holding a comma or a quote must be "
        'in quotes ("…", a quote inside doubled ""); or give the column a header. Export the file again or '
        "fix the row, then upload it again.",
    ),
    "merged_values": pgettext_lazy(
        "import",
        "Rows %(row)s are one person (the name cell is merged over them), and their %(column)s differs: “%(first)s” "
        "and “%(other)s”. A person has one: keep one of them, or unmerge the name cells to import two people.",
    ),
    "xlsx": pgettext_lazy("import", "The file is not a readable XLSX workbook."),
    "xlsx_reason": pgettext_lazy(
        "import",
        "The file is not a readable XLSX workbook: %(reason)s. Save it again from Excel or WPS (or export it as "
        "CSV) and upload it again.",
    ),
    "ods_reason": pgettext_lazy(
        "import",
        "The file is not a readable ODS spreadsheet: %(reason)s. Save it again from LibreOffice or WPS (or "
        "export it as CSV) and upload it again.",
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
    "vcard_no_name": pgettext_lazy(
        "import",
        "Cards without a name (no FN, and no family or given name in N): %(cards)s. A person needs a name: give "
        "each of these contacts one where they are kept (the phone, Outlook, Google Contacts) and export them "
        "again, or leave them out. Nothing was imported.",
    ),
    "vcard_cut": pgettext_lazy(
        "import",
        "Card %(card)s (from line %(line)s) has no END:VCARD: the file may be cut short. Export the contacts "
        "again. Nothing was imported.",
    ),
    "vcard_value": pgettext_lazy(
        "import",
        "Card %(card)s, line %(line)s: the %(property)s value cannot be read (“%(value)s”): its CHARSET or "
        "ENCODING (quoted-printable, base64) does not decode it, or the line is not a vCard property. Export the "
        "contact again (as vCard 3.0 where the program offers it). Nothing was imported.",
    ),
    "sheet": pgettext_lazy("import", 'The workbook has no sheet "%(value)s".'),
    "no_name": pgettext_lazy(
        "import",
        "No column holds the people's names (e.g. Name, 姓名, First Name / Last Name) in the header read "
        "(row %(row)s%(sheet)s), whose columns are %(headers)s. Choose the name column in the preview's column "
        'menu, or name it in a mapping file ([columns] "<the header>" = "name", docs/import.md).',
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


# Why a workbook cannot be read (`workbook.unreadable`), for the message "not a readable XLSX workbook: …".
XLSX_REASONS = {
    "not_zip": pgettext_lazy(
        "import", "it is not a zip archive (a workbook is one), or the archive is damaged"
    ),
    "dtd": pgettext_lazy(
        "import",
        "a part of it declares XML entities (a DTD), which spreadsheet programs never write; it is refused for "
        "safety",
    ),
    "damaged_sheet": pgettext_lazy("import", 'the XML of sheet "%(sheet)s" is damaged or cut short'),
    "damaged": pgettext_lazy("import", "a part of it (its XML) is damaged or cut short"),
}


# one card of `vcard_no_name`: card 3 (line 14: “TEL;CELL:13800138000”)
VCARD_NAMED = pgettext_lazy("import", "card %(card)s (line %(line)s: “%(first)s”)")

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
        code = "ods_reason" if params.get("ods") else "xlsx_reason"
    if code == "limit_cell" and params.get("row"):
        code = "limit_cell_row"
    if code == "limit_cells" and params.get("cell"):
        code = "limit_far_cells"
    elif code == "limit_cells" and params.get("row"):
        code = "limit_cells_at"
    elif code in ("limit_rows", "limit_columns") and params.get("cell"):
        code = "limit_far_cell"
    elif code == "limit_columns" and params.get("column"):
        code = "limit_columns_at"
    elif code == "limit_rows" and params.get("row"):
        code = "limit_rows_at"
    with translation.override(language_of(lang)):
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
            "readings": joined([str(ENCODING_READING) % r for r in params.get("readings", ())]),
            "sheet": (pgettext("import", ", sheet %(sheet)s") % {"sheet": sheet}) if sheet else "",
            "encodings": encodings_named(active_language()),
            "codes": encodings_named(active_language(), codes=True),
            "duplicates": _duplicates_named(params.get("duplicates", ())),
            "where": _lost_where(params),
            "example": params.get("example", ""),
            "first": params.get("first", ""),
            "other": params.get("other", ""),
            "card": params.get("card", ""),
            "line": params.get("line", ""),
            "property": params.get("property", ""),
            "cards": _cards_named(params),
            "headers": _headers_named(params.get("headers", ())),
        }
        return str(FILE_MESSAGES.get(code, FILE_MESSAGES["xlsx"])) % values


def _cards_named(params: dict[str, Any]) -> str:
    """The cards of `vcard_no_name`, each by its number, line and first property; "…" when there are more."""
    named = [str(VCARD_NAMED) % card for card in params.get("cards", ())]
    return joined(named) + ("…" if params.get("more") else "")


HEADERS_NAMED = 30  # a message lists this many of a file's headers, then "…"


def _headers_named(headers: Any) -> str:
    """A file's headers as a message lists them, quoted: “Person - ID”, “Person - Name” … (the first HEADERS_NAMED)."""
    named = [f"“{h}”" for h in headers if str(h).strip()]
    return joined(named[:HEADERS_NAMED]) + ("…" if len(named) > HEADERS_NAMED else "")


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
    columns = joined(list(params.get("columns", ())))
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
                "columns": joined(d["columns"]),
                "row": d["row"],
                "values": list_separator(lang).join(d["values"]),
            }
            for d in duplicates
        ),
    )
