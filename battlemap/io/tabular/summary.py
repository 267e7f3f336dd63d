"""The import summary as lines of text, in the active language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from battlemap.analysis.i18n import join_names
from battlemap.core.multilingual import active_language
from battlemap.io.export.rows import yes_no
from battlemap.io.labels import date_reading_text
from battlemap.io.text import NAMES
from battlemap.punctuation import clauses, labelled, list_separator
from battlemap.vocab import PERSON_STATUSES

from .columns import ROLE_LIKE_RE
from .problems import FIELD_LABELS
from .roles import roles_lines
from .sources import SOURCE_LABELS
from .vcards import header_label


def summary_lines(result, where: bool = True) -> list[str]:
    """The summary; `where=False` leaves out where the table was found (the preview shows it apart)."""
    lines = []
    if result.dry_run:
        lines.append(_("Dry run: nothing was written."))
    read = ngettext("Read %(rows)s row", "Read %(rows)s rows", result.rows) % {"rows": result.rows}
    if result.encoding:  # each piece of the sentence with its own punctuation: （CSV，编码 GB18030）；识别为
        read = _("%(read)s (CSV, encoding %(enc)s)") % {"read": read, "enc": result.encoding}
    if result.sheet:
        read = _("%(read)s (sheet %(sheet)s)") % {"read": read, "sheet": result.sheet}
    source = SOURCE_LABELS.get(result.source, result.source)
    lines.append(_("%(read)s; recognised as: %(source)s") % {"read": read, "source": source})
    if where:  # the preview names them beside its encoding menu
        if getattr(result, "alternatives", None):
            lines.append(
                _("The file also reads as %(encodings)s: if its names look wrong, import it again in one of "
                  "them (--encoding on the command line, the encoding menu of the preview).")
                % {"encodings": join_names(active_language(), [NAMES.get(c, c) for c in result.alternatives])}
            )  # fmt: skip
        lines.extend(where_lines(result))
    language = active_language()
    read = [
        *result.recognised.items(),
        *((f, h) for f, hs in getattr(result, "also_read", {}).items() for h in hs),
    ]
    if getattr(
        result, "cards", 0
    ):  # a card's columns are named by their field: 姓名、职位、电话 2, not Name → 姓名
        columns = [header_label(h) for _f, h in read]
    else:
        columns = [f"{h} → {FIELD_LABELS.get(f, f)}" for f, h in read]
    lines.append(_("Columns: %(cols)s") % {"cols": join_names(language, columns)})
    if getattr(result, "unit_paths", None):  # `/` read as a tree of units, or as part of a unit's name
        lines += result.unit_paths.lines()
    if getattr(result, "date_reading", None) and "left_on" in result.recognised:
        lines.append(
            _("Dates of column %(column)s %(reading)s.")
            % {"column": result.recognised["left_on"], "reading": date_reading_text(result.date_reading)}
        )
    if result.ignored_columns:
        lines.append(_("Ignored columns: %(cols)s") % {"cols": join_names(language, result.ignored_columns)})
    for header in result.suspicious_columns:
        lines.append(
            _("Warning: column “%(col)s” looks like a manager, department or id column but is not used; "
              "choose its field if it is one.") % {"col": header}
        )  # fmt: skip
    for unit, owner in getattr(result, "owner_units", ()):
        lines.append(
            _("Warning: column “%(col)s” is not read as the department: beside the owner column “%(owner)s” it is the unit of "
              "the colleague who owns the record, not the contact's. If it is the contact's department, choose "
              "Department for it (the preview's column menu, or a mapping file).") % {"col": unit, "owner": owner}
        )  # fmt: skip
    if result.account_company:
        lines.append(
            _("Company of the account: %(name)s (people of other companies come in as external)")
            % {"name": result.account_company}
        )
    if getattr(result, "company_kept", ""):
        kept = (
            _("%(name)s will be kept among the account's names (Also written as, on its edit page): the next "
              "file writing it so is the account's too. Remove it there if it is not the customer.")
            if result.dry_run
            else _("%(name)s is kept among the account's names (Also written as, on its edit page): the next "
                   "file writing it so is the account's too. Remove it there if it is not the customer.")
        )  # fmt: skip
        lines.append(kept % {"name": result.company_kept})
    if getattr(result, "account_not_in_file", ""):
        lines.append(
            _("No company of the file is the account's (%(account)s: its name, the e-mail domains of its people, "
              "or its own people on the map): the people of the file come in as external people of their companies. To import them as "
              "the account's own people, choose (ignore) for the company column (the preview's column menu, or "
              "a mapping file).")
            % {"account": result.account_not_in_file}
        )  # fmt: skip
    for company, names in getattr(result, "external_people", {}).items():
        lines.append(
            _("External, of %(company)s: %(names)s") % {"company": company, "names": name_list(names)}
        )
    for notice in getattr(result, "notices", ()):
        lines.append(_("Warning: %(message)s") % {"message": notice.message()})
    lines.append(
        _("People: %(c)s created, %(u)s updated, %(n)s unchanged, %(s)s skipped")
        % {"c": result.created, "u": result.updated, "n": result.unchanged, "s": result.skipped}
    )
    lines += _replaced_lines(getattr(result, "replaced", ()))
    lines += _reporting_lines(getattr(result, "reporting_lines", ()))
    if result.roles_created or result.roles_updated:
        lines.append(
            _("Roles: %(c)s created, %(u)s updated") % {"c": result.roles_created, "u": result.roles_updated}
        )
    lines += roles_lines(result)  # replaced (Battlemap's own export) or added to those held
    role_like = [h for h in result.ignored_columns if ROLE_LIKE_RE.search(h)]
    if result.roles_absent and "roles" in result.recognised:
        lines.append(
            ngettext(
                "%(n)s row gives no role, attitude or influence: that person was not added to the deal (its "
                "%(column)s cell is empty or names no buying role: give their role in the deal room).",
                "%(n)s rows give no role, attitude or influence: those people were not added to the deal (their "
                "%(column)s cells are empty or name no buying role: give their roles in the deal room).",
                result.roles_absent,
            )
            % {"n": result.roles_absent, "column": result.recognised["roles"]}
        )
    elif result.roles_absent and role_like:
        lines.append(
            ngettext(
                "%(n)s row gives no role, attitude or influence: that person was not added to the deal. Column "
                "%(columns)s is not read: if it holds the roles, choose Role for it (the preview's column menu, or "
                "a mapping file).",
                "%(n)s rows give no role, attitude or influence: those people were not added to the deal. Column "
                "%(columns)s is not read: if it holds the roles, choose Role for it (the preview's column menu, or "
                "a mapping file).",
                result.roles_absent,
            )
            % {"n": result.roles_absent, "columns": join_names(language, [f"“{h}”" for h in role_like])}
        )
    elif result.roles_absent:
        lines.append(
            ngettext(
                "%(n)s row gives no role, attitude or influence: that person was not added to the deal "
                "(give their role in the deal room, or add a role column to the file).",
                "%(n)s rows give no role, attitude or influence: those people were not added to the deal "
                "(give their roles in the deal room, or add a role column to the file).",
                result.roles_absent,
            )
            % {"n": result.roles_absent}
        )
    if result.roles_ignored:
        lines.append(
            _("%(n)s rows have roles or attitudes, not written: choose the deal they belong to.")
            % {"n": result.roles_ignored}
        )
    return lines


def dry_run_outcome(counts: dict[str, Any]) -> list[str]:
    """What importing the file of a dry run would do, said as such: the job page of a background dry run heads
    its summary with it (`counts`: the job's answer, jobs.import_answer; the summary's own lines say "created",
    as the command line's dry run does)."""
    created = counts.get("created", 0)
    lines = [
        ngettext(
            "Importing the file would create %(created)s person, update %(updated)s, leave %(unchanged)s as "
            "they are and skip %(skipped)s.",
            "Importing the file would create %(created)s people, update %(updated)s, leave %(unchanged)s as "
            "they are and skip %(skipped)s.",
            created,
        )
        % {key: counts.get(key, 0) for key in ("created", "updated", "unchanged", "skipped")}
    ]
    if counts.get("roles_created") or counts.get("roles_updated"):
        lines.append(
            _("Roles in the deal: %(created)s would be created, %(updated)s updated.")
            % {"created": counts.get("roles_created", 0), "updated": counts.get("roles_updated", 0)}
        )
    return lines


ROWS_NAMED = 20  # a list of rows in a message names this many, then how many in all


def _replaced_lines(replaced) -> list[str]:
    """What the file overwrites on the map, one line per person (the first ROWS_NAMED people, then how many
    more): `Row 3, 刘建华: Title 副总经理（分管信息化） → 副总经理; Phone …`."""
    lang = active_language()
    by_row: dict[int, tuple[str, list[str]]] = {}
    for row, name, attr, before, after in replaced:
        label = str(FIELD_LABELS.get(attr, attr))
        if attr == "status":
            before, after = PERSON_STATUSES.label(before, lang), PERSON_STATUSES.label(after, lang)
        elif attr == "external":  # External yes → no
            before, after = yes_no(before), yes_no(after)
        elif attr == "organisation":  # cleared when the person joins the account's own people
            after = after or "—"
        by_row.setdefault(row, (name, []))[1].append(f"{label} {before} → {after}")
    if not by_row:
        return []
    lines = [
        ngettext(
            "The file replaces a value of %(n)s person on the map:",
            "The file replaces values of %(n)s people on the map:",
            len(by_row),
        )
        % {"n": len(by_row)}
    ]
    for row, (name, changes) in list(by_row.items())[:ROWS_NAMED]:
        lines.append(
            _("Row %(row)s, %(name)s: %(changes)s")
            % {"row": row, "name": name, "changes": clauses(lang, changes)}
        )
    if len(by_row) > ROWS_NAMED:
        lines.append(_("… and %(n)s more people.") % {"n": len(by_row) - ROWS_NAMED})
    return lines


LINES_NAMED = 5  # the reporting lines a summary names, then "…"


def _reporting_lines(reporting_lines) -> list[str]:
    """The reporting lines the file sets for people who reported to no one, counted and the first LINES_NAMED
    named: `The file sets 3 reporting lines: 刘建华 reports to 王建国; 欧阳文静 reports to 刘建华; …` (a manager
    replaced is among the values replaced)."""
    if not reporting_lines:
        return []
    named = [
        _("%(person)s reports to %(manager)s") % {"person": name, "manager": manager}
        for _row, name, manager in reporting_lines[:LINES_NAMED]
    ]
    named += ["…"] if len(reporting_lines) > LINES_NAMED else []
    return [
        ngettext(
            "The file sets %(n)s reporting line: %(lines)s",
            "The file sets %(n)s reporting lines: %(lines)s",
            len(reporting_lines),
        )
        % {"n": len(reporting_lines), "lines": clauses(active_language(), named)}
    ]


def row_list(rows: list[int]) -> str:
    """`3, 4` (3、4) — or `3, 4, …, 60, … (1,204 rows)` past ROWS_NAMED."""
    sep = list_separator(active_language())
    if len(rows) <= ROWS_NAMED:
        return sep.join(map(str, rows))
    return sep.join(map(str, rows[:ROWS_NAMED])) + sep + "… " + _("(%(n)s rows)") % {"n": f"{len(rows):,}"}


def name_list(names: list[str]) -> str:
    """`A, B` (甲、乙) — or the first ROWS_NAMED names, then how many in all."""
    sep = list_separator(active_language())
    if len(names) <= ROWS_NAMED:
        return sep.join(names)
    return sep.join(names[:ROWS_NAMED]) + sep + "… " + _("(%(n)s people)") % {"n": f"{len(names):,}"}


def _quoted_rows(rows: list[tuple[int, str]]) -> str:
    """Lines of the file by row number and text: `12: “Grand Totals”; 13: “…”` (12：“合计”；13：“……”)."""
    lang = active_language()
    return clauses(lang, (labelled(lang, str(row), f"“{text}”") for row, text in rows))


def where_lines(meta) -> list[str]:
    """Where the table was found: the sheet (and the hidden ones passed over), the header row, the rows
    skipped above it and the footer lines dropped below — for the summary and the preview alike."""
    lines = []
    if getattr(meta, "legacy_rows", None):
        lines.append(
            _("The file mixes two encodings and was read line by line: rows %(rows)s in %(enc)s, the other "
              "rows in UTF-8. Check those rows' names before importing; if they are wrong, choose another "
              "encoding or save the file again in UTF-8.")
            % {"rows": row_list(meta.legacy_rows), "enc": NAMES.get(meta.legacy, meta.legacy)}
        )  # fmt: skip
    if getattr(meta, "empty_sheets", None):
        lines.append(
            _("Empty sheets passed over: %(names)s; read sheet %(sheet)s.")
            % {"names": join_names(active_language(), meta.empty_sheets), "sheet": meta.sheet}
        )
    if getattr(meta, "note_sheets", None):
        lines.append(
            _("Sheets without a table header passed over: %(names)s; read sheet %(sheet)s.")
            % {"names": join_names(active_language(), meta.note_sheets), "sheet": meta.sheet}
        )
    if getattr(meta, "people_sheets", None):
        lines.append(
            _("Warning: other sheets hold a list of people too, and are not read: %(names)s. Only sheet "
              "%(sheet)s is imported: import each of the others as well (choose it in the preview's sheet menu, "
              "or --sheet on the command line).")
            % {"names": join_names(active_language(), meta.people_sheets), "sheet": meta.sheet}
        )  # fmt: skip
    if getattr(meta, "hidden_sheets", None):
        lines.append(
            _("Hidden sheets passed over: %(names)s; read sheet %(sheet)s.")
            % {"names": join_names(active_language(), meta.hidden_sheets), "sheet": meta.sheet}
        )
    if getattr(meta, "hidden_rows", None):
        lines.append(
            _("Hidden rows of the sheet skipped (%(count)s): %(rows)s.")
            % {"count": len(meta.hidden_rows), "rows": row_list(meta.hidden_rows)}
        )
    if getattr(meta, "hidden_columns", None):
        lines.append(
            _("Hidden columns of the sheet skipped (%(count)s): %(columns)s.")
            % {
                "count": len(meta.hidden_columns),
                "columns": join_names(active_language(), meta.hidden_columns),
            }
        )
    if getattr(meta, "cards", 0):
        lines.append(
            _("Read as contact cards (vCard): %(count)s, one row each, numbered in the order of the file (card 1 "
              "is row 1).")
            % {"count": f"{meta.cards:,}"}
        )  # fmt: skip
        if getattr(meta, "company_cards", None):
            lines.append(
                _("Cards of a company, not of a person, passed over: %(lines)s.")
                % {"lines": _quoted_rows(meta.company_cards)}
            )
    elif meta.group_row:
        lines.append(
            _("Header: rows %(group)s and %(row)s (a two-row header with group cells).")
            % {"group": meta.group_row, "row": meta.header_row}
        )
    else:
        lines.append(_("Header: row %(row)s.") % {"row": meta.header_row})
    if meta.skipped_above:
        lines.append(
            _("Title or note rows above the header skipped: %(rows)s.")
            % {"rows": row_list(list(meta.skipped_above))}
        )
    if getattr(meta, "repeated_headers", None):
        lines.append(
            _("Rows repeating the header skipped (a second header row, in the same or another language): "
              "%(lines)s.")
            % {"lines": _quoted_rows(meta.repeated_headers)}
        )  # fmt: skip
    if getattr(meta, "notes", None):
        lines.append(
            _("Note rows among the people skipped (no person's name reads so): %(lines)s.")
            % {"lines": _quoted_rows(meta.notes)}
        )
    if meta.footer:
        lines.append(_("Report footer lines skipped: %(lines)s.") % {"lines": _quoted_rows(meta.footer)})
    if getattr(meta, "sections", None):
        lines.append(
            _("Heading rows read as the unit of the people below them, not as people: %(lines)s.")
            % {"lines": _quoted_rows(meta.sections)}
        )
    for header in dict.fromkeys(h for _row, _text, h in getattr(meta, "groups", None) or ()):
        rows = [(row, text) for row, text, h in meta.groups if h == header]
        lines.append(
            _("Group rows of the report read as the %(column)s of the rows below them, not as people: "
              "%(lines)s.")
            % {"column": header, "lines": _quoted_rows(rows)}
        )  # fmt: skip
    return lines


def undo_lines(report) -> list[str]:  # noqa: ANN001
    """What the undo of an import did (io.tabular.undo.UndoReport), one line a kind of record it touched."""
    counts = [
        (report.people_removed, ngettext("%(count)d person it added, removed.", "%(count)d people it added, removed.", report.people_removed)),
        (report.people_restored, ngettext("%(count)d person it changed, as before it again.", "%(count)d people it changed, as before it again.", report.people_restored)),
        (report.units_removed, ngettext("%(count)d department it added, removed.", "%(count)d departments it added, removed.", report.units_removed)),
        (report.roles_removed, ngettext("%(count)d deal role it added, removed.", "%(count)d deal roles it added, removed.", report.roles_removed)),
        (report.roles_restored, ngettext("%(count)d deal role it changed, as before it again.", "%(count)d deal roles it changed, as before it again.", report.roles_restored)),
    ]  # fmt: skip
    return [message % {"count": count} for count, message in counts if count]
