"""Namesakes: two people of one account who bear the same name (case aside), and what tells them apart.

The analysis' sentences write such a person as `PersonInfo.shown(lang)` ("张强（心内科主任）"), the note
set here once (`told_apart`) when the snapshot is built; the pages that name people outside the analysis
(the timeline, What changed, the influence links, the influence circle, a person's delete page) read the same
rule through `shown_names`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from battlemap.accounts.models import Account, OrgUnit
from battlemap.analysis.types import PersonInfo
from battlemap.people.models import Person


def told_apart(people: list[PersonInfo]) -> list[PersonInfo]:
    """`people` of one account, each who shares their name (case aside) with another given the `namesake_note`
    that tells them apart in the analysis' sentences: the first of their title, unit and organisation that no
    namesake shares, else their id (a tester's two 张强 read "为张强、刘芳、黄静、张强安排上手演示")."""
    groups: dict[str, list[PersonInfo]] = defaultdict(list)
    for person in people:
        groups[person.name.strip().casefold()].append(person)
    notes: dict[int, str] = {}
    for group in (g for g in groups.values() if len(g) > 1):
        for person in group:
            others = [p for p in group if p.id != person.id]
            notes[person.id] = next(
                (
                    value
                    for value in (person.title, person.org_unit, person.organisation)
                    if value and all(value not in (p.title, p.org_unit, p.organisation) for p in others)
                ),
                f"id {person.id}",
            )
    return [replace(p, namesake_note=notes[p.id]) if p.id in notes else p for p in people]


def _people(account: Account, removed: bool, names: set[str] | None = None) -> list[PersonInfo]:
    """The people of `account` as the rule reads them (name, title, unit, organisation); with `removed`,
    those deleted from the map too, as last recorded; with `names`, only those bearing one of them."""
    units = dict(OrgUnit.history.filter(account_id=account.pk).values_list("id", "name"))
    units.update(OrgUnit.objects.filter(account=account).values_list("id", "name"))
    fields = ("id", "name", "title", "org_unit_id", "organisation")
    current = Person.objects.filter(account=account)
    current = current if names is None else current.filter(name__in=names)
    rows = {row[0]: row for row in current.values_list(*fields)}
    if removed:
        recorded = Person.history.filter(account_id=account.pk).exclude(id__in=list(rows))
        for row in recorded.order_by("id", "history_date").values_list(*fields):
            rows[row[0]] = row  # the last record of each wins
    return [
        PersonInfo(pk, name, title=title, org_unit=units.get(unit, ""), organisation=organisation)
        for pk, name, title, unit, organisation in rows.values()
    ]


def namesake_notes(*, account: Account, removed: bool = False) -> dict[int, str]:
    """{person id: note} for the people of `account` who share their name with another (`told_apart`); the
    others are left out. With `removed`, people deleted from the map count too, as last recorded (the
    timeline names them): a deleted 张强 is told apart from the 张强 still on the map."""
    return {p.id: p.namesake_note for p in told_apart(_people(account, removed)) if p.namesake_note}


def shown_name(name: str, note: str | None, lang: str) -> str:
    """`name` as the analysis' sentences write a person (`PersonInfo.shown`): with the namesake note in
    brackets when there is one ("张强（心内科主任）" / "张强 (心内科主任)")."""
    return PersonInfo(0, name, namesake_note=note or "").shown(lang)


def shown_names_among(
    *, account: Account, people: Iterable[tuple[int, str]], ids: set[int], lang: str
) -> dict[int, str]:
    """{id: name as shown} (`shown_names`) for the people `ids` of `account` who have a namesake, others left out;
    `people`: (id, name) of everyone on the map (a map view's `people_rows` hold them), so only the namesakes of
    `ids` are read from the people table, and nothing when there are none. The influence circle names people
    from the map view: its two "张伟" read as one person."""
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, name in people:
        groups[name.strip().casefold()].append((pk, name))
    wanted = {
        name
        for group in groups.values()
        if len(group) > 1 and any(pk in ids for pk, _n in group)
        for _p, name in group
    }
    if not wanted:
        return {}
    shown = shown_names(account=account, lang=lang, names=wanted)
    return {pk: name for pk, name in shown.items() if pk in ids}


def shown_name_of(person: Person, lang: str) -> str:
    """`person` as the analysis' sentences name them (`shown_name`): "张伟（信息中心主任）" when another person of
    their account is a 张伟 too, else their name (the person's delete page, its breadcrumb and message)."""
    return shown_name(person.name, namesake_notes(account=person.account).get(person.pk), lang)


def shown_names(
    *, account: Account, lang: str, removed: bool = False, names: set[str] | None = None
) -> dict[int, str]:
    """{person id: name as shown} for every person of `account` (with `removed`, deleted people too, by
    their last recorded name; with `names`, those bearing one of them: whole groups of namesakes):
    namesakes with their note (`told_apart`), the others by name alone."""
    return {p.id: p.shown(lang) for p in told_apart(_people(account, removed, names))}
