"""Reporting lines, influence in threads, and relationship strength with our side."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
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


# What a reporting line's probability is calibrated on (model.SeniorityModel.line_probability): the line's
# raw share of the candidates' weight, the standing gap to the manager, the share of the messages between
# them that the person started, and log(1 + messages exchanged).
LINE_SIGNALS = ("share", "gap", "started_up", "log_messages")


@dataclass(frozen=True, slots=True)
class RelationSettings:
    # A manager must outrank the report: a higher title level when both are known, else a standing
    # (0..1 percentile) higher by at least this margin.
    manager_margin: float = 0.05
    # Weight of a more senior contact by standing gap g: g * exp(-g / scale), largest at g = scale. Peers
    # (tiny gap) and the far top (large gap, skip levels) are both less likely to be the direct manager.
    manager_gap_scale: float = 0.5
    manager_unknown_mass: float = 0.5  # the real manager may not be in the mail at all
    manager_candidates: int = 3
    max_reports: int = 12  # a plausible span of control; beyond it the next candidate is taken
    recency_half_life_days: float = 30.0
    frequency_scale: float = 10.0  # messages for ~63% of the frequency part
    weights: tuple[float, float, float] = (0.4, 0.35, 0.25)  # frequency, recency, reciprocity


def outranks(
    boss: str,
    person: str,
    standing: dict[str, float],
    levels: dict[str, int],
    margin: float,
    above: Mapping[str, int] | None = None,
) -> bool:
    """Whether `boss` may be `person`'s manager: a higher title level when both are known (a peer or a
    junior by title never is), else a standing higher by `margin`. A person of known title takes a manager of
    unknown title only when someone of a higher title than theirs stands below that manager (`above`:
    `levels_below`): a managing director is not offered as the report of a busy colleague the titles say
    nothing of (tester B2: "Mng Dir Trading" under a legal specialist)."""
    if boss in levels and person in levels:
        return levels[boss] > levels[person]
    if person in levels and above is not None and above.get(boss, 0) <= levels[person]:
        return False
    return standing[boss] >= standing[person] + margin


def levels_below(
    standing: dict[str, float], levels: dict[str, int], heads: Iterable[str] = ()
) -> dict[str, int]:
    """Per person of unknown title, the highest known title level of anyone standing below them (0: none). A
    person every colleague writes up to (`heads`: engine.company_floor) is above every title: the quiet chief
    executive who does not sign stays the manager of the C-level whose titles are known."""
    ladder = sorted((standing[p], level) for p, level in levels.items() if p in standing)
    steps = [s for s, _level in ladder]
    highest = list(itertools.accumulate((level for _s, level in ladder), max))
    out = {}
    for person, value in standing.items():
        if person not in levels:
            below = bisect.bisect_left(steps, value)
            out[person] = highest[below - 1] if below else 0
    for person in heads:
        if person not in levels:
            out[person] = max(levels.values(), default=0) + 1
    return out


def reporting_tree(
    mail: MailGraph,
    standing: dict[str, float],
    levels: dict[str, int],
    settings: RelationSettings,
    *,
    scored: set[str] | None = None,
    heads: Iterable[str] = (),
) -> dict[str, tuple[ManagerCandidate, ...]]:
    """Manager candidates per person, the first being that person's place in one consistent tree.

    People are placed from the top down; each takes, among the colleagues who outrank them and with whom
    they exchange mail, the one with most contact weighed by closeness in standing, while that manager has
    room (`max_reports`). Every line points up (strictly), so there is no cycle; the top person has none.
    Probability = the candidate's weight over all candidates' plus `manager_unknown_mass`."""
    g = mail.graph
    order = sorted(standing, key=lambda p: (-standing[p], p))
    allowed = set(order) if scored is None else scored
    reports: dict[str, int] = defaultdict(int)
    found: dict[str, tuple[ManagerCandidate, ...]] = {}
    started = _started(mail)
    above = levels_below(standing, levels, heads)
    for person in order[1:]:
        if person not in allowed:
            found[person] = ()
            continue
        weights: dict[str, float] = {}
        volumes: dict[str, int] = {}
        downs: dict[str, int] = {}
        signals: dict[str, tuple[float, float]] = {}
        neighbours = sorted(set(g.successors(person)) | set(g.predecessors(person)) if person in g else ())
        for other in neighbours:
            if other == person or other not in allowed or other not in standing:
                continue
            if not outranks(other, person, standing, levels, settings.manager_margin, above):
                continue
            up = g[person][other]["weight"] if g.has_edge(person, other) else 0
            down = g[other][person]["weight"] if g.has_edge(other, person) else 0
            volumes[other] = up + down
            downs[other] = down
            gap = max(standing[other] - standing[person], 0.01)  # a higher title may stand level
            # messages the person starts to the candidate (not replies) against those the candidate starts
            # to them: one reports up to a manager; a busy colleague who writes to everyone starts their own
            up_started, down_started = started[person, other], started[other, person]
            direction = (1.0 + up_started) / (2.0 + up_started + down_started)
            signals[other] = (gap, direction)
            weights[other] = (
                (math.log1p(up) + 0.5 * math.log1p(down))
                * direction
                * gap
                * math.exp(-gap / settings.manager_gap_scale)
            )
        total = sum(weights.values()) + settings.manager_unknown_mass
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        chosen = next((e for e, _w in ranked if reports[e] < settings.max_reports), None)
        if chosen is not None:
            reports[chosen] += 1
            ranked = [(chosen, weights[chosen])] + [kv for kv in ranked if kv[0] != chosen]
        found[person] = (
            tuple(
                ManagerCandidate(
                    email,
                    w / total,
                    volumes[email],
                    (w / total, *signals[email], math.log1p(volumes[email])),
                    from_manager=downs[email],
                )
                for email, w in ranked[: settings.manager_candidates]
            )
            if chosen is not None
            else ()
        )
    if order:
        found[order[0]] = ()
    return found


def one_to_one(mail: MailGraph) -> Counter:
    """(sender, recipient) → messages the sender wrote to that one colleague alone. A message to several
    colleagues at once is an announcement (the 总经理办公会通知 to the deputies), not writing to any one of
    them; `engine.company_floor` counts only these as "writing back" (issue 15)."""
    return Counter((m.sender, m.recipients[0]) for m in mail.messages if len(m.recipients) == 1)


def _started(mail: MailGraph) -> Counter:
    """(sender, recipient) → messages the sender started (not a reply to anything we know)."""
    counts: Counter = Counter()
    for m in mail.messages:
        if not m.parent:
            for r in m.recipients:
                counts[m.sender, r] += 1
    return counts


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
    """`Relationship` with our side per customer address, from the records with both a customer and one of
    `ours`: score 0..100 = 100 × (frequency, recency, reciprocity) · `settings.weights`, with frequency
    1−exp(−messages/frequency_scale), recency halving every recency_half_life_days before `now`,
    reciprocity min/max of the two directions (a non-email item counts both); 0 without any record."""
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
    """Each key's rank by value, scaled to 0..1 (lowest 0, highest 1; equal values still get distinct ranks);
    {} for {}, 0.0 for a single key."""
    if not values:
        return {}
    keys = list(values)
    arr = np.array([values[k] for k in keys])
    order = arr.argsort().argsort()
    return {k: float(order[i]) / max(len(keys) - 1, 1) for i, k in enumerate(keys)}
