"""Reads of the competitor view: per deal, per account and across the portfolio (issue 17).

Competitors are the names in a deal's `competitors` list, its `lost_to`, its stakeholders'
`favoured_competitor` and its competitor notes, matched through io.matching.match_name (one normaliser:
"华为云", "华为云 " and full-width spellings are one competitor). Who favours a competitor — name,
buying roles, attitude, influence — is the recorded map (the deal's stakeholder roles); their influence
score and whether they are a key person come from maps.account_analysis, not computed here.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from battlemap.competition.models import CompetitorNote
from battlemap.core.access import accounts_visible_to
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.io.matching import match_name, names_by_key
from battlemap.maps import account_analysis

OUTCOMES = ("won", "lost_to_them", "lost_other")


def anchor(key: str) -> str:
    """The HTML id of a competitor's card on a page (`c-1a2b3c4d`): the same for every spelling of them."""
    return "c-" + hashlib.blake2s(key.encode(), digest_size=4).hexdigest()


def outcome_for(*, status: str, lost_to: str, key: str) -> str:
    """How a deal ended against the competitor with match key `key`: open, won, lost_to_them, lost_other."""
    if status == "won":
        return "won"
    if status == "lost":
        return "lost_to_them" if lost_to and match_name(lost_to, person=False) == key else "lost_other"
    return "open"


def _stakeholders(account) -> dict[int, list[StakeholderRole]]:
    """{deal id: its stakeholder roles with a favoured competitor, with their person}: one query."""
    rows: dict[int, list[StakeholderRole]] = defaultdict(list)
    for role in (
        StakeholderRole.objects.filter(deal__account=account)
        .exclude(favoured_competitor="")
        .select_related("person")
        .order_by("id")
    ):
        rows[role.deal_id].append(role)
    return rows


def _favoured_by(
    roles: list[StakeholderRole], analysis: dict[str, Any], deal_id: int
) -> dict[str, list[dict[str, Any]]]:
    """{competitor key: the stakeholders of the deal who favour them}, most influential first."""
    scores = {p["id"]: p["influence"]["score"] for p in analysis["people"]}
    analysed = next((d for d in analysis["deals"] if d["id"] == deal_id), {})
    key_people = set(analysed.get("key_people", ()))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sh in roles:
        if not sh.favoured_competitor.strip():
            continue
        out[match_name(sh.favoured_competitor, person=False)].append(
            {
                "person_id": sh.person_id,
                "name": sh.person.name,
                "title": sh.person.title,
                "roles": list(sh.roles),
                "attitude": sh.attitude,
                "influence": sh.influence,
                "score": scores.get(sh.person_id),
                "key": sh.person_id in key_people,
                "spelled": sh.favoured_competitor,
            }
        )
    for rows in out.values():
        rows.sort(key=lambda r: (-r["influence"], -(r["score"] or 0), r["name"]))
    return out


def _deal_competitors(
    deal: Deal, roles: list[StakeholderRole], analysis, notes: list[CompetitorNote]
) -> list[dict[str, Any]]:
    favoured = _favoured_by(roles, analysis, deal.pk)
    spelled = [s for rows in favoured.values() for s in (r["spelled"] for r in rows)]
    names = names_by_key([*deal.competitors, deal.lost_to, *spelled, *(n.name for n in notes)])
    by_key = {n.name_key: n for n in notes}
    listed = {match_name(c, person=False) for c in deal.competitors}
    return [
        {
            "key": key,
            "anchor": anchor(key),
            "name": name,
            "listed": key in listed,
            "favoured_by": favoured.get(key, []),
            "note": by_key.get(key),
            "outcome": outcome_for(status=deal.status, lost_to=deal.lost_to, key=key),
        }
        for key, name in names.items()
    ]


def deal_competition(*, deal: Deal) -> list[dict[str, Any]]:
    """Each competitor of `deal`: {key, name, listed (in the deal's list), favoured_by [{person_id, name,
    title, roles, attitude, influence (1–5), score (influence score), key}], note (CompetitorNote or
    None), outcome (open, won, lost_to_them, lost_other)}. Access is the caller's (core.access)."""
    account = deal.account
    analysis = account_analysis(account=account)
    notes = list(CompetitorNote.objects.filter(deal=deal))
    return _deal_competitors(deal, _stakeholders(account)[deal.pk], analysis, notes)


def account_competition(*, account) -> list[dict[str, Any]]:
    """Each competitor met in the account's deals: {key, anchor, name, deals: [{deal, competitor}]} where
    `competitor` is that deal's entry of `deal_competition` (open deals first); most deals first."""
    roles = _stakeholders(account)
    analysis = account_analysis(account=account)
    notes: dict[int, list[CompetitorNote]] = defaultdict(list)
    for note in CompetitorNote.objects.filter(deal__account=account):
        notes[note.deal_id].append(note)
    grouped: dict[str, dict[str, Any]] = {}
    deals = sorted(account.deals.order_by("name", "id"), key=lambda d: d.status != "open")  # open ones first
    for deal in deals:
        for entry in _deal_competitors(deal, roles[deal.pk], analysis, notes[deal.pk]):
            row = grouped.setdefault(
                entry["key"],
                {"key": entry["key"], "anchor": entry["anchor"], "name": entry["name"], "deals": []},
            )
            row["deals"].append({"deal": deal, "competitor": entry})
    return sorted(grouped.values(), key=lambda r: (-len(r["deals"]), r["key"]))


@dataclass
class Cell:
    """Closed deals of one outcome against one competitor: how many, and the amounts per currency."""

    deals: list[Deal] = field(default_factory=list)
    amounts: dict[str, Decimal] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.deals)

    def add(self, deal: Deal) -> None:
        self.deals.append(deal)
        if deal.amount is not None:
            self.amounts[deal.currency] = self.amounts.get(deal.currency, Decimal(0)) + deal.amount

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "amounts": {c: str(a) for c, a in sorted(self.amounts.items())},
            "deals": [d.pk for d in self.deals],
        }


def win_loss(*, user) -> list[dict[str, Any]]:
    """Win/loss by competitor over the closed deals of every account `user` may see:
    [{key, anchor, name, won: Cell, lost_to_them: Cell, lost_other: Cell, closed (count), reasons:
    [{deal, outcome, reason}] (why they won, then why we won)}], most closed deals first. A closed deal counts for each competitor it names (list, lost_to, favoured, notes)."""
    closed = list(
        Deal.objects.filter(account__in=accounts_visible_to(user), status__in=("won", "lost"))
        .select_related("account")
        .order_by("-expected_close", "name", "id")
    )
    ids = [d.pk for d in closed]
    extra: dict[int, list[str]] = defaultdict(list)
    for deal_id, name in (
        StakeholderRole.objects.filter(deal_id__in=ids)
        .exclude(favoured_competitor="")
        .values_list("deal_id", "favoured_competitor")
    ):
        extra[deal_id].append(name)
    for deal_id, name in CompetitorNote.objects.filter(deal_id__in=ids).values_list("deal_id", "name"):
        extra[deal_id].append(name)
    rows: dict[str, dict[str, Any]] = {}
    for deal in closed:
        for key, name in names_by_key([*deal.competitors, deal.lost_to, *extra[deal.pk]]).items():
            row = rows.setdefault(
                key, {"key": key, "anchor": anchor(key), "name": name, **{o: Cell() for o in OUTCOMES}}
            )
            row[outcome_for(status=deal.status, lost_to=deal.lost_to, key=key)].add(deal)
    for row in rows.values():
        row["closed"] = sum(row[o].count for o in OUTCOMES)
        row["reasons"] = [
            {"deal": d, "outcome": o, "reason": d.close_reason}
            for o in ("lost_to_them", "won")
            for d in row[o].deals
            if d.close_reason.strip()
        ]
    return sorted(rows.values(), key=lambda r: (-r["closed"], r["key"]))
