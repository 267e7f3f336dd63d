"""What the customer's answers say (questionnaires answered by link, battlemap/surveys): each person's
latest satisfaction and decision-factor ratings, the account's CSAT and NPS, and a deal's
decision-factor weights — from the answers where there are any, else from the seller's typed guess.

Pure Python, like the rest of the analysis. Thresholds in settings.py (docs/analysis.md).
"""

from __future__ import annotations

from collections import defaultdict

from .feedback_types import FactorWeights, FeedbackInfo, PersonFeedback, Rating, Satisfaction
from .settings import AnalysisSettings
from .types import DealInfo, MapSnapshot


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def person_feedback(snapshot: MapSnapshot) -> dict[int, PersonFeedback]:
    """Per person who answered: the latest satisfaction survey (mean CSAT, NPS, the NPS before) and
    the latest decision-factor questionnaire (oldest answers first in the snapshot; ties by id)."""
    by_person: dict[int, list[FeedbackInfo]] = defaultdict(list)
    for answer in sorted(snapshot.feedback, key=lambda a: (a.answered_on, a.id)):
        by_person[answer.person_id].append(answer)
    result: dict[int, PersonFeedback] = {}
    for pid, answers in by_person.items():
        surveys = [a for a in answers if a.kind == "satisfaction"]
        factor_answers = [a for a in answers if a.kind == "decision_factors"]
        nps_seen = [a.nps for a in surveys if a.nps is not None]
        last = surveys[-1] if surveys else None
        factors = factor_answers[-1] if factor_answers else None
        result[pid] = PersonFeedback(
            person_id=pid,
            csat=_mean([r.value for r in last.ratings]) if last else None,
            nps=last.nps if last else None,
            previous_nps=nps_seen[-2] if len(nps_seen) >= 2 and last and last.nps is not None else None,
            satisfaction_on=last.answered_on if last else None,
            factors=factors.ratings if factors else (),
            factors_on=factors.answered_on if factors else None,
            factors_deal=factors.deal_id if factors else None,
        )
    return result


def account_satisfaction(feedback: dict[int, PersonFeedback], settings: AnalysisSettings) -> Satisfaction:
    """Mean CSAT and NPS of the account over each person's latest satisfaction answer."""
    csats = [f.csat for f in feedback.values() if f.csat is not None]
    scores = {pid: f.nps for pid, f in feedback.items() if f.nps is not None}
    promoters = tuple(sorted(p for p, n in scores.items() if n >= settings.nps_promoter_min))
    detractors = tuple(sorted(p for p, n in scores.items() if n <= settings.nps_detractor_max))
    nps = round(100 * (len(promoters) - len(detractors)) / len(scores)) if scores else None
    respondents = len({pid for pid, f in feedback.items() if f.csat is not None or f.nps is not None})
    return Satisfaction(_mean(csats), nps, respondents, promoters, detractors)


def _percent(ratings: dict[str, float]) -> tuple[Rating, ...]:
    total = sum(v for v in ratings.values() if v > 0)
    if not total:
        return ()
    shares = [Rating(code, round(100 * value / total, 1)) for code, value in ratings.items() if value > 0]
    return tuple(sorted(shares, key=lambda r: (-r.value, r.code)))


def deal_factor_weights(deal: DealInfo, feedback: dict[int, PersonFeedback]) -> FactorWeights:
    """The deal's decision-factor weights in percent. Each respondent's latest ratings count when they
    answered for this deal, or for no deal while holding a part in it; their shares are averaged,
    weighted by their influence rating in the deal (3 when they hold no part). Without any such
    answer, the seller's typed weights."""
    typed = _percent({f.factor: f.weight for f in deal.decision_factors})
    influence = {sh.person_id: sh.influence for sh in deal.stakeholders}
    sums: dict[str, float] = defaultdict(float)
    respondents = []
    for pid, answers in sorted(feedback.items()):
        if not answers.factors:
            continue
        if answers.factors_deal != deal.id and not (answers.factors_deal is None and pid in influence):
            continue
        shares = _percent({r.code: r.value for r in answers.factors})
        if not shares:
            continue
        weight = influence.get(pid, 3)
        for share in shares:
            sums[share.code] += weight * share.value
        respondents.append(pid)
    if respondents:
        return FactorWeights("answers", _percent(dict(sums)), tuple(respondents), typed)
    return FactorWeights("typed" if typed else "", typed, (), typed)
