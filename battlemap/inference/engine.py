"""`infer`: message records of one account in, a draft battle map (with evidence) out."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from battlemap.inference.evidence import Evidence
from battlemap.inference.features import (
    FAST_REPLY_HOURS,
    FEATURES,
    FeatureTable,
    compute_features,
    rank_normalise,
)
from battlemap.inference.graph import MailGraph, build_graph
from battlemap.inference.model import SeniorityModel, load_default_model, unit_scale
from battlemap.inference.relations import (
    RelationSettings,
    manager_candidates,
    percentile,
    relationships,
    thread_roles,
)
from battlemap.inference.results import Inference, Influence, PersonInference
from battlemap.io.mail.records import MessageRecord

CONFIDENCE_MESSAGES = 30.0  # messages for ~63% confidence
FEW_MESSAGES = 5


def customer_domains_for(
    records: Iterable[MessageRecord], our_domains: Iterable[str], known_emails: Iterable[str] = ()
) -> tuple[str, ...]:
    """The customer's domains: those of the account's people, else the most common domain not ours."""
    ours = {d.lower() for d in our_domains}
    known = {e.rpartition("@")[2].lower() for e in known_emails if "@" in e} - ours
    if known:
        return tuple(sorted(known))
    counts = Counter(a.domain for r in records for a in r.participants if a.domain and a.domain not in ours)
    return (counts.most_common(1)[0][0],) if counts else ()


def _is_ours(email: str, our_domains: set[str]) -> bool:
    return email.rpartition("@")[2] in our_domains


def infer(
    records: list[MessageRecord],
    *,
    our_domains: Iterable[str] = (),
    customer_domains: Iterable[str] = (),
    known_emails: Iterable[str] = (),
    now: datetime | None = None,
    model: SeniorityModel | None = None,
    settings: RelationSettings | None = None,
) -> Inference:
    model = model or load_default_model()
    settings = settings or RelationSettings()
    ours = {d.lower() for d in our_domains}
    known = {e.lower() for e in known_emails}
    domains = {d.lower() for d in customer_domains} or set(customer_domains_for(records, ours, known))
    everyone = {a.email for r in records for a in r.participants}
    customers = {
        e for e in everyone if (e.rpartition("@")[2] in domains or e in known) and not _is_ours(e, ours)
    }
    our_people = {e for e in everyone if _is_ours(e, ours)}
    mail = build_graph(records, members=customers)
    for person in customers:
        mail.graph.add_node(person)
    table = compute_features(mail)
    now = now or max((r.occurred_at for r in records if r.occurred_at), default=datetime.now(UTC))
    return _assemble(
        records, mail, table, model, settings, customers, our_people, now, sorted(domains), sorted(ours)
    )


def _assemble(
    records: list[MessageRecord],
    mail: MailGraph,
    table: FeatureTable,
    model: SeniorityModel,
    settings: RelationSettings,
    customers: set[str],
    our_people: set[str],
    now: datetime,
    domains: list[str],
    ours: list[str],
) -> Inference:
    people = table.people
    unit = unit_scale(model.raw_scores(table))
    order = sorted(range(len(people)), key=lambda i: (-unit[i], people[i]))
    rank = {people[i]: r + 1 for r, i in enumerate(order)}
    unit_by = {p: float(unit[i]) for i, p in enumerate(people)}
    likelihood = model.decision_likelihood(unit)
    managers = manager_candidates(mail, unit_by, settings)
    subjects = {r.uid: r.subject for r in records}
    brought_in, decisions = thread_roles(mail, subjects, customers)
    bridging = percentile(dict(zip(people, table.values["betweenness"], strict=True)))
    ties = relationships(records, customers, our_people, now, settings)
    involvement: Counter[str] = Counter()
    for m in mail.messages:
        for p in {m.sender, *m.recipients}:
            involvement[p] += 1
    signatures = {r.signature.email: r.signature for r in records if r.signature is not None}
    percentiles = {name: rank_normalise(table.values[name]) for name in FEATURES}
    result = []
    for i in order:
        p = people[i]
        pct = {name: float(percentiles[name][i]) for name in FEATURES}
        evidence = _seniority_evidence(p, i, table, pct, involvement[p])
        sig = signatures.get(p)
        if sig and sig.title:
            evidence.append(Evidence("signature_title", {"title": sig.title}))
        decision_evidence = [Evidence("seniority_rank", {"rank": rank[p], "total": len(people)})]
        if decisions[p]:
            decision_evidence.append(Evidence("approval_threads", {"count": decisions[p]}))
        result.append(
            PersonInference(
                email=p,
                name=mail.names.get(p, ""),
                seniority_score=int(round(100 * unit[i])),
                rank=rank[p],
                confidence=1.0 - math.exp(-involvement[p] / CONFIDENCE_MESSAGES),
                evidence=tuple(evidence),
                decision_likelihood=float(likelihood[i]),
                decision_evidence=tuple(decision_evidence),
                manager_candidates=managers.get(p, ()),
                influence=Influence(bridging.get(p, 0.0), brought_in[p], decisions[p]),
                relationship=ties[p],
                messages=involvement[p],
                signature_title=sig.title if sig else "",
                signature_phone=sig.phone if sig else "",
            )
        )
    features = {p: {name: float(table.values[name][i]) for name in FEATURES} for i, p in enumerate(people)}
    return Inference(tuple(result), tuple(domains), tuple(ours), len(mail.messages), features)


def _seniority_evidence(
    p: str, i: int, table: FeatureTable, pct: dict[str, float], messages: int
) -> list[Evidence]:
    values = table.values
    evidence = [
        Evidence(
            "receives_from",
            {
                "count": int(values["received_from_distinct"][i]),
                "share": f"{int(round(100 * pct['received_from_distinct']))}%",
            },
        ),
        Evidence("writes_to", {"count": int(values["wrote_to_distinct"][i])}),
    ]
    if pct["authority"] >= 0.75:
        evidence.append(
            Evidence("well_connected_senders", {"percent": max(1, int(round(100 * (1 - pct["authority"]))))})
        )
    if p in table.fast_reply_share:
        share = f"{int(round(100 * table.fast_reply_share[p]))}%"
        count = table.reply_counts.get(p, 0)
        evidence.append(
            Evidence("replied_fast", {"hours": int(FAST_REPLY_HOURS), "share": share, "count": count})
        )
    if p in table.reply_hours_to and p in table.reply_hours_by:
        evidence.append(
            Evidence(
                "answers_slower",
                {"others": round(table.reply_hours_to[p], 1), "own": round(table.reply_hours_by[p], 1)},
            )
        )
    if pct["betweenness"] >= 0.8 and values["betweenness"][i] > 0:
        evidence.append(Evidence("bridges", {"percent": max(1, int(round(100 * (1 - pct["betweenness"]))))}))
    if messages < FEW_MESSAGES:
        evidence.append(Evidence("few_messages", {"count": messages}))
    return evidence
