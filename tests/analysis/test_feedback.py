"""The customer's answers in the analysis: factor weights from answers replace the typed guess (and say
so), a dissatisfied key person or a falling NPS raises low_satisfaction, a detractor at a loyal account
raises detractor_at_loyal_account, near-identical snapshots stay quiet, and the playbook asks for a
survey after a won deal and where satisfaction is unknown at a loyal account."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analysis_json, analyze
from battlemap.analysis.feedback_types import FeedbackInfo, Rating
from battlemap.analysis.types import DecisionFactorInfo
from tests.analysis.builders import DEAL, LI, WANG, ZHANG, days_ago, healthy_snapshot, with_deal

AREAS = ("product", "delivery", "support", "communication", "value")


def _survey(pk, person, csat, nps, ago=10, deal=None):
    return FeedbackInfo(
        pk, person, "satisfaction", days_ago(ago), deal, tuple(Rating(a, csat) for a in AREAS), nps
    )


def _factors(pk, person, ratings, deal=DEAL, ago=5):
    return FeedbackInfo(
        pk, person, "decision_factors", days_ago(ago), deal, tuple(Rating(k, v) for k, v in ratings.items())
    )


def _with(snapshot, *answers, lifecycle=None):
    snapshot = replace(snapshot, feedback=tuple(answers))
    if lifecycle is not None:
        snapshot = replace(snapshot, account=replace(snapshot.account, lifecycle=lifecycle))
    return snapshot


def _deal(snapshot, lang="en"):
    return analyze(snapshot, lang=lang).deals[0]


def _codes(snapshot):
    return {f.code for f in _deal(snapshot).flags}


def test_typed_weights_are_used_when_nobody_answered_and_say_so():
    snap = with_deal(
        healthy_snapshot(),
        decision_factors=(DecisionFactorInfo("price", 60), DecisionFactorInfo("service", 40)),
    )
    factors = _deal(snap).factors
    assert factors.source == "typed" and factors.respondents == ()
    assert [(r.code, r.value) for r in factors.weights] == [("price", 60.0), ("service", 40.0)]


def test_answers_replace_the_typed_guess_weighted_by_influence():
    snap = with_deal(
        healthy_snapshot(),
        decision_factors=(DecisionFactorInfo("price", 90), DecisionFactorInfo("service", 10)),
    )
    # WANG (influence 5) weighs technology; ZHANG (influence 3) weighs price
    snap = _with(snap, _factors(1, WANG, {"technology": 5, "risk": 5}), _factors(2, ZHANG, {"price": 5}))
    factors = _deal(snap).factors
    assert factors.source == "answers" and set(factors.respondents) == {WANG, ZHANG}
    weights = {r.code: r.value for r in factors.weights}
    # WANG: technology 50 %, risk 50 % (weight 5); ZHANG: price 100 % (weight 3) → 31.2 / 31.2 / 37.5
    assert weights == {"price": 37.5, "technology": 31.2, "risk": 31.2}
    assert [r.code for r in factors.typed] == ["price", "service"]  # the guess is kept beside
    deal_json = analysis_json(analyze(snap, lang="zh"))["deals"][0]["factors"]
    assert deal_json["source"] == "answers" and deal_json["source_label"] == "客户问卷作答"
    assert deal_json["weights"][0]["label"] == "价格"


def test_answers_for_another_deal_do_not_count():
    snap = _with(healthy_snapshot(), _factors(1, WANG, {"price": 5}, deal=999))
    assert _deal(snap).factors.source == ""


def test_a_dissatisfied_key_person_raises_low_satisfaction_in_both_languages():
    snap = _with(healthy_snapshot(), _survey(1, WANG, 2, 7))
    flag = {f.code: f for f in _deal(snap).flags}["low_satisfaction"]
    assert flag.people == (WANG,) and flag.severity == "high"
    assert "satisfaction 2 of 5" in flag.reason
    zh = {f.code: f for f in _deal(snap, "zh").flags}["low_satisfaction"]
    assert "满意度 2 分" in zh.reason and "王总" in zh.reason
    # the reason names the person once: its detail does not repeat the name ("李芳 … （李芳：满意度 1 分…）")
    assert flag.reason.count("王总") == 1 and zh.reason.count("王总") == 1, (flag.reason, zh.reason)


def test_several_dissatisfied_people_each_have_their_answer_after_their_name():
    snap = _with(
        healthy_snapshot(), _survey(1, WANG, 2, 7), _survey(2, LI, 4, 9, ago=200), _survey(3, LI, 4, 6, ago=5)
    )
    flag = {f.code: f for f in _deal(snap).flags}["low_satisfaction"]
    assert set(flag.people) == {WANG, LI}
    assert "王总: satisfaction 2 of 5" in flag.reason and ": recommendation 9 → 6 of 10" in flag.reason


def test_a_falling_nps_raises_low_satisfaction():
    snap = _with(healthy_snapshot(), _survey(1, LI, 4, 9, ago=200), _survey(2, LI, 4, 6, ago=5))
    flag = {f.code: f for f in _deal(snap).flags}["low_satisfaction"]
    assert flag.people == (LI,) and "9 → 6" in flag.reason


def test_near_identical_snapshots_stay_quiet():
    quiet = [
        _with(healthy_snapshot(), _survey(1, WANG, 3, 7)),  # CSAT at the threshold, not below it
        _with(healthy_snapshot(), _survey(1, LI, 4, 9, ago=200), _survey(2, LI, 4, 7, ago=5)),  # fell 2
        _with(healthy_snapshot(), _survey(1, ZHANG, 1, 0)),  # not a key person (influence 3, purchaser)
        _with(healthy_snapshot(), _survey(1, WANG, 4, 6), lifecycle="mature"),  # detractor, not loyal
        _with(healthy_snapshot(), _survey(1, WANG, 4, 7), lifecycle="loyal"),  # passive, not detractor
    ]
    for snap in quiet:
        assert not _codes(snap) & {"low_satisfaction", "detractor_at_loyal_account"}, snap.feedback


def test_a_detractor_at_a_loyal_account_raises_a_flag():
    snap = _with(healthy_snapshot(), _survey(1, ZHANG, 4, 6), lifecycle="loyal")
    flag = {f.code: f for f in _deal(snap).flags}["detractor_at_loyal_account"]
    assert flag.people == (ZHANG,) and "NPS 6" in flag.reason


def test_a_won_deal_raises_only_the_after_sale_flags():
    snap = with_deal(_with(healthy_snapshot(), _survey(1, WANG, 1, 2), lifecycle="loyal"), status="won")
    assert _codes(snap) == {"low_satisfaction", "detractor_at_loyal_account"}
    assert _codes(with_deal(snap, status="lost")) == set()


def test_the_playbook_suggests_a_survey_after_a_won_deal_until_someone_answers():
    won = with_deal(healthy_snapshot(), status="won")
    items = {p.code: p for p in _deal(won).playbook}
    assert "satisfaction_survey" in items and "is won" in items["satisfaction_survey"].text
    answered = _with(won, _survey(1, WANG, 5, 10))
    assert "satisfaction_survey" not in {p.code for p in _deal(answered).playbook}
    long_ago = _with(won, _survey(1, WANG, 5, 10, ago=400))
    assert "satisfaction_survey" in {p.code for p in _deal(long_ago).playbook}


def test_the_playbook_suggests_a_survey_where_satisfaction_is_unknown_at_a_loyal_account():
    loyal = _with(healthy_snapshot(), lifecycle="loyal")
    item = {p.code: p for p in _deal(loyal).playbook}["satisfaction_survey"]
    assert WANG in item.people and LI in item.people and "loyal" in item.text
    known = _with(healthy_snapshot(), _survey(1, WANG, 5, 10), _survey(2, LI, 5, 9), lifecycle="loyal")
    assert "satisfaction_survey" not in {p.code for p in _deal(known).playbook}
    assert "satisfaction_survey" not in {p.code for p in _deal(healthy_snapshot()).playbook}


def test_the_account_satisfaction_counts_promoters_and_detractors():
    snap = _with(healthy_snapshot(), _survey(1, WANG, 5, 10), _survey(2, LI, 4, 9), _survey(3, ZHANG, 2, 3))
    result = analyze(snap)
    assert result.satisfaction.nps == round(100 * (2 - 1) / 3) and result.satisfaction.respondents == 3
    assert result.satisfaction.csat == round((5 + 4 + 2) / 3, 2)
    people = {p["id"]: p for p in analysis_json(result)["people"]}
    assert people[WANG]["feedback"]["nps"] == 10 and people[ZHANG]["feedback"]["csat"] == 2.0
