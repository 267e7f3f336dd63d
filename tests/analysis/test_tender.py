"""A deal decided by a tender's bid evaluation committee is won on paper, never by meeting its experts (招标投标法
第三十七条: their names are secret until the award; 第四十四条: they may not meet a bidder in private): the s39 coach was
told, as a high red flag costing health, to "find out who sits on 评标委员会 … and meet one of them"."""

from __future__ import annotations

from dataclasses import replace

from battlemap.analysis import analyze
from battlemap.analysis import types as t

from .builders import TODAY, days_ago, org_chart

DEAN, VICE, HEAD, ENGINEER, BUYER = 1, 2, 3, 4, 5
COMMITTEE = 50


def hospital_tender(kind: str = "bid_committee", members: tuple[int, ...] = ()) -> t.MapSnapshot:
    people = org_chart(
        (DEAN, "刘院长", "院长", None),
        (VICE, "赵副院长", "分管信息化副院长", DEAN),
        (HEAD, "周主任", "信息科主任", VICE),
        (ENGINEER, "吴工", "信息科工程师", HEAD),
        (BUYER, "钱科长", "采购办科长", VICE),
    )
    committee = t.BodyInfo(COMMITTEE, "评标委员会", kind, members=members, decision_rule="majority")
    deal = t.DealInfo(
        9,
        "HIS 系统升级（公开招标）",
        stage="evaluation",
        stakeholders=(
            t.StakeholderInfo(HEAD, ("champion", "influencer"), attitude="supporter", influence=4),
            t.StakeholderInfo(ENGINEER, ("user", "coach"), attitude="supporter", influence=2),
            t.StakeholderInfo(BUYER, ("purchaser",), attitude="neutral", influence=3),
        ),
        body_roles=(t.BodyRoleInfo(COMMITTEE, ("decision_maker",)),),
    )
    return t.MapSnapshot(
        t.AccountInfo(1, "shiyiyuan", "某市第一人民医院"),
        TODAY,
        people=people,
        deals=(deal,),
        bodies=(committee,),
        interactions=(t.InteractionInfo(1, days_ago(10), "meeting", (HEAD, ENGINEER, BUYER)),),
    )


def test_the_bid_committee_is_not_to_be_met_the_tender_is_won_on_paper():
    for snap in (hospital_tender(), hospital_tender(members=(VICE,))):
        deal = analyze(snap, lang="zh-hans").deals[0]
        assert "approving_body_not_met" not in [f.code for f in deal.flags]
        assert not any("见面" in p.text and "评标委员会" in p.text for p in deal.playbook)
        first = deal.playbook[0]
        assert first.code == "win_on_paper" and first.people == (HEAD, ENGINEER)
        assert (
            "评标委员会按评分办法评标定标" in first.text
            and "通过周主任、吴工把我们的优势写进技术要求和评分办法" in first.text
        )
    en = analyze(hospital_tender()).deals[0].playbook[0].text
    assert "may not be approached" in en and "through 周主任, 吴工" in en


def test_another_body_deciding_collectively_is_still_to_be_met():
    deal = analyze(hospital_tender(kind="procurement_committee", members=(VICE,))).deals[0]
    assert "approving_body_not_met" in [f.code for f in deal.flags]
    assert "win_on_paper" not in [p.code for p in deal.playbook]


def test_with_nobody_supporting_us_the_needing_department_shapes_the_documents():
    snap = hospital_tender()
    deal = replace(
        snap.deals[0],
        stakeholders=tuple(replace(sh, attitude="neutral") for sh in snap.deals[0].stakeholders),
    )
    [item] = [
        p
        for p in analyze(replace(snap, deals=(deal,)), lang="zh-hans").deals[0].playbook
        if p.code == "win_on_paper"
    ]
    assert "通过需求部门把" in item.text and item.people == ()


def _with_steps(*statuses: tuple[str, str], stage: str = "evaluation") -> t.MapSnapshot:
    snap = hospital_tender()
    steps = tuple(t.ProcessStepInfo(i, kind, status=status) for i, (kind, status) in enumerate(statuses, 1))
    return replace(snap, deals=(replace(snap.deals[0], process=steps, stage=stage),))


def _advice(snap: t.MapSnapshot, lang: str = "zh-hans") -> t.PlaybookItem:
    return next(p for p in analyze(snap, lang=lang).deals[0].playbook if p.code == "win_on_paper")


def test_the_tender_advice_follows_the_purchase_process():
    before = _advice(
        _with_steps(("project_approval", "done"), ("tender_notice", "planned"), ("bidding", "planned"))
    )
    assert "招标文件发布前" in before.text and before.people == (HEAD, ENGINEER)
    opened = _advice(_with_steps(("tender_notice", "done"), ("bidding", "planned")))
    assert "招标文件发布前" not in opened.text and opened.people == ()
    assert "投标截止时间10日前" in opened.text and "第二十二条" in opened.text
    for snap in (
        _with_steps(("tender_notice", "done"), ("bidding", "done"), ("bid_evaluation", "planned")),
        _with_steps(("tender_notice", "done"), ("bidding", "in_progress"), ("bid_evaluation", "in_progress")),
        _with_steps(stage="purchase_decision"),  # no tender step: by the decision-chain stage
    ):
        after = _advice(snap)
        assert "招标文件发布前" not in after.text and "投标截止" not in after.text
        assert (
            "澄清" in after.text
            and "述标" in after.text
            and "公示期间" in after.text
            and "第五十四条" in after.text
        )
    en = _advice(_with_steps(("tender_notice", "done"), ("bidding", "done")), lang="en").text
    assert "before the tender documents are published" not in en and "art. 54" in en and "presentation" in en
