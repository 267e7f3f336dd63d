"""Load a map-format dict (docs/map-format.md) as a new account: export → import-map → export gives the
same map, ids aside. One transaction; every object is validated and kept in history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.deals.models import ActionItem, Coverage, Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, OurParticipant, Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.teams.models import Team

from .mapformat import FORMAT_VERSION

ACCOUNT_FIELDS = ("name", "industry", "size", "region", "segments", "currency", "lifecycle")
PORTRAIT_FIELDS = ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")
PERSON_FIELDS = ("name", "title", "phone", "status", "placeholder", "external", "organisation")
PERSON_PORTRAIT = ("duties", "concerns", "personal_win", "notes")


class MapImportError(Exception):
    """The map cannot be loaded; the message names the part at fault."""


def _save(obj: Any, where: str) -> Any:
    try:
        obj.full_clean()
    except ValidationError as exc:
        detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise MapImportError(f"{where}: {detail}") from None
    obj.save()
    return obj


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def map_import(*, data: dict[str, Any], owner: Any, slug: str | None = None) -> Account:
    if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
        raise MapImportError(f"format_version: expected {FORMAT_VERSION}")
    users = {u.username: u for u in get_user_model().objects.all()}
    a = data.get("account") or {}
    slug = slug or a.get("slug")
    if Account.objects.filter(slug=slug).exists():
        raise MapImportError(f"account {slug!r} already exists: give a new slug with --as")
    account = Account(slug=slug, owner=owner, **{k: a[k] for k in ACCOUNT_FIELDS if a.get(k) is not None})
    if a.get("potential_value") is not None:
        account.potential_value = Decimal(str(a["potential_value"]))
    for k in PORTRAIT_FIELDS:
        setattr(account, k, (a.get("portrait") or {}).get(k) or "")
    if a.get("team"):
        account.team = Team.objects.filter(slug=a["team"]).first()
    _save(account, "account")

    units: dict[Any, OrgUnit] = {}
    pending = list(data.get("org_units") or [])
    while pending:  # parents first
        progressed = False
        for u in list(pending):
            if u.get("parent") is None or u["parent"] in units:
                units[u["id"]] = _save(
                    OrgUnit(account=account, name=u["name"], parent=units.get(u.get("parent"))),
                    f"org_units {u['id']}",
                )
                pending.remove(u)
                progressed = True
        if not progressed:
            raise MapImportError("org_units: a parent is missing or the tree has a cycle")

    people: dict[Any, Person] = {}
    for p in data.get("people") or []:
        person = Person(account=account, **{k: p[k] for k in PERSON_FIELDS if p.get(k) is not None})
        person.email = p.get("email") or ""
        person.external_kind = p.get("external_kind") or ""
        person.external_id = p.get("external_id") or ""
        person.left_on = _date(p.get("left_on"))
        person.org_unit = units.get(p.get("org_unit"))
        portrait = p.get("portrait") or {}
        for k in PERSON_PORTRAIT:
            setattr(person, k, portrait.get(k) or "")
        person.decision_style = portrait.get("decision_style") or ""
        person.needs_level = portrait.get("needs_level") or ""
        for trait, value in (portrait.get("traits") or {}).items():
            setattr(person, trait, value)
        people[p["id"]] = _save(person, f"people {p['id']}")
    for p in data.get("people") or []:
        if p.get("reports_to") is not None:
            person = people[p["id"]]
            person.reports_to = _ref(people, p["reports_to"], f"people {p['id']}.reports_to")
            _save(person, f"people {p['id']}.reports_to")
        for boss in p.get("dotted_line_to") or []:
            _save(
                DottedLine(person=people[p["id"]], manager=_ref(people, boss, "dotted_line_to")),
                f"people {p['id']}.dotted_line_to",
            )
    for i, link in enumerate(data.get("influence_links") or []):
        _save(
            InfluenceLink(
                account=account,
                source=_ref(people, link["from"], "from"),
                target=_ref(people, link["to"], "to"),
                kind=link.get("kind") or "advises",
                strength=link.get("strength") or 1,
                note=link.get("note") or "",
            ),
            f"influence_links {i}",
        )
    for f in data.get("external_factors") or []:
        _save(
            ExternalFactor(
                account=account,
                kind=f["kind"],
                description=f.get("description") or "",
                effect=f.get("effect") or 0,
            ),
            f"external_factors {f.get('id')}",
        )
    deals = {d["id"]: _deal(account, d, people, users) for d in data.get("deals") or []}
    for i in data.get("interactions") or []:
        interaction = _save(
            Interaction(
                account=account,
                deal=deals.get(i.get("deal")),
                occurred_at=dt.datetime.fromisoformat(i["date"]),
                kind=i.get("kind") or "meeting",
                summary=i.get("summary") or "",
                outcome=i.get("outcome") or "",
                next_step=i.get("next_step") or "",
                source=i.get("source") or "manual",
            ),
            f"interactions {i.get('id')}",
        )
        for pid in i.get("participants") or []:
            _save(
                Participant(interaction=interaction, person=_ref(people, pid, "participants")), "participants"
            )
        for name in i.get("our_participants") or []:
            if name in users:
                _save(OurParticipant(interaction=interaction, user=users[name]), "our_participants")
    return account


def _ref(people: dict[Any, Person], pid: Any, where: str) -> Person:
    if pid not in people:
        raise MapImportError(f"{where}: no person with id {pid}")
    return people[pid]


def _deal(account: Account, d: dict[str, Any], people: dict[Any, Person], users: dict[str, Any]) -> Deal:
    deal = _save(
        Deal(
            account=account,
            name=d["name"],
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
        ),
        f"deals {d['id']}",
    )
    for c in d.get("stage_history") or []:
        _save(
            StageChange(deal=deal, stage=c["stage"], changed_on=_date(c["date"]), note=c.get("note") or ""),
            f"deals {d['id']}.stage_history",
        )
    for r in d.get("roles") or []:
        role = _save(
            StakeholderRole(
                deal=deal,
                person=_ref(people, r["person"], "roles.person"),
                roles=r.get("roles") or [],
                attitude=r.get("attitude") or "unknown",
                influence=r.get("influence") or 3,
                relationship=r.get("relationship") or 0,
                personal_win=r.get("win") or "",
                favoured_competitor=r.get("favoured_competitor") or "",
                plan=r.get("plan") or "",
            ),
            f"deals {d['id']}.roles {r['person']}",
        )
        for name in r.get("covered_by") or []:
            if name in users:
                _save(Coverage(stakeholder=role, user=users[name]), "covered_by")
    for a in d.get("action_items") or []:
        _save(
            ActionItem(
                deal=deal,
                person=people.get(a.get("person")),
                owner=users.get(a.get("owner")),
                due=_date(a.get("due")),
                done=bool(a.get("done")),
                text=a.get("text") or "",
            ),
            f"deals {d['id']}.action_items {a.get('id')}",
        )
    return deal
