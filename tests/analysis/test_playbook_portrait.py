"""The playbook uses what the portrait and the deal record (seeds 001, 002, 004): decision style and
needs level shape the advice per key person; decision factors pick the materials; the channels of the
current stage say where to place them. Compared as strategy codes, not prose."""

from __future__ import annotations

from battlemap.analysis import analyze
from battlemap.analysis.types import DecisionFactorInfo, StageChannelsInfo

from .builders import CHEN, LI, WANG, healthy_snapshot, with_deal, with_person, with_stakeholder


def codes(snapshot, lang="en"):
    return [item.code for item in analyze(snapshot, lang=lang).deals[0].playbook]


def portrait_codes(snapshot):
    return [c for c in codes(snapshot) if c.startswith(("style_", "needs_"))]


def test_no_portrait_no_portrait_advice():
    assert portrait_codes(healthy_snapshot()) == []


def test_decision_style_changes_the_advice_for_a_key_person():
    analytical = with_person(healthy_snapshot(), WANG, decision_style="analytical")
    driver = with_person(healthy_snapshot(), WANG, decision_style="driver")
    assert portrait_codes(analytical) == ["style_analytical"]
    assert portrait_codes(driver) == ["style_driver"]
    item = next(i for i in analyze(driver, lang="en").deals[0].playbook if i.code == "style_driver")
    assert item.people == (WANG,) and "王总" in item.text


def test_needs_level_changes_the_advice_and_people_sharing_it_are_one_item():
    snap = with_person(with_person(healthy_snapshot(), WANG, needs_level="esteem"), LI, needs_level="esteem")
    items = [i for i in analyze(snap).deals[0].playbook if i.code.startswith("needs_")]
    assert [(i.code, i.people) for i in items] == [("needs_esteem", (WANG, LI))]
    safety = with_person(healthy_snapshot(), WANG, needs_level="safety")
    assert portrait_codes(safety) == ["needs_safety"]


def test_a_minor_persons_portrait_gives_no_advice():
    # 陈主管 has influence 2 in the deal: not a key person
    assert portrait_codes(with_person(healthy_snapshot(), CHEN, decision_style="expressive")) == []


def test_the_heaviest_decision_factors_pick_the_materials():
    factors = (
        DecisionFactorInfo("compliance", 5),
        DecisionFactorInfo("price", 3),
        DecisionFactorInfo("brand", 1),
        DecisionFactorInfo("risk", 1),
    )  # 50 %, 30 %, 10 %, 10 %: the two above an even quarter
    found = [
        c for c in codes(with_deal(healthy_snapshot(), decision_factors=factors)) if c.startswith("material_")
    ]
    assert found == ["material_compliance", "material_price"]
    zero = (DecisionFactorInfo("risk", 0),)
    assert not any(
        c.startswith("material_") for c in codes(with_deal(healthy_snapshot(), decision_factors=zero))
    )


def test_channels_of_the_current_stage_are_named_and_asked_for_when_unknown():
    channels = (
        StageChannelsInfo("evaluation", ("peers", "events")),
        StageChannelsInfo("purchase_decision", ()),
    )
    known = with_deal(healthy_snapshot(), stage="evaluation", channels=channels)
    item = next(i for i in analyze(known, lang="zh-hans").deals[0].playbook if i.code == "stage_channels")
    assert "同行" in item.text and "行业活动" in item.text
    unknown = with_deal(healthy_snapshot(), stage="information_search", channels=channels)
    assert "ask_channels" in codes(unknown) and "stage_channels" not in codes(unknown)
    # at the purchase decision it is too late to ask where they look
    late = codes(with_deal(healthy_snapshot(), channels=channels))
    assert "ask_channels" not in late and "stage_channels" not in late


def test_a_gatekeeper_is_advised_as_the_door_to_the_leader_and_as_a_technical_gate():
    # trial 23: 院办主任 钱红, who holds the president's diary, was told only to state technical requirements
    from battlemap.analysis import analyze
    from battlemap.vocab import BUYING_ROLES

    from .builders import LI, healthy_snapshot, with_person, with_stakeholder

    def advice(title):
        snapshot = with_person(
            with_stakeholder(healthy_snapshot(), LI, roles=("gatekeeper",)), LI, title=title
        )
        return [
            i.text for i in analyze(snapshot, lang="en").deals[0].playbook if i.code == "gate_requirements"
        ]

    # a title that says which kind: only what fits (a sales director's trial: a CIO got the either/or text)
    [diary] = advice("院办主任")
    assert advice("综合办主任") == [diary]
    assert "the leader's diary and agenda" in diary and "compliance" not in diary
    [checks] = advice("CTO")
    assert "requirements they check" in checks and "diary" not in checks
    assert advice("董事会秘书") == advice("联络人")  # a board secretary is an officer: neither kind by title
    [either] = advice("联络人")
    assert "the leader's diary and agenda" in either and "compliance requirements" in either
    assert "院办主任" in BUYING_ROLES.help("gatekeeper", "zh-hans")
    assert "office" in BUYING_ROLES.help("gatekeeper", "en") and "diary" in BUYING_ROLES.help(
        "gatekeeper", "en"
    )


def test_a_champion_of_middling_influence_is_a_key_person_for_the_portrait_advice():
    # 李工 is the champion: key whatever his influence rating (coverage.is_key_person, DESIGN.md)
    snap = with_stakeholder(with_person(healthy_snapshot(), LI, decision_style="analytical"), LI, influence=3)
    assert portrait_codes(snap) == ["style_analytical"]


def test_the_discipline_finance_and_legal_gates_are_told_to_learn_their_requirements():
    # review rev2: 总会计师 赵丽 and 纪委书记 孙涛 were told to book the leader's diary through them, like an 办公室主任
    from battlemap.analysis import analyze

    from .builders import LI, ZHANG, healthy_snapshot, with_person, with_stakeholder

    def advice(title, lang="zh-hans"):
        snapshot = with_stakeholder(healthy_snapshot(), LI, roles=("gatekeeper",))
        snapshot = with_stakeholder(snapshot, ZHANG, roles=("gatekeeper",))
        snapshot = with_person(with_person(snapshot, LI, title=title), ZHANG, title="办公室主任")
        return [
            i.text for i in analyze(snapshot, lang=lang).deals[0].playbook if i.code == "gate_requirements"
        ]

    for title in (
        "纪委书记",
        "纪检监察室主任",
        "总会计师",
        "财务部部长",
        "风控总监",
        "法律合规部部长",
        "审计部部长",
    ):
        texts = advice(title)
        # 李工 gets the requirements text alone, the office head the diary text alone: two items, neither either/or
        assert len(texts) == 2, title
        checks = next(t for t in texts if "李工" in t)
        assert "把关的技术或合规要求" in checks and "日程" not in checks and "张经理" not in checks, title
    for title in ("CFO", "Financial Controller", "General Counsel", "Chief Compliance Officer", "Head of Internal Audit",
                  "Secretary of the Discipline Inspection Commission"):  # fmt: skip
        checks = next(t for t in advice(title, "en") if "李工" in t)
        assert "requirements they check" in checks and "diary" not in checks, title
