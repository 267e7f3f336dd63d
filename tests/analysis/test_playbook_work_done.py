"""The playbook does not ask a seller for work already done with those people: it proposes the next step
(a sales director's trial: "give X a hands-on demo" with the demo logged, an ROI case for a decision maker
who already agreed)."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.i18n import tr
from battlemap.analysis.playbook import ROLE_STRATEGIES
from battlemap.analysis.settings import DEFAULT_SETTINGS
from battlemap.analysis.types import ActionItemInfo, InteractionInfo, PersonInfo, StakeholderInfo

from .builders import CHEN, DEAL, WANG, ZHANG, days_ago, healthy_snapshot, with_deal, with_stakeholder

ZHOU = 7  # a second user


def _two_users(*interactions: InteractionInfo, actions: tuple[ActionItemInfo, ...] = ()):
    snap = healthy_snapshot()
    deal = snap.deals[0]
    deal = replace(deal, stakeholders=(*deal.stakeholders, StakeholderInfo(ZHOU, ("user",), influence=2)))
    return replace(
        snap,
        people=(*snap.people, PersonInfo(ZHOU, "周工", title="Warehouse lead")),
        deals=(deal,),
        interactions=(*snap.interactions, InteractionInfo(104, days_ago(3), "call", (ZHOU,)), *interactions),
        action_items=(*snap.action_items, *actions),
    )


def _items(snap, code: str, lang: str = "zh-hans"):
    return [item for item in analyze(snap, lang=lang).deals[0].playbook if item.code == code]


def test_it_proposes_the_demo_follow_up_to_the_users_who_had_one_and_the_demo_to_the_others():
    snap = _two_users(InteractionInfo(300, days_ago(11), "meeting", (CHEN,), DEAL, "月结流程上手演示"))
    [demo] = _items(snap, "hands_on_demo")
    assert demo.people == (ZHOU,) and "周工" in demo.text and "陈主管" not in demo.text
    [follow_up] = _items(snap, "demo_follow_up")
    assert follow_up.people == (CHEN,)
    assert follow_up.text.startswith("跟进陈主管的演示（" + days_ago(11).isoformat() + " 已完成）")


def test_it_says_why_in_english_and_reads_english_summaries():
    snap = _two_users(InteractionInfo(300, days_ago(11), "visit", (CHEN, ZHOU), None, "POC kick-off on site"))
    assert not _items(snap, "hands_on_demo", "en")
    [follow_up] = _items(snap, "demo_follow_up", "en")
    assert follow_up.people == (CHEN, ZHOU)
    assert follow_up.text.startswith(
        f"Follow up on the demo with 陈主管, 周工 (done on {days_ago(11).isoformat()}): "
    )


def test_an_old_demo_does_not_count():
    old = days_ago(DEFAULT_SETTINGS.stale_days + 1)
    snap = _two_users(InteractionInfo(300, old, "meeting", (CHEN,), DEAL, "hands-on demo"))
    [demo] = _items(snap, "hands_on_demo")
    assert demo.people == (CHEN, ZHOU) and not _items(snap, "demo_follow_up")


def test_a_demo_for_another_deal_or_a_mere_meeting_does_not_count():
    snap = _two_users(
        InteractionInfo(300, days_ago(5), "meeting", (CHEN,), DEAL + 1, "上手演示"),
        InteractionInfo(301, days_ago(4), "meeting", (CHEN,), DEAL, "讨论月结需求"),
    )
    assert _items(snap, "hands_on_demo")[0].people == (CHEN, ZHOU)


def test_a_done_action_made_from_the_playbook_item_counts_an_open_one_does_not():
    text = tr("zh_Hans", ROLE_STRATEGIES["user"][1], names="陈主管、周工")  # "Make it an action item"
    done = ActionItemInfo(400, DEAL, text, person_id=CHEN, done=True, due=days_ago(2))
    [follow_up] = _items(_two_users(actions=(done,)), "demo_follow_up")
    assert follow_up.people == (CHEN, ZHOU) and days_ago(2).isoformat() in follow_up.text
    assert _items(_two_users(actions=(replace(done, done=False),)), "hands_on_demo")[0].people == (CHEN, ZHOU)
    undated = replace(done, text="Ran the trial with 周工", person_id=None, due=None)
    [follow_up] = _items(_two_users(actions=(undated,)), "demo_follow_up", "en")
    assert follow_up.people == (ZHOU,) and "(action item done)" in follow_up.text


def test_a_supportive_decision_maker_is_not_told_to_build_an_roi_case():
    assert not _items(healthy_snapshot(), "roi_case")  # 王总 is a supporter
    [keep] = _items(healthy_snapshot(), "keep_support")
    assert keep.people == (WANG,) and keep.text.startswith("保持王总的支持（态度：支持）：")
    assert (
        "Keep the support of 王总 (attitude: supporter): "
        in _items(healthy_snapshot(), "keep_support", "en")[0].text
    )


def test_a_doubting_decision_maker_gets_the_roi_case_until_it_is_presented():
    doubting = with_stakeholder(healthy_snapshot(), WANG, attitude="skeptic")
    assert _items(doubting, "roi_case")[0].people == (WANG,)
    presented = replace(
        doubting,
        interactions=(
            *doubting.interactions,
            InteractionInfo(300, days_ago(6), "meeting", (WANG,), DEAL, "向王总汇报 ROI 测算"),
        ),
    )
    assert not _items(presented, "roi_case") and _items(presented, "roi_follow_up")[0].people == (WANG,)


def test_a_quote_sent_to_the_purchaser_turns_into_its_follow_up():
    snap = healthy_snapshot()
    sent = replace(
        snap,
        interactions=(
            *snap.interactions,
            InteractionInfo(300, days_ago(5), "email", (ZHANG,), None, "发送初步报价"),
        ),
    )
    assert _items(snap, "cost_and_terms") and not _items(sent, "cost_and_terms")
    assert _items(sent, "terms_follow_up")[0].people == (ZHANG,)


def test_a_done_action_made_from_an_english_item_without_the_words_counts():
    text = tr(
        "en", ROLE_STRATEGIES["purchaser"][1], names="张经理"
    )  # "Prepare cost, terms and supplier credentials…"
    done = ActionItemInfo(400, DEAL, text, person_id=None, done=True, due=days_ago(1))
    snap = replace(healthy_snapshot(), action_items=(done,))
    assert not _items(snap, "cost_and_terms") and _items(snap, "terms_follow_up")[0].people == (ZHANG,)


def test_the_stage_strategy_turns_into_its_follow_up_once_its_work_is_done():
    snap = healthy_snapshot()  # at the purchase decision
    sent = replace(
        snap,
        interactions=(
            *snap.interactions,
            InteractionInfo(300, days_ago(5), "email", (WANG,), None, "Quote sent"),  # to the decision maker
        ),
    )
    assert _items(snap, "competitive_quote") and not _items(sent, "competitive_quote")
    [follow_up] = _items(sent, "quote_follow_up", "en")
    # sent to the purchaser, the quote is followed up with him, once (not also for the deal: a fresh reviewer)
    to_zhang = replace(
        sent, interactions=(*snap.interactions, replace(sent.interactions[-1], participants=(ZHANG,)))
    )
    assert _items(to_zhang, "terms_follow_up") and not _items(to_zhang, "quote_follow_up")
    assert follow_up.text.startswith(
        f"Follow up on the quote for ERP 升级 (done on {days_ago(5).isoformat()}): "
    )


def test_a_done_follow_up_is_not_proposed_again_and_the_others_keep_theirs():
    snap = _two_users(InteractionInfo(300, days_ago(11), "meeting", (CHEN, ZHOU), DEAL, "POC 演示"))
    [follow_up] = _items(snap, "demo_follow_up", "en")
    done = ActionItemInfo(400, DEAL, follow_up.text, person_id=CHEN, done=True, due=days_ago(1))
    snap = replace(
        snap, action_items=(*snap.action_items, replace(done, text=follow_up.text.replace(", 周工", "")))
    )
    assert _items(snap, "demo_follow_up")[0].people == (ZHOU,) and not _items(snap, "hands_on_demo")


def test_a_flag_asking_the_same_work_of_the_same_people_is_not_repeated_by_the_role_strategy():
    """A sales manager's trial: "Ask for a meeting with 王总 … and bring an ROI case" beside "Prepare an ROI case
    for 王总", "Offer 陈主管 a hands-on demo or a trial" beside "Give 陈主管 a hands-on demo": one of each."""
    from .builders import without_interactions_of

    snap = with_stakeholder(healthy_snapshot(), WANG, attitude="neutral")
    snap = without_interactions_of(without_interactions_of(snap, WANG), CHEN)
    playbook = analyze(snap, lang="en").deals[0].playbook
    by_code = {item.code: item for item in playbook}
    assert (
        by_code["decision_maker_not_met"].people == (WANG,)
        and "ROI case" in by_code["decision_maker_not_met"].text
    )
    assert by_code["users_not_engaged"].people == (CHEN,)
    assert "roi_case" not in by_code and "hands_on_demo" not in by_code
    assert "cost_and_terms" in by_code  # a strategy no flag asks stays
    zh = [item.code for item in analyze(snap, lang="zh-hans").deals[0].playbook]
    assert "roi_case" not in zh and "hands_on_demo" not in zh  # the same in the other language
    met = analyze(with_stakeholder(healthy_snapshot(), WANG, attitude="neutral"), lang="en").deals[0].playbook
    assert "roi_case" in {item.code for item in met}  # no such flag: the strategy is asked


def test_one_demo_is_followed_up_once():
    """A fresh reviewer: the demo held with the users at evaluation gave two follow-ups, the users' and the deal's."""
    snap = with_deal(
        _two_users(InteractionInfo(300, days_ago(3), "meeting", (CHEN, ZHOU), DEAL, "上手演示")),
        stage="evaluation",
    )
    codes = [item.code for item in analyze(snap).deals[0].playbook]
    assert "demo_follow_up" in codes and "custom_demo_follow_up" not in codes  # the one naming the users
    assert "hands_on_demo" not in codes and "custom_demo" not in codes


def test_a_cancelled_or_only_arranged_demo_keeps_the_demo_advice():
    """A senior sales coach's review (seed 002 §5, 方案评估: a custom demo builds trust): "原定的演示取消了" read as
    a demo done, "跟进周工的演示（… 已完成）" proposed and the evaluation stage's custom demo dropped."""
    cancelled = InteractionInfo(
        300, days_ago(2), "call", (ZHOU,), DEAL, "周工来电：原定的演示取消了，暂不安排试用"
    )
    arranged = InteractionInfo(
        301, days_ago(5), "meeting", (CHEN, ZHOU), DEAL, "与陈主管、周工梳理痛点，安排演示"
    )
    for summary in (cancelled, arranged, replace(cancelled, summary="Demo postponed, customer busy")):
        snap = with_deal(_two_users(summary), stage="evaluation")
        codes = {item.code: item for item in analyze(snap, lang="zh-hans").deals[0].playbook}
        assert "demo_follow_up" not in codes and "custom_demo_follow_up" not in codes
        assert codes["hands_on_demo"].people == (CHEN, ZHOU)
        assert codes["custom_demo"].impact == 9 and "定制演示" in codes["custom_demo"].text


def test_feedback_on_a_trial_is_not_a_second_trial():
    """The review: "陈主任反馈试用效果好" a week after the trial became a second demo, two follow-ups for one trial."""
    trial = InteractionInfo(300, days_ago(8), "meeting", (CHEN, ZHOU), DEAL, "车间现场试用质量追溯模块")
    feedback = InteractionInfo(301, days_ago(1), "call", (CHEN,), DEAL, "陈主管反馈试用效果好")
    [follow_up] = _items(_two_users(trial, feedback), "demo_follow_up")
    assert follow_up.people == (CHEN, ZHOU) and days_ago(8).isoformat() in follow_up.text
    # alone, feedback on a trial says the trial took place: no demo asked again of the one who gave it
    [follow_up] = _items(_two_users(feedback), "demo_follow_up")
    assert follow_up.people == (CHEN,) and days_ago(1).isoformat() in follow_up.text
