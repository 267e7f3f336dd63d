"""Decision-factor ratings (1–5, as an interview or a questionnaire asks them) on a deal's own scale of typed
weights (whole numbers, often percents summing to 100). Pure: no Django."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

RATING_AVERAGE = 3  # a rating of 3: the factor weighs as much as the deal's average factor


@dataclass(frozen=True)
class FactorChange:
    """One factor a rating sets: its typed weight before (None: the deal had none), after, and the rating."""

    code: str
    before: int | float | None
    after: int
    rating: int


def rated_weights(
    typed: Mapping[str, int | float], ratings: Mapping[str, int], *, most: int
) -> tuple[dict[str, int | float], list[FactorChange]]:
    """The deal's typed weights with the rated factors changed and the others kept, and what changed.

    The rule: a rating r (1–5, 3 = as important as the average factor) becomes r/3 × the mean of the deal's
    current positive typed weights, rounded to a whole number and kept between 1 (a rated factor still
    counts) and `most` (the largest weight the deal takes). With no positive typed weight the ratings are
    stored as they are. E.g. typed {technology 30, compliance 20, price 20, service 15, risk 15} (mean 20)
    and price rated 1: price 20 → 7, the others unchanged."""
    positive = [w for w in typed.values() if w > 0]
    mean = sum(positive) / len(positive) if positive else None
    merged = dict(typed)
    changes = []
    for code, rating in ratings.items():
        after = rating if mean is None else math.floor(rating / RATING_AVERAGE * mean + 0.5)
        after = min(max(after, 1), most)
        merged[code] = after
        changes.append(FactorChange(code, typed.get(code), after, rating))
    return merged, changes
