"""A champion whom nothing on the map joins to who decides is told to find or build the way (seed 001: the champion
推荐者 "在决策过程中为产品或服务站台，增强其在决策者心中的价值"; §4 客户关系图谱, §6 搭建沟通桥梁): the s39 coach's
foreign-owned plant had a supporting champion in local IT and its global procurement director, who signs, outside
the local tree, and the playbook said nothing about it."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis import types as t

from .builders import days_ago, one_deal_map, with_person

GM, IT, OPS, GLOBAL = 1, 2, 3, 4


def plant(links: tuple[t.InfluenceLinkInfo, ...] = (), champion_attitude: str = "supporter") -> t.MapSnapshot:
    people = (
        t.PersonInfo(GM, "Jürgen Weber", title="Plant General Manager"),
        t.PersonInfo(IT, "刘洋", title="IT 经理", reports_to=GM),
        t.PersonInfo(OPS, "陈琳", title="生产经理", reports_to=GM),
        t.PersonInfo(GLOBAL, "Anna Schmidt", title="Global Procurement Director", placeholder=True),
    )
    stakeholders = (
        t.StakeholderInfo(GLOBAL, ("decision_maker",), attitude="unknown", influence=5),
        t.StakeholderInfo(IT, ("champion", "user"), attitude=champion_attitude, influence=3),
        t.StakeholderInfo(OPS, ("user",), attitude="neutral", influence=2),
    )
    return one_deal_map(
        ("weber-suzhou", "韦伯（苏州）精密机械有限公司"),
        people,
        stakeholders,
        deal="MES 升级",
        links=links,
        met=(IT, OPS),
        met_on=days_ago(4),
    )


def reach_items(snapshot, lang="en"):
    return [p for p in analyze(snapshot, lang=lang).deals[0].playbook if p.code == "champion_no_path"]


def anna_met(snapshot: t.MapSnapshot) -> t.MapSnapshot:
    """Anna Schmidt met once on a video call with the plant's operations: nobody asks for a meeting with her."""
    call = t.InteractionInfo(101, days_ago(10), "call", (GLOBAL, OPS))
    return replace(snapshot, interactions=(*snapshot.interactions, call))


def test_a_champion_with_no_way_to_who_decides_is_told_to_find_or_build_it():
    [item] = reach_items(anna_met(plant()))
    assert item.people == (IT,)
    assert "刘洋 champions us, but nothing on the map joins them to Anna Schmidt, who decides" in item.text
    [zh] = reach_items(anna_met(plant()), "zh-hans")
    assert "刘洋" in zh.text and "Anna Schmidt" in zh.text and "站台" in zh.text
    # ranked as a medium flag's action: above the stage strategy (9)
    playbook = analyze(anna_met(plant())).deals[0].playbook
    assert item.impact == 8 + 3 and playbook.index(item) < [p.impact for p in playbook].index(9)


def test_a_way_through_others_a_link_or_a_dotted_line_is_enough():
    # the plant manager advises the global director; 刘洋 reports to him: a path through others
    assert not reach_items(plant((t.InfluenceLinkInfo(GM, GLOBAL, "advises", 2),)))
    assert not reach_items(with_person(plant(), GM, dotted_managers=(GLOBAL,)))


def test_no_path_through_an_opponent_link_someone_gone_or_for_a_champion_against_us():
    assert reach_items(anna_met(plant((t.InfluenceLinkInfo(GM, GLOBAL, "opposes", 2),))))
    snap = anna_met(plant((t.InfluenceLinkInfo(GM, GLOBAL, "advises", 2),)))
    assert reach_items(with_person(snap, GM, status="left"))
    # a champion who does not support us is no_champion's question
    assert not reach_items(plant(champion_attitude="neutral"))


def test_asked_to_introduce_the_decider_the_champion_is_told_once_that_nothing_joins_them():
    # Anna never met: decision_maker_not_met sends us through 刘洋, our champion, whom nothing joins to her — one
    # piece of advice saying both, not "ask 刘洋 to introduce Anna" beside "nothing joins 刘洋 to Anna"
    for lang, asks, caveat in (
        (
            "en",
            "Ask for a meeting with Anna Schmidt — through 刘洋",
            "Nothing on the map joins 刘洋 to Anna Schmidt yet",
        ),
        (
            "zh-hans",
            "约见 Anna Schmidt——请刘洋引荐",
            "地图上还没有任何关系把刘洋与拍板的 Anna Schmidt 连起来",
        ),
    ):
        deal = analyze(plant(), lang=lang).deals[0]
        [flag] = [f for f in deal.flags if f.code == "decision_maker_not_met"]
        assert asks in flag.action and caveat in flag.action
        assert not reach_items(plant(), lang)
        [item] = [p for p in deal.playbook if p.flag == "decision_maker_not_met"]
        assert item.text == flag.action
    # a bridge through the plant manager to Anna: 刘洋 reaches her, the introduction stays as it was
    linked = analyze(plant((t.InfluenceLinkInfo(GM, GLOBAL, "advises", 2),))).deals[0]
    [flag] = [f for f in linked.flags if f.code == "decision_maker_not_met"]
    assert "Nothing on the map" not in flag.action and "through 刘洋" in flag.action
