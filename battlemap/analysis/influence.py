"""Influence score per person, 0..100, as three explained parts.

* formal authority: position in the reporting tree (how many people sit below, how close to the
  top) and the portrait traits power and budget control (seed 004);
* informal influence: PageRank over "who listens to whom" (centrality.py), rescaled so that
  0 = nobody listens to them and 1 = the most listened-to person on the map;
* role in the deals: the best, over open deals, of the seller's influence rating (1..5) and the
  weight of the roles held.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from .centrality import listening_graph, pagerank
from .contacts import ContactIndex
from .i18n import gettext_noop, join_names, label, tr
from .settings import AnalysisSettings
from .types import InfluenceScore, MapSnapshot, Part, PersonInfo

_MANAGES = gettext_noop("manages %(count)s people")
_TOP = gettext_noop("top of the reporting line")
_POWER = gettext_noop("power %(value)s/5")
_BUDGET = gettext_noop("budget control %(value)s/5")
_LISTENED = gettext_noop("listened to by %(names)s")
_CENTRAL = gettext_noop("central in shared meetings and mails")
_ROLE = gettext_noop("%(role)s in %(deal)s (influence %(rating)s/5)")


def _depths(people: tuple[PersonInfo, ...]) -> tuple[dict[int, int], dict[int, int]]:
    """Depth below the top of the tree and number of people below, for every person (cycle-safe)."""
    boss = {p.id: p.reports_to for p in people if p.reports_to is not None and p.reports_to != p.id}
    known = {p.id for p in people}
    depth: dict[int, int] = {}
    for start in known:
        chain: list[int] = []
        seen: set[int] = set()
        node: int | None = start
        while node is not None and node not in depth and node not in seen and node in known:
            seen.add(node)
            chain.append(node)
            node = boss.get(node)
        base = depth.get(node, -1) if node is not None and node in depth else -1
        for offset, pid in enumerate(reversed(chain), start=1):
            depth[pid] = base + offset
    below: dict[int, int] = defaultdict(int)
    for pid in sorted(known, key=lambda p: -depth[p]):
        parent = boss.get(pid)
        if parent in known and depth.get(parent, 0) < depth[pid]:
            below[parent] += below[pid] + 1
    return depth, dict(below)


def influence_scores(
    snapshot: MapSnapshot, contacts: ContactIndex, settings: AnalysisSettings, lang: str
) -> dict[int, InfluenceScore]:
    people = snapshot.people
    if not people:
        return {}
    index = {p.id: i for i, p in enumerate(people)}
    names = {p.id: p.name for p in people}
    depth, below = _depths(people)
    has_reports = set(below)
    max_below = max(below.values(), default=0)

    rank = pagerank(listening_graph(snapshot, index, contacts, settings), settings)
    low, high = float(rank.min()), float(rank.max())
    informal = ((rank - low) / (high - low) if high - low > 1e-12 else np.zeros(len(people))).tolist()

    listeners: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for link in snapshot.links:
        if link.kind != "opposes" and link.source in index and link.target in index:
            listeners[link.source].append((informal[index[link.target]], link.target))

    best_role: dict[int, tuple[float, str, str, int]] = {}
    for deal in snapshot.deals:
        if deal.status != "open":
            continue
        for sh in deal.stakeholders:
            role_w = max((settings.role_weights.get(r, 0.0) for r in sh.roles), default=0.0)
            value = settings.role_rating_share * (sh.influence - 1) / 4 + (1 - settings.role_rating_share) * role_w
            top_role = max(sh.roles, key=lambda r: settings.role_weights.get(r, 0.0)) if sh.roles else ""
            if value > best_role.get(sh.person_id, (-1.0, "", "", 0))[0]:
                best_role[sh.person_id] = (value, top_role, deal.name, sh.influence)

    w_formal, w_informal, w_role = (
        settings.influence_formal_weight,
        settings.influence_informal_weight,
        settings.influence_role_weight,
    )
    results: dict[int, InfluenceScore] = {}
    for person in people:
        drivers: list[tuple[float, str]] = []
        # formal authority
        in_tree = person.reports_to is not None or person.id in has_reports
        position = None
        if in_tree:
            n_below = below.get(person.id, 0)
            span = math.log1p(n_below) / math.log1p(max_below) if max_below else 0.0
            closeness = 1.0 / (1 + depth.get(person.id, 0))
            position = 0.5 * span + 0.5 * closeness
            if n_below:
                drivers.append((span, tr(lang, _MANAGES, count=n_below)))
            elif depth.get(person.id, 0) == 0:
                drivers.append((closeness * 0.5, tr(lang, _TOP)))
        traits = [(t - 1) / 4 for t in (person.power, person.budget_control) if t is not None]
        trait_score = sum(traits) / len(traits) if traits else None
        if person.power is not None and person.power >= 4:
            drivers.append(((person.power - 1) / 4, tr(lang, _POWER, value=person.power)))
        if person.budget_control is not None and person.budget_control >= 4:
            drivers.append(((person.budget_control - 1) / 4, tr(lang, _BUDGET, value=person.budget_control)))
        if position is not None and trait_score is not None:
            formal = settings.formal_position_share * position + (1 - settings.formal_position_share) * trait_score
        else:
            formal = position if position is not None else (trait_score or 0.0)
        # informal influence
        inf = informal[index[person.id]]
        heard_by = sorted(listeners.get(person.id, ()), reverse=True)[:3]
        if heard_by:
            drivers.append((inf + 0.01, tr(lang, _LISTENED, names=join_names(lang, [names[p] for _, p in heard_by]))))
        elif inf >= 0.5:
            drivers.append((inf, tr(lang, _CENTRAL)))
        # role in the deals
        role_value, role_code, deal_name, rating = best_role.get(person.id, (0.0, "", "", 0))
        if role_code:
            drivers.append((role_value + 0.02, tr(lang, _ROLE, role=label(lang, role_code), deal=deal_name, rating=rating)))

        parts = (
            Part("formal", round(w_formal * formal, 1), w_formal),
            Part("informal", round(w_informal * inf, 1), w_informal),
            Part("role", round(w_role * role_value, 1), w_role),
        )
        score = int(round(min(100.0, max(0.0, sum(p.points for p in parts)))))
        drivers.sort(key=lambda d: -d[0])
        results[person.id] = InfluenceScore(
            person.id, score, parts, tuple(text for _, text in drivers[: settings.max_drivers])
        )
    return results
