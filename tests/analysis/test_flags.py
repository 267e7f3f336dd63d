"""Each red flag fires on a snapshot made for it and stays quiet on a near-identical one."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from battlemap.analysis import analyze
from battlemap.analysis.flag_registry import FLAG_CODES
from battlemap.analysis.types import ActionItemInfo, InteractionInfo, StageChangeInfo

from .builders import (
    CHEN,
    DEAL,
    LI,
    TODAY,
    WANG,
    ZHANG,
    ZHAO,
    days_ago,
    healthy_snapshot,
    with_deal,
    with_person,
    with_stakeholder,
    without_interactions_of,
)


def flags_of(snapshot, lang="en"):
    return {f.code: f for f in analyze(snapshot, lang=lang).deals[0].flags}


def test_the_healthy_deal_raises_no_flag():
    assert flags_of(healthy_snapshot()) == {}


def test_there_are_exactly_twenty_flag_codes():
    assert len(FLAG_CODES) == len(set(FLAG_CODES)) == 20


def test_it_flags_a_deal_without_decision_maker():
    snap = with_stakeholder(healthy_snapshot(), WANG, roles=("influencer",))
    flag = flags_of(snap)["no_decision_maker"]
    assert flag.severity == "high"
    assert "李工" in flag.action  # ask the champion who decides
    # the decision maker who left does not count either
    assert "no_decision_maker" in flags_of(with_person(healthy_snapshot(), WANG, status="left"))


def _his_interactions_as(kind: str):
    """The healthy map with every interaction of the decision maker (王总) of kind `kind`."""
    base = healthy_snapshot()
    return replace(
        base,
        interactions=tuple(replace(i, kind=kind) if WANG in i.participants else i for i in base.interactions),
    )


def test_it_flags_a_decision_maker_never_met():
    flag = flags_of(_his_interactions_as("email"))["decision_maker_not_met"]
    assert flag.people == (WANG,) and "王总" in flag.reason
    assert "decision_maker_not_met" not in flags_of(healthy_snapshot())


def test_an_interview_with_the_decision_maker_counts_as_having_met_him():
    assert "decision_maker_not_met" not in flags_of(_his_interactions_as("interview"))


def test_it_flags_single_threaded_deal():
    base = healthy_snapshot()
    old = replace(
        base,
        interactions=tuple(
            i if i.id == 100 else replace(i, occurred_on=days_ago(60)) for i in base.interactions
        ),
    )
    old = replace(
        old,
        interactions=tuple(replace(i, participants=(WANG,)) if i.id == 100 else i for i in old.interactions),
    )
    flag = flags_of(old)["single_threaded"]
    assert flag.people == (WANG,) and "王总" in flag.reason
    # a second person engaged within 45 days ends it
    two = replace(
        old, interactions=(*old.interactions, InteractionInfo(200, days_ago(44), "email", (ZHANG,)))
    )
    assert "single_threaded" not in flags_of(two)


def test_it_ignores_external_people_when_counting_threads():
    base = healthy_snapshot()
    only_external = replace(
        base,
        interactions=(
            InteractionInfo(1, days_ago(3), "meeting", (WANG,)),
            InteractionInfo(2, days_ago(3), "meeting", (ZHAO,)),
        ),
    )
    assert "single_threaded" in flags_of(only_external)


def test_it_flags_no_champion_when_the_champion_is_only_neutral():
    snap = with_stakeholder(healthy_snapshot(), LI, attitude="neutral")
    flag = flags_of(snap)["no_champion"]
    assert flag.people == (LI,)
    assert "王总" in flag.action  # the strongest supporter is suggested
    assert "no_champion" not in flags_of(with_stakeholder(healthy_snapshot(), LI, attitude="supporter"))


def test_it_flags_an_unaddressed_influential_opponent():
    snap = with_stakeholder(healthy_snapshot(), ZHAO, attitude="opponent", influence=4)
    flag = flags_of(snap)["unaddressed_opponent"]
    assert flag.people == (ZHAO,) and "赵博士" in flag.reason
    assert "unaddressed_opponent" not in flags_of(with_stakeholder(snap, ZHAO, influence=3))
    assert "unaddressed_opponent" not in flags_of(
        with_stakeholder(snap, ZHAO, plan="Invite to reference visit")
    )
    item = ActionItemInfo(1, DEAL, "Call 赵博士 about the security review", person_id=ZHAO)
    assert "unaddressed_opponent" not in flags_of(replace(snap, action_items=(item,)))
    done = replace(item, done=True)
    assert "unaddressed_opponent" in flags_of(replace(snap, action_items=(done,)))
    # a tester's finding: an overdue "meet 张强" hid an influence-4 opponent; a lapsed plan is no plan
    overdue = replace(item, due=days_ago(1))
    assert flags_of(replace(snap, action_items=(overdue,)))["unaddressed_opponent"].people == (ZHAO,)
    assert "unaddressed_opponent" not in flags_of(replace(snap, action_items=(replace(item, due=TODAY),)))
    skeptic = with_stakeholder(healthy_snapshot(), ZHAO, attitude="skeptic", influence=4)
    said = flags_of(skeptic, "zh")["unaddressed_opponent"].reason
    assert "怀疑或反对" in said and "逾期" in said  # a skeptic is not called an opponent


def test_it_flags_a_key_person_without_stated_win():
    snap = with_person(healthy_snapshot(), LI, personal_win="")
    flag = flags_of(snap)["no_stated_win"]
    assert flag.people == (LI,) and flag.severity == "low"
    stated_on_role = with_stakeholder(snap, LI, personal_win="Promotion to VP")
    assert "no_stated_win" not in flags_of(stated_on_role)


def test_it_flags_purchaser_unknown_from_purchase_decision():
    snap = with_stakeholder(healthy_snapshot(), ZHANG, roles=())
    assert "purchaser_unknown" in flags_of(snap)
    assert "purchaser_unknown" not in flags_of(with_deal(snap, stage="evaluation"))


def test_it_flags_users_not_engaged_from_evaluation():
    snap = without_interactions_of(with_deal(healthy_snapshot(), stage="evaluation"), CHEN)
    flag = flags_of(snap)["users_not_engaged"]
    assert flag.people == (CHEN,) and "陈主管" in flag.action
    assert "users_not_engaged" not in flags_of(with_deal(snap, stage="information_search"))
    # a tester's finding: the one user ever contacted was called 78 days ago, and the flag stayed quiet
    base = with_deal(healthy_snapshot(), stage="evaluation")
    cold = replace(
        base,
        interactions=tuple(
            replace(i, occurred_on=days_ago(78)) if CHEN in i.participants else i for i in base.interactions
        ),
    )
    assert flags_of(cold)["users_not_engaged"].people == (CHEN,)
    assert "users_not_engaged" not in flags_of(base)


@pytest.mark.parametrize(
    "lang, said", [("en", "nobody in it is known to use the product"), ("zh", "还不知道其中谁会使用产品")]
)
def test_a_deal_with_no_user_known_is_told_to_find_one_not_to_engage_the_users(lang, said):
    # a tester: "we have not interacted with any user (the users) … offer the users a demo" with no user mapped
    snap = with_stakeholder(with_deal(healthy_snapshot(), stage="evaluation"), CHEN, roles=())
    flag = flags_of(snap, lang)["users_not_engaged"]
    assert flag.people == () and said in flag.reason
    assert ("Find who will use the product" if lang == "en" else "找出") in flag.action


def test_it_flags_a_stale_relationship_with_a_key_person():
    base = healthy_snapshot()
    stale = replace(
        base,
        interactions=tuple(
            replace(i, occurred_on=days_ago(46)) if i.id == 100 else i for i in base.interactions
        ),
    )
    stale = without_interactions_of(stale, LI)  # 李工 also on visit 102: remove, keep 王总 stale
    stale = replace(
        stale, interactions=(*stale.interactions, InteractionInfo(300, days_ago(3), "call", (LI,)))
    )
    flag = flags_of(stale)["stale_relationship"]
    assert flag.people == (WANG,) and "45" in flag.reason
    fresh = replace(
        stale,
        interactions=tuple(
            replace(i, occurred_on=days_ago(45)) if i.id == 100 else i for i in stale.interactions
        ),
    )
    assert "stale_relationship" not in flags_of(fresh)


def test_it_flags_a_key_person_who_left():
    snap = with_person(healthy_snapshot(), CHEN, status="left")
    flag = flags_of(snap)["key_person_left"]
    assert flag.people == (CHEN,) and "陈主管" in flag.reason
    assert "key_person_left" not in flags_of(with_stakeholder(snap, CHEN, roles=()))


def test_it_flags_competitor_favoured_by_decision_maker():
    snap = with_stakeholder(healthy_snapshot(), WANG, favoured_competitor="Acme")
    flag = flags_of(snap)["competitor_favoured"]
    assert flag.people == (WANG,) and "Acme" in flag.reason
    low = with_stakeholder(healthy_snapshot(), ZHANG, favoured_competitor="Acme")  # influence 3, purchaser
    assert "competitor_favoured" not in flags_of(low)


def test_it_flags_an_opponent_favouring_a_competitor_whatever_his_influence():
    # 陈刚 of the tester's map: influence 2, opposes us and favours 华为云
    snap = with_stakeholder(healthy_snapshot(), CHEN, attitude="opponent", favoured_competitor="华为云")
    flag = flags_of(snap)["competitor_favoured"]
    assert flag.people == (CHEN,) and "华为云" in flag.reason
    sheet = analyze(snap).deals[0].blue_sheet
    assert "competitor_favoured" in next(row for row in sheet if row.person_id == CHEN).red_flags


@pytest.mark.parametrize("status", ["won", "lost"])
def test_closed_deals_raise_no_flags(status):
    snap = with_deal(with_stakeholder(healthy_snapshot(), WANG, roles=()), status=status)
    assert flags_of(snap) == {}


def test_it_flags_a_close_date_that_passed_after_the_slip_allowed():
    base = healthy_snapshot()
    late = with_deal(base, expected_close=days_ago(3))
    flag = flags_of(late)["close_date_passed"]
    assert flag.severity == "medium" and "3 days" in flag.reason and days_ago(3).isoformat() in flag.reason
    assert "close_date_passed" not in flags_of(with_deal(base, expected_close=days_ago(0)))
    assert "close_date_passed" not in flags_of(with_deal(base, expected_close=None))
    # a team that allows a week of slip is not warned on day 3
    assert "close_date_passed" not in flags_of_with(late, close_slip_days=7)
    # closed deals raise nothing
    assert analyze(with_deal(late, status="won")).deals[0].flags == ()


def test_it_flags_a_close_date_pushed_back_twice_or_by_a_month():
    """A sales manager's trial: a close date pushed six weeks, beside a jump of stage, read as progress."""
    from battlemap.analysis.types import CloseMoveInfo

    base = healthy_snapshot()  # expected close in 30 days
    close = base.deals[0].expected_close
    six_weeks = with_deal(base, close_moves=(CloseMoveInfo(days_ago(2), close - timedelta(days=42), close),))
    flag = flags_of(six_weeks)["close_date_pushed"]
    assert flag.severity == "medium" and "42 days" in flag.reason
    assert f"{(close - timedelta(days=42)).isoformat()} → {close.isoformat()}" in flag.reason
    assert "预计成交日在最近 90 天内推迟了" in flags_of(six_weeks, "zh")["close_date_pushed"].reason
    twice = (
        CloseMoveInfo(days_ago(40), close - timedelta(days=14), close - timedelta(days=7)),
        CloseMoveInfo(days_ago(10), close - timedelta(days=7), close),
    )
    assert "close_date_pushed" in flags_of(with_deal(base, close_moves=twice))  # twice, 14 days in all
    once = (CloseMoveInfo(days_ago(5), close - timedelta(days=14), close),)
    assert "close_date_pushed" not in flags_of(with_deal(base, close_moves=once))  # once, two weeks: a plan
    old = (CloseMoveInfo(days_ago(120), close - timedelta(days=60), close),)
    assert "close_date_pushed" not in flags_of(with_deal(base, close_moves=old))  # outside the window
    back = (*twice, CloseMoveInfo(days_ago(1), close, close - timedelta(days=14)))
    assert "close_date_pushed" not in flags_of(with_deal(base, close_moves=back))  # back where it was
    # pulled back, then pushed once by 17 days: a fresh start, not the pushes before it (a fresh reviewer)
    again = (*back, CloseMoveInfo(days_ago(0), close - timedelta(days=14), close + timedelta(days=3)))
    assert "close_date_pushed" not in flags_of(with_deal(base, close_moves=again))
    more = (*back, CloseMoveInfo(days_ago(0), close - timedelta(days=14), close + timedelta(days=30)))
    pushed = flags_of(with_deal(base, close_moves=more))["close_date_pushed"]
    assert "44 days" in pushed.reason and pushed.reason.count("→") == 1  # only the moves since the pull-in
    assert "close_date_pushed" not in flags_of_with(with_deal(base, close_moves=twice), close_push_times=3)


def test_it_flags_a_deal_stalled_in_its_stage_past_the_limit():
    base = healthy_snapshot()  # at purchase decision since 20 days ago; the limit there is 45
    stalled = with_deal(base, stage_changes=(StageChangeInfo("purchase_decision", days_ago(46)),))
    flag = flags_of(stalled, "zh")["stalled_in_stage"]
    assert "46" in flag.reason and "45" in flag.reason and "购买决策" in flag.reason
    assert "stalled_in_stage" not in flags_of(
        with_deal(base, stage_changes=(StageChangeInfo("purchase_decision", days_ago(45)),))
    )
    # the latest entry into the stage counts (moved back and forth)
    again = with_deal(
        base,
        stage_changes=(
            StageChangeInfo("purchase_decision", days_ago(90)),
            StageChangeInfo("purchase_decision", days_ago(10)),
        ),
    )
    assert "stalled_in_stage" not in flags_of(again)
    # a team's tighter limit fires earlier; 0 means no limit
    assert "stalled_in_stage" in flags_of_with(base, stage_limit_days={"purchase_decision": 14})
    assert "stalled_in_stage" not in flags_of_with(stalled, stage_limit_days={"purchase_decision": 0})


def test_it_flags_an_open_deal_without_a_next_step():
    base = healthy_snapshot()
    none = replace(base, action_items=())
    assert flags_of(none)["no_next_step"].severity == "low"
    done = replace(base, action_items=tuple(replace(a, done=True) for a in base.action_items))
    assert "no_next_step" in flags_of(done)
    other_deal = replace(base, action_items=tuple(replace(a, deal_id=DEAL + 1) for a in base.action_items))
    assert "no_next_step" in flags_of(other_deal)
    assert "no_next_step" not in flags_of(base)


def flags_of_with(snapshot, **settings):
    from battlemap.analysis.settings import AnalysisSettings

    return {f.code for f in analyze(snapshot, settings=AnalysisSettings(**settings)).deals[0].flags}


def test_stale_relationship_says_never_in_touch_when_nobody_flagged_was_ever_contacted():
    base = healthy_snapshot()
    never = without_interactions_of(
        base, LI
    )  # the champion (the decision maker is left to decision_maker_not_met)
    flag = flags_of(never)["stale_relationship"]
    assert flag.people == (LI,) and "never been in touch" in flag.reason and "45 days" not in flag.reason
    # someone who was in touch once and went cold keeps the "no interaction for 45 days" wording
    cold = replace(
        base,
        interactions=tuple(
            replace(i, occurred_on=days_ago(60)) if WANG in i.participants else i for i in base.interactions
        ),
    )
    assert "45 days" in flags_of(cold)["stale_relationship"].reason
    # a tester's finding: one went cold, the others were never met, and all "went cold"
    both = without_interactions_of(cold, LI)
    flag = flags_of(both)["stale_relationship"]
    assert set(flag.people) == {WANG, LI}
    assert "No interaction with 王总 for 45 days or more, and none ever with 李工" in flag.reason


def test_it_flags_a_key_persons_missed_contact_cadence():
    base = healthy_snapshot()  # 王总 (decision maker) was last met 5 days ago
    late = with_stakeholder(base, WANG, plan_cadence_days=1, plan_channel="visit")
    flag = flags_of(late, "zh")["cadence_missed"]
    assert flag.people == (WANG,) and flag.severity == "low"
    assert "每 1 天" in flag.reason and "5 天前" in flag.reason and "拜访" in flag.action
    # within cadence + 3 days of grace: quiet
    assert "cadence_missed" not in flags_of(with_stakeholder(base, WANG, plan_cadence_days=2))
    # not a key person (张经理, influence 3, purchaser): quiet
    assert "cadence_missed" not in flags_of(with_stakeholder(base, ZHANG, plan_cadence_days=1))
    # never contacted: stale_relationship says so, not this flag
    never = with_stakeholder(without_interactions_of(base, LI), LI, plan_cadence_days=1)
    assert "cadence_missed" not in flags_of(never) and "stale_relationship" in flags_of(never)


def test_never_in_touch_speaks_of_one_key_person_or_several():
    # the champion and the outside influencer made key (the decision maker never met is decision_maker_not_met's)
    alone = flags_of(without_interactions_of(healthy_snapshot(), LI))["stale_relationship"]
    assert alone.people == (LI,)
    assert "with 李工, a key person in this deal." in alone.reason
    both = with_stakeholder(
        without_interactions_of(without_interactions_of(healthy_snapshot(), ZHAO), LI), ZHAO, influence=4
    )
    flag = flags_of(both)["stale_relationship"]
    assert set(flag.people) == {ZHAO, LI} and "key people in this deal." in flag.reason
    # Chinese has one form for any count
    for snapshot in (without_interactions_of(healthy_snapshot(), LI), both):
        assert "我们从未与本商机的关键人" in flags_of(snapshot, "zh-hans")["stale_relationship"].reason


def _nobody_engaged(snapshot):
    return replace(snapshot, interactions=())


def test_nobody_talked_to_us_fires_on_a_deal_older_than_the_window():
    old = with_deal(
        _nobody_engaged(healthy_snapshot()),
        stage_changes=(
            StageChangeInfo("need_recognition", days_ago(90)),
            StageChangeInfo("purchase_decision", days_ago(20)),
        ),
    )
    flag = flags_of(old)["single_threaded"]
    assert flag.reason == "Nobody in ERP 升级 has talked to us in the last 45 days."


def test_nobody_talked_to_us_is_quiet_on_a_deal_opened_this_week():
    young = with_deal(
        _nobody_engaged(healthy_snapshot()),
        stage_changes=(StageChangeInfo("purchase_decision", days_ago(2)),),
    )
    assert "single_threaded" not in flags_of(young)
    assert "stale_relationship" in flags_of(young)  # the key people never met still show


def test_nobody_talked_to_us_is_quiet_on_a_deal_with_nobody_on_it():
    empty = with_deal(
        _nobody_engaged(healthy_snapshot()),
        stakeholders=(),
        stage_changes=(StageChangeInfo("need_recognition", days_ago(200)),),
    )
    flags = flags_of(empty)
    assert "single_threaded" not in flags
    assert "no_decision_maker" in flags  # the empty deal is still flagged, for what it lacks


@pytest.mark.parametrize(
    "lang, one, two",
    [
        ("en", "王总 decides, but", "王总, 李工 decide, but"),
        ("zh-hans", "王总是决策者", "王总、李工是决策者"),
    ],
)
def test_a_flag_naming_several_people_speaks_of_them_in_the_plural(lang, one, two):
    base = healthy_snapshot()
    emails_only = replace(base, interactions=tuple(replace(i, kind="email") for i in base.interactions))
    alone = flags_of(emails_only, lang)["decision_maker_not_met"]
    assert alone.reason.startswith(one)
    both = with_stakeholder(emails_only, LI, roles=("decision_maker", "champion"))
    flag = flags_of(both, lang)["decision_maker_not_met"]
    assert flag.people == (WANG, LI)
    assert flag.reason.startswith(two)


def test_people_who_left_are_said_in_the_plural():
    gone = with_person(with_person(healthy_snapshot(), WANG, status="left"), LI, status="left")
    flag = flags_of(gone)["key_person_left"]
    assert flag.reason == "王总, 李工 have left the customer but still hold roles in this deal."


def test_the_out_of_touch_flag_is_titled_to_fit_key_people_never_contacted():
    # trial 23: "关系冷却 / Relationship gone stale" over "我们从未与本商机的关键人陈建国、周强有过任何互动":
    # nobody never contacted went cold. One title fits both of its readings (gone cold, never in touch).
    from battlemap.analysis.i18n import label

    never = flags_of(without_interactions_of(healthy_snapshot(), LI), "zh-hans")["stale_relationship"]
    assert "从未" in never.reason
    assert label("zh-hans", never.code) == "关键人缺少联系"
    assert label("en", never.code) == "Key people out of touch"


def test_a_champions_preference_for_a_competitor_is_flagged_each_competitor_once():
    """A champion is a key person (coverage.is_key_person) whatever the influence rating; one competitor spelt
    three ways is named once, as the competitors page lists it (io.matching.names_by_key)."""
    snap = with_stakeholder(healthy_snapshot(), LI, influence=3, favoured_competitor="Huawei Cloud")
    snap = with_stakeholder(snap, WANG, favoured_competitor="HUAWEI CLOUD ")
    snap = with_stakeholder(snap, ZHAO, attitude="opponent", favoured_competitor="huawei  cloud")
    [flag] = [f for f in analyze(snap, lang="en").deals[0].flags if f.code == "competitor_favoured"]
    assert set(flag.people) == {LI, WANG, ZHAO}
    assert flag.reason.lower().count("huawei") == 1
