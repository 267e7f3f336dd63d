"""The snapshot built from the database, now and as of an earlier day, and the shared analysis helper."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from battlemap.accounts.models import Account, ExternalFactor
from battlemap.analysis.flag_registry import FLAG_CODES
from battlemap.deals.models import ActionItem, Deal, StakeholderRole
from battlemap.demo.loader import load_demo
from battlemap.interactions.models import Interaction, Participant
from battlemap.maps import account_analysis, build_snapshot, changes_since
from battlemap.people.models import InfluenceLink, Person
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return {a.slug: a for a in Account.objects.all()}


def _backdate(days: int) -> None:
    """Pretend everything recorded so far was recorded `days` earlier (order kept)."""
    for model in (
        Account,
        Person,
        InfluenceLink,
        ExternalFactor,
        Deal,
        StakeholderRole,
        ActionItem,
        Interaction,
        Participant,
    ):
        model.history.update(history_date=F("history_date") - timedelta(days=days))


def test_the_demo_shows_every_flag_code(demo):
    raised = set()
    for account in demo.values():
        for deal in account_analysis(account=account, lang="en")["deals"]:
            raised |= {flag["code"] for flag in deal["flags"]}
    # neither demo account is loyal; detractor_at_loyal_account is shown in tests/analysis/test_feedback.py. The
    # demo's approving bodies are reached or decided by their chair (集团党委会: 陈国强, asked for by
    # decision_maker_not_met); approving_body_not_met, a body deciding collectively never met, is shown in
    # tests/analysis/test_process_flags.py and test_collective_decision.py
    assert raised == set(FLAG_CODES) - {"detractor_at_loyal_account", "approving_body_not_met"}


def test_the_demo_chairman_is_asked_for_through_the_people_he_listens_to(demo):
    """hdny: 陈国强 was to be reached through the champion and the architect 许文博 (influence 2); the general manager
    (his formal line, strength 3) and the chief accountant who advises him, both met, are the way in (seed 001 §6)."""
    [deal] = [
        d
        for d in account_analysis(account=demo["hdny"], lang="zh-hans")["deals"]
        if d["stage"] == "evaluation"
    ]
    [flag] = [f for f in deal["flags"] if f["code"] == "decision_maker_not_met"]
    assert "请刘卫东、孙丽华引荐" in flag["action"] and "许文博" not in flag["action"]


def test_snapshot_carries_the_map(world):
    boss = world.cn_boss
    staff = Person.objects.get(account=world.cn, name="李明")
    f.link(source=staff, target=boss, kind="advises", strength=3)
    f.factor(account=world.cn, kind="policy", description="信创政策", effect=2)
    StakeholderRole.objects.filter(person=boss).update(favoured_competitor="华为云")
    f.interaction(account=world.cn, people=[boss, staff], days_ago=3, kind="visit")
    f.action(deal=world.cn_deal, person=boss, text="送 ROI 报告")
    snap = build_snapshot(account=world.cn)
    assert snap.account.slug == "guodian" and snap.today == timezone.localdate()
    people = {p.id: p for p in snap.people}
    assert people[staff.pk].reports_to == boss.pk
    assert [(link.source, link.target, link.strength) for link in snap.links] == [(staff.pk, boss.pk, 3)]
    assert snap.external_factors[0].effect == 2
    (deal,) = snap.deals
    assert deal.stage == "evaluation"
    assert deal.stakeholders[0].favoured_competitor == "华为云" and deal.stakeholders[0].roles == (
        "decision_maker",
    )
    (meeting,) = snap.interactions
    assert set(meeting.participants) == {boss.pk, staff.pk} and meeting.kind == "visit"
    assert snap.action_items[0].person_id == boss.pk
    other = build_snapshot(account=world.other)
    assert other.people == () and other.deals == ()


def test_snapshot_uses_few_queries_whatever_the_size(world, django_assert_max_num_queries):
    people = [f.person(account=world.cn) for _ in range(30)]
    for p in people:
        f.role(deal=world.cn_deal, person=p, roles=("user",))
        f.interaction(account=world.cn, people=[p, world.cn_boss])
    from battlemap.process import services as process

    for n in range(5):  # decision bodies, their roles and the process: a query each, whatever their number
        body = process.body_create(account=world.cn, name=f"委员会 {n}", members=people[n : n + 3])
        process.body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
        process.step_create(deal=world.cn_deal, kind="budget", body=body, people=people[n : n + 2])
    # and the customer's answers (surveys): one more query, whatever their number
    with django_assert_max_num_queries(18):
        snap = build_snapshot(account=world.cn)
    assert len(snap.people) == 32 and len(snap.interactions) == 30
    assert len(snap.bodies) == 5 and len(snap.deals[0].process) == 5 and snap.bodies[0].members


def test_as_of_before_an_edit_gives_the_earlier_result(world):
    role = StakeholderRole.objects.get(person=world.cn_boss)
    role.attitude, role.personal_win = "supporter", "标杆"
    role.save()
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=3)
    _backdate(10)
    role.attitude = "opponent"
    role.favoured_competitor = "华为云"
    role.save()
    yesterday = timezone.localdate() - timedelta(days=1)

    earlier = build_snapshot(account=world.cn, as_of=yesterday)
    assert earlier.deals[0].stakeholders[0].attitude == "supporter"
    assert earlier.today == yesterday
    assert build_snapshot(account=world.cn).deals[0].stakeholders[0].attitude == "opponent"

    then = account_analysis(account=world.cn, lang="en", as_of=yesterday)["deals"][0]
    now = account_analysis(account=world.cn, lang="en")["deals"][0]
    assert "competitor_favoured" not in {f["code"] for f in then["flags"]}
    assert "competitor_favoured" in {f["code"] for f in now["flags"]}
    assert then["health"]["score"] > now["health"]["score"]


def test_as_of_rebuilds_the_demo_before_a_person_left(demo):
    account = demo["hdny"]
    before = timezone.localdate() - timedelta(days=31)
    then = account_analysis(account=account, lang="en", as_of=before)
    now = account_analysis(account=account, lang="en")
    codes = lambda data: {f["code"] for d in data["deals"] for f in d["flags"]}  # noqa: E731
    assert "key_person_left" in codes(now) and "key_person_left" not in codes(then)
    assert "unaddressed_opponent" in codes(now) and "unaddressed_opponent" not in codes(then)


def test_changes_since_a_date_tell_the_story(demo):
    since = timezone.localdate() - timedelta(days=31)
    changes = changes_since(account=demo["hdny"], lang="zh", since=since)
    assert {"key_person_left", "unaddressed_opponent"} <= {c["code"] for c in changes["new_flags"]}
    assert [p["name"] for p in changes["people_left"]] == ["冯晓东"]
    assert any("中立 → 反对" in p["detail"] for p in changes["people_rerated"])


def test_as_of_before_the_account_existed_is_refused(world):
    with pytest.raises(ValueError, match="as_of"):
        build_snapshot(account=world.cn, as_of=timezone.localdate() - timedelta(days=400))


def test_a_deal_of_another_account_is_refused(world):
    other_deal = f.deal(account=world.other)
    with pytest.raises(ValueError, match="deal"):
        account_analysis(account=world.cn, lang="en", deal_id=other_deal.pk)


def test_interaction_days_are_local_days(world, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    late = datetime(2026, 11, 20, 20, 30, 15, 123456, tzinfo=UTC)  # 04:30 on the 21st in Shanghai
    f.interaction(account=world.cn, people=[world.cn_boss], occurred_at=late)
    f.interaction(
        account=world.cn, people=[world.cn_boss], occurred_at=datetime(2026, 11, 20, 15, 59, tzinfo=UTC)
    )
    days = sorted(i.occurred_on for i in build_snapshot(account=world.cn).interactions)
    assert days == [date(2026, 11, 20), date(2026, 11, 21)]


def test_snapshot_carries_decision_factors_and_channels_and_the_playbook_uses_them(world):
    Deal.objects.filter(pk=world.cn_deal.pk).update(
        decision_factors={"price": 2, "compliance": 5, "bogus": 9},
        channels={"evaluation": ["peers", "events"], "need_recognition": ["web_search"]},
    )
    (deal,) = build_snapshot(account=world.cn).deals
    assert [(f.factor, f.weight) for f in deal.decision_factors] == [("compliance", 5.0), ("price", 2.0)]
    assert [(c.stage, c.channels) for c in deal.channels] == [
        ("need_recognition", ("web_search",)),
        ("evaluation", ("peers", "events")),
    ]
    codes = [item["code"] for item in account_analysis(account=world.cn, lang="en")["deals"][0]["playbook"]]
    assert "material_compliance" in codes and "stage_channels" in codes


def test_two_people_of_one_name_are_told_apart_in_the_analysis_sentences(db):
    # a tester's two 张强 read "为张强、刘芳、黄静、张强安排上手演示" and "陈思远、张强偏向竞争对手"
    owner = f.user("namesakes")
    account = f.account(owner=owner, slug="hospital")
    deal = f.deal(account=account, stage="evaluation")
    cardiology = f.person(account=account, name="张强", title="心内科主任")
    emergency = f.person(account=account, name="张强", title="急诊科护士长")
    other = f.person(account=account, name="刘芳", title="护士")
    for person in (cardiology, emergency, other):
        f.role(deal=deal, person=person, roles=("user",), attitude="neutral", influence=2)
    people = {p.id: p for p in build_snapshot(account=account).people}
    assert people[cardiology.id].namesake_note == "心内科主任" and people[other.id].namesake_note == ""

    def sentences(lang: str) -> str:
        deal_result = account_analysis(account=account, lang=lang)["deals"][0]
        return " ".join(
            [x["reason"] + x["action"] for x in deal_result["flags"]]
            + [x["text"] for x in deal_result["playbook"]]
        )

    chinese = sentences("zh")
    assert "张强（心内科主任）" in chinese and "张强（急诊科护士长）" in chinese and "刘芳（" not in chinese
    assert "张强 (心内科主任)" in sentences("en")


def test_a_close_date_pushed_in_the_deal_room_is_read_from_history_and_flagged(world, client):
    """The deal's expected close moved later twice (its history): the snapshot carries the moves, the analysis
    flags the slipping deal and the deal room shows it; as of the moment before the moves, nothing."""
    from battlemap.deals.services import deal_update

    today = timezone.localdate()
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal = deal_update(deal=deal, version=deal.version, expected_close=today + timedelta(days=30))
    first = today + timedelta(days=30)
    Deal.history.filter(id=deal.pk).update(history_date=F("history_date") - timedelta(days=3))
    before = timezone.now()
    deal = deal_update(deal=deal, version=deal.version, expected_close=first + timedelta(days=21))
    deal = deal_update(deal=deal, version=deal.version, expected_close=first + timedelta(days=42))
    moves = build_snapshot(account=world.cn).deals[0].close_moves
    assert [(m.before, m.after) for m in moves] == [
        (first, first + timedelta(days=21)),
        (first + timedelta(days=21), first + timedelta(days=42)),
    ]
    result = account_analysis(account=world.cn, lang="en")
    flags = {f["code"]: f for f in result["deals"][0]["flags"]}
    assert "close_date_pushed" in flags and "42 days in all" in flags["close_date_pushed"]["reason"]
    assert build_snapshot(account=world.cn, as_of=before).deals[0].close_moves == ()
    client.force_login(world.owner)
    room = client.get(f"/accounts/{world.cn.slug}/deals/{deal.pk}/", headers={"Accept-Language": "en"})
    assert "moved later in the last 90 days" in room.content.decode()
