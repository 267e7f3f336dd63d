"""What inference returns: plain dataclasses with their evidence, and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from battlemap.inference.evidence import Evidence

# Below this confidence (about 21 messages among colleagues) seniority and decision maker are said to be a
# guess, not read as certain (tester B2: seniority 100, decision maker 85% at confidence 0.18). Here, not in
# engine.py, so the pages that read results do not import the engine (numpy, scipy, scikit-learn).
LOW_CONFIDENCE = 0.5
MIN_CANDIDATE = 0.01  # a manager candidate below 1% reads as "0%": not shown; "no candidate" is said instead


@dataclass(frozen=True, slots=True)
class ManagerCandidate:
    email: str
    probability: float
    messages: int = 0  # exchanged between the person and this candidate
    # what the calibration reads (relations.LINE_SIGNALS), not part of the JSON
    signals: tuple[float, ...] = ()
    from_manager: int = 0  # of the messages exchanged, those the candidate wrote to the person


@dataclass(frozen=True, slots=True)
class Relationship:
    score: int | None  # 0..100; None below the evidence floor
    held_by: tuple[str, ...]  # our addresses, strongest first
    messages: int
    last_contact: datetime | None
    reciprocal: bool


@dataclass(frozen=True, slots=True)
class Influence:
    bridging: float | None  # 0..1, percentile of betweenness; None below the evidence floor
    brought_in: int  # threads they were added to after the start
    decision_threads: int  # approval / decision threads they take part in


@dataclass(frozen=True, slots=True)
class PersonInference:
    email: str
    name: str
    seniority_score: int | None  # 0..100; None below the evidence floor
    rank: int | None  # 1 = most senior, among the people scored; None below the evidence floor
    confidence: float | None  # 0..1, grows with the number of messages seen; None below the evidence floor
    evidence: tuple[Evidence, ...]
    decision_likelihood: float | None  # 0..1; None below the evidence floor
    decision_evidence: tuple[Evidence, ...]
    manager_candidates: tuple[ManagerCandidate, ...]
    influence: Influence
    relationship: Relationship
    messages: int  # among the customer's people (what the evidence floor counts)
    signature_title: str = ""
    signature_phone: str = ""
    display_name_title: str = ""  # the post written in their display name ("李娜 采购部部长")
    reports_to: ManagerCandidate | None = None  # the suggested line (tree choice above the threshold)
    reports_to_evidence: tuple[Evidence, ...] = ()
    title_level: int | None = None  # from the map's title, else a signature's, else the display name's
    items: int = 0  # every message and meeting they are in, with our side included
    meetings: int = 0  # of `items`, the meetings (every kind but mail)

    @property
    def mail_title(self) -> str:
        """The title the mail gives them: their signature's, else the post in their display name ("")."""
        return self.signature_title or self.display_name_title


@dataclass(frozen=True, slots=True)
class Inference:
    # most senior first; then the people below the evidence floor (no rank), most mail among colleagues first
    people: tuple[PersonInference, ...]
    customer_domains: tuple[str, ...]
    our_domains: tuple[str, ...]
    message_count: int
    feature_values: dict[str, dict[str, float]] = field(default_factory=dict)  # email -> feature -> value
    # every person by the model's standing, the floor ignored: for the benchmarks that measure the model
    # itself (bench/enron.py), never shown — below the floor that order is no finding
    standing_order: tuple[str, ...] = ()

    def by_email(self) -> dict[str, PersonInference]:
        return {p.email: p for p in self.people}

    def standing_rank(self, email: str) -> int:
        """1-based place in `standing_order` (the model's order of everyone, for benchmarks)."""
        return self.standing_order.index(email) + 1


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def person_json(person: PersonInference, *, language: str = "en") -> dict:
    """One inferred person as JSON (docs/mail.md), evidence in `language`: seniority (score 0..100, rank,
    confidence 0..1), decision_maker (likelihood 0..1), title_level, reports_to (or None), manager
    candidates, influence, relationship, message counts (items: messages and meetings; meetings: of them, the
    meetings), signature (or None), display_name_title (the post
    written in their display name, or None); probabilities to 3 places."""
    return {
        "email": person.email,
        "name": person.name,
        "seniority": {
            "score": person.seniority_score,
            "rank": person.rank,
            "confidence": _rounded(person.confidence, 2),
            "evidence": [e.text(language) for e in person.evidence],
        },
        "decision_maker": {
            "likelihood": _rounded(person.decision_likelihood, 3),
            "evidence": [e.text(language) for e in person.decision_evidence],
        },
        "title_level": person.title_level,
        "reports_to": {
            "email": person.reports_to.email,
            "probability": round(person.reports_to.probability, 3),
            "evidence": [e.text(language) for e in person.reports_to_evidence],
        }
        if person.reports_to
        else None,
        "reports_to_evidence": [e.text(language) for e in person.reports_to_evidence],
        "manager_candidates": [
            {"email": c.email, "probability": round(c.probability, 3)} for c in person.manager_candidates
        ],
        "influence": {
            "bridging": _rounded(person.influence.bridging, 3),
            "brought_in": person.influence.brought_in,
            "decision_threads": person.influence.decision_threads,
        },
        "relationship": {
            "score": person.relationship.score,
            "held_by": list(person.relationship.held_by),
            "messages": person.relationship.messages,
            "last_contact": person.relationship.last_contact.isoformat()
            if person.relationship.last_contact
            else None,
            "reciprocal": person.relationship.reciprocal,
        },
        "messages": person.messages,
        "items": person.items,
        "meetings": person.meetings,
        "signature": {"title": person.signature_title, "phone": person.signature_phone}
        if person.signature_title or person.signature_phone
        else None,
        "display_name_title": person.display_name_title or None,
    }
