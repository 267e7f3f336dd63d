"""The playbook's materials and MEDDPICC's decision criteria read the one weighting the analysis reports
(`factors`: the customer's answers where there are any, else the seller's estimate), never the typed weights
beside answers that contradict them (a tester's finding: 赵磊 rated technology 1 of 5, 4 %, and the deal room
still said "客户很看重技术", MEDDPICC "技术 30、价格 20…"); only a factor above an even split weighs heavily."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.feedback_types import FeedbackInfo, Rating
from battlemap.analysis.types import DecisionFactorInfo
from battlemap.vocab import DECISION_FACTORS
from tests.analysis.builders import DEAL, LI, WANG, days_ago, healthy_snapshot, with_deal

# the demo deal's typed estimate (hdny): technology first
TYPED = (
    DecisionFactorInfo("technology", 30),
    DecisionFactorInfo("compliance", 20),
    DecisionFactorInfo("price", 20),
    DecisionFactorInfo("service", 15),
    DecisionFactorInfo("risk", 15),
)
# what the customer answered: technology last (1 of 25 points, 4 %)
ANSWERED = {"price": 5, "brand": 5, "quality": 3, "service": 2, "technology": 1, "compliance": 4, "risk": 5}


def _answer(person, ratings, pk=1):
    rated = tuple(Rating(k, v) for k, v in ratings.items())
    return FeedbackInfo(pk, person, "decision_factors", days_ago(3), DEAL, rated)


def _snapshot(*answers, factors=TYPED):
    return replace(with_deal(healthy_snapshot(), decision_factors=factors), feedback=tuple(answers))


def _deal(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0]


def _materials(snapshot):
    return [item.code for item in _deal(snapshot).playbook if item.code.startswith("material_")]


def _criteria(snapshot, lang="en"):
    return next(e for e in _deal(snapshot, lang).qualification.elements if e.code == "decision_criteria")


def _shown(code, value, lang):
    return f"{DECISION_FACTORS.label(code, lang)} {value}%"


def test_answers_that_contradict_the_typed_weights_pick_the_materials():
    answered = _snapshot(_answer(WANG, ANSWERED))
    # brand, price and risk share 20 % each (above 100 / 7): the two first by code; technology (4 %) not at all
    assert _materials(answered) == ["material_brand", "material_price"]
    texts = [i.text for i in _deal(answered, "zh-hans").playbook if i.code.startswith("material_")]
    assert not any(DECISION_FACTORS.label("technology", "zh-hans") in t for t in texts)
    # the estimate alone: technology 30 %; compliance and price at 20 % are an even fifth, not heavy
    assert _materials(_snapshot()) == ["material_technology"]


def test_meddpicc_cites_the_answers_in_percent_and_who_gave_them():
    answered = _snapshot(_answer(WANG, ANSWERED))
    for lang in ("en", "zh-hans"):
        element = _criteria(answered, lang)
        (text,) = element.evidence
        assert element.status == "confirmed" and element.people == (WANG,)
        assert _shown("technology", 4, lang) in text and _shown("price", 20, lang) in text
        assert _shown("technology", 30, lang) not in text
        assert "王总" in text
    assert "1 respondent" in _criteria(answered).evidence[0]
    two = _snapshot(_answer(WANG, ANSWERED), _answer(LI, {"technology": 5}, pk=2))
    element = _criteria(two)
    assert element.people == (WANG, LI) and "2 respondents" in element.evidence[0]


def test_the_sellers_estimate_alone_is_assumed_and_says_it_is_an_estimate():
    element = _criteria(_snapshot())
    assert element.status == "assumed" and element.people == ()
    (text,) = element.evidence
    assert "estimate" in text and _shown("technology", 30, "en") in text
    assert _criteria(_snapshot(factors=())).status == "unknown"
    score = _deal(_snapshot()).qualification.score
    assert _deal(_snapshot(_answer(WANG, ANSWERED))).qualification.score > score


def test_a_lone_low_rated_factor_or_a_flat_list_weighs_nothing_heavily():
    lone = _snapshot(_answer(WANG, {"technology": 1}))
    assert _deal(lone).factors.source == "answers"
    assert _materials(lone) == []
    flat = _snapshot(_answer(WANG, dict.fromkeys(ANSWERED, 3)))  # seven factors, 14.3 % each
    assert _materials(flat) == []
    assert (
        _materials(_snapshot(factors=(DecisionFactorInfo("price", 50), DecisionFactorInfo("risk", 50)))) == []
    )
