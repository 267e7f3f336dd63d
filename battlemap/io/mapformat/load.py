"""The one map loader: a map-format dict (docs/map-format.md) becomes a new account, through the
services of each app. `battlemap import-map` and the demo (battlemap.demo) both load maps here.

Export → import-map → export gives the same map, ids aside. One transaction, all or nothing; every
object is validated by its service and kept in history; an error names the part at fault
(MapImportError "people 7: email: …").

History is dated now, unless a `Timeline` says when the parts of the map happened (the demo's story).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.accounts.services import CREATORS_TEAM, account_create, org_unit_create
from battlemap.accounts.services.factors import external_factor_create
from battlemap.audit.services import Action, audit_record
from battlemap.core.bulk import NewRow
from battlemap.interactions.models import Interaction
from battlemap.interactions.services.bulk import RecordedInteraction, interactions_bulk_create
from battlemap.io.matching import email_key, repeats
from battlemap.people.models import InfluenceLink
from battlemap.people.services import influence_links_bulk_insert
from battlemap.teams.models import Team

from . import FORMAT_VERSION, is_this_format
from .load_deals import DealLoader
from .load_people import PeopleLoader
from .loading import NO_UNIT, LeftOut, MapImportError, Timeline, bulk_part, interaction_moment, part

ACCOUNT_FIELDS = ("name", "industry", "size", "region", "segments", "company_names", "currency", "lifecycle")
PORTRAIT_FIELDS = ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")


class _Loader(PeopleLoader, DealLoader):
    """The parts of a map, in the order they depend on each other (the people: PeopleLoader; the deals' parts:
    DealLoader)."""

    def account(self, slug: str) -> Account:
        a = self.data.get("account") or {}
        fields = {k: a[k] for k in ACCOUNT_FIELDS if a.get(k) is not None}
        fields |= {k: (a.get("portrait") or {}).get(k) or "" for k in PORTRAIT_FIELDS}
        if a.get("potential_value") is not None:
            fields["potential_value"] = Decimal(str(a["potential_value"]))
        if self.team is CREATORS_TEAM:  # the rule of account_create: the owner's only team, else none
            team = CREATORS_TEAM
        else:
            team_slug = a.get("team") if self.team is FILE_TEAM else self.team
            team = Team.objects.filter(slug=team_slug).first() if team_slug else None
            if team_slug and team is None and self.team is not FILE_TEAM:
                raise MapImportError(_("team: no team with slug %(slug)s"), {"slug": repr(team_slug)})
            if team_slug and team is None:  # the file's team: refused, not dropped unseen
                raise MapImportError(
                    _("account.team: no team with slug %(slug)s here; name another team, or none"),
                    {"slug": repr(team_slug)},
                )
        with part("account", self.since):
            fields.setdefault("name", "")
            self.account_ = account_create(owner=self.owner, slug=slug, team=team, **fields)
            return self.account_

    def org_units(self, account: Account) -> None:
        """The departments in the file's order, each child waiting for its parent (linear in the units)."""
        units = list(self.data.get("org_units") or [])
        waiting: dict[Any, list[dict[str, Any]]] = {}
        for u in units:
            ready = deque([u])
            if u.get("parent") is not None and u["parent"] not in self.units:
                waiting.setdefault(u["parent"], []).append(u)
                continue
            while ready:
                unit = ready.popleft()
                with part(f"org_units {unit['id']}", self.since):
                    self.units[unit["id"]] = org_unit_create(
                        account=account, name=unit["name"], parent=self.units.get(unit.get("parent"))
                    )
                ready.extend(waiting.pop(unit["id"], ()))
        ids = {u.get("id") for u in units}
        for parent, children in waiting.items():
            if parent not in ids:
                where = f"org_units {children[0]['id']}.parent"
                raise MapImportError(NO_UNIT, {"where": where, "id": parent})
        if waiting:
            raise MapImportError(_("org_units: a parent is missing or the tree has a cycle"))

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
        with bulk_part("influence_links", range(len(links)), self.since):
            influence_links_bulk_insert(account=account, links=rows)
        for f in self.data.get("external_factors") or []:
            with part(f"external_factors {f.get('id')}", self.since):
                external_factor_create(
                    account=account,
                    kind=f["kind"],
                    description=f.get("description") or "",
                    effect=f.get("effect") or 0,
                    once=False,  # the file as it is: two factors of one description stay two
                )

    def interactions(self, account: Account) -> None:
        """Every interaction with who took part, in bulk (interactions.services.bulk); with a timeline, one
        bulk a day, each logged that day."""
        by_day: dict[dt.datetime | None, tuple[list[Any], list[RecordedInteraction]]] = {}
        for i in self.data.get("interactions") or []:
            where = f"interactions {i.get('id')}"
            occurred, all_day = interaction_moment(i["date"], bool(i.get("all_day")))
            logged = self.when(
                timezone.localdate(occurred) if timezone.is_aware(occurred) else occurred.date(), 18
            )
            participants = {self.ref(pid, f"{where}.participants").pk for pid in i.get("participants") or []}
            deal = self.deal_ref(i.get("deal"), f"{where}.deal")
            interaction = NewRow(
                Interaction,
                occurred_at=occurred,
                all_day=all_day,  # a map written before it was kept: a time of day
                deal_id=deal.pk if deal else None,
                kind=i.get("kind") or "meeting",
                summary=i.get("summary") or "",
                outcome=i.get("outcome") or "",
                next_step=i.get("next_step") or "",
                source=i.get("source") or "manual",
                source_ref=i.get("source_ref") or "",
            )
            ours = {u.pk for u in self.colleagues(i.get("our_participants") or [], "our_participants")}
            ids, items = by_day.setdefault(logged, ([], []))
            ids.append(i.get("id"))
            items.append(RecordedInteraction(interaction, participants, ours))
        for logged, (ids, items) in by_day.items():
            with bulk_part("interactions", ids, logged):
                interactions_bulk_create(account=account, items=items)


REFERENCED = ("org_units", "people", "decision_bodies", "deals")  # the parts whose ids others refer to


def _check_unique_ids(data: dict[str, Any]) -> None:
    """MapImportError naming the part and the id that two of its items share: a reference to it would
    be ambiguous, and the second would silently take the first one's place."""
    for part_name in REFERENCED:
        seen = set()
        for item in data.get(part_name) or []:
            pid = item.get("id") if isinstance(item, dict) else None
            if pid is not None and pid in seen:
                raise MapImportError(
                    _("%(where)s: two items have this id; each needs its own"),
                    {"where": f"{part_name} {pid}"},
                )
            seen.add(pid)


def _check_unique_emails(data: dict[str, Any]) -> None:
    """MapImportError naming the second of two people with one e-mail — the people import's rule
    (`io.matching.repeats`): mail and later imports match people by e-mail, and would find two."""
    people = [p for p in data.get("people") or [] if isinstance(p, dict)]
    names = {p.get("id"): p.get("name") or "" for p in people}
    for pid, value, first in repeats(((p.get("id"), p.get("email") or "") for p in people), email_key):
        raise MapImportError(
            SHARED_EMAIL,
            {"where": f"people {pid}.email", "value": value, "other": first, "name": names[first]},
        )


SHARED_EMAIL = _(
    '%(where)s: "%(value)s" is also the e-mail of people %(other)s (%(name)s); each person needs their own'
)


PARTS = (
    "org_units",
    "people",
    "influence_links",
    "external_factors",
    "decision_bodies",
    "deals",
    "interactions",
)
FILE_TEAM = object()  # map_import(team=…): the team named in the file


@dataclass(frozen=True)
class LoadedMap:
    """What `map_load` made: the new account, and what of the map was not kept (`LeftOut`: users of the map
    unknown here or who may not see the account), for the import's summary to say."""

    account: Account
    left_out: LeftOut


def map_import(**arguments: Any) -> Account:
    """`map_load(**arguments)`'s account, for callers that say nothing of what was left out (the demo, whose
    users all exist; tests)."""
    return map_load(**arguments).account


@transaction.atomic
def map_load(
    *,
    data: dict[str, Any],
    owner: Any,
    slug: str | None = None,
    timeline: Timeline | None = None,
    team: Any = FILE_TEAM,
    by: Any = None,
    progress: Callable[[int, int], None] | None = None,
    via: str = "",
) -> LoadedMap:
    """Load `data` (a map-format dict) as a new account owned by `owner`, with the slug `slug` (default:
    the map's). `timeline`: back-date the history (see Timeline); None: everything happens now.
    `team`: the slug of the team to share it with, None for no team, CREATORS_TEAM for the rule of
    `account_create` (the owner's team if they are on exactly one, else none); default: the team the file
    names (`import-map --owner U` passes CREATORS_TEAM unless `--team` or `--no-team` is given: a new owner
    does not keep the old owner's team). `by`: the user who imports it (the web's *Import a map*), named in the audit log;
    None: the installation (`import-map`), or the owner when a timeline replays the map (the demo). `via`: how it
    came, for the audit log ("cli", "api"; "" the web).
    `progress(done, total)`: called after each part (departments, people, links, decision bodies, each
    deal, interactions), counted in items of the map (the web's job page shows it).

    Users named in the map (coverage, action owners, our participants) are matched by username; names
    unknown here, and users who may not see the new account (core.access), are left out and said in the
    result's `left_out`. Two people with one e-mail are refused, as the people import refuses them.
    Errors: MapImportError naming the part at fault; nothing is written."""
    if not is_this_format(data):
        raise MapImportError(_("format_version: expected %(version)s"), {"version": FORMAT_VERSION})
    slug = slug or (data.get("account") or {}).get("slug")
    if Account.all_objects.filter(slug=slug).exists():  # a deleted account keeps its slug while restorable
        raise MapImportError(
            _("account %(slug)s already exists: give a new slug with --as"), {"slug": repr(slug)}
        )
    _check_unique_ids(data)
    _check_unique_emails(data)
    try:
        return _load(data, owner, slug, timeline, team, by, progress, via)
    except KeyError as exc:  # a key the loader needs and the file lacks (older maps may lack others: .get)
        raise MapImportError(MISSING_KEY, {"key": str(exc.args[0]) if exc.args else "?"}) from None


MISSING_KEY = _(
    "A part of the map lacks the key %(key)s, which it needs (docs/map-format.md); nothing was imported."
)


def _load(
    data: dict[str, Any],
    owner: Any,
    slug: str | None,
    timeline: Timeline | None,
    team: Any,
    by: Any,
    progress: Callable[[int, int], None] | None,
    via: str,
) -> LoadedMap:
    loader = _Loader(data, owner, timeline, team)
    sizes = {k: len(data.get(k) or ()) for k in PARTS}
    total, done = sum(sizes.values()) + 1, [1]

    def step(part: str, n: int | None = None) -> None:
        done[0] += sizes[part] if n is None else n
        if progress is not None:
            progress(min(done[0], total), total)

    account = loader.account(slug)
    loader.org_units(account)
    step("org_units")
    departures = loader.people_(account)
    step("people")
    loader.links_and_factors(account)
    step("influence_links")
    step("external_factors")
    loader.bodies_(account)
    step("decision_bodies")
    for d in data.get("deals") or []:
        loader.deals[d["id"]] = loader.deal(account, d)
        step("deals", 1)
    loader.interactions(account)
    step("interactions")
    loader.departures(departures)
    actor = by if by is not None else (owner if timeline else None)
    audit_record(action=Action.IMPORT, account=account, user=actor, what="map_file", via=via)
    return LoadedMap(account, loader.left_out)
