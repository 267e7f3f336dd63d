"""The way in to someone we never met goes first through the people we met who are joined to them — an influence link
or a reporting line, the strongest first — then through our champions and coaches (seed 001 §6: 搭建沟通桥梁): a coach
was told to reach a party secretary through an engineer, never through the general manager who advises him and whom
we had met."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis import types as t

from .builders import days_ago, with_stakeholder
from .test_influence_links import LI, WANG, ZHANG, power_grid_group

ADVISES = t.InfluenceLinkInfo(LI, WANG, "advises", 3)


def _met_the_gm(snapshot: t.MapSnapshot, kind: str = "meeting") -> t.MapSnapshot:
    """The reviewer's group (王建国 decides, never met; the champion 刘强 and the coach 吴磊 met), and a `kind` with the
    general manager 李明, who reports to 王建国."""
    return replace(
        snapshot, interactions=(*snapshot.interactions, t.InteractionInfo(101, days_ago(3), kind, (LI,)))
    )


def _ask(snapshot: t.MapSnapshot, lang: str = "en") -> str:
    [flag] = [f for f in analyze(snapshot, lang=lang).deals[0].flags if f.code == "decision_maker_not_met"]
    return flag.action


def test_the_general_manager_who_advises_the_secretary_is_the_way_in_not_the_engineer():
    assert "through 刘强, 吴磊," in _ask(power_grid_group((ADVISES,)))  # nobody met is joined to him
    snap = _met_the_gm(power_grid_group((ADVISES,)))
    action = _ask(snap)
    assert "through 李明, 刘强," in action and "吴磊" not in action
    assert "请李明、刘强引荐" in _ask(snap, "zh-hans")


def test_the_strongest_link_comes_first_whatever_the_influence():
    # 张伟 (influence 4) advises 王建国 at strength 3; 李明 (influence 5) only reports to him: a solid line weighs 1
    snap = _met_the_gm(power_grid_group((t.InfluenceLinkInfo(ZHANG, WANG, "advises", 3),)))
    assert "through 张伟, 李明," in _ask(snap)


def test_no_bridge_who_opposes_the_person_is_against_us_or_was_never_met():
    # 李明 opposes 王建国: his reporting line is no bridge then
    opposing = _met_the_gm(power_grid_group((t.InfluenceLinkInfo(LI, WANG, "opposes", 3),)))
    against_us = with_stakeholder(_met_the_gm(power_grid_group((ADVISES,))), LI, attitude="skeptic")
    emailed = _met_the_gm(power_grid_group((ADVISES,)), kind="email")
    for snap in (opposing, against_us, emailed):
        action = _ask(snap)
        assert "李明" not in action and "through 刘强, 吴磊," in action


SECRETARY = 30


def _met_his_secretary(snapshot: t.MapSnapshot, **person) -> t.MapSnapshot:
    """The chairman's office head, who reports to him and holds no role in the deal, met last week."""
    office = t.PersonInfo(SECRETARY, "马晓燕", title="董事会办公室主任", reports_to=WANG, **person)
    return replace(
        snapshot,
        people=(*snapshot.people, office),
        interactions=(*snapshot.interactions, t.InteractionInfo(102, days_ago(6), "visit", (SECRETARY,))),
    )


def test_someone_we_met_who_holds_no_role_is_a_way_in_too():
    # seed 001 §6: the relationship map, not only the deal's roles, shows the bridge to the chairman
    snap = _met_his_secretary(power_grid_group())
    assert "through 马晓燕, 刘强," in _ask(snap)
    assert "请马晓燕、刘强引荐" in _ask(snap, "zh-hans")
    # the deal's own people joined to him, whose attitude we know, come first
    assert "through 李明, 马晓燕," in _ask(_met_the_gm(snap))


def test_no_way_in_through_someone_gone_never_met_or_opposing_him():
    gone = _met_his_secretary(power_grid_group(), status="left")
    opposing = _met_his_secretary(power_grid_group((t.InfluenceLinkInfo(WANG, SECRETARY, "opposes", 2),)))
    mailed = replace(
        _met_his_secretary(power_grid_group()),
        interactions=(
            *power_grid_group().interactions,
            t.InteractionInfo(102, days_ago(6), "email", (SECRETARY,)),
        ),
    )
    for snap in (gone, opposing, mailed):
        assert "马晓燕" not in _ask(snap)
