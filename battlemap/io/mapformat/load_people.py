"""The people of a map (load.py): everyone with their reporting lines, managers first, in bulk; their dotted
lines; and, with a timeline, the people who leave, each on their day — through the people services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.core.bulk import NewRow
from battlemap.people.models import Person
from battlemap.people.services import dotted_line_create, people_bulk_insert, person_update

from .loading import LoaderBase, MapImportError, bulk_part, iso_date, part

PERSON_FIELDS = ("name", "title", "phone", "status", "placeholder", "external", "organisation")
PERSON_PORTRAIT = ("duties", "concerns", "personal_win", "notes")
PERSON_COLUMNS = {f.attname for f in Person._meta.concrete_fields if f.editable}


def _levels(ids: list[Any], bosses: dict[Any, Any]) -> list[list[Any]]:
    """`ids` by depth in the reporting tree (`bosses`: id -> manager's id), managers first, each level
    in the file's order. MapImportError on a reporting cycle."""
    depth: dict[Any, int] = {}
    for start in ids:
        chain, on_chain, pid = [], set(), start
        while pid not in depth and pid in bosses:
            if pid in on_chain:
                raise MapImportError(
                    _("%(where)s: this would make a reporting cycle"), {"where": f"people {pid}.reports_to"}
                )
            chain.append(pid)
            on_chain.add(pid)
            pid = bosses[pid]
        base = depth.setdefault(pid, 0)
        for n, item in enumerate(reversed(chain), start=1):
            depth[item] = base + n
    levels: dict[int, list[Any]] = {}
    for pid in ids:
        levels.setdefault(depth[pid], []).append(pid)
    return [levels[d] for d in sorted(levels)]


class PeopleLoader(LoaderBase):
    """The account's people (`people_`), then, once the rest of the map is in, their departures."""

    def people_(self, account: Account) -> list[tuple[Any, dt.date | None]]:
        """Everyone with their reporting lines, managers first, in bulk (people.services); then the
        dotted lines. Returns (person id, left_on) of the people to see leave."""
        departures = []
        rows: dict[Any, NewRow] = {}
        for p in self.data.get("people") or []:
            if (
                p.get("left_on") and p.get("status", "active") != "left"
            ):  # the model would drop the day unsaid
                raise MapImportError(
                    _(
                        "%(where)s: a leaving day (%(day)s) for a person whose status is not left: set status to left, or remove left_on"
                    ),
                    {"where": f"people {p['id']}.left_on", "day": p["left_on"]},
                )
            fields: dict[str, Any] = {k: p[k] for k in PERSON_FIELDS if p.get(k) is not None}
            fields |= {
                "email": p.get("email") or "",
                "external_kind": p.get("external_kind") or "",
                "external_id": p.get("external_id") or "",
                "left_on": iso_date(p.get("left_on")),
                "org_unit_id": getattr(
                    self.unit_ref(p.get("org_unit"), f"people {p['id']}.org_unit"), "pk", None
                ),
            }
            portrait = p.get("portrait") or {}
            fields |= {k: portrait.get(k) or "" for k in PERSON_PORTRAIT}
            fields["decision_style"] = portrait.get("decision_style") or ""
            fields["needs_level"] = portrait.get("needs_level") or ""
            fields |= portrait.get("traits") or {}
            if self.timeline and fields.get("status") == "left":  # known while still there; leaves later
                del fields["status"]
                departures.append((p["id"], fields.pop("left_on")))
            unknown = set(fields) - PERSON_COLUMNS
            if unknown:
                raise MapImportError(
                    _("%(where)s: unknown field %(field)s"),
                    {"where": f"people {p['id']}", "field": sorted(unknown)[0]},
                )
            rows[p["id"]] = NewRow(Person, **fields)
        bosses = {}
        for p in self.data.get("people") or []:
            if p.get("reports_to") is not None:
                if p["reports_to"] not in rows:
                    raise MapImportError(
                        _("%(where)s: no person with id %(id)s"),
                        {"where": f"people {p['id']}.reports_to", "id": p["reports_to"]},
                    )
                bosses[p["id"]] = p["reports_to"]
        for level in _levels(list(rows), bosses):
            for pid in level:
                if pid in bosses:
                    rows[pid].reports_to_id = rows[bosses[pid]].pk
            with bulk_part("people", level, self.since):
                people_bulk_insert(account=account, people=[rows[pid] for pid in level])
        stored = Person.objects.filter(account=account).in_bulk()
        self.people = {pid: stored[row.pk] for pid, row in rows.items()}
        for p in self.data.get("people") or []:
            for manager in p.get("dotted_line_to") or []:
                boss = self.ref(manager, f"people {p['id']}.dotted_line_to")
                with part(f"people {p['id']}.dotted_line_to", self.since):
                    dotted_line_create(person=self.people[p["id"]], manager=boss)
        return departures

    def departures(self, departures: list[tuple[Any, dt.date | None]]) -> None:
        for pid, left_on in departures:
            person = Person.objects.get(pk=self.people[pid].pk)
            with part(f"people {pid}.left_on", self.when(left_on)):
                person_update(person=person, version=person.version, status="left", left_on=left_on)
