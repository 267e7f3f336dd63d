"""A people import's roles in the chosen deal (services.people_import calls `write_roles` after the people):
each row's roles, attitude, influence and relationship, through deals.services. Battlemap's own export replaces a
person's roles; another file's are added to those held; an unchanged row writes nothing (`write_roles`)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext as _

from battlemap.core.multilingual import active_language
from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import stakeholder_role_create, stakeholder_role_update, takes_new_role
from battlemap.io.labels import ATTITUDE_LABELS, RELATIONSHIP_LABELS, label, roles_text
from battlemap.io.matching import id_key
from battlemap.people.models import Person
from battlemap.punctuation import aside, join_names
from battlemap.vocab import ROLES

from .person_row import PersonRow
from .plan import Plan
from .problems import ImportFailed, Problem


def has_role_data(r: PersonRow) -> bool:
    return bool(r.roles or r.attitude or r.influence is not None or r.relationship is not None)


def roles_of_other_deals(plan: Plan, deal: Any) -> list[Problem]:
    """The rows whose roles are another deal's than `deal`, which are never copied into it: a row of Battlemap's own
    export whose Deal id is another deal ("other_deal"), and a contact-role export (Salesforce's
    OpportunityContactRole, an "Opportunities with Contact Roles" report) naming more than one opportunity — the
    first row of each further opportunity ("other_opportunity", ids compared by `matching.id_key`: the 15- and
    18-character forms of a Salesforce id are one). A deal keeps no CRM id, so the one opportunity of a file is
    taken as the deal's."""
    problems = [
        Problem(r.row, "deal_id", "other_deal", {"value": r.deal_id, "deal": deal.pk})
        for r in plan.rows
        if r.deal_id and r.deal_id != deal.pk and has_role_data(r)
    ]
    first: dict[str, PersonRow] = {}
    for r in plan.rows:
        if r.opportunity_id and has_role_data(r) and id_key(r.opportunity_id) not in first:
            if first:
                one = next(iter(first.values()))
                params = {"value": r.opportunity_id, "other": one.row, "first": one.opportunity_id}
                problems.append(Problem(r.row, "opportunity_id", "other_opportunity", params))
            first[id_key(r.opportunity_id)] = r
    return sorted(problems, key=lambda p: p.row)


def write_roles(plan: Plan, deal: Any, result: Any, *, dry_run: bool = False) -> None:
    """Each row's roles, attitude and influence in `deal`; a dry run counts the roles created and updated the
    same way, writing nothing. Battlemap's own export (its Deal id column: the sheet shows the deal's roles)
    replaces a person's roles by a non-empty Roles cell; another file's roles are added to those held (a CRM file
    may name one role of several, a contact-role export one per row). The summary says which
    (`result.roles_replace`), names the roles kept besides the file's, and lists a role's values the file
    changes with the other values replaced (`Role 影响者 → 把关者`). An unchanged row writes nothing."""
    by_row: dict[int, Person] = plan.by_row  # type: ignore[attr-defined]
    result.roles_absent = sum(1 for r in plan.rows if not has_role_data(r))  # the summary says so
    replace = "deal_id" in plan.columns.fields
    if any(r.roles for r in plan.rows):
        result.roles_replace = replace
    existing: dict[int, Any] = {r.person_id: r for r in StakeholderRole.objects.filter(deal=deal)}
    held = {pk: tuple(role.roles) for pk, role in existing.items()}  # before the file
    named: dict[int, set[str]] = {}  # the roles the file names, by person
    # checked for every row before any write, so that a dry run names them too; the file's own "left" status
    # records a part held before (a fresh reviewer: a file gave a new role to a leaver)
    gone = [
        Problem(r.row, "roles", "left_new_role", {"value": by_row[r.row].name})
        for r in plan.rows
        if has_role_data(r)
        and by_row[r.row].pk not in existing
        and not takes_new_role(by_row[r.row], held_before=r.status == "left")
    ]
    if gone:
        raise ImportFailed(gone)
    wanted = [by_row[r.row].pk for r in plan.rows if has_role_data(r)]
    people = {} if dry_run else Person.objects.in_bulk(wanted)
    for r in plan.rows:
        if not has_role_data(r):
            continue
        person = by_row[r.row]
        role = existing.get(person.pk)
        values: dict[str, Any] = {}
        if r.roles:
            before = tuple(role.roles) if role else ()
            added = [*before, *(c for c in r.roles if c not in before)]
            values["roles"] = list(r.roles) if replace else added
            named[person.pk] = named.get(person.pk, set()) | set(r.roles)
        if r.attitude:
            values["attitude"] = r.attitude
        if r.influence is not None:
            values["influence"] = r.influence
        if r.relationship is not None:
            values["relationship"] = r.relationship
        if role is None:
            existing[person.pk] = (
                _Unsaved(**values)
                if dry_run
                else stakeholder_role_create(deal=deal, person=people[person.pk], held_before=True, **values)
            )
            result.roles_created += 1
            continue
        changed = {k: v for k, v in values.items() if not _same_role_value(k, getattr(role, k), v)}
        if not changed:
            continue
        if person.pk in held:  # a role the map held: what the file changes is said as a replaced value
            result.replaced += [
                (r.row, person.name, k, role_value(k, getattr(role, k)), role_value(k, v))
                for k, v in changed.items()
                if getattr(role, k) not in ((), [], "unknown")  # a blank filled is no replacement
            ]
        existing[person.pk] = (
            _Unsaved(**{**role.__dict__, **changed})
            if dry_run
            else stakeholder_role_update(role=role, version=role.version, **changed)
        )
        result.roles_updated += 1
    result.replaced.sort(key=lambda change: change[0])  # a row's role after its person's values
    if not replace:
        result.roles_kept = [
            (by_pk.name, kept)
            for by_pk in {by_row[r.row].pk: by_row[r.row] for r in plan.rows if r.roles}.values()
            if (kept := tuple(c for c in held.get(by_pk.pk, ()) if c not in named.get(by_pk.pk, ())))
        ]


def _same_role_value(attr: str, stored: Any, value: Any) -> bool:
    """Roles are the same whatever their order (the model keeps them in the vocabulary's order)."""
    return set(stored) == set(value) if attr == "roles" else stored == value


def role_value(attr: str, value: Any) -> Any:
    """A role's value as the summary shows it, in the language it is read in (a lazy text): 影响者、把关者."""
    if attr == "roles":
        in_order = sorted(value, key=lambda c: ROLES.index(c) if c in ROLES else len(ROLES))  # as the model
        return lazy(roles_text, str)(in_order)
    if attr in ("attitude", "relationship"):
        labels = ATTITUDE_LABELS if attr == "attitude" else RELATIONSHIP_LABELS
        return lazy(label, str)(labels, value)
    return value


class _Unsaved(SimpleNamespace):
    """A role of a dry run: its values as the write would leave them, so a second row of the person counts as
    the write would (an update, or no change)."""

    roles: tuple[str, ...] = ()
    attitude: str = "unknown"
    influence: int | None = None
    relationship: int | None = None


def roles_lines(result: Any) -> list[str]:
    """How the file's roles met those the people held in the deal, for the summary: replaced (Battlemap's own
    export), or added — with the roles kept besides the file's (`赵磊（影响者）`)."""
    if getattr(result, "roles_replace", None) is None:
        return []
    if result.roles_replace:
        return [
            _("Roles in the deal: a non-empty Roles cell replaces the roles the person held (Battlemap's own "
              "export, with its Deal id column); an empty one keeps them.")
        ]  # fmt: skip
    lines = [
        _("Roles in the deal: the file's are added to those each person held, none removed (only Battlemap's "
          "own export, with its Deal id column, replaces them).")
    ]  # fmt: skip
    if result.roles_kept:
        lang = active_language()
        kept = [f"{name}{aside(lang, roles_text(codes))}" for name, codes in result.roles_kept]
        lines.append(_("Roles kept besides the file's: %(people)s.") % {"people": join_names(lang, kept)})
    return lines
