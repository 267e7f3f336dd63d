"""The people import (one transaction, all or nothing, history kept): plans the file (io.importer), then
writes through the owning apps' services — departments and the company kept among the account's names
(Also written as) by accounts.services, people in bulk by
people.services (people_bulk_insert / people_bulk_update), deal roles by deals.services — inside
core.history_stamp.recorded(reason=…) so every history row says where it came from: the import's own reason
(`selectors.import_reason`: its id and file), which its undo reads back (io.tabular.undo)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from battlemap.accounts.services import account_company_name_remember
from battlemap.audit.services import Action, audit_record
from battlemap.core.history_stamp import recorded
from battlemap.core.services import lock_row
from battlemap.maps.cache import map_fingerprint
from battlemap.people.services import people_bulk_check

from .importer import plan_import
from .mappingfile import Mapping
from .plan import Plan
from .problems import ImportFailed
from .roles import has_role_data, roles_of_other_deals, write_roles
from .selectors import import_reason, new_import_id
from .writes import people_held, planned_writes, write_people


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    roles_created: int = 0
    roles_updated: int = 0
    roles_ignored: int = 0  # rows with roles while no deal was given
    roles_absent: int = 0  # rows with no role, attitude or influence while a deal was given: not in the deal
    rows: int = 0
    source: str = ""
    encoding: str | None = None  # the label of the CSV's encoding (`GB18030`)
    codec: str | None = None  # and its codec, as the preview's encoding choice takes it
    alternatives: tuple[str, ...] = ()  # other encodings that also decode the file
    legacy: str | None = None  # a file read line by line: the legacy codec of some rows
    legacy_rows: list[int] = field(default_factory=list)  # and those rows (the others are UTF-8)
    sheet: str | None = None
    hidden_sheets: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # hidden rows of the sheet, skipped
    hidden_columns: list[str] = field(default_factory=list)  # hidden columns of the sheet (letters), skipped
    empty_sheets: list[str] = field(default_factory=list)
    note_sheets: list[str] = field(default_factory=list)
    people_sheets: list[str] = field(default_factory=list)  # other sheets of people, not read
    header_row: int = 1  # 0 for vCards: no header row (`cards`)
    cards: int = 0  # vCards: the cards read, one row each
    company_cards: list[tuple[int, str]] = field(
        default_factory=list
    )  # vCards of a company passed over: (card, FN)
    group_row: int | None = None
    skipped_above: list[int] = field(default_factory=list)
    footer: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # note rows among the people: (row, text)
    sections: list[tuple[int, str]] = field(default_factory=list)  # heading rows: (row, text)
    repeated_headers: list[tuple[int, str]] = field(
        default_factory=list
    )  # rows repeating the header: (row, text)
    # a report's group rows: (row, text, the header of the column they fill)
    groups: list[tuple[int, str, str]] = field(default_factory=list)
    date_order: str | None = None
    date_reading: Any = (
        None  # io.dates.DateReading of the Left on column, when it holds dates like 05/03/2024
    )
    suspicious_columns: list[str] = field(default_factory=list)  # ignored, yet read like manager/unit/id
    # (所属部门, 负责人): a unit column not read as the department, beside our owner's column (columns.recognise)
    owner_units: list[tuple[str, str]] = field(default_factory=list)
    notices: list[Any] = field(default_factory=list)  # warnings by row (problems.Problem), nothing refused
    external_people: dict[str, list[str]] = field(default_factory=dict)  # other company -> names
    ignored_columns: list[str] = field(default_factory=list)
    recognised: dict[str, str] = field(default_factory=dict)  # field -> header
    also_read: dict[str, list[str]] = field(
        default_factory=dict
    )  # field -> its other columns (Mobile: phone)
    account_company: str = ""
    account_not_in_file: str = ""  # the account's name, when no company of the file is the account's
    company_kept: str = ""  # the account's company, kept among its names (Also written as) by the import
    dry_run: bool = False
    import_id: str | None = None  # what its undo takes (io.tabular.undo); None for a dry run
    # values of people on the map the file replaces (a blank filled is no replacement): (row, name, field,
    # before, after), so the preview says what a re-import overwrites before anything is written
    replaced: list[tuple[int, str, str, Any, Any]] = field(default_factory=list)
    # the reporting lines the file sets for people who report to no one (new ones too): (row, name, manager)
    reporting_lines: list[tuple[int, str, str]] = field(default_factory=list)
    unit_paths: Any = None  # how the department cells were split into paths (unit_paths.PathReading)
    roles_replace: bool | None = None  # the file's roles replace those held (own export), else are added
    # (name, roles held not named by the file): kept, as a file's roles are added
    roles_kept: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The warnings by row, in the active language (`row 4, Name: a person of this name …`)."""
        return [notice.message() for notice in self.notices]


def people_import(
    *,
    account: Any,
    data: bytes,
    filename: str,
    deal: Any = None,
    mapping: Mapping | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    date_order: str | None = None,
    dry_run: bool = False,
    user: Any = None,
    via: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import people (and their roles in `deal`) from a CSV/XLSX file into `account`.

    Raises ReadError (file unreadable) or ImportFailed (every problem, by row); then nothing is written.
    With dry_run the import is counted as it would be written — people created, updated and unchanged, the
    values replaced, the roles — and nothing is written: no transaction is opened, so a dry run of 100,000 rows
    takes no write lock (on SQLite, other users' writes would wait for it). `via`: how the file came, for the
    audit log ("cli", "api"; "" the web).
    """

    def planned() -> tuple[Plan, ImportResult, Any]:
        return _planned(account=account, data=data, filename=filename, deal=deal, mapping=mapping, sheet=sheet,
                        encoding=encoding, date_order=date_order, dry_run=dry_run)  # fmt: skip

    read_at = map_fingerprint(account)  # what the plan reads; before it, so that any change after it is seen
    plan, result, writes = planned()
    if dry_run:  # counted as the write would, writing nothing: no write lock taken
        if deal is not None:
            write_roles(plan, deal, result, dry_run=True)
        return result
    try:
        people_bulk_check(account=account, people=writes.new_people)  # reads only, before the write lock
    except ValidationError:
        if map_fingerprint(account) == read_at:
            raise
        # an e-mail taken meanwhile (the same file imported at once by another): read again within the lock
    import_id = new_import_id()
    with transaction.atomic(), recorded(reason=import_reason(import_id, filename)):
        lock_row(account)  # one import of an account at a time (SQLite: its IMMEDIATE transaction already)
        stale = map_fingerprint(account) != read_at
        while stale or not people_held(plan, writes):
            # Written meanwhile (another import of this file: each would have created everyone; an edit), or a
            # person it writes or names deleted since that check (PostgreSQL: a deletion does not wait for the
            # account's lock): the plan read it as it was, so it is read again, within the lock
            plan, result, writes = planned()
            people_bulk_check(account=account, people=writes.new_people)
            stale = False
        result.import_id = import_id
        write_people(writes, account=account, user=user, progress=progress, total=len(plan.rows))
        if plan.new_company_name and not account_company_name_remember(
            account=account, name=plan.new_company_name
        ):
            result.company_kept = (
                ""  # the customer as this file writes it: its next file is the account's too
            )
        if deal is not None:
            write_roles(plan, deal, result)
        audit_record(
            action=Action.IMPORT, account=account, user=user, what="people_file", rows=len(plan.rows), via=via
        )
    if not (
        result.created
        or result.updated
        or result.roles_created
        or result.roles_updated
        or result.company_kept
    ):
        result.import_id = None  # it wrote nothing: nothing to undo (its page offers no undo)
    return result


def _planned(
    *,
    account: Any,
    data: bytes,
    filename: str,
    deal: Any,
    mapping: Mapping | None,
    sheet: str | None,
    encoding: str | None,
    date_order: str | None,
    dry_run: bool,
) -> tuple[Plan, ImportResult, Any]:
    """The file read against the account as stored now (people_import): its plan, the result counted as it would
    be written, and the writes."""
    plan = plan_import(account=account, data=data, filename=filename, mapping=mapping, sheet=sheet,
                       encoding=encoding, date_order=date_order)  # fmt: skip
    if deal is not None and (other := roles_of_other_deals(plan, deal)):  # never copied into this one
        raise ImportFailed(other)
    table = plan.table
    result = ImportResult(
        rows=len(plan.rows),
        source=plan.columns.source,
        encoding=table.encoding,
        codec=table.codec,
        alternatives=table.alternatives,
        legacy=table.legacy,
        legacy_rows=table.legacy_rows,
        sheet=table.sheet,
        hidden_sheets=table.hidden_sheets,
        hidden_rows=table.hidden_rows,
        hidden_columns=table.hidden_columns,
        empty_sheets=table.empty_sheets,
        note_sheets=table.note_sheets,
        people_sheets=table.people_sheets,
        header_row=table.header_row,
        cards=table.cards,
        company_cards=table.company_cards,
        group_row=table.group_row,
        skipped_above=table.skipped_above,
        footer=table.footer,
        notes=table.notes,
        sections=table.sections,
        repeated_headers=table.repeated_headers,
        groups=table.groups,
        date_order=plan.date_order,
        date_reading=plan.date_reading,
        unit_paths=plan.unit_paths,
        suspicious_columns=plan.columns.suspicious,
        owner_units=plan.columns.owner_units,
        notices=sorted(plan.notices, key=lambda p: (p.row, p.column)),
        external_people=_external_people(plan),
        ignored_columns=plan.columns.ignored,
        account_company=plan.account_company,
        account_not_in_file=plan.account_not_in_file,
        company_kept=plan.new_company_name,
        dry_run=dry_run,
        recognised={f: plan.columns.header_of(f) for f in plan.columns.fields},
        also_read={f: [plan.columns.headers[i] for i in cols] for f, cols in plan.columns.fallbacks.items()},
    )
    if deal is None:
        result.roles_ignored = sum(1 for r in plan.rows if has_role_data(r))
    # what the file changes, counted with ids of their own for the new people and units (docs/import.md#speed)
    writes = planned_writes(plan, account, result)
    return plan, result, writes


def _external_people(plan: Plan) -> dict[str, list[str]]:
    """Who comes in as external, by company (the summary and the preview list them)."""
    people: dict[str, list[str]] = {}
    for r in plan.rows:
        if r.row in plan.external_rows:  # a row without a name: the person it updates
            known = plan.matches.get(r.row)
            people.setdefault(r.company, []).append(r.name or (known.name if known else r.external_id))
    return people
