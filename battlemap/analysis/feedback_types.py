"""The customer's answers (battlemap/surveys) as the analysis reads them (`FeedbackInfo`, an input of
the `MapSnapshot`) and what it makes of them (`PersonFeedback`, `FactorWeights`, `Satisfaction`).

Plain, frozen data like types.py; feedback.py computes the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Rating:
    """One rated code: a decision factor's weight or rating, a satisfaction area's CSAT (1..5)."""

    code: str
    value: float


@dataclass(frozen=True)
class FeedbackInfo:
    """One questionnaire a customer person answered by link (battlemap/surveys): `kind` is a code of
    vocab.SURVEY_KINDS; `ratings` rate decision factors (1..5, how much each weighs for them) or
    satisfaction areas (CSAT 1..5); `nps` is the 0..10 recommendation score of a satisfaction survey."""

    id: int
    person_id: int
    kind: str
    answered_on: date
    deal_id: int | None = None
    ratings: tuple[Rating, ...] = ()
    nps: int | None = None


@dataclass(frozen=True)
class PersonFeedback:
    """What one person's answers say: the latest satisfaction (mean CSAT 1..5, NPS 0..10, the NPS of the
    satisfaction survey before) and the latest decision-factor ratings."""

    person_id: int
    csat: float | None = None
    nps: int | None = None
    previous_nps: int | None = None
    satisfaction_on: date | None = None
    factors: tuple[Rating, ...] = ()
    factors_on: date | None = None
    factors_deal: int | None = None


@dataclass(frozen=True)
class FactorWeights:
    """A deal's decision-factor weights in percent: from the customer's answers (`source` "answers",
    averaged over `respondents`, weighted by their influence in the deal) where there are any, else
    the seller's typed estimate ("typed"); `typed` keeps the estimate beside the answers."""

    source: str  # vocab.FACTOR_SOURCES, "" when neither exists
    weights: tuple[Rating, ...] = ()
    respondents: tuple[int, ...] = ()
    typed: tuple[Rating, ...] = ()


def weight_text(value: float) -> str:
    """A factor's weight in percent as every page and file shows it: 38.5 → "38.5%", 40.0 → "40%"."""
    return f"{value:g}%"


@dataclass(frozen=True)
class Satisfaction:
    """The account's satisfaction from the latest answer of each person: mean CSAT (1..5) and the NPS
    (−100..100: % promoters 9–10 minus % detractors 0–6)."""

    csat: float | None = None
    nps: int | None = None
    respondents: int = 0
    promoters: tuple[int, ...] = ()
    detractors: tuple[int, ...] = ()
