"""A people import's plan (importer.plan_import builds it; services.people_import writes it): the file as read,
its rows, what each row matched on the account and the manager it names, and every problem and notice found.
Nothing here reads or writes the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from battlemap.io import dates

from .columns import ColumnMap
from .person_row import PersonRow
from .problems import Problem
from .readers import Table
from .unit_paths import PathReading


class Known:
    """An existing person as plain attributes; services fetch the full instance only to change it."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class Plan:
    table: Table
    columns: ColumnMap
    rows: list[PersonRow]
    matches: dict[int, Known | None] = field(default_factory=dict)  # row -> existing person
    managers: dict[int, tuple[str, Any]] = field(default_factory=dict)  # row -> ("row", n) | ("person", pk)
    account_company: str = ""
    new_company_name: str = ""  # the account's company, when none of the account's names gives it: to be kept
    account_not_in_file: str = ""  # the account's name, when no company of the file is the account's
    external_rows: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # warnings by row: shown, nothing refused
    keep_name: set[int] = field(default_factory=set)  # rows matched by e-mail whose name is not written
    keep_external_id: set[int] = field(
        default_factory=set
    )  # rows whose id from another system is not written
    date_order: str | None = None
    date_reading: dates.DateReading | None = None  # how the Left on dates like 05/03/2024 were read
    unit_paths: PathReading | None = None  # how the department cells were split into paths
