"""Load the demo accounts (battlemap/core/demo_data.py) with users demo/demo and manager/manager.

Idempotent: when the demo accounts exist, nothing is written. History is back-dated to when each
thing "happened" (people known from six months ago, stage moves on their dates, a person leaving),
so the map as of an earlier date and the changes since last week tell a true story.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.core.demo_data import DEMO_ACCOUNTS
from battlemap.deals.models import ActionItem, Coverage, Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, OurParticipant, Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.teams.models import Membership, Team

KNOWN_SINCE_DAYS = 180
DEMO_USERS = (("demo", "demo", "Demo Rep"), ("manager", "manager", "Sales Manager"))


def _save(obj, when: datetime):
    """Validate, then save with the history entry dated `when`."""
    obj.full_clean()
    obj._history_date = when
    obj.save()
    return obj


class _Clock:
    def __init__(self, today: date):
        self.today = today

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, offset: int, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(self.day(offset), time(hour, 0)))


def _users():
    User = get_user_model()
    users = {}
    for username, password, full_name in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(password)
            user.save()
        users[username] = user
    team, _ = Team.objects.get_or_create(slug="key-accounts", defaults={"name": "Key accounts"})
    Membership.objects.get_or_create(team=team, user=users["demo"], defaults={"role": Membership.Role.MEMBER})
    Membership.objects.get_or_create(
        team=team, user=users["manager"], defaults={"role": Membership.Role.MANAGER}
    )
    return users, team


def _load_account(data: dict, *, users: dict, team: Team, clock: _Clock) -> Account:
    start = clock.at(-KNOWN_SINCE_DAYS)
    account = _save(Account(owner=users["demo"], team=team, **data["account"]), start)
    units: dict[str, OrgUnit] = {}
    for key, name, parent in data["org_units"]:
        units[key] = _save(OrgUnit(account=account, name=name, parent=units.get(parent)), start)

    people: dict[str, Person] = {}
    departures = []
    for key, name, title, unit, _manager, extra in data["people"]:
        extra = dict(extra)
        left_on = extra.pop("left_on", None)
        status = extra.pop("status", "active")
        people[key] = _save(
            Person(account=account, name=name, title=title, org_unit=units.get(unit), **extra), start
        )
        if status == "left":
            departures.append((people[key], left_on))
    for key, _name, _title, _unit, manager, _extra in data["people"]:
        if manager:
            people[key].reports_to = people[manager]
            _save(people[key], start + timedelta(minutes=1))  # a distinct moment: as_of() must not see a tie
    for person, manager in data["dotted_lines"]:
        _save(DottedLine(person=people[person], manager=people[manager]), start)
    for source, target, kind, strength, note in data["links"]:
        _save(
            InfluenceLink(
                account=account,
                source=people[source],
                target=people[target],
                kind=kind,
                strength=strength,
                note=note,
            ),
            start,
        )
    for kind, description, effect in data["factors"]:
        _save(ExternalFactor(account=account, kind=kind, description=description, effect=effect), start)

    later_edits = {}
    for offset, person_key, field, value in data.get("history", []):
        later_edits.setdefault(person_key, []).append((offset, field, value))

    deals: dict[str, Deal] = {}
    for spec in data["deals"]:
        first_stage, first_day, _note = spec["stages"][0]
        deal = _save(
            Deal(
                account=account,
                name=spec["name"],
                amount=spec["amount"],
                currency=spec["currency"],
                expected_close=clock.day(spec["close_in"]),
                status=spec.get("status", "open"),
                stage=first_stage,
                decision_factors=spec["decision_factors"],
                channels=spec["channels"],
                competitors=spec["competitors"],
                customer_win=spec["customer_win"],
                our_win=spec["our_win"],
            ),
            clock.at(first_day),
        )
        deals[spec["key"]] = deal
        for index, (stage, offset, note) in enumerate(spec["stages"]):
            _save(
                StageChange(
                    deal=deal, stage=stage, changed_on=clock.day(offset), note=note, by=users["demo"]
                ),
                clock.at(offset),
            )
            if index:
                deal.stage = stage
                _save(deal, clock.at(offset))
        for key, roles, attitude, influence, relationship, extra in spec["roles"]:
            edits = later_edits.get(key, [])
            role = _save(
                StakeholderRole(
                    deal=deal,
                    person=people[key],
                    roles=roles,
                    attitude="unknown" if edits else attitude,
                    influence=influence,
                    relationship=relationship,
                    **extra,
                ),
                clock.at(first_day),
            )
            for offset, field, value in sorted(edits):
                if field == "role_attitude":
                    role.attitude = value
                    _save(role, clock.at(offset))
            for username in spec["coverage"].get(key, []):
                _save(Coverage(stakeholder=role, user=users[username]), clock.at(first_day))
        for person_key, text, due_in, done in spec["actions"]:
            _save(
                ActionItem(
                    deal=deal,
                    person=people.get(person_key),
                    owner=users["demo"],
                    due=clock.day(due_in),
                    done=done,
                    text=text,
                ),
                clock.at(min(-1, due_in - 7)),
            )

    for offset, kind, who, summary, extra in data["interactions"]:
        extra = dict(extra)
        deal_key = extra.pop("deal", data["deals"][0]["key"])
        interaction = _save(
            Interaction(
                account=account,
                deal=deals[deal_key],
                occurred_at=clock.at(offset),
                kind=kind,
                summary=summary,
                **extra,
            ),
            clock.at(offset, 18),
        )
        for key in who:
            _save(Participant(interaction=interaction, person=people[key]), clock.at(offset, 18))
        _save(OurParticipant(interaction=interaction, user=users["demo"]), clock.at(offset, 18))

    for person, left_offset in departures:
        person.status, person.left_on = "left", clock.day(left_offset)
        _save(person, clock.at(left_offset))
    return account


@transaction.atomic
def load_demo(today: date | None = None) -> list[str]:
    """Load the demo accounts that are missing; returns the slugs loaded (empty when all were there)."""
    users, team = _users()
    clock = _Clock(today or timezone.localdate())
    loaded = []
    for data in DEMO_ACCOUNTS:
        if Account.objects.filter(slug=data["account"]["slug"]).exists():
            continue
        _load_account(data, users=users, team=team, clock=clock)
        loaded.append(data["account"]["slug"])
    return loaded
