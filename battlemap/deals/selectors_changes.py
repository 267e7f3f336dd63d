"""How "This week" and "What changed" read the analysis changes (`maps.changes_since`) of health and of
roles and attitudes: one rule for both pages, so a deal reads the same on each.

* Health: a deal's health moved when it is not what it was at the start of the window; a deal new in the
  window moves from nothing ("new deal → 44"), a deal deleted in it to nothing (`health_moves`).
* Roles and attitudes: the people who joined a deal in the window are one line per deal, each with the
  buying roles they hold now (`JoinedDeal`); a change made after they joined is a change like any other,
  from the value they joined with (the first record of their part in the deal after the window's start,
  in its history) to the latest (trial 23: 23 lines "joined the deal → …" hid 刘志强 支持 → 强烈支持, made
  after a meeting in the week he was added) (`role_moves`).
* People added, left or removed from the map (What changed: the page, the API, the review exports): a deal's
  lists only the people of that deal, each list capped on a page or in a file (`people_moves`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from battlemap.analysis.report_changes import value_label
from battlemap.core.capped import Capped
from battlemap.core.history_stamp import OLDEST_FIRST
from battlemap.core.multilingual import active_language
from battlemap.deals.models import StakeholderRole
from battlemap.maps.tables import moment_of

JOINED_NAMES_SHOWN = 12  # people named on a deal's "joined" line, then "and N more"


@dataclass
class JoinedPerson:
    person: int
    name: str
    roles_label: str  # the buying roles they hold now, as the reader reads them ("" without a role)


@dataclass
class JoinedDeal:
    """The people who joined one deal in the window."""

    deal: int
    deal_name: str
    people: Capped[JoinedPerson] = field(default_factory=lambda: Capped(JOINED_NAMES_SHOWN))


@dataclass
class RoleMoves:
    joined: list[JoinedDeal]  # one per deal people joined, in the order of the changes
    changes: list[dict[str, Any]]  # rows of "role_changes", each a real before → after

    @property
    def total(self) -> int:
        return len(self.joined) + len(self.changes)


INTERACTIONS_SHOWN = 100  # the newest interactions logged listed on What changed (the timeline has all)
PEOPLE_SHOWN = 20  # people named in each of What changed's "added" and "left" lists, then "and N more"


@dataclass
class PeopleMoves:
    added: Capped[dict[str, Any]]  # {"id", "name", "detail"} as the changes' people lists
    left: Capped[dict[str, Any]]  # left the customer
    removed: Capped[dict[str, Any]]  # deleted from the map: not a departure

    @property
    def total(self) -> int:
        return len(self.added) + len(self.left) + len(self.removed)

    def lists(self) -> dict[str, list[dict[str, Any]]]:
        """The changes' three people lists, whole: {"people_added", "people_left", "people_removed"}."""
        return {
            "people_added": self.added.items,
            "people_left": self.left.items,
            "people_removed": self.removed.items,
        }


def people_moves(changes: dict[str, Any], *, deal_id: int | None = None) -> PeopleMoves:
    """The people added to the map, those who left the customer and those removed from the map in the window of
    `changes` (`maps.changes_since`:
    a person added who left in the window is in both lists, the analysis' rule), as What changed lists
    them, on the web page, in the API and in the review exports (each list shown up to PEOPLE_SHOWN, then
    "and N more"): for a deal (`deal_id`), only the people who have or had a part in that deal — the
    account's others are the account's news (a 3,000-person import made a deal's page 171,188 px tall).
    One query with `deal_id`, none without."""
    lists = [list(changes.get(key) or []) for key in ("people_added", "people_left", "people_removed")]
    if deal_id is not None:
        in_deal = set(
            StakeholderRole.history.filter(deal_id=deal_id).values_list("person_id", flat=True).distinct()
        )
        lists = [[row for row in rows if row["id"] in in_deal] for rows in lists]
    return PeopleMoves(*(Capped(PEOPLE_SHOWN, rows) for rows in lists))


def health_moves(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a changes' "health" list ({"deal", "name", "before", "after"}) where the health moved:
    after differs from before, a new deal's first health (before None) included."""
    return [row for row in rows if row["before"] != row["after"]]


def role_moves(rows: list[dict[str, Any]], *, since: date | datetime) -> RoleMoves:
    """The "role_changes" rows of changes since `since` (one account's or many), as the pages show them:
    a `JoinedDeal` per deal for the rows of people who joined it in the window (before None), and the
    other rows with, for those people, each value that changed after they joined, first → latest (its
    labels in the active language). One query for the history of all the people who joined."""
    joined: dict[int, JoinedDeal] = {}
    people: dict[tuple[int, int], JoinedPerson] = {}
    changes: list[dict[str, Any]] = []
    latest: dict[tuple[int, int], dict[str, dict[str, Any]]] = {}  # (deal, person) → field → row
    for row in rows:
        if row["before"] is not None:
            changes.append(row)
            continue
        key = (row["deal"], row["person"])
        if key not in people:
            people[key] = JoinedPerson(row["person"], row["name"], "")
            joined.setdefault(row["deal"], JoinedDeal(row["deal"], row["deal_name"])).people.items.append(
                people[key]
            )
        latest.setdefault(key, {})[row["field"]] = row
        if row["field"] == "roles":
            people[key].roles_label = row["after_label"]
    changes += _changed_since_joining(latest, since)
    return RoleMoves(list(joined.values()), changes)


_FIELDS = ("roles", "attitude", "influence")


def _changed_since_joining(
    latest: dict[tuple[int, int], dict[str, dict[str, Any]]], since: date | datetime
) -> list[dict[str, Any]]:
    """For each (deal, person) who joined, the values of their first record after `since` that differ
    from the latest (the analysis' row, or the part's current value for an influence the analysis does
    not report on joining), as role-change rows first → latest."""
    if not latest:
        return []
    records = (
        StakeholderRole.history.filter(
            deal_id__in={deal for deal, _person in latest},
            person_id__in={person for _deal, person in latest},
            history_date__gt=moment_of(since),
        )
        .exclude(history_type="-")
        .order_by(*OLDEST_FIRST)
        .values("deal_id", "person_id", *_FIELDS)
    )
    first: dict[tuple[int, int], dict[str, Any]] = {}
    last: dict[tuple[int, int], dict[str, Any]] = {}
    for record in records:
        key = (record["deal_id"], record["person_id"])
        if key in latest:
            first.setdefault(key, record)
            last[key] = record
    lang = active_language()
    found = []
    for key, rows in latest.items():
        if key not in first:
            continue
        a_row = next(iter(rows.values()))
        for name in _FIELDS:
            was, now = _plain(first[key][name]), _plain(last[key][name])
            if name in rows:
                now = rows[name]["after"]
            if was == now:
                continue
            found.append(
                {
                    "deal": key[0],
                    "deal_name": a_row["deal_name"],
                    "person": key[1],
                    "name": a_row["name"],
                    "field": name,
                    "before": was,
                    "after": now,
                    "before_label": value_label(lang, name, was),
                    "after_label": value_label(lang, name, now),
                }
            )
    return found


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
