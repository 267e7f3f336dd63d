"""Telling a row of the people import from a namesake on the map (张伟, 王芳 are common): an e-mail, id or phone
both hold and hold differently makes two people — unless only the phone differs and the row is the person's
post (the same title, and department when both say one): then it is the same person whose phone changed. A name
that holds a map person's and more (王建明 (Jimmy) beside 王建明, John Fitzgerald Kennedy beside John Kennedy) is warned of, never merged.
Part of the plan (person_match.match_people): nothing is written here; notices are added to the plan."""

from __future__ import annotations

from battlemap.io.cleaning import tidy_text
from battlemap.io.matching import (
    chinese_name_parts,
    department_key,
    emails_differ,
    id_key,
    match_name,
    same_name_parts,
)
from battlemap.io.middle_names import middle_name_added, without_middle_names
from battlemap.io.phones import phones_differ

from .person_row import PersonRow
from .plan import Known, Plan
from .problems import Named, Problem


def differs(r: PersonRow, person: Known) -> str | None:
    """The identifier (`email`, `external_id`, `phone`) the row and `person` both hold and hold differently,
    each compared by its key: then they are two people, whatever their names."""
    if emails_differ(r.email, person.email):  # the row's e-mail is keyed already
        return "email"
    if r.external_id and person.external_id and id_key(r.external_id) != id_key(person.external_id):
        return "external_id"
    if r.phone and person.phone and phones_differ(r.phone, person.phone):
        return "phone"
    return None


def namesake_notice(plan: Plan, r: PersonRow, namesakes: list[Known]) -> None:
    """The row is added as a new person beside people of its name with another e-mail, id or phone: said
    by row, naming them, since it may be the same person whose e-mail (or id, or phone) changed."""
    for column in ("email", "external_id", "phone"):
        others = [p for p in namesakes if differs(r, p) == column]
        if others:
            names = [f"{p.name} ({getattr(p, column)}, id {p.pk})" for p in others]
            plan.notices.append(Problem(r.row, column, f"namesake_other_{column}", {"names": names}))


def phone_changed(plan: Plan, r: PersonRow, namesakes: list[Known]) -> Known | None:
    """The one namesake on the map whom the row differs from by the phone alone (no e-mail or id telling them
    apart) and whose title is the row's — and department, when both say one: a re-import of a CRM export
    after the person's phone changed (王建国, 总经理, 013800138000 → 013800138999). Taken as that person, so the
    phone is updated and a manager cell naming them is them; said by row with both numbers. Else None (a new
    person, `namesake_notice` says so)."""
    same_post = [
        p
        for p in namesakes
        if differs(r, p) == "phone"
        and r.title
        and tidy_text(p.title or "") == r.title
        and not (r.department and p.unit and department_key(p.unit) != department_key(r.department))
    ]
    if len(same_post) != 1:
        return None
    person = same_post[0]
    params = {"name": person.name, "before": person.phone, "after": r.phone}
    plan.notices.append(Problem(r.row, "phone", "phone_changed", params))
    return person


def by_name_part(people: list[Known]) -> dict[str, list[Known]]:
    """The account's people by each run of Chinese characters in their names (`matching.chinese_name_parts`:
    王建明 (Jimmy) under 王建明) and by their name without middle names (`middle_names.without_middle_names`:
    John Fitzgerald Kennedy under John Kennedy's key), for `name_within_notice`."""
    index: dict[str, list[Known]] = {}
    for p in people:
        for part in _name_parts(p.name):
            index.setdefault(part, []).append(p)
    return index


def _name_parts(name: str) -> set[str]:
    return chinese_name_parts(name) | {match_name(without_middle_names(name) or name)}


def _near(a: str, b: str) -> bool:
    """Whether one name holds the other and more: a shared run of Chinese characters (`matching.same_name_parts`)
    or a middle name added (`middle_names.middle_name_added`), either way round."""
    return same_name_parts(a, b) or middle_name_added(a, b) or middle_name_added(b, a)


def name_within_notice(plan: Plan, r: PersonRow, index: dict[str, list[Known]]) -> None:
    """A new row whose name holds a map person's name and more, or is held in theirs — `王建明 (Jimmy)`,
    `曹雪Snow`, `Kevin 赵磊` beside 王建明, 曹雪, 赵磊 (`matching.same_name_parts`), "John Fitzgerald Kennedy" beside
    John Kennedy or the other way round (`middle_names.middle_name_added`) — is added as a new person, said by row
    naming them: it may be that person with an English or middle name added, or another (张伟 (David) beside 张伟).
    A reviewer's file made three such people without a word."""
    near = {p.pk: p for part in _name_parts(r.name) for p in index.get(part, []) if _near(r.name, p.name)}
    if near:
        names = [Named(p.name, p.pk) for p in near.values()]
        plan.notices.append(Problem(r.row, "name", "name_within", {"value": r.name, "names": names}))
