"""Someone the top person listens to keeps that standing when two others advise each other (the s39 coach: in a
党委会 deal 孙丽, whom the chairman listens to, had 8 of 35 informal points while 张伟, whom the general manager
listens to and who advises him back, had 27: rank trapped in their loop set the scale, and the chairman passed on
only the rank the general manager's link had left him)."""

from __future__ import annotations

from battlemap.analysis import analyze
from battlemap.analysis import types as t

from .builders import TODAY, days_ago, org_chart

WANG, LI, ZHANG, ZHAO, SUN, CHEN, YANG = range(1, 8)
COMMITTEE = 50
CHAIRMAN_LISTENS = t.InfluenceLinkInfo(SUN, WANG, "advises", 3)
LOOP = (t.InfluenceLinkInfo(ZHANG, LI, "advises", 3), t.InfluenceLinkInfo(LI, ZHANG, "trusts", 3))


def committee_deal(links: tuple[t.InfluenceLinkInfo, ...]) -> t.MapSnapshot:
    people = org_chart(
        (WANG, "王建国", "党委书记、董事长", None),
        (LI, "李明", "总经理", WANG),
        (ZHANG, "张伟", "副总经理", LI),
        (ZHAO, "赵强", "总工程师", LI),
        (SUN, "孙丽", "总会计师", LI),
        (CHEN, "陈静", "信息中心主任", ZHANG),
        (YANG, "杨帆", "工程师", CHEN),
    )
    committee = t.BodyInfo(
        COMMITTEE,
        "党委会",
        "party_committee",
        members=(WANG, LI, ZHANG, SUN),
        chair=WANG,
        decision_rule="majority",
    )
    deal = t.DealInfo(
        9,
        "数字化平台",
        stage="evaluation",
        stakeholders=(
            t.StakeholderInfo(CHEN, ("champion", "user"), attitude="supporter", influence=3),
            t.StakeholderInfo(ZHANG, ("influencer",), attitude="neutral", influence=4),
            t.StakeholderInfo(SUN, ("gatekeeper",), attitude="neutral", influence=4),
        ),
        body_roles=(t.BodyRoleInfo(COMMITTEE, ("decision_maker",)),),
    )
    return t.MapSnapshot(
        t.AccountInfo(1, "jituan", "某能源集团"),
        TODAY,
        people=people,
        links=links,
        deals=(deal,),
        bodies=(committee,),
        interactions=(t.InteractionInfo(100, days_ago(5), "meeting", (CHEN, YANG)),),
    )


def informal(snapshot, pid):
    score = analyze(snapshot, lang="zh").influence[pid]
    return next(p.points for p in score.parts if p.name == "informal"), score


def test_the_one_the_chairman_listens_to_is_not_pushed_down_by_a_loop_elsewhere():
    alone, _ = informal(committee_deal((CHAIRMAN_LISTENS,)), SUN)
    sun, score = informal(committee_deal((CHAIRMAN_LISTENS, *LOOP)), SUN)
    zhang, _ = informal(committee_deal((CHAIRMAN_LISTENS, *LOOP)), ZHANG)
    # the chairman listens only to her: she keeps what that gives her, and is heard at least as well as 张伟
    assert abs(sun - alone) <= 1.0 and sun >= 29.0
    assert sun >= zhang
    assert "王建国听取其意见" in score.drivers


def test_whom_the_top_listens_to_gets_damping_times_his_attention():
    # he splits his attention 2 : 1 between 孙丽 and 赵强: each is heard in proportion, the loop notwithstanding
    links = (
        CHAIRMAN_LISTENS,
        t.InfluenceLinkInfo(ZHAO, WANG, "advises", 2),
        t.InfluenceLinkInfo(SUN, ZHANG, "advises", 1),
        *LOOP,
    )
    snap = committee_deal(links)
    sun, _ = informal(snap, SUN)
    zhao, _ = informal(snap, ZHAO)
    assert sun >= round(35 * 0.85 * 3 / 5, 1) and zhao >= round(35 * 0.85 * 2 / 5, 1) - 0.1
    assert sun > zhao
