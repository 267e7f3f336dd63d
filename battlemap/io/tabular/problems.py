"""Problems found in the rows of an import file, each naming its spreadsheet row and column, in both languages
(a file no row of which can be read: `file_problems`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy

from battlemap import vocab
from battlemap.core.multilingual import active_language
from battlemap.punctuation import join_names, list_separator, with_id

FIELD_LABELS = {
    "external_id": pgettext_lazy("import", "External id"),
    "name": pgettext_lazy("import", "Name"),
    "first_name": pgettext_lazy("import", "First name"),
    "middle_name": pgettext_lazy("import", "Middle name"),
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
    "key_decision_maker": pgettext_lazy("import", "Key decision maker"),
    "attitude": pgettext_lazy("import", "Attitude"),
    "influence": pgettext_lazy("import", "Influence"),
    "relationship": pgettext_lazy("import", "Relationship"),
    "opportunity_id": pgettext_lazy("import", "Opportunity id"),
    "is_primary": pgettext_lazy("import", "Primary"),
    "is_deleted": pgettext_lazy("import", "Deleted in the CRM"),
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
    "unknown_choice": pgettext_lazy("import", 'unknown value "%(value)s": give one of %(allowed)s'),
    "out_of_range": pgettext_lazy("import", '"%(value)s" is not between %(min)s and %(max)s'),
    "not_whole": pgettext_lazy("import", '"%(value)s" is not a whole number from %(min)s to %(max)s'),
    "invalid_email": pgettext_lazy("import", '"%(value)s" is not an email address'),
    "exchange_address": pgettext_lazy(
        "import",
        '"%(value)s" is an Exchange (X.500) address that Outlook keeps for a contact of its address book, not an '
        "email address: write the contact's email address in its place, or clear the cell",
    ),
    "invalid_date": pgettext_lazy("import", '"%(value)s" is not a date'),
    "other_deal": pgettext_lazy(
        "import",
        "the roles of this row are those of deal %(value)s, not of the deal chosen (%(deal)s): choose deal "
        "%(value)s, or clear the role columns",
    ),
    "other_opportunity": pgettext_lazy(
        "import",
        'this row is of opportunity "%(value)s" and row %(other)s of opportunity "%(first)s": the roles of '
        "every opportunity of the file would go into the one deal chosen. Filter the file to that deal's "
        "opportunity and import it again",
    ),
    "left_new_role": pgettext_lazy(
        "import",
        "%(value)s has left the customer: a new part in the deal is not theirs to take — clear the role columns of "
        "this row, or say in its status that they left (a role held before)",
    ),
    "year_range": pgettext_lazy("import", "%(value)s: give a date between %(first)s and %(last)s"),
    "after_today": pgettext_lazy(
        "import", "%(value)s is after today: give the day the person left, up to today"
    ),
    "deleted_record": pgettext_lazy(
        "import",
        "the record is deleted in the CRM (Data Loader's Export All also writes deleted and merged records): "
        "export with Export instead, or remove the rows whose IsDeleted is true, and import again",
    ),
    "left_no_column": pgettext_lazy(
        "import",
        "the person left the company, and the file has no leaving date column: add a Left on (离职日期) column "
        "with the day each one left",
    ),
    "ambiguous_unit": pgettext_lazy(
        "import",
        "the account has more than one unit called %(value)s (%(units)s): write the path of the one you mean, "
        "as shown",
    ),
    "not_a_phone": pgettext_lazy("import", '"%(value)s" is not a phone number: a number holds digits'),
    "left_on_active": pgettext_lazy(
        "import",
        "%(value)s is a leaving day, and the status says the person is active: clear the day, or set the status "
        "to left",
    ),
    "masked": pgettext_lazy(
        "import",
        '"%(value)s" is masked, characters hidden by *, as a CRM exports them for a user who may not see them in '
        "full: export again as a user who may, or choose (ignore) for this column",
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
    "ambiguous_manager_middle": pgettext_lazy(
        "import",
        '"%(value)s" matches several people whose names differ only by a middle name (%(names)s): give the '
        "manager's e-mail or id instead",
    ),
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
    "name_kept_middle_added": pgettext_lazy(
        "import",
        '"%(value)s" is %(name)s (same e-mail, with a middle name added): the name stays %(name)s — rename them '
        "on the map to add it",
    ),
    "name_kept_middle_left_out": pgettext_lazy(
        "import", '"%(value)s" is %(name)s (same e-mail, without the middle name): the name stays %(name)s'
    ),
    "name_kept_middle_initial": pgettext_lazy(
        "import",
        '"%(value)s" is %(name)s (same e-mail, the middle name written otherwise): the name stays %(name)s',
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
    "left_in_name": pgettext_lazy(
        "import",
        '"%(value)s" after the name says the person left: imported as left the company on %(day)s, the name without '
        "it — correct the date on the map if they left on another day",
    ),
    "left_in_name_kept": pgettext_lazy(
        "import",
        '"%(value)s" after the name says the person left, but the map had them as left before and someone set them '
        "back to active: kept active, the name without it",
    ),
    "same_name_elsewhere": pgettext_lazy(
        "import",
        "a person of this name already exists (in %(units)s): a new person is created; if it is the same "
        "person who moved, give an id, e-mail or phone, or move them on the map",
    ),
    "name_within": pgettext_lazy(
        "import",
        '"%(value)s" may be %(names)s on the map (the same name, a word added or left out): added as a new '
        "person; if it is the same person, write the name as the map has it, or give their e-mail, id or phone",
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

# The columns whose values are a vocabulary's codes or labels (`unknown_choice` lists them).
CHOICES = {"roles": vocab.BUYING_ROLES, "attitude": vocab.ATTITUDES}

# What a row was matched to a person of the map by (person_match.match_people), as `email_of_other_found` says it.
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
        with translation.override(language_of(lang)):
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
            if self.code == "unknown_choice":  # the values the column takes, in the language read
                params["allowed"] = CHOICES[self.column].listing(active_language())
            text = str(MESSAGES[self.code]) % {k: joined(v) for k, v in params.items()}
            return pgettext("import", "row %(row)s, %(column)s: %(message)s") % {
                "row": self.row,
                "column": label,
                "message": text,
            }

    def __str__(self) -> str:
        return self.message()


def language_of(lang: str | None) -> str | None:
    """The language a message is written in: `lang` ("zh", "zh-cn" and "zh_Hans" are zh-hans), or the active one."""
    if lang in ("zh", "zh-hans", "zh_Hans", "zh-cn"):
        return "zh-hans"
    if lang is None:
        return active_language()
    return lang


def joined(value: Any) -> Any:
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
