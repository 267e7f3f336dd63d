"""A flag naming someone who decides listens to says so in its reason (sway.py): a new rep's map (session 43) had
Robert Hale deciding, "Mark Ellis is trusted by Robert Hale (strong)", Mark never met and his view of us unknown; the
stale-relationship flag named Mark among the key people never in touch, and nothing said that Robert listens to him."""

from __future__ import annotations

from battlemap.analysis import analyze
from battlemap.analysis import types as t

from .builders import days_ago, one_deal_map, with_person

ROBERT, MARK, TOM, SARAH, LINDA = 1, 2, 3, 4, 5


def harborline(links: tuple[t.InfluenceLinkInfo, ...] = (), robert_met: bool = False) -> t.MapSnapshot:
    people = (
        t.PersonInfo(ROBERT, "Robert Hale", title="CEO"),
        t.PersonInfo(MARK, "Mark Ellis", title="Board adviser"),
        t.PersonInfo(TOM, "Tom Alvarez", title="Procurement Director", reports_to=ROBERT),
        t.PersonInfo(SARAH, "Sarah O'Brien", title="VP, Supply Chain Operations", reports_to=ROBERT),
        t.PersonInfo(LINDA, "Linda Grace", title="Executive Assistant", reports_to=ROBERT),
    )
    stakeholders = (
        t.StakeholderInfo(ROBERT, ("decision_maker",), attitude="neutral", influence=5),
        t.StakeholderInfo(MARK, ("influencer",), attitude="unknown", influence=5),
        t.StakeholderInfo(
            TOM, ("purchaser",), attitude="opponent", influence=5, favoured_competitor="Samsara"
        ),
        t.StakeholderInfo(SARAH, ("champion",), attitude="advocate", influence=3),
        t.StakeholderInfo(LINDA, ("gatekeeper",), attitude="unknown", influence=4),
    )
    return one_deal_map(
        ("harborline-freight", "Harborline Freight Inc."),
        people,
        stakeholders,
        deal="Fleet visibility platform",
        links=links,
        met=(SARAH, ROBERT) if robert_met else (SARAH,),
        met_on=days_ago(3),
    )


TRUSTED = t.InfluenceLinkInfo(MARK, ROBERT, "trusts", 3)  # Mark Ellis is trusted by Robert Hale, strong


def flag(snapshot: t.MapSnapshot, code: str, lang: str = "en") -> t.Flag:
    [found] = [f for f in analyze(snapshot, lang=lang).deals[0].flags if f.code == code]
    return found


def test_the_key_person_never_met_is_said_to_be_the_one_who_decides_listens_to():
    stale = flag(harborline((TRUSTED,)), "stale_relationship")
    assert MARK in stale.people
    assert stale.reason.endswith("key people in this deal. Robert Hale, who decides, listens to Mark Ellis.")
    zh = flag(harborline((TRUSTED,)), "stale_relationship", "zh-hans")
    assert zh.reason.endswith("。拍板的 Robert Hale 听取 Mark Ellis 的意见。")
    # without the link nothing is said: the rep's map before it was drawn
    assert "listens to" not in flag(harborline(), "stale_relationship").reason


def test_an_opponent_and_a_competitors_ally_whom_who_decides_listens_to():
    advises = t.InfluenceLinkInfo(TOM, ROBERT, "advises", 2)
    for code, start in (
        ("unaddressed_opponent", "Tom Alvarez doubts or opposes us"),
        ("competitor_favoured", "Tom Alvarez favours a competitor (Samsara)."),
    ):
        reason = flag(harborline((advises,), robert_met=True), code).reason
        assert reason.startswith(start)
        assert reason.endswith(" Robert Hale, who decides, listens to Tom Alvarez.")


def test_an_opposing_link_a_link_the_other_way_or_someone_gone_sways_nobody():
    for links in (
        (t.InfluenceLinkInfo(MARK, ROBERT, "opposes", 3),),
        (t.InfluenceLinkInfo(ROBERT, MARK, "advises", 3),),  # Robert advises Mark: Mark listens to Robert
    ):
        assert "listens to" not in flag(harborline(links), "stale_relationship").reason
    snap = harborline((TRUSTED, t.InfluenceLinkInfo(TOM, ROBERT, "advises", 2)))
    [stale] = [
        f
        for f in analyze(with_person(snap, MARK, status="left")).deals[0].flags
        if f.code == "stale_relationship"
    ]
    assert stale.reason.endswith("Robert Hale, who decides, listens to Tom Alvarez.")


def test_the_way_in_to_who_decides_is_said_to_be_heard_by_them():
    # we met Sarah, who advises Robert: she is the way in, and the reason says why
    advises = t.InfluenceLinkInfo(SARAH, ROBERT, "advises", 2)
    dm = flag(harborline((advises,)), "decision_maker_not_met")
    assert "through Sarah O'Brien" in dm.action
    assert dm.reason == (
        "Robert Hale decides, but we have never had a meeting, call, visit or interview with them. "
        "Robert Hale, who decides, listens to Sarah O'Brien."
    )
    # through her reporting line only: nothing to add
    assert "listens to" not in flag(harborline(), "decision_maker_not_met").reason
