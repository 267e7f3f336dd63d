"""Recording who sways whom adds to informal influence and never costs the listener his place (review rev2,
finding 2: five ordinary links took a state-owned group's chairman from the top of the map to below his
general manager)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from battlemap.analysis import analyze
from battlemap.analysis import types as t
from battlemap.vocab import LINK_KINDS

from .builders import TODAY, days_ago

WANG, LI, ZHANG, ZHAO, SUN, LIU, WU, CHEN, ZHOU, HUANG, ZHENG = range(1, 12)


def power_grid_group(links: tuple[t.InfluenceLinkInfo, ...] = ()) -> t.MapSnapshot:
    """The reviewer's map: 华北省电力建设集团, ten people under the party secretary and chairman, a design
    institute's chief engineer outside, deal 智慧工地物联网平台 at evaluation, one meeting with 刘强, 吴磊, 张伟."""
    people = (
        t.PersonInfo(WANG, "王建国", title="党委书记、董事长"),
        t.PersonInfo(LI, "李明", title="总经理", reports_to=WANG),
        t.PersonInfo(ZHANG, "张伟", title="副总经理（分管信息化）", reports_to=LI),
        t.PersonInfo(ZHAO, "赵丽", title="总会计师", reports_to=LI),
        t.PersonInfo(SUN, "孙涛", title="纪委书记", reports_to=WANG),
        t.PersonInfo(LIU, "刘强", title="信息中心主任", reports_to=ZHANG),
        t.PersonInfo(WU, "吴磊", title="高级工程师", reports_to=LIU),
        t.PersonInfo(CHEN, "陈静", title="物资采购部部长", reports_to=ZHAO),
        t.PersonInfo(ZHOU, "周敏", title="生产运行部经理", reports_to=ZHANG),
        t.PersonInfo(HUANG, "黄海", title="法律合规部部长", reports_to=LI),
        t.PersonInfo(ZHENG, "郑国栋", title="总工程师", external=True, organisation="华北电力设计院"),
    )
    roles = (
        (WANG, ("decision_maker",), "unknown", 5),
        (LI, ("influencer",), "neutral", 5),
        (ZHANG, ("influencer",), "supporter", 4),
        (ZHAO, ("gatekeeper",), "skeptic", 4),
        (SUN, ("gatekeeper",), "unknown", 3),
        (LIU, ("champion", "user"), "advocate", 3),
        (WU, ("coach", "user"), "supporter", 2),
        (CHEN, ("purchaser",), "neutral", 3),
        (ZHOU, ("user",), "skeptic", 3),
        (ZHENG, ("influencer",), "opponent", 4),
        (HUANG, ("gatekeeper",), "neutral", 2),
    )
    deal = t.DealInfo(
        5,
        "智慧工地物联网平台（一期）",
        stage="evaluation",
        stakeholders=tuple(
            t.StakeholderInfo(pid, r, attitude=attitude, influence=rating)
            for pid, r, attitude, rating in roles
        ),
        competitors=("华为云", "阿里云"),
    )
    return t.MapSnapshot(
        t.AccountInfo(1, "hua-bei-sheng-dian-li-jian-she", "华北省电力建设集团有限公司"),
        TODAY,
        people=people,
        links=links,
        deals=(deal,),
        interactions=(t.InteractionInfo(100, days_ago(5), "meeting", (LIU, WU, ZHANG)),),
    )


REVIEWERS_LINKS = (
    t.InfluenceLinkInfo(ZHENG, WANG, "advises", 3),
    t.InfluenceLinkInfo(ZHAO, LI, "trusts", 3),
    t.InfluenceLinkInfo(LIU, ZHANG, "advises", 2),
    t.InfluenceLinkInfo(ZHAO, ZHANG, "opposes", 2),
    t.InfluenceLinkInfo(ZHANG, LI, "advises", 2),
)


def informal(score):
    return next(p.points for p in score.parts if p.name == "informal")


def test_the_chairman_stays_first_after_the_reviewers_five_links():
    before = analyze(power_grid_group(), lang="zh").influence
    after = analyze(power_grid_group(REVIEWERS_LINKS), lang="zh").influence
    assert before[WANG].score == 100
    assert after[WANG].score == max(s.score for s in after.values()) == 100  # was 72, below 李明's 76
    assert after[LI].score < after[WANG].score  # the general manager does not pass him
    assert after[ZHANG].score < after[WANG].score and after[LIU].score < after[WANG].score
    # being advised by the design institute's engineer costs the chairman none of his informal influence
    assert informal(after[WANG]) == informal(before[WANG]) == 35.0  # was 6.9 of 35
    # while the people the links name as swaying others gain
    assert informal(after[ZHENG]) > informal(before[ZHENG])
    assert informal(after[ZHAO]) > informal(before[ZHAO])


@st.composite
def map_and_quiet_decision_maker(draw):
    """A customer's reporting tree (some people may have no manager), links and meetings among its people,
    and a decision maker at the top of a reporting line whom nobody sways yet and who shares no meeting:
    the chairman before anyone records who advises him. One outside person listens to nobody."""
    n = draw(st.integers(2, 9))
    people = [t.PersonInfo(1, "P1")]
    for pid in range(2, n + 1):
        boss = draw(st.one_of(st.none(), st.integers(1, pid - 1)))
        people.append(t.PersonInfo(pid, f"P{pid}", reports_to=boss))
    outsider = n + 1
    people.append(t.PersonInfo(outsider, "Out", external=True, organisation="设计院"))
    dm = draw(st.sampled_from([p.id for p in people if p.reports_to is None and not p.external]))
    others = [p.id for p in people if p.id not in (dm, outsider)]
    links = draw(
        st.lists(
            st.tuples(
                st.sampled_from([p.id for p in people]),
                st.sampled_from(others) if others else st.nothing(),
                st.sampled_from(list(LINK_KINDS)),
                st.integers(1, 3),
            ),
            max_size=8 if others else 0,
        )
    )
    meetings = (
        draw(st.lists(st.lists(st.sampled_from(others), min_size=1, max_size=3), max_size=4))
        if others
        else []
    )
    stakeholders = [t.StakeholderInfo(dm, ("decision_maker",), influence=draw(st.integers(1, 5)))]
    for pid in [*others, outsider]:
        role = draw(st.sampled_from([None, "influencer", "champion", "user", "coach", "gatekeeper"]))
        if role:
            stakeholders.append(t.StakeholderInfo(pid, (role,), influence=draw(st.integers(1, 5))))
    snapshot = t.MapSnapshot(
        t.AccountInfo(1, "a", "A"),
        TODAY,
        people=tuple(people),
        links=tuple(t.InfluenceLinkInfo(source, target, kind, w) for source, target, kind, w in links),
        deals=(t.DealInfo(10, "D", stage="evaluation", stakeholders=tuple(stakeholders)),),
        interactions=tuple(
            t.InteractionInfo(100 + i, days_ago(3), "meeting", tuple(dict.fromkeys(m)))
            for i, m in enumerate(meetings)
        ),
    )
    return snapshot, dm, outsider, draw(st.integers(1, 3))


@settings(max_examples=200, deadline=None)
@given(map_and_quiet_decision_maker())
def test_an_outsider_advising_the_decision_maker_never_lowers_his_rank(case):
    snapshot, dm, outsider, strength = case
    advised = replace(
        snapshot, links=(*snapshot.links, t.InfluenceLinkInfo(outsider, dm, "advises", strength))
    )
    before = analyze(snapshot).influence
    after = analyze(advised).influence
    assert after[dm].score >= before[dm].score
    assert informal(after[dm]) >= informal(before[dm])
    # none of the customer's own people who was not above him passes him
    passed = [
        pid
        for pid in before
        if pid not in (dm, outsider)
        and before[pid].score <= before[dm].score
        and after[pid].score > after[dm].score
    ]
    assert passed == []
