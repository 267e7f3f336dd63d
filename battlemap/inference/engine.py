"""`infer`: message records of one account in, a draft battle map (with evidence) out."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np

from battlemap.inference.domains import customer_domains_for
from battlemap.inference.evidence import Evidence
from battlemap.inference.explain import PersonTitle, reporting_line, seniority_evidence, title_evidence
from battlemap.inference.features import (
    FEATURES,
    FeatureTable,
    anchored_standing,
    compute_features,
    rank_normalise,
)
from battlemap.inference.graph import MailGraph, build_graph
from battlemap.inference.model import SeniorityModel, load_default_model, unit_scale
from battlemap.inference.relations import (
    RelationSettings,
    one_to_one,
    percentile,
    relationships,
    reporting_tree,
    thread_roles,
)
from battlemap.inference.results import (
    LOW_CONFIDENCE,
    Inference,
    Influence,
    ManagerCandidate,
    PersonInference,
    Relationship,
)
from battlemap.inference.titles import read_title_line
from battlemap.io.mail.records import MessageRecord, is_system_mailbox
from battlemap.io.names import display_name, display_name_and_title

CONFIDENCE_MESSAGES = 30.0  # messages for ~63% confidence
# The evidence floor: below it no score is shown ("not enough evidence"), whatever the model says.
MIN_PERSON_MESSAGES = 5  # messages a person sent or received inside the customer
MIN_ARCHIVE_MESSAGES = 20  # messages among the customer's people in the whole archive
MIN_ARCHIVE_PEOPLE = 3
# A reporting line needs as much mail between the two as a person needs for a score (MIN_PERSON_MESSAGES),
# and mail both ways: below, its probability stays under LINE_CAP and no line is suggested (tester B2: 93% on
# one message; 68% for a secretary whose notices the manager never answered). docs/inference.md.
MIN_LINE_MESSAGES = MIN_PERSON_MESSAGES
LINE_CAP = 0.5  # even odds: no better than not knowing, under every threshold
FLOOR_MIN_CORRESPONDENTS = 3
FLOOR_STEP = 0.05  # on the 0..1 mail standing
# "Written up to": a person whom every one of their (>= FLOOR_MIN_CORRESPONDENTS) colleagues writes to at
# least this many times as often as they write back, over at least HEAD_MIN_MESSAGES each way in all.
HEAD_RATIO = 2.0
HEAD_MIN_MESSAGES = 10
TITLE_TIEBREAK = 0.02  # how far the mail moves a person of known title within their level


def _is_ours(email: str, our_domains: set[str]) -> bool:
    return email.rpartition("@")[2] in our_domains


def infer(
    records: list[MessageRecord],
    *,
    our_domains: Iterable[str] = (),
    customer_domains: Iterable[str] = (),
    known_emails: Iterable[str] = (),
    known_titles: Mapping[str, str] | None = None,
    now: datetime | None = None,
    model: SeniorityModel | None = None,
    settings: RelationSettings | None = None,
) -> Inference:
    """`known_titles`: e-mail → title as the map has it (typed or imported); they anchor those people's
    level, ahead of titles found in signatures."""
    model = model or load_default_model()
    settings = settings or RelationSettings()
    ours = {d.lower() for d in our_domains}
    known = {e.lower() for e in known_emails}
    domains = {d.lower() for d in customer_domains} or set(customer_domains_for(records, ours, known))
    everyone = {a.email for r in records for a in r.participants}
    customers = {  # people only: a system mailbox (no-reply, notifications…) is neither scored nor suggested
        e
        for e in everyone
        if (e.rpartition("@")[2] in domains or e in known)
        and not _is_ours(e, ours)
        and not is_system_mailbox(e)
    }
    our_people = {e for e in everyone if _is_ours(e, ours)}
    mail = build_graph(records, members=customers)
    for person in sorted(customers):  # sorted: node order must not follow the hash seed
        mail.graph.add_node(person)
    titles = _titles(records, customers, known_titles or {})
    levels = {p: t.reading.level for p, t in titles.items() if t.reading is not None}
    table = compute_features(mail, levels)
    now = now or max((r.occurred_at for r in records if r.occurred_at), default=datetime.now(UTC))
    return _assemble(
        records,
        mail,
        table,
        model,
        settings,
        customers,
        our_people,
        now,
        sorted(domains),
        sorted(ours),
        titles,
    )


def _titles(
    records: list[MessageRecord], customers: set[str], known: Mapping[str, str]
) -> dict[str, PersonTitle]:
    """Per person, the map's title, their signature title and the post written in their display name
    (`names.display_name_and_title`: "李娜 采购部部长", "Amy Wu - VP Sales", "王强（总经理）"; review h4 #5),
    counted in that order (`PersonTitle`). When their signatures disagree, the title they sign with most often
    counts (ties: the latest by date, then by order), not whichever came last: one stray signature (an old post,
    a quoted signature the reader missed) does not rename them (issue 15); their display names' posts likewise."""
    signed: _Tally = {}
    named: _Tally = {}
    posts: dict[str, str] = {}  # display name -> the post written in it ("" none), read once
    for order, r in enumerate(records):
        when = r.occurred_at.timestamp() if r.occurred_at else -math.inf
        # a title stored by an older reader may be a sentence ("Please forward to the CEO"): not a title
        if r.signature is not None and read_title_line(r.signature.title) is not None:
            _tally(signed, r.signature.email, r.signature.title, when, order)
        for addr in r.participants:
            if addr.name and addr.email in customers:
                if (post := posts.get(addr.name)) is None:
                    post = posts[addr.name] = display_name_and_title(addr.name)[1]
                if post:
                    _tally(named, addr.email, post, when, order)
    signatures, display_names = _most_often(signed), _most_often(named)
    known = {e.lower(): t for e, t in known.items() if t}
    return {
        p: PersonTitle(known.get(p, ""), signatures.get(p, ""), display_names.get(p, ""))
        for p in sorted(customers)
        if p in known or p in signatures or p in display_names
    }


_Tally = dict[str, dict[str, tuple[int, float, int]]]  # email → title → (count, latest date, order)


def _tally(seen: _Tally, email: str, title: str, when: float, order: int) -> None:
    title = " ".join(title.split())
    count, last_when, last_order = seen.setdefault(email, {}).get(title, (0, -math.inf, -1))
    seen[email][title] = (count + 1, *max((last_when, last_order), (when, order)))


def _most_often(seen: _Tally) -> dict[str, str]:
    """Per e-mail, the title given most often (ties: the latest by date, then by order)."""
    return {email: max(titles.items(), key=lambda item: item[1])[0] for email, titles in seen.items()}


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
    titles: dict[str, PersonTitle],
) -> Inference:
    people = table.people
    levels = {p: t.reading.level for p, t in titles.items() if t.reading is not None}
    by_mail = unit_scale(model.raw_scores(table))  # 0..1, peers stay close (percentiles would spread them)
    floored, written_up = company_floor(mail, people, by_mail)
    anchored = anchored_standing(floored, people, levels)
    # a known title sets the level; the mail only orders people of the same level
    standing = np.where([p in levels for p in people], anchored + TITLE_TIEBREAK * (floored - 0.5), floored)
    headed = _head_above_anchored(standing, people, levels, written_up)
    at = {p: i for i, p in enumerate(people)}
    lifted = {  # the evidence names the rule where it moved someone
        p: len(around)
        for p, around in written_up.items()
        if floored[at[p]] > by_mail[at[p]] or headed[at[p]] > standing[at[p]]
    }
    by_mail, standing = floored, headed
    order = sorted(range(len(people)), key=lambda i: (-standing[i], people[i]))
    standing_by = {p: float(standing[i]) for i, p in enumerate(people)}
    likelihood = model.decision_likelihood(standing)
    # the evidence floor counts mail among the customer's people: a message only to our side is not one
    among = [m for m in mail.messages if m.recipients]
    involvement: Counter[str] = Counter()
    for m in among:
        for p in {m.sender, *m.recipients}:
            involvement[p] += 1
    seen: Counter[str] = Counter()  # every message and meeting a person is in, ours included
    met: Counter[str] = Counter()  # of those, the meetings (every kind but mail), said apart in the evidence
    for r in records:
        for a in r.participants:
            if a.email in customers:
                seen[a.email] += 1
                met[a.email] += r.kind != "email"
    # people who write to a colleague, not everyone in the mail: 40 messages between two people and one to
    # a third are a conversation of two, not an organisation (no standing, no line can be read from it)
    writing = len({m.sender for m in among})
    archive_ok = len(among) >= MIN_ARCHIVE_MESSAGES and writing >= MIN_ARCHIVE_PEOPLE
    scored = {p for p in people if archive_ok and involvement[p] >= MIN_PERSON_MESSAGES}
    # a rank is given only above the floor, among those scored: below it the order is arbitrary, and "rank 1
    # of 6" read as a finding. People below the floor come last, those with most mail among colleagues first.
    rank = {people[i]: r + 1 for r, i in enumerate(i for i in order if people[i] in scored)}
    # the score shown, 0..100: the standing over the top scored person's. Known titles and the head rule lift
    # standings past 1 (a chief executive by title stands above everyone the mail ranks), and a clamp at 100 showed
    # five people of five titled levels all at 100; the anchoring's tiebreak could go below 0 (a score of -1)
    top = max([1.0, *(standing_by[p] for p in scored)])
    shown_order = [i for i in order if people[i] in scored] + sorted(
        (i for i in order if people[i] not in scored), key=lambda i: (-involvement[people[i]], people[i])
    )
    managers = {
        p: _calibrated(candidates, model)
        for p, candidates in reporting_tree(
            mail, standing_by, levels, settings, scored=scored, heads=written_up
        ).items()
    }
    subjects = {r.uid: r.subject for r in records}
    brought_in, decisions = thread_roles(mail, subjects, customers)
    bridging = percentile(dict(zip(people, table.values["betweenness"], strict=True)))
    ties = relationships(records, customers, our_people, now, settings)
    signatures = {r.signature.email: r.signature for r in records if r.signature is not None}
    percentiles = {name: rank_normalise(table.values[name]) for name in FEATURES}
    mail_order = sorted(range(len(people)), key=lambda i: (-by_mail[i], people[i]))
    mail_rank = {people[i]: r + 1 for r, i in enumerate(i for i in mail_order if people[i] in scored)}
    result = []
    # as people are named: Outlook's "Li, Na" is Li Na in the person column and in the evidence alike
    names = {email: display_name(name) for email, name in mail.names.items()}
    for i in shown_order:
        p = people[i]
        pct = {name: float(percentiles[name][i]) for name in FEATURES}
        # below the evidence floor nothing is compared with the others: no "more than N%", no "top N%"
        evidence = seniority_evidence(p, i, table, pct, seen[p], meetings=met[p], compare=p in scored)
        if p in lifted:
            evidence.append(Evidence("written_up_to", {"count": lifted[p]}))
        evidence += title_evidence(
            titles.get(p), float(anchored[i]), float(by_mail[i]), mail_rank.get(p), len(scored)
        )
        floor = None
        if p not in scored and archive_ok:
            floor = Evidence("not_enough_evidence", {"count": involvement[p], "needed": MIN_PERSON_MESSAGES})
        elif p not in scored and len(among) < MIN_ARCHIVE_MESSAGES:
            floor = Evidence("archive_too_small", {"count": len(among), "needed": MIN_ARCHIVE_MESSAGES})
        elif p not in scored:  # enough mail, among too few people
            floor = Evidence("archive_too_few_people", {"count": writing, "needed": MIN_ARCHIVE_PEOPLE})
        if floor is not None:
            evidence.append(floor)
        sig = signatures.get(p)
        decision_evidence = (
            [Evidence("seniority_rank", {"rank": rank[p], "total": len(scored)})] if p in rank else []
        )
        confidence = 1.0 - math.exp(-involvement[p] / CONFIDENCE_MESSAGES) if p in scored else None
        if confidence is not None and confidence < LOW_CONFIDENCE:
            guess = Evidence("low_confidence", {"count": involvement[p], "confidence": f"{confidence:.2f}"})
            evidence.append(guess)
            decision_evidence.append(guess)
        if decisions[p]:
            decision_evidence.append(Evidence("approval_threads", {"count": decisions[p]}))
        candidates = managers.get(p, ())
        reports_to, line_evidence = reporting_line(
            p, candidates, model.manager_threshold, levels, rank, names, MIN_LINE_MESSAGES
        )
        tie = ties[p]
        if floor is not None:
            # below the floor no line is judged (not "best candidate 0%", nor "the top person") and no number
            # that reads as a score is given: relationship, confidence, bridging, candidates' probabilities
            reports_to, line_evidence, candidates = None, [floor], ()
            tie = Relationship(None, tie.held_by, tie.messages, tie.last_contact, tie.reciprocal)
        result.append(
            PersonInference(
                email=p,
                name=names.get(p, ""),
                seniority_score=max(0, int(round(100 * standing[i] / top))) if p in scored else None,
                rank=rank.get(p),
                confidence=confidence,
                evidence=tuple(evidence),
                decision_likelihood=float(likelihood[i]) if p in scored else None,
                decision_evidence=tuple(decision_evidence),
                manager_candidates=candidates,
                influence=Influence(
                    bridging.get(p, 0.0) if p in scored else None, brought_in[p], decisions[p]
                ),
                relationship=tie,
                messages=involvement[p],
                items=seen[p],
                meetings=met[p],
                # the title the person signs with most often (`_titles`), not the last signature's
                signature_title=titles[p].signature if p in titles else "",
                display_name_title=titles[p].display_name if p in titles else "",
                signature_phone=sig.phone if sig else "",
                reports_to=reports_to,
                reports_to_evidence=tuple(line_evidence),
                title_level=levels.get(p),
            )
        )
    features = {p: {name: float(table.values[name][i]) for name in FEATURES} for i, p in enumerate(people)}
    return Inference(
        tuple(result),
        tuple(domains),
        tuple(ours),
        len(mail.messages),
        features,
        standing_order=tuple(people[i] for i in order),
    )


def _calibrated(
    candidates: tuple[ManagerCandidate, ...], model: SeniorityModel
) -> tuple[ManagerCandidate, ...]:
    """The tree's line takes its calibrated probability; the alternatives share what is left in proportion
    to their raw shares, so the probabilities still sum to at most 1."""
    if not candidates:
        return ()
    first = candidates[0]
    chosen = model.line_probability(first)
    rest = (1.0 - chosen) / max(1.0 - first.probability, 1e-9)
    calibrated = (replace(first, probability=chosen),) + tuple(
        replace(c, probability=min(c.probability * rest, 1.0)) for c in candidates[1:]
    )
    return tuple(
        replace(c, probability=min(c.probability, LINE_CAP)) if below_line_floor(c) else c for c in calibrated
    )


def below_line_floor(candidate: ManagerCandidate) -> bool:
    """Too little mail between the two for a reporting line: fewer than MIN_LINE_MESSAGES, or none from the
    candidate to the person."""
    return candidate.messages < MIN_LINE_MESSAGES or candidate.from_manager == 0


def company_floor(
    mail: MailGraph, people: list[str], score: np.ndarray
) -> tuple[np.ndarray, dict[str, tuple[str, ...]]]:
    """A floor on the mail score from whom one deals with rather than how much: a person whom *every*
    colleague they deal with (at least `FLOOR_MIN_CORRESPONDENTS`) writes up to, each writing to them
    `HEAD_RATIO` times as often as they write back, stands above the most senior of those colleagues plus a
    step. The top of the hierarchy, whose few senior correspondents report to them, cannot sink below a busy
    correspondent. Returns the scores and, per person the rule holds for, the colleagues who write up.

    Writing back counts the person's one-to-one messages only: a notice to several colleagues at once
    (the 总经理办公会通知 to the deputies) is an announcement, not an answer — counted as writing back it sank
    the quiet chief executive who sends one per few status mails (issue 15, the tester's 17-person
    subsidiary: rank 4–10 of 17). Everything the colleagues send to the person counts. Two people the rule
    holds for each in the other's eyes are colleagues, not a head and a report: a team whose every member mails
    the whole team (a weekly report to all, no one-to-one answer) made each of them "the top", and five titled
    people all scored 100; such pairs are left out.

    (v2's first floor, "nobody below the most junior colleague they deal with", is gone: it put a report
    with no peers above their own manager, and did worse on the Enron tuning half.)"""
    g = mail.graph
    at = {p: i for i, p in enumerate(people)}
    alone = one_to_one(mail)
    out = score.copy()
    written_up: dict[str, tuple[str, ...]] = {}
    for p in people:
        around = sorted((set(g.predecessors(p)) | set(g.successors(p))) - {p})
        if len(around) < FLOOR_MIN_CORRESPONDENTS:
            continue
        received = {q: g[q][p]["weight"] if g.has_edge(q, p) else 0 for q in around}
        sent = {q: g[p][q]["weight"] if g.has_edge(p, q) else 0 for q in around}
        if sum(received.values()) + sum(sent.values()) < HEAD_MIN_MESSAGES or not all(
            received[q] >= HEAD_RATIO * max(alone[p, q], 1) for q in around
        ):
            continue
        written_up[p] = tuple(around)
    written_up = {
        p: colleagues
        for p, colleagues in written_up.items()
        if not any(p in written_up.get(q, ()) for q in colleagues)
    }
    for p, colleagues in written_up.items():
        floor = max(float(score[at[q]]) for q in colleagues) + FLOOR_STEP
        out[at[p]] = max(out[at[p]], floor)
    return out, written_up


def _head_above_anchored(
    standing: np.ndarray, people: list[str], levels: dict[str, int], written_up: dict[str, tuple[str, ...]]
) -> np.ndarray:
    """The head rule once more after known titles have moved people: a person of unknown title whom every
    colleague writes up to (`company_floor`) stays `FLOOR_STEP` above the most senior of them as the titles
    placed them. Without it a chief executive who does not sign fell below the deputies whose titles lifted
    them, and was offered as a deputy's report (issue 15, rank 4–10 of 17)."""
    at = {p: i for i, p in enumerate(people)}
    out = standing.copy()
    for p, around in written_up.items():
        if p not in levels:
            out[at[p]] = max(out[at[p]], max(float(out[at[q]]) for q in around) + FLOOR_STEP)
    return out
