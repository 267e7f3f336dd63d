"""Influence score per person, 0..100, as three explained parts.

* formal authority: position in the reporting tree (how many people sit below, how close to the
  top) and the portrait traits power and budget control (seed 004), and never below the person's power over an
  open deal's decision (`decision_power`: seed 004 §1.1 权力, §1 决策团队);
* informal influence: PageRank over "who listens to whom" (centrality.informal_shares), rescaled so that
  0 = nobody listens to them and 1 = the customer's most listened-to person, never below what the
  reporting lines and shared interactions alone give (influence links only add), blended with the portrait
  traits expertise and network (seed 004: a decision maker's expertise and network sway others
  beyond the reporting line); `informal_trait_share` of the part when either trait is rated;
* role in the deals: the best, over open deals, of the seller's influence rating (1..5) and the
  weight of the roles held.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .centrality import informal_shares
from .contacts import ContactIndex
from .coverage import deciders, seated_members
from .i18n import gettext_noop, join_names, label, ngettext_noop, tr
from .settings import AnalysisSettings
from .types import InfluenceScore, MapSnapshot, Part, PersonInfo

_MANAGES = ngettext_noop("manages %(count)s person", "manages %(count)s people")
_TOP = gettext_noop("top of the reporting line")
_POWER = gettext_noop("power %(value)s/5")
_BUDGET = gettext_noop("budget control %(value)s/5")
_EXPERTISE = gettext_noop("expertise %(value)s/5")
_NETWORK = gettext_noop("network %(value)s/5")
_LISTENED = gettext_noop("listened to by %(names)s")
_CENTRAL = gettext_noop("central in shared meetings and mails")
_ROLE = gettext_noop("%(role)s in %(deal)s (influence %(rating)s/5)")
_SEAT = gettext_noop("seat on %(body)s, which decides %(deal)s")


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


def _in_shared_interactions(contacts: ContactIndex, settings: AnalysisSettings) -> set[int]:
    """The people (indices in the snapshot) who share an interaction with at least one other of the
    customer's people: the only ones shared meetings and mails can have made central (centrality.py)."""
    if settings.interaction_edge_weight <= 0 or not len(contacts.rows):
        return set()
    together: dict[int, set[int]] = defaultdict(set)
    for row, col in zip(contacts.rows.tolist(), contacts.cols.tolist(), strict=True):
        together[row].add(col)
    return {col for cols in together.values() if len(cols) > 1 for col in cols}


def _trait_mean(people: tuple[PersonInfo, ...], names: tuple[str, ...]) -> np.ndarray:
    """Mean of the rated traits `names` per person, rescaled 1..5 → 0..1; NaN where none is rated."""
    nan = float("nan")
    values = (
        np.array(
            [[nan if getattr(p, name) is None else getattr(p, name) for p in people] for name in names],
            dtype=np.float64,
        )
        - 1
    ) / 4
    known = ~np.isnan(values)
    return np.where(
        known.any(axis=0), np.where(known, values, 0).sum(axis=0) / np.maximum(known.sum(axis=0), 1), nan
    )


def decision_power(snapshot: MapSnapshot, settings: AnalysisSettings) -> dict[int, tuple[float, str, str]]:
    """Power over an open deal's decision, 0..1, per person id with the deciding body and deal that give it (the body
    "" when the person decides themselves); people with none are left out. Who decides a deal (`coverage.deciders`: a
    decision maker, the chair of an approving body its chair decides) holds it whole — seed 004 §1.1 权力: "客户决策人
    通常拥有做出最终购买决策的权力" —, and so does each seated member of an approving body deciding collectively (seed 004
    §1: the decision maker may be "由多位不同角色的人员组成的决策团队"); a member of an approving body its chair decides
    gives the views the chair weighs before having the final say (vocab.DECISION_RULES) and holds
    `formal_seat_share` of it. Before this, a seat on the 党委会 that decides added nothing: its chief accountant
    scored 30, below a department head at 60, and a headquarters decision maker outside the local reporting tree 25,
    below a local user (s38 coach)."""
    people = {p.id: p for p in snapshot.people}
    bodies = {b.id: b for b in snapshot.bodies}
    power: dict[int, tuple[float, str, str]] = {}

    def grant(pid: int, value: float, body: str, deal: str) -> None:
        if value > power.get(pid, (0.0, "", ""))[0]:
            power[pid] = (value, body, deal)

    for deal in snapshot.deals:
        if deal.status != "open":
            continue
        who = deciders(deal, people, bodies, settings)
        for pid in who.people:
            grant(pid, 1.0, "", deal.name)
        for body in who.bodies:
            share = settings.formal_seat_share if body.id in who.chair_of else 1.0
            for pid in seated_members(body, people):
                grant(pid, share, body.name, deal.name)
    return power


def influence_scores(
    snapshot: MapSnapshot, contacts: ContactIndex, settings: AnalysisSettings, lang: str
) -> dict[int, InfluenceScore]:
    """`InfluenceScore` per person id by this module's rule: score 0..100, the parts formal, informal and role
    (points out of `influence_*_weight`) and up to `max_drivers` drivers in `lang`, strongest first; {} for
    a map with no people."""
    people = snapshot.people
    if not people:
        return {}
    index = {p.id: i for i, p in enumerate(people)}
    names = {p.id: p.name for p in people}
    depth, below = _depths(people)
    has_reports = set(below)
    max_below = max(below.values(), default=0)

    informal = informal_shares(snapshot, index, contacts, settings).tolist()

    listeners: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for link in snapshot.links:
        if link.kind != "opposes" and link.source in index and link.target in index:
            listeners[link.source].append((informal[index[link.target]], link.target))
    # in the listening graph a report listens to their solid- and dotted-line managers (centrality.py)
    reports: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for p in people:
        for manager in (p.reports_to, *p.dotted_managers):
            if manager in index and manager != p.id:
                reports[manager].append((informal[index[p.id]], p.id))
    in_shared = _in_shared_interactions(contacts, settings)

    best_role: dict[int, tuple[float, str, str, int]] = {}
    for deal in snapshot.deals:
        if deal.status != "open":
            continue
        for sh in deal.stakeholders:
            role_w = max((settings.role_weights.get(r, 0.0) for r in sh.roles), default=0.0)
            value = (
                settings.role_rating_share * (sh.influence - 1) / 4
                + (1 - settings.role_rating_share) * role_w
            )
            top_role = max(sh.roles, key=lambda r: settings.role_weights.get(r, 0.0)) if sh.roles else ""
            if value > best_role.get(sh.person_id, (-1.0, "", "", 0))[0]:
                best_role[sh.person_id] = (value, top_role, deal.name, sh.influence)

    n = len(people)
    nan = float("nan")
    # formal authority, vectorised: position in the tree (NaN outside any tree) and traits (NaN if none)
    in_tree = np.fromiter(
        (p.reports_to is not None or p.id in has_reports for p in people), dtype=bool, count=n
    )
    n_below = np.fromiter((below.get(p.id, 0) for p in people), dtype=np.float64, count=n)
    levels = np.fromiter((depth.get(p.id, 0) for p in people), dtype=np.float64, count=n)
    span = np.log1p(n_below) / np.log1p(max_below) if max_below else np.zeros(n)
    closeness = 1.0 / (1.0 + levels)
    position = np.where(in_tree, 0.5 * span + 0.5 * closeness, nan)
    trait_score = _trait_mean(people, ("power", "budget_control"))
    share = settings.formal_position_share
    formal = np.where(
        np.isnan(position),
        np.nan_to_num(trait_score),
        np.where(np.isnan(trait_score), position, share * position + (1 - share) * trait_score),
    )
    deciding = decision_power(snapshot, settings)
    power_value = np.fromiter((deciding.get(p.id, (0.0,))[0] for p in people), dtype=np.float64, count=n)
    formal = np.maximum(formal, power_value)
    role_value = np.fromiter((best_role.get(p.id, (0.0,))[0] for p in people), dtype=np.float64, count=n)

    w_formal, w_informal, w_role = (
        settings.influence_formal_weight,
        settings.influence_informal_weight,
        settings.influence_role_weight,
    )
    reach = _trait_mean(people, ("expertise", "network"))
    t_share = settings.informal_trait_share
    informal_value = np.where(
        np.isnan(reach), np.asarray(informal), (1 - t_share) * np.asarray(informal) + t_share * reach
    )
    formal_pts = np.round(w_formal * formal, 1)
    informal_pts = np.round(w_informal * informal_value, 1)
    role_pts = np.round(w_role * role_value, 1)
    scores = np.rint(np.clip(formal_pts + informal_pts + role_pts, 0, 100)).astype(int).tolist()
    formal_list, informal_list, role_list = formal_pts.tolist(), informal_pts.tolist(), role_pts.tolist()
    span_list, close_list = np.asarray(span).tolist(), closeness.tolist()
    top = tr(lang, _TOP)

    results: dict[int, InfluenceScore] = {}
    for i, person in enumerate(people):
        drivers: list[tuple[float, str]] = []
        if in_tree[i]:
            count = below.get(person.id, 0)
            if count:
                drivers.append((span_list[i], tr(lang, _MANAGES, count, count=count)))
                if person.reports_to is None:
                    drivers.append((close_list[i] * 0.5, top))
        if person.power is not None and person.power >= 4:
            drivers.append(((person.power - 1) / 4, tr(lang, _POWER, value=person.power)))
        if person.budget_control is not None and person.budget_control >= 4:
            drivers.append(((person.budget_control - 1) / 4, tr(lang, _BUDGET, value=person.budget_control)))
        for trait, text in (("expertise", _EXPERTISE), ("network", _NETWORK)):
            value = getattr(person, trait)
            if value is not None and value >= 4:
                drivers.append(((value - 1) / 4 * t_share, tr(lang, text, value=value)))
        seat = deciding.get(person.id)
        if seat is not None and seat[1]:
            drivers.append((seat[0], tr(lang, _SEAT, body=seat[1], deal=seat[2])))
        inf = informal[i]
        # what made them central: influence links naming them, else shared interactions, else their reports
        heard_by = listeners.get(person.id) or (
            reports.get(person.id) if inf >= 0.5 and i not in in_shared else None
        )
        if heard_by:
            # the most central first; equals in the snapshot's order (by name), which survives a copy: ids do not
            heard_by = sorted(heard_by, key=lambda h: (-h[0], index[h[1]]))[:3]
            drivers.append(
                (inf + 0.01, tr(lang, _LISTENED, names=join_names(lang, [names[p] for _, p in heard_by])))
            )
        elif inf >= 0.5 and i in in_shared:
            drivers.append((inf, tr(lang, _CENTRAL)))
        role = best_role.get(person.id)
        if role is not None and role[1]:
            value, role_code, deal_name, rating = role
            drivers.append(
                (value + 0.02, tr(lang, _ROLE, role=label(lang, role_code), deal=deal_name, rating=rating))
            )
        drivers.sort(key=lambda d: -d[0])
        results[person.id] = InfluenceScore(
            person.id,
            scores[i],
            (
                Part("formal", formal_list[i], w_formal),
                Part("informal", informal_list[i], w_informal),
                Part("role", role_list[i], w_role),
            ),
            tuple(text for _, text in drivers[: settings.max_drivers]),
        )
    return results
