"""Influence scores: explained parts, oriented so a person influential people listen to ranks high."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis.types import AccountInfo, InfluenceLinkInfo, MapSnapshot, PersonInfo

from .builders import LI, TODAY, WANG, ZHANG, healthy_snapshot


def people(n):
    return tuple(PersonInfo(i, f"P{i}") for i in range(1, n + 1))


def scores(snapshot):
    return {pid: s.score for pid, s in analyze(snapshot).influence.items()}


def test_parts_add_up_to_the_score_and_stay_within_their_weight():
    for score in analyze(healthy_snapshot()).influence.values():
        assert 0 <= score.score <= 100
        assert abs(sum(p.points for p in score.parts) - score.score) <= 1
        assert all(0 <= p.points <= p.weight for p in score.parts)


def test_a_person_whom_influential_people_listen_to_scores_high():
    # 2, 3 and 4 all listen to 1 (1 sways them); 5 sways only 6, whom nobody listens to.
    links = (
        InfluenceLinkInfo(1, 2),
        InfluenceLinkInfo(1, 3),
        InfluenceLinkInfo(1, 4),
        InfluenceLinkInfo(2, 3),
        InfluenceLinkInfo(5, 6),
    )
    snap = MapSnapshot(AccountInfo(1, "a", "A"), TODAY, people=people(6), links=links)
    result = scores(snap)
    assert result[1] == max(result.values())
    assert result[1] > result[5] > result[6]  # swaying someone counts; being swayed does not
    assert result[2] > result[3]  # 3 listens to 2, so 2 gains


def test_oppose_links_give_no_influence():
    snap = MapSnapshot(
        AccountInfo(1, "a", "A"),
        TODAY,
        people=people(3),
        links=(InfluenceLinkInfo(1, 2, kind="opposes"), InfluenceLinkInfo(3, 2)),
    )
    result = scores(snap)
    assert result[3] > result[1] == result[2]


def test_power_and_budget_control_raise_formal_authority():
    # 李工 (power 4), not 王总: who decides the deal holds the decision's whole authority (test_decision_power.py)
    snap = healthy_snapshot()
    before = analyze(snap).influence[LI].parts[0].points
    weaker = replace(
        snap, people=tuple(replace(p, power=2, budget_control=1) if p.id == LI else p for p in snap.people)
    )
    assert analyze(weaker).influence[LI].parts[0].points < before


def test_top_drivers_are_in_words():
    drivers = analyze(healthy_snapshot()).influence[WANG].drivers
    assert "manages 4 people" in drivers
    assert any("decision maker in ERP 升级" in d for d in drivers)


def test_a_manager_of_one_manages_one_person():
    snap = MapSnapshot(
        AccountInfo(1, "a", "A"), TODAY, people=(PersonInfo(1, "Boss"), PersonInfo(2, "Aide", reports_to=1))
    )
    assert "manages 1 person" in analyze(snap).influence[1].drivers


def test_a_reporting_cycle_does_not_hang():
    cyc = (PersonInfo(1, "A", reports_to=2), PersonInfo(2, "B", reports_to=1))
    snap = MapSnapshot(AccountInfo(1, "a", "A"), TODAY, people=cyc)
    assert set(scores(snap)) == {1, 2}


def test_expertise_and_network_raise_informal_influence_and_are_named():
    snap = healthy_snapshot()

    def with_traits(expertise, network):
        people = tuple(
            replace(p, expertise=expertise, network=network) if p.id == ZHANG else p for p in snap.people
        )
        return analyze(replace(snap, people=people), lang="en").influence[ZHANG]

    unrated, low, high = with_traits(None, None), with_traits(1, 2), with_traits(5, 5)
    assert high.score > unrated.score and high.score > low.score
    assert high.parts[1].points > low.parts[1].points  # the informal part moves, not the formal one
    assert high.parts[0].points == low.parts[0].points
    assert "expertise 5/5" in high.drivers or "network 5/5" in high.drivers
    assert not any("expertise" in d or "network" in d for d in low.drivers)


def test_equal_listeners_are_named_in_the_snapshots_order_not_by_id():
    """Ties follow the snapshot (people by name, from the map layer): ids do not survive a copy of the account."""
    people_ = (PersonInfo(3, "Ann"), PersonInfo(9, "Ben"), PersonInfo(5, "Sam"))
    links = (InfluenceLinkInfo(5, 9), InfluenceLinkInfo(5, 3))  # Sam sways Ann and Ben alike
    snap = MapSnapshot(AccountInfo(1, "a", "A"), TODAY, people=people_, links=links)
    assert "listened to by Ann, Ben" in analyze(snap).influence[5].drivers


def test_without_shared_interactions_no_one_is_said_central_in_meetings_and_mails():
    """A tester's map: no interaction at all, two managers of one report each. Their informal influence comes
    from the reports who listen to them; the reason names those reports, never shared meetings and mails."""
    team = (
        PersonInfo(1, "王总", title="总经理"),
        PersonInfo(2, "李娜", title="财务总监"),
        PersonInfo(3, "周会计", reports_to=2),
        PersonInfo(4, "张伟"),
        PersonInfo(5, "陈工", reports_to=4),
    )
    snap = MapSnapshot(AccountInfo(1, "a", "A"), TODAY, people=team)
    for lang, central, heard in (
        ("en", "central in shared meetings and mails", "listened to by 周会计"),
        ("zh-hans", "在会议和邮件往来中处于中心位置", "周会计"),
    ):
        influence = analyze(snap, lang=lang).influence
        reasons = [r for s in influence.values() for r in s.drivers]
        assert not any(central in r for r in reasons)
        assert any(heard in r for r in influence[2].drivers)
