"""The one map loader: a map-format dict (docs/map-format.md) becomes a new account, through the
services of each app. `battlemap import-map` and the demo (battlemap.demo) both load maps here.

Export → import-map → export gives the same map, ids aside. One transaction, all or nothing; every
object is validated by its service and kept in history; an error names the part at fault
(MapImportError "people 7: email: …").

History is dated now, unless a `Timeline` says when the parts of the map happened (the demo's story).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.accounts.services import account_create, external_factor_create, org_unit_create
from battlemap.audit.services import Action, audit_record
from battlemap.competition.services import competitor_note_set
from battlemap.core.access import can
from battlemap.core.bulk import NewRow
from battlemap.core.services import recorded
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.deals.services import (
    action_item_create,
    coverage_add,
    deal_create,
    deal_update,
    stakeholder_role_create,
    stakeholder_role_update,
)
from battlemap.interactions.models import Interaction
from battlemap.interactions.services import RecordedInteraction, interactions_bulk_create
from battlemap.people.models import InfluenceLink, Person
from battlemap.people.services import (
    dotted_line_create,
    influence_links_bulk_insert,
    people_bulk_insert,
    person_update,
)
from battlemap.process.models import DecisionBody
from battlemap.process.services import body_create, body_role_create, step_create
from battlemap.teams.models import Team

from . import FORMAT_VERSION

ACCOUNT_FIELDS = ("name", "industry", "size", "region", "segments", "currency", "lifecycle")
PORTRAIT_FIELDS = ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")
PERSON_FIELDS = ("name", "title", "phone", "status", "placeholder", "external", "organisation")
PERSON_PORTRAIT = ("duties", "concerns", "personal_win", "notes")
ROLE_DEFAULTS = {f.name: f.get_default() for f in StakeholderRole._meta.concrete_fields}
PERSON_COLUMNS = {f.attname for f in Person._meta.concrete_fields if f.editable}


class MapImportError(Exception):
    """The map cannot be loaded; the message names the part at fault."""


@dataclass(frozen=True)
class Timeline:
    """When the parts of a map happened, so their history is back-dated (the demo; an import happens now).

    The account, its departments, people, links and factors are known from `known_since` (reporting
    lines a minute later, so "as of" never sees a tie). The map's own dates place the rest, at `hour`
    local time: a deal opens on its first recorded stage and moves (by the owner) on each later one;
    its roles, coverage and, a week before they are due (the day before `today` at the latest), its action items
    appear with it; an interaction is logged on its day at 18:00; a person who left leaves on `left_on`.
    `role_edits[(deal id, person id)]`: later (day, field, value) edits of a role; before its first edit,
    the field holds its default (e.g. attitude "unknown").
    """

    known_since: dt.datetime
    role_edits: Mapping[tuple[Any, Any], Sequence[tuple[dt.date, str, Any]]] = field(default_factory=dict)
    hour: int = 10
    today: dt.date = field(default_factory=timezone.localdate)

    def at(self, day: dt.date, hour: int | None = None) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(self.hour if hour is None else hour)))


@contextmanager
def _part(where: str, at: dt.datetime | None = None) -> Iterator[None]:
    """Writes of one part of the map: a ValidationError becomes a MapImportError naming it."""
    try:
        with recorded(at=at):
            yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        else:
            detail = " ".join(exc.messages)
        raise MapImportError(f"{where}: {detail}") from None


@contextmanager
def _bulk_part(what: str, ids: Sequence[Any], at: dt.datetime | None = None) -> Iterator[None]:
    """Writes of many parts at once (a bulk service): its "row n: …" errors name the part of the map
    at fault, as `_part` does for one ("people 7: email: …")."""
    try:
        with _part(what, at):
            yield
    except MapImportError as exc:
        message = str(exc)
        found = re.search(r"(\w+): row (\d+): ", message)
        if found is None:
            raise
        n = int(found[2])
        rest = message[found.end() :]
        raise MapImportError(f"{what} {ids[n - 1]}: {found[1]}: {rest}") from None


def _levels(ids: list[Any], bosses: dict[Any, Any]) -> list[list[Any]]:
    """`ids` by depth in the reporting tree (`bosses`: id -> manager's id), managers first, each level
    in the file's order. MapImportError on a reporting cycle."""
    depth: dict[Any, int] = {}
    for start in ids:
        chain, pid = [], start
        while pid not in depth and pid in bosses:
            if pid in chain:
                raise MapImportError(f"people {pid}.reports_to: this would make a reporting cycle")
            chain.append(pid)
            pid = bosses[pid]
        base = depth.setdefault(pid, 0)
        for n, item in enumerate(reversed(chain), start=1):
            depth[item] = base + n
    levels: dict[int, list[Any]] = {}
    for pid in ids:
        levels.setdefault(depth[pid], []).append(pid)
    return [levels[d] for d in sorted(levels)]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _Loader:
    def __init__(self, data: dict[str, Any], owner: Any, timeline: Timeline | None, team: Any = None) -> None:
        self.data, self.owner, self.timeline, self.team = data, owner, timeline, team
        self.users = {u.username: u for u in get_user_model().objects.all()}
        self.account_: Account | None = None
        self.allowed: dict[str, bool] = {}
        self.units: dict[Any, Any] = {}
        self.people: dict[Any, Person] = {}
        self.deals: dict[Any, Deal] = {}
        self.bodies: dict[Any, DecisionBody] = {}

    def when(self, day: dt.date | None, hour: int | None = None) -> dt.datetime | None:
        return self.timeline.at(day, hour) if self.timeline and day else None

    @property
    def since(self) -> dt.datetime | None:
        return self.timeline.known_since if self.timeline else None

    def colleague(self, name: Any) -> Any:
        """The user of that name if they may see the new account (the gate decides: its owner, its
        team, their managers); else None — a map from another installation or another owner names
        colleagues who are not on this account, and they are left out like unknown names."""
        user = self.users.get(name) if isinstance(name, str) else None
        if user is None or self.account_ is None:
            return None
        if name not in self.allowed:
            self.allowed[name] = can(user, self.account_, "view")
        return user if self.allowed[name] else None

    def ref(self, pid: Any, where: str) -> Person:
        if pid not in self.people:
            raise MapImportError(f"{where}: no person with id {pid}")
        return self.people[pid]

    # --- the parts, in the order they depend on each other ------------------------------------------

    def account(self, slug: str) -> Account:
        a = self.data.get("account") or {}
        fields = {k: a[k] for k in ACCOUNT_FIELDS if a.get(k) is not None}
        fields |= {k: (a.get("portrait") or {}).get(k) or "" for k in PORTRAIT_FIELDS}
        if a.get("potential_value") is not None:
            fields["potential_value"] = Decimal(str(a["potential_value"]))
        team_slug = a.get("team") if self.team is FILE_TEAM else self.team
        team = Team.objects.filter(slug=team_slug).first() if team_slug else None
        if team_slug and team is None and self.team is not FILE_TEAM:
            raise MapImportError(f"team: no team with slug {team_slug!r}")
        with _part("account", self.since):
            fields.setdefault("name", "")
            self.account_ = account_create(owner=self.owner, slug=slug, team=team, **fields)
            return self.account_

    def org_units(self, account: Account) -> None:
        pending = list(self.data.get("org_units") or [])
        while pending:  # parents first
            progressed = False
            for u in list(pending):
                if u.get("parent") is None or u["parent"] in self.units:
                    with _part(f"org_units {u['id']}", self.since):
                        self.units[u["id"]] = org_unit_create(
                            account=account, name=u["name"], parent=self.units.get(u.get("parent"))
                        )
                    pending.remove(u)
                    progressed = True
            if not progressed:
                raise MapImportError("org_units: a parent is missing or the tree has a cycle")

    def people_(self, account: Account) -> list[tuple[Any, dt.date | None]]:
        """Everyone with their reporting lines, managers first, in bulk (people.services); then the
        dotted lines. Returns (person id, left_on) of the people to see leave."""
        departures = []
        rows: dict[Any, NewRow] = {}
        for p in self.data.get("people") or []:
            fields: dict[str, Any] = {k: p[k] for k in PERSON_FIELDS if p.get(k) is not None}
            fields |= {
                "email": p.get("email") or "",
                "external_kind": p.get("external_kind") or "",
                "external_id": p.get("external_id") or "",
                "left_on": _date(p.get("left_on")),
                "org_unit_id": self.units[p["org_unit"]].pk if p.get("org_unit") in self.units else None,
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
                raise MapImportError(f"people {p['id']}: unknown field {sorted(unknown)[0]}")
            rows[p["id"]] = NewRow(Person, **fields)
        bosses = {}
        for p in self.data.get("people") or []:
            if p.get("reports_to") is not None:
                if p["reports_to"] not in rows:
                    raise MapImportError(f"people {p['id']}.reports_to: no person with id {p['reports_to']}")
                bosses[p["id"]] = p["reports_to"]
        for level in _levels(list(rows), bosses):
            for pid in level:
                if pid in bosses:
                    rows[pid].reports_to_id = rows[bosses[pid]].pk
            with _bulk_part("people", level, self.since):
                people_bulk_insert(account=account, people=[rows[pid] for pid in level])
        stored = Person.objects.filter(account=account).in_bulk()
        self.people = {pid: stored[row.pk] for pid, row in rows.items()}
        for p in self.data.get("people") or []:
            for manager in p.get("dotted_line_to") or []:
                boss = self.ref(manager, "dotted_line_to")
                with _part(f"people {p['id']}.dotted_line_to", self.since):
                    dotted_line_create(person=self.people[p["id"]], manager=boss)
        return departures

    def links_and_factors(self, account: Account) -> None:
        links = self.data.get("influence_links") or []
        rows = []
        for i, link in enumerate(links):
            source, target = (
                self.ref(link["from"], f"influence_links {i}.from"),
                self.ref(link["to"], f"influence_links {i}.to"),
            )
            rows.append(
                NewRow(
                    InfluenceLink,
                    source_id=source.pk,
                    target_id=target.pk,
                    kind=link.get("kind") or "advises",
                    strength=link.get("strength") or 1,
                    note=link.get("note") or "",
                )
            )
        with _bulk_part("influence_links", range(len(links)), self.since):
            influence_links_bulk_insert(account=account, links=rows)
        for f in self.data.get("external_factors") or []:
            with _part(f"external_factors {f.get('id')}", self.since):
                external_factor_create(
                    account=account,
                    kind=f["kind"],
                    description=f.get("description") or "",
                    effect=f.get("effect") or 0,
                )

    def bodies_(self, account: Account) -> None:
        for b in self.data.get("decision_bodies") or []:
            where = f"decision_bodies {b.get('id')}"
            members = [self.ref(pid, f"{where}.members") for pid in b.get("members") or []]
            chair = self.ref(b["chair"], f"{where}.chair") if b.get("chair") is not None else None
            with _part(where, self.since):
                self.bodies[b["id"]] = body_create(
                    account=account,
                    name=b.get("name") or "",
                    kind=b.get("kind") or "other_body",
                    chair=chair,
                    decision_rule=b.get("decision_rule") or "majority",
                    meets=b.get("meets") or "",
                    next_meeting=_date(b.get("next_meeting")),
                    notes=b.get("notes") or "",
                    members=members,
                )

    def body_ref(self, bid: Any, where: str) -> DecisionBody:
        if bid not in self.bodies:
            raise MapImportError(f"{where}: no decision body with id {bid}")
        return self.bodies[bid]

    def process(self, deal: Deal, d: dict[str, Any], where: str, opened: dt.date | None) -> None:
        for r in d.get("body_roles") or []:
            body = self.body_ref(r.get("body"), f"{where}.body_roles")
            with _part(f"{where}.body_roles {r.get('body')}", self.when(opened)):
                body_role_create(deal=deal, body=body, roles=r.get("roles") or [], note=r.get("note") or "")
        for position, s in enumerate(d.get("process") or [], start=1):
            step_where = f"{where}.process {s.get('id', position)}"
            body = self.body_ref(s["body"], f"{step_where}.body") if s.get("body") is not None else None
            people = [self.ref(pid, f"{step_where}.people") for pid in s.get("people") or []]
            with _part(step_where, self.when(opened)):
                step_create(
                    deal=deal,
                    position=position,
                    kind=s.get("kind") or "other_step",
                    name=s.get("name") or "",
                    status=s.get("status") or "planned",
                    planned_on=_date(s.get("planned_on")),
                    done_on=_date(s.get("done_on")),
                    body=body,
                    documents=s.get("documents") or "",
                    people=people,
                )

    def deal(self, account: Account, d: dict[str, Any]) -> Deal:
        where = f"deals {d['id']}"
        history = [(c["stage"], _date(c["date"]), c.get("note") or "") for c in d.get("stage_history") or []]
        fields = dict(
            currency=d.get("currency") or "CNY",
            status=d.get("status") or "open",
            stage=d.get("stage") or "need_recognition",
            expected_close=_date(d.get("expected_close")),
            amount=Decimal(str(d["amount"])) if d.get("amount") is not None else None,
            decision_factors=d.get("decision_factors") or {},
            channels=d.get("channels") or {},
            competitors=d.get("competitors") or [],
            customer_win=d.get("customer_win") or "",
            our_win=d.get("our_win") or "",
            metrics=d.get("metrics") or "",
            paper_process=d.get("paper_process") or "",
            compelling_event=d.get("compelling_event") or "",
            compelling_event_on=_date(d.get("compelling_event_on")),
            close_reason=d.get("close_reason") or "",
            lost_to=d.get("lost_to") or "",
        )
        opened = history[0][1] if history else None
        by = self.owner if self.timeline else None
        later_moves = history[1:] if self.timeline else []
        with _part(where, self.when(opened)):
            if later_moves:  # replay the moves on their dates, so the deal's own history has them
                deal = deal_create(
                    account=account,
                    name=d["name"],
                    by=by,
                    stage_history=history[:1],
                    **{**fields, "stage": history[0][0]},
                )
                for stage, day, note in later_moves:
                    with recorded(at=self.when(day)):
                        deal = deal_update(
                            deal=deal, version=deal.version, by=by, note=note, changed_on=day, stage=stage
                        )
                if deal.stage != fields["stage"]:
                    deal = deal_update(deal=deal, version=deal.version, by=by, stage=fields["stage"])
            else:
                deal = deal_create(account=account, name=d["name"], by=by, stage_history=history, **fields)
        for r in d.get("roles") or []:
            self.role(deal, d["id"], r, where, opened)
        self.process(deal, d, where, opened)
        for c in d.get("competition") or []:
            with _part(f"{where}.competition {c.get('name')}", self.when(opened)):
                competitor_note_set(
                    deal=deal,
                    name=c.get("name") or "",
                    version=0,
                    strengths=c.get("strengths") or "",
                    weaknesses=c.get("weaknesses") or "",
                    offer=c.get("offer") or "",
                )
        yesterday = (self.timeline.today if self.timeline else timezone.localdate()) - dt.timedelta(days=1)
        for a in d.get("action_items") or []:
            due = _date(a.get("due"))
            appeared = min(due - dt.timedelta(days=7), yesterday) if due else opened
            with _part(f"{where}.action_items {a.get('id')}", self.when(appeared)):
                action_item_create(
                    deal=deal,
                    person=self.people.get(a.get("person")),
                    owner=self.colleague(a.get("owner")),
                    due=due,
                    done=bool(a.get("done")),
                    text=a.get("text") or "",
                )
        return deal

    def role(self, deal: Deal, deal_id: Any, r: dict[str, Any], where: str, opened: dt.date | None) -> None:
        person = self.ref(r["person"], "roles.person")
        fields = dict(
            roles=r.get("roles") or [],
            attitude=r.get("attitude") or "unknown",
            influence=r.get("influence") or 3,
            relationship=r.get("relationship") or 0,
            personal_win=r.get("win") or "",
            favoured_competitor=r.get("favoured_competitor") or "",
            plan=r.get("plan") or "",
            plan_channel=r.get("plan_channel") or "",
            plan_cadence_days=r.get("plan_cadence_days"),
            response_mode=r.get("response_mode") or "",
        )
        edits = sorted(self.timeline.role_edits.get((deal_id, r["person"]), ())) if self.timeline else []
        fields |= {name: ROLE_DEFAULTS[name] for _day, name, _value in edits}
        where = f"{where}.roles {r['person']}"
        with _part(where, self.when(opened)):
            role = stakeholder_role_create(deal=deal, person=person, **fields)
            for name in r.get("covered_by") or []:
                if self.colleague(name) is not None:
                    coverage_add(role=role, user=self.colleague(name))
        for day, name, value in edits:
            with _part(where, self.when(day)):
                role = stakeholder_role_update(role=role, version=role.version, **{name: value})

    def interactions(self, account: Account) -> None:
        """Every interaction with who took part, in bulk (interactions.services); with a timeline, one
        bulk a day, each logged that day."""
        by_day: dict[dt.datetime | None, tuple[list[Any], list[RecordedInteraction]]] = {}
        for i in self.data.get("interactions") or []:
            where = f"interactions {i.get('id')}"
            occurred = dt.datetime.fromisoformat(i["date"])
            logged = self.when(
                timezone.localdate(occurred) if timezone.is_aware(occurred) else occurred.date(), 18
            )
            participants = {self.ref(pid, f"{where}.participants").pk for pid in i.get("participants") or []}
            deal = self.deals.get(i.get("deal"))
            interaction = NewRow(
                Interaction,
                occurred_at=occurred,
                deal_id=deal.pk if deal else None,
                kind=i.get("kind") or "meeting",
                summary=i.get("summary") or "",
                outcome=i.get("outcome") or "",
                next_step=i.get("next_step") or "",
                source=i.get("source") or "manual",
            )
            ours = {u.pk for u in map(self.colleague, i.get("our_participants") or []) if u is not None}
            ids, items = by_day.setdefault(logged, ([], []))
            ids.append(i.get("id"))
            items.append(RecordedInteraction(interaction, participants, ours))
        for logged, (ids, items) in by_day.items():
            with _bulk_part("interactions", ids, logged):
                interactions_bulk_create(account=account, items=items)

    def departures(self, departures: list[tuple[Any, dt.date | None]]) -> None:
        for pid, left_on in departures:
            person = Person.objects.get(pk=self.people[pid].pk)
            with _part(f"people {pid}.left_on", self.when(left_on)):
                person_update(person=person, version=person.version, status="left", left_on=left_on)


FILE_TEAM = object()  # map_import(team=…): the team named in the file


@transaction.atomic
def map_import(
    *,
    data: dict[str, Any],
    owner: Any,
    slug: str | None = None,
    timeline: Timeline | None = None,
    team: Any = FILE_TEAM,
    by: Any = None,
) -> Account:
    """Load `data` (a map-format dict) as a new account owned by `owner`, with the slug `slug` (default:
    the map's). `timeline`: back-date the history (see Timeline); None: everything happens now.
    `team`: the slug of the team to share it with, None for no team; default: the team the file names
    (`import-map --owner U` passes None unless `--team` is given: a new owner does not keep the old
    owner's team). `by`: the user who imports it (the web's *Import a map*), named in the audit log;
    None: the installation (`import-map`), or the owner when a timeline replays the map (the demo).

    Users named in the map (coverage, action owners, our participants) are matched by username; names
    unknown here, and users who may not see the new account (core.access), are left out. Errors: MapImportError naming the part at fault; nothing is written."""
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
        raise MapImportError(f"format_version: expected {FORMAT_VERSION}")
    slug = slug or (data.get("account") or {}).get("slug")
    if Account.all_objects.filter(slug=slug).exists():  # a deleted account keeps its slug while restorable
        raise MapImportError(f"account {slug!r} already exists: give a new slug with --as")
    loader = _Loader(data, owner, timeline, team)
    account = loader.account(slug)
    loader.org_units(account)
    departures = loader.people_(account)
    loader.links_and_factors(account)
    loader.bodies_(account)
    for d in data.get("deals") or []:
        loader.deals[d["id"]] = loader.deal(account, d)
    loader.interactions(account)
    loader.departures(departures)
    actor = by if by is not None else (owner if timeline else None)
    audit_record(action=Action.IMPORT, account=account, user=actor, what="map_file")
    return account
