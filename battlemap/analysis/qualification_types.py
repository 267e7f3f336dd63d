"""The qualification views of a deal (qualification.py): MEDDPICC elements and the Blue Sheet's rows.

Plain, frozen data like types.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QualificationElement:
    code: str  # vocab.MEDDPICC
    status: str  # vocab.QUALIFICATION_STATUSES
    evidence: tuple[str, ...] = ()  # sentences in the report's language
    people: tuple[int, ...] = ()


@dataclass(frozen=True)
class Qualification:
    elements: tuple[QualificationElement, ...]
    score: int  # 0..100


@dataclass(frozen=True)
class BuyingInfluence:
    """One row of the Blue Sheet."""

    person_id: int
    name: str
    kind: str  # vocab.BUYING_INFLUENCES
    roles: tuple[str, ...]
    degree: str  # vocab.INFLUENCE_DEGREES
    response_mode: str  # vocab.RESPONSE_MODES or ""
    personal_win: str
    business_result: str
    red_flags: tuple[str, ...]  # flag codes concerning them
    strengths: tuple[str, ...]  # vocab.STRENGTHS
    actions: tuple[str, ...]  # playbook texts naming them
