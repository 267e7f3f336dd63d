"""A person as one row of a people file holds them (rows.parse_rows reads it; the plan, matching and the writes
take it from there)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class PersonRow:
    row: int
    name: str = ""
    # the name read family name first when the cell writes two parts in Chinese characters ("文博 许" → 许文博:
    # matching.given_name_first); person_match.match_people takes it when the name as written matches nobody on the map
    family_first: str = ""
    # the name without the row's Middle Name (John F. Kennedy → John Kennedy): person_match.match_people takes it when only it
    # names someone on the map, and a manager cell that leaves the middle name out (Outlook's Manager's Name) finds
    # the row by it (reporting_lines)
    without_middle: str = ""
    external_id: str = ""
    title: str = ""
    department: str = ""  # the name of the person's unit (the last part of its path)
    unit_path: tuple[str, ...] = ()  # the person's unit: the main department, else the first one
    unit_paths: list[tuple[str, ...]] = field(default_factory=list)  # every department of the row
    employee_no: str = ""  # an employee number kept besides the external id (工号), for reporting lines
    map_id: int | None = None  # the person's id on this map (Battlemap's own export: "Battlemap id")
    email: str = ""  # as stored (matching.email_stored; for a valid address its key form too): rows and people match on it
    email_as_written: str = ""  # as the file holds it, for the messages that quote it
    phone: str = ""
    company: str = ""
    manager: str = ""  # a name or an email
    reports_to_id: str = ""
    roles: tuple[str, ...] = ()
    attitude: str | None = None
    influence: int | None = None
    relationship: int | None = None
    opportunity_id: str = ""
    is_primary: bool | None = None
    status: str | None = None
    # the status cell of a member whose account is disabled (WeCom 已禁用), or the name's mark (王五（已离职）):
    # left, on a day leaving.date_disabled settles, and said so in the column `disabled_column`
    disabled: str = ""
    disabled_column: str = "status"
    left_on: dt.date | None = None
    notes: str = ""
    duties: str = ""
    concerns: str = ""
    personal_win: str = ""
    external: bool | None = None  # the file's External column (yes / 是, no / 否; empty: as it is)
    organisation: str = ""  # an external person's organisation (the file's Organisation column)
    deal_id: int | None = None  # the deal of the row's roles (Battlemap's own export: "Deal id")
    present: set[str] = field(default_factory=set)  # fields whose column exists in the file

    def other_readings(self) -> tuple[str, ...]:
        """The row's name read otherwise — family name first, without its middle name — when it has such readings."""
        return tuple(n for n in (self.family_first, self.without_middle) if n)
