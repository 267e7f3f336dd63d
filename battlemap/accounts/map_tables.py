"""Reads for the tables beside the account map's pictures: the people under the org chart and the power
map's stakeholders, and which people are "key" when an account is too big to list everyone (the deal's
stakeholders first, then by influence, in the map view's order). Views pass the map view (maps.map_view)."""

from __future__ import annotations

from collections import defaultdict

from battlemap.core.choices import ATTITUDE_CHOICES, ROLE_CHOICES, label
from battlemap.core.multilingual import active_language
from battlemap.deals.models import StakeholderRole
from battlemap.maps import view_people
from battlemap.people.models import DottedLine, InfluenceLink
from battlemap.punctuation import join_names


def stakeholder_ids(deal) -> set[int]:
    """Ids of the people holding a role in `deal` (none without a deal)."""
    return (
        set(StakeholderRole.objects.filter(deal=deal).values_list("person_id", flat=True)) if deal else set()
    )


def key_ids(ids: list[int], deal, limit: int, theirs: set | None = None) -> list[int]:
    """At most `limit` of `ids` (person ids in the analysis' order, most influential first: a map
    view's `people_rows`): the deal's stakeholders (`theirs`; read when not given) first, then the most
    influential, in the analysis' order."""
    if len(ids) <= limit:
        return ids
    if theirs is None:
        theirs = stakeholder_ids(deal)
    chosen = set(sorted(ids, key=lambda pid: pid not in theirs)[:limit])
    return [pid for pid in ids if pid in chosen]


def org_rows(account, deal, view: dict, limit: int) -> tuple[list[dict], int]:
    """The people table under the org chart, by name: (rows, how many people the account has). Each row:
    pk, name, title, manager, left, placeholder, score (influence, from the map `view`), the deal's
    attitude and buying-role labels, dotted-line managers, whom they sway and whom they oppose. Above `limit` people,
    only the key people (`key_ids`: the deal's first, then by influence)."""
    roles = {}
    if deal is not None:
        roles = {r.person_id: r for r in StakeholderRole.objects.filter(deal=deal)}
    people = account.people.order_by("name_key")
    links = InfluenceLink.objects.filter(account=account)
    dotted_lines = DottedLine.objects.filter(person__account=account)
    total = people.count()
    if total > limit:  # a big account: the key people (the deal's, then by influence), by name
        ordered = [row[0] for row in view["people_rows"]]
        chosen = key_ids(ordered, deal, limit, set(roles))
        people, links = people.filter(pk__in=chosen), links.filter(source_id__in=chosen)
        dotted_lines = dotted_lines.filter(person_id__in=chosen)
    people = list(people.values("id", "name", "title", "status", "placeholder", "reports_to__name"))
    shown = {p["id"] for p in people}
    scores = {p["id"]: p["influence"]["score"] for p in view_people(view, shown)}
    attitudes, lang = dict(ATTITUDE_CHOICES), active_language()
    # an `opposes` link carries no influence (docs/analysis.md) and is drawn red and dashed (look.link_look):
    # listed apart, under the legend's word for it, never among whom they sway
    sways: dict[int, list[str]] = defaultdict(list)
    opposes: dict[int, list[str]] = defaultdict(list)
    for source_id, target_name, kind in links.values_list("source_id", "target__name", "kind"):
        (opposes if kind == "opposes" else sways)[source_id].append(target_name)
    dotted: dict[int, list[str]] = defaultdict(list)
    for person_id, manager_name in dotted_lines.values_list("person_id", "manager__name"):
        dotted[person_id].append(manager_name)
    # Plain dicts: 500 rows render twice as fast as model instances in the template.
    rows = [
        {
            "pk": p["id"],
            "name": p["name"],
            "title": p["title"],
            "manager": p["reports_to__name"] or "",
            "left": p["status"] == "left",
            "placeholder": p["placeholder"],
            "score": scores.get(p["id"], 0),
            "attitude": roles[p["id"]].attitude if p["id"] in roles else "",
            "attitude_label": attitudes.get(roles[p["id"]].attitude, "") if p["id"] in roles else "",
            "role_labels": [label(ROLE_CHOICES, c) for c in roles[p["id"]].roles] if p["id"] in roles else [],
            "dotted": join_names(lang, dotted.get(p["id"], [])),
            "sways": join_names(lang, sorted(sways.get(p["id"], []))),
            "opposes": join_names(lang, sorted(opposes.get(p["id"], []))),
        }
        for p in people
    ]
    return rows, total


def power_rows(deal, view: dict) -> list[dict]:
    """The power map's table: one row per stakeholder of `deal` (name, attitude, influence score from
        the map `view`, the seller's influence rating 1..5 — what the red flags weigh —, buying-role labels, pid, left:
    the person left the customer),
        most influential first."""
    rows = []
    if deal is not None:
        roles = list(StakeholderRole.objects.filter(deal=deal).select_related("person"))
        people = view_people(view, {role.person_id for role in roles})
        scores = {p["id"]: p["influence"]["score"] for p in people}
        for role in roles:
            rows.append(
                {
                    "name": role.person.name,
                    "attitude": role.attitude,
                    "attitude_label": role.get_attitude_display(),
                    "score": scores.get(role.person_id, 0),
                    "rating": role.influence,
                    "roles": [label(ROLE_CHOICES, c) for c in role.roles],
                    "pid": role.person_id,
                    "left": role.person.status == "left",  # greyed on the chart, marked in the table
                }
            )
    rows.sort(key=lambda r: -r["score"])
    return rows
