"""The reporting lines of a people import: each row's manager (ReportsToId, or the manager cell — an id, an
e-mail or a name) found among the file's rows, then among the account's people, and a reporting cycle refused.
Part of the plan (importer.plan_import): nothing is written here; problems are added to the plan."""

from __future__ import annotations

from typing import Any

from battlemap.io.mail.headers import parse_addresses
from battlemap.io.matching import email_key, given_name_first, id_key, match_name, name_orders
from battlemap.io.middle_names import without_middle_names
from battlemap.people.models import Person

from .plan import Plan
from .problems import Named, Problem


def resolve_managers(plan: Plan, account: Any) -> None:
    """Resolve ReportsToId or the manager cell — an id (账号, 工号, a CRM id), an email, the Battlemap id of a
    row of the file (Battlemap's own export, for a manager with a namesake) or a name — first among the file's
    rows, then among the account's people."""
    file_ids: dict[str, int] = {}
    for r in plan.rows:
        for value in (r.external_id, r.employee_no):
            if value:
                file_ids.setdefault(id_key(value), r.row)
    file_email = {r.email: r.row for r in plan.rows if r.email}
    # Battlemap's own export names a manager who has a namesake by the Battlemap id of their row
    file_map_ids = {str(r.map_id): r.row for r in plan.rows if r.map_id}
    file_names: dict[str, list[int]] = {}
    for r in plan.rows:
        for key in _name_keys(r.name, r.without_middle):  # Anna Schmidt: Anna M. Schmidt
            file_names.setdefault(key, []).append(r.row)
    matched_pks = {p.pk for p in plan.matches.values() if p is not None}
    people = Person.objects.filter(account=account)
    acct_ext = {id_key(e): pk for e, pk in people.exclude(external_id="").values_list("external_id", "pk")}
    acct_email = {email_key(e): pk for e, pk in people.exclude(email="").values_list("email", "pk")}
    acct_names: dict[str, list[int]] = {}
    name_of = dict(people.values_list("pk", "name"))
    for pk, name in name_of.items():
        for key in _name_keys(name):  # the map's Anna M. Schmidt too
            acct_names.setdefault(key, []).append(pk)
    row_names = {r.row: r.name for r in plan.rows}
    row_of_pk = {p.pk: row for row, p in plan.matches.items() if p is not None}

    def ref_person(pk: int) -> tuple[str, Any]:
        # an account person who is also in the file is referred to by their row
        return ("row", row_of_pk[pk]) if pk in row_of_pk else ("person", pk)

    for r in plan.rows:
        target: tuple[str, Any] | None = None
        if r.reports_to_id:
            key = id_key(r.reports_to_id)
            if key in file_ids:
                target = ("row", file_ids[key])
            elif key in acct_ext:
                target = ref_person(acct_ext[key])
            else:
                plan.problems.append(
                    Problem(r.row, "reports_to_id", "unknown_contact", {"value": r.reports_to_id})
                )
        elif r.manager:
            name = r.manager  # the name to find the manager by, when no id or e-mail of the cell finds them
            if "@" in r.manager:
                # an address alone, or Outlook's "Oliver Stone <o.stone@x.com>": the address, else the name
                mailboxes = parse_addresses(r.manager)
                mailbox = mailboxes[0] if len(mailboxes) == 1 else None
                key = email_key(mailbox.email if mailbox else r.manager)
                if key in file_email:
                    target = ("row", file_email[key])
                elif key in acct_email:
                    target = ref_person(acct_email[key])
                name = mailbox.name if mailbox else ""
            elif (mkey := id_key(r.manager)) in file_ids:  # WeCom 直属上级 by 账号, DingTalk by 工号
                target = ("row", file_ids[mkey])
            elif mkey in acct_ext:
                target = ref_person(acct_ext[mkey])
            elif r.manager.strip() in file_map_ids:  # the row of that Battlemap id (xlsx_book.Book.manager)
                target = ("row", file_map_ids[r.manager.strip()])
            if target is None and name:
                keys = _manager_keys(name, file_names, acct_names)
                rows_named = list(dict.fromkeys(n for key in keys for n in file_names.get(key, [])))
                outside = list(
                    dict.fromkeys(
                        pk for key in keys for pk in acct_names.get(key, []) if pk not in matched_pks
                    )
                )
                if len(rows_named) == 1 and not outside:
                    target = ("row", rows_named[0])
                elif not rows_named and len(outside) == 1:
                    target = ("person", outside[0])
                elif (kept := _current_manager(plan, r.row, rows_named, outside)) is not None:
                    target = ref_person(kept)  # two 张三, and the person reports to one of them already
                elif len(rows_named) + len(outside) > 1:
                    # Anna Schmidt and Anna M. Schmidt: two people whose names differ by a middle name, asked
                    names = [row_names[n] for n in rows_named] + [name_of[pk] for pk in outside]
                    middle = _by_middle(names)
                    people_named = [Named(name_of[pk], pk) for pk in outside]
                    plan.problems.append(
                        Problem(r.row, "manager", "ambiguous_manager_middle" if middle else "ambiguous_manager",
                                {"value": r.manager, "names": people_named, "rows": rows_named})
                    )  # fmt: skip
                    continue
            if target is None:
                plan.problems.append(Problem(r.row, "manager", "unknown_manager", {"value": r.manager}))
                continue
        if target is None:
            continue
        if target == ("row", r.row):
            plan.problems.append(
                Problem(r.row, "reports_to_id" if r.reports_to_id else "manager", "self_manager")
            )
            continue
        plan.managers[r.row] = target


def _current_manager(plan: Plan, row: int, rows_named: list[int], outside: list[int]) -> int | None:
    """When a manager's name matches several people (Battlemap's own export of two 张三) and the row's person
    reports to one of them on the map already, that one: the file says nothing new."""
    person = plan.matches.get(row)
    if person is None or not person.reports_to_id or len(rows_named) + len(outside) < 2:
        return None
    named = {known.pk for n in rows_named if (known := plan.matches.get(n)) is not None} | set(outside)
    return person.reports_to_id if person.reports_to_id in named else None


def refuse_cycles(plan: Plan, account: Any) -> None:
    """A reporting cycle among the file's rows (and the account people they point to) is an error."""
    edges: dict[tuple[str, Any], tuple[str, Any]] = {("row", row): t for row, t in plan.managers.items()}
    for row, person in plan.matches.items():
        if person is not None and ("row", row) not in edges and person.reports_to_id:
            edges[("row", row)] = ("person", person.reports_to_id)
    for pk, boss in Person.objects.filter(account=account, reports_to__isnull=False).values_list(
        "pk", "reports_to_id"
    ):
        edges.setdefault(("person", pk), ("person", boss))
    row_of_pk = {p.pk: row for row, p in plan.matches.items() if p is not None}
    reported: set[frozenset] = set()
    for start in list(edges):
        seen: list[tuple[str, Any]] = []
        node: tuple[str, Any] | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = edges.get(node)
            if node is not None and node[0] == "person" and node[1] in row_of_pk:
                node = ("row", row_of_pk[node[1]])
        if node is not None and node == start:
            rows = sorted(n[1] for n in seen if n[0] == "row")
            if frozenset(rows) not in reported:
                reported.add(frozenset(rows))
                column = "reports_to_id" if "reports_to_id" in plan.columns.fields else "manager"
                plan.problems.append(Problem(rows[0], column, "cycle", {"rows": rows}))


def _name_keys(name: str, without_middle: str = "") -> list[str]:
    """The keys a manager cell finds a person by: their name, and their name without the middle name — the file's
    Middle Name column left out (`PersonRow.without_middle`), else by io.middle_names' rule (Anna M. Schmidt:
    Anna Schmidt, as Outlook's Manager's Name writes her)."""
    if not name:
        return []
    keys = [match_name(name)]
    short = match_name(without_middle or without_middle_names(name))
    return keys + [short] if short and short != keys[0] else keys


def _manager_keys(name: str, *known: dict[str, list[int]]) -> list[str]:
    """The keys a manager cell's name finds people by, the people of any of them together (one → the manager;
    several → asked): the name as written, and, written Outlook's "File As" way, last name first after a comma
    ("Stone, Oliver"), in the order people's names are stored (Oliver Stone, `matching.last_name_first`) — the map
    may hold either (a mail stores "Zhang, Wei" as Zhang Wei); a Chinese name written given name first, as
    Salesforce's Reports To shows it ("建国 王": 王建国, `matching.given_name_first`), only when the name as written
    matches no one of `known` (the file's names, the map's): a 建国王 is theirs."""
    keys = name_orders(name)
    if len(keys) == 1 and not any(keys[0] in names for names in known) and (turned := given_name_first(name)):
        keys.append(match_name(turned))
    return list(dict.fromkeys(keys))


def _by_middle(names: list[str]) -> bool:
    """Whether people a manager cell names differ by a middle name (Anna Schmidt, Anna M. Schmidt), not only
    by the order their names are written in (Stone Oliver, Oliver Stone)."""
    return len({match_name(without_middle_names(n) or n) for n in names}) < len(
        {match_name(n) for n in names}
    )
