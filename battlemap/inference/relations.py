"""Reporting lines, influence in threads, and relationship strength with our side."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from battlemap.inference.graph import MailGraph
from battlemap.inference.results import ManagerCandidate, Relationship
from battlemap.io.mail.records import MessageRecord

DECISION_SUBJECT = re.compile(
    r"approv|decision|decide|sign[- ]?off|purchase order|\bpo\b|contract|budget|award|批准|审批|决定|决策|签|预算|合同|采购",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RelationSettings:
    # Weight of a more senior contact by score gap g: g * exp(-g / scale), largest at g = scale. Peers (tiny
    # gap) and the far top (large gap, skip-levels) are both less likely to be the direct manager.
    manager_gap_scale: float = 0.5
    manager_unknown_mass: float = 0.5  # the real manager may not be in the mail at all
    manager_candidates: int = 3
    recency_half_life_days: float = 30.0
    frequency_scale: float = 10.0  # messages for ~63% of the frequency part
    weights: tuple[float, float, float] = (0.4, 0.35, 0.25)  # frequency, recency, reciprocity


def manager_candidates(
    mail: MailGraph, unit: dict[str, float], settings: RelationSettings
) -> dict[str, tuple[ManagerCandidate, ...]]:
    g = mail.graph
    found: dict[str, tuple[ManagerCandidate, ...]] = {}
    for person in unit:
        weights: dict[str, float] = {}
        volumes: dict[str, int] = {}
        for other in set(g.successors(person)) | set(g.predecessors(person)):
            gap = unit.get(other, -1.0) - unit[person]
            if other == person or other not in unit or gap <= 0:
                continue
            volume = (g[person][other]["weight"] if g.has_edge(person, other) else 0) + (
                g[other][person]["weight"] if g.has_edge(other, person) else 0
            )
            volumes[other] = volume
            weights[other] = math.log1p(volume) * gap * math.exp(-gap / settings.manager_gap_scale)
        total = sum(weights.values()) + settings.manager_unknown_mass
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.manager_candidates]
        found[person] = tuple(ManagerCandidate(email, w / total, volumes[email]) for email, w in ranked)
    return found


def thread_roles(mail: MailGraph, subjects: dict[str, str], members: set[str]) -> tuple[Counter, Counter]:
    """(brought_in, decision_threads) per member: added to a thread after its first message; takes part in
    a thread whose subject speaks of approval, contracts, budgets or decisions."""
    threads: dict[str, list] = defaultdict(list)
    for m in mail.messages:
        if m.thread and m.when is not None:
            threads[m.thread].append(m)
    brought_in: Counter = Counter()
    decisions: Counter = Counter()
    for key, items in threads.items():
        items.sort(key=lambda m: m.when)
        first = {items[0].sender, *items[0].recipients}
        everyone = set().union(*({m.sender, *m.recipients} for m in items)) & members
        for person in everyone - first:
            brought_in[person] += 1
        if DECISION_SUBJECT.search(subjects.get(items[0].uid, key)):
            for person in everyone:
                decisions[person] += 1
    return brought_in, decisions


def relationships(
    records: list[MessageRecord],
    customers: set[str],
    ours: set[str],
    now: datetime,
    settings: RelationSettings,
) -> dict[str, Relationship]:
    volume: dict[str, Counter] = defaultdict(Counter)
    inbound: Counter = Counter()  # customer -> us
    outbound: Counter = Counter()  # us -> customer
    last: dict[str, datetime] = {}
    for record in records:
        if record.sender is None:
            continue
        people = {a.email for a in record.participants}
        ours_here = people & ours
        customers_here = people & customers
        if not ours_here or not customers_here:
            continue
        sender = record.sender.email
        for person in customers_here:
            for colleague in ours_here:
                volume[person][colleague] += 1
            if sender == person or record.kind != "email":
                inbound[person] += 1
            if sender in ours or record.kind != "email":
                outbound[person] += 1
            if record.occurred_at and (person not in last or record.occurred_at > last[person]):
                last[person] = record.occurred_at
    result = {}
    w_freq, w_rec, w_recip = settings.weights
    for person in customers:
        count = sum(volume[person].values())
        if count == 0:
            result[person] = Relationship(0, (), 0, None, False)
            continue
        frequency = 1.0 - math.exp(-count / settings.frequency_scale)
        days = max((now - last[person]).total_seconds() / 86400.0, 0.0) if person in last else math.inf
        recency = 0.0 if math.isinf(days) else 0.5 ** (days / settings.recency_half_life_days)
        both = min(inbound[person], outbound[person]) / max(inbound[person], outbound[person], 1)
        score = int(round(100 * (w_freq * frequency + w_rec * recency + w_recip * both)))
        held = tuple(email for email, _ in sorted(volume[person].items(), key=lambda kv: (-kv[1], kv[0])))
        result[person] = Relationship(score, held, count, last.get(person), both > 0)
    return result


def percentile(values: dict[str, float]) -> dict[str, float]:
    if not values:
        return {}
    keys = list(values)
    arr = np.array([values[k] for k in keys])
    order = arr.argsort().argsort()
    return {k: float(order[i]) / max(len(keys) - 1, 1) for i, k in enumerate(keys)}
