"""Decision bodies and the purchase process: the services' rules, the analysis reading them from the
database, and the map format carrying them (export → import → export, exact)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from battlemap.core.services import StaleEdit
from battlemap.maps import account_analysis
from battlemap.people.models import Person
from battlemap.people.services.merge import person_merge
from battlemap.process import services
from battlemap.process.models import BodyMember, ProcessStep
from battlemap.users.services import token_create
from tests import factories as f
from tests.io.test_web_and_commands import _normalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def party(world):
    li = Person.objects.get(account=world.cn, name="李明")
    return services.body_create(
        account=world.cn,
        name="党委会",
        kind="party_committee",
        chair=world.cn_boss,
        decision_rule="chair_decides",
        meets="每月第一周周二",
        next_meeting=timezone.localdate() + timedelta(days=20),
        members=[li],
    )


def test_the_chair_sits_on_the_body(world, party):
    assert set(party.members.values_list("person__name", flat=True)) == {"王建国", "李明"}
    li = Person.objects.get(account=world.cn, name="李明")
    party = services.body_update(body=party, version=party.version, chair=li, members=[])
    assert list(party.members.values_list("person__name", flat=True)) == ["李明"]


def test_members_and_chair_come_from_the_account(world):
    stranger = f.person(account=world.en, name="Jane Roe")
    with pytest.raises(ValidationError) as e:
        services.body_create(account=world.cn, name="董事会", kind="board", members=[stranger])
    assert "members" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.body_create(account=world.cn, name="董事会", kind="board", chair=stranger)
    assert "chair" in e.value.message_dict


def test_a_stale_body_edit_is_refused(party):
    services.body_update(body=party, version=party.version, meets="每周一")
    with pytest.raises(StaleEdit):
        services.body_update(body=party, version=party.version, meets="每周二")


def test_a_body_holds_one_role_per_deal(world, party):
    services.body_role_create(deal=world.cn_deal, body=party, roles=["decision_maker"])
    with pytest.raises(ValidationError) as e:
        services.body_role_create(deal=world.cn_deal, body=party, roles=["influencer"])
    assert "body" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.body_role_set(deal=world.cn_deal, body=party, version=1, roles=["chairman"])
    assert "roles" in e.value.message_dict


def test_a_template_lays_out_its_steps_in_order_once(world):
    steps = services.steps_from_template(deal=world.cn_deal, template="tender")
    assert [s.kind for s in steps] == [
        "project_approval",
        "budget",
        "tender_notice",
        "bidding",
        "bid_evaluation",
        "award",
        "contract",
    ]
    assert [s.position for s in steps] == list(range(1, 8))
    rfp = services.steps_from_template(deal=world.cn_deal, template="rfp")
    assert [s.kind for s in rfp] == ["rfi", "rfp", "shortlist"]  # the contract step is there already
    with pytest.raises(ValidationError) as e:
        services.steps_from_template(deal=world.cn_deal, template="tender")
    assert "template" in e.value.message_dict


def test_only_a_finished_step_has_an_actual_date(world):
    with pytest.raises(ValidationError) as e:
        services.step_create(deal=world.cn_deal, kind="budget", done_on=timezone.localdate())
    assert "done_on" in e.value.message_dict
    step = services.step_create(
        deal=world.cn_deal, kind="budget", status="done", done_on=timezone.localdate()
    )
    assert step.position == 1


def test_a_step_done_early_or_entered_late_is_kept_but_not_one_done_on_a_day_to_come(world, client, tmp_path):
    """The actual date is when the step happened: before its planned date (done early) and before it
    was entered (written down late) are both real; after today it cannot be. The one rule (the model's)
    refuses it in the services, the deal room's form, the API and the map import of the CLI alike."""
    today = timezone.localdate()
    tomorrow = (today + timedelta(days=1)).isoformat()
    early = services.step_create(
        deal=world.cn_deal,
        kind="budget",
        status="done",
        planned_on=today + timedelta(days=30),
        done_on=today - timedelta(days=400),
    )
    assert early.done_on < early.created_at.date() < early.planned_on
    with pytest.raises(ValidationError) as e:
        services.step_update(step=early, version=early.version, done_on=today + timedelta(days=1))
    assert e.value.message_dict == {"done_on": ["步骤的实际日期不能晚于今天：还没到的日子不可能已经完成。"]}

    client.force_login(world.owner)
    client.post("/language/", {"language": "en", "next": "/"})
    url = reverse("deal_step", args=[world.cn.slug, world.cn_deal.pk, early.pk])
    form = {"kind": "budget", "status": "done", "done_on": tomorrow, "version": early.version}
    response = client.post(url, form)
    assert response.status_code == 422
    assert response.context["form"].errors["done_on"] == [
        "A step cannot have been done on a day that has not come yet."
    ]

    secret = token_create(user=world.owner, name="test").secret
    response = Client().patch(
        f"/api/process-steps/{early.pk}",
        data=json.dumps({"done_on": tomorrow, "version": early.version}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422 and "done_on" in response.content.decode()

    path = tmp_path / "map.json"
    call_command("export", "guodian", "--format", "json", "-o", str(path))
    data = json.loads(path.read_text())
    data["deals"][0]["process"][0]["done_on"] = tomorrow
    path.write_text(json.dumps(data))
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path), "--as", "guodian-copy", "--owner", "alice")
    assert f"deals {world.cn_deal.pk}.process {early.pk}: done_on: A step cannot have been done" in str(
        refused.value
    )
    early.refresh_from_db()
    assert early.done_on == today - timedelta(days=400)


def test_merging_a_person_keeps_their_seat(world, party):
    twin = f.person(account=world.cn, name="王建国 (2)")
    services.body_update(body=party, version=party.version, members=[twin])
    person_merge(
        survivor=world.cn_boss,
        duplicate=twin,
        survivor_version=world.cn_boss.version,
        duplicate_version=twin.version,
    )
    assert BodyMember.objects.filter(body=party, person=world.cn_boss).count() == 1


def test_the_analysis_asks_for_the_deciding_chair_and_flags_the_late_process(world, party):
    services.body_role_create(deal=world.cn_deal, body=party, roles=["decision_maker"])
    deal = world.cn_deal
    close = timezone.localdate() + timedelta(days=30)
    from battlemap.deals.services import deal_update

    deal = deal_update(deal=deal, version=deal.version, expected_close=close, compelling_event="新园区投运")
    services.step_create(deal=deal, kind="contract", planned_on=close + timedelta(days=14), body=party)
    result = account_analysis(account=world.cn, lang="en")
    flags = {fl["code"]: fl for fl in result["deals"][0]["flags"]}
    assert "process_outlasts_close" in flags
    # the 党委会 its chair decides: its chair, never met, is asked for once, by decision_maker_not_met
    assert "approving_body_not_met" not in flags and "王建国" in flags["decision_maker_not_met"]["reason"]
    assert result["deals"][0]["compelling_event"] == "新园区投运"
    assert result["deals"][0]["process"][0]["title"] == "contract"
    body = result["decision_bodies"][0]
    assert body["ring"] == "decision_unit" and body["met_members"] == []
    f.interaction(account=world.cn, people=[world.cn_boss], kind="meeting", days_ago=2)
    step = ProcessStep.objects.get(deal=deal)
    services.step_update(step=step, version=step.version, planned_on=close)
    again = {fl["code"] for fl in account_analysis(account=world.cn, lang="en")["deals"][0]["flags"]}
    assert not {"decision_maker_not_met", "process_outlasts_close"} & again


def test_bodies_and_the_process_round_trip_exactly_in_the_map_format(world, party, tmp_path):
    li = Person.objects.get(account=world.cn, name="李明")
    services.body_create(account=world.cn, name="<script>评标委员会</script>", kind="bid_committee")
    services.body_role_create(deal=world.cn_deal, body=party, roles=["decision_maker"], note="党委会前置研究")
    deal = world.cn_deal
    from battlemap.deals.services import deal_update

    deal = deal_update(
        deal=deal,
        version=deal.version,
        compelling_event="2027 年迎峰度夏前上线",
        compelling_event_on=timezone.localdate() + timedelta(days=90),
    )
    services.steps_from_template(deal=deal, template="tender")
    first = ProcessStep.objects.filter(deal=deal).order_by("position").first()
    services.step_update(
        step=first,
        version=first.version,
        status="done",
        done_on=timezone.localdate(),
        body=party,
        people=[li, world.cn_boss],
        documents="https://example.cn/立项批复.pdf\n会议纪要",
    )
    path, again = tmp_path / "map.json", tmp_path / "again.json"
    call_command("export", "guodian", "--format", "json", "-o", str(path))
    call_command("import-map", str(path), "--as", "guodian-copy", "--owner", "alice", "--team", "east")
    call_command("export", "guodian-copy", "--format", "json", "-o", str(again))
    data = json.loads(path.read_text())
    assert len(data["decision_bodies"]) == 2 and len(data["deals"][0]["process"]) == 7
    assert data["deals"][0]["process"][0]["people"] and data["deals"][0]["body_roles"][0]["note"]
    assert _normalise(json.loads(again.read_text())) == _normalise(data)


def test_a_map_naming_an_unknown_body_is_refused_whole(world, tmp_path):
    from django.utils import translation

    from battlemap.io.mapformat import export_map
    from battlemap.io.mapformat.load import MapImportError, map_import

    data = export_map(world.cn)
    data["deals"][0]["body_roles"] = [{"body": 999, "roles": ["decision_maker"]}]
    with (
        translation.override("en"),
        pytest.raises(MapImportError, match="deals .*body_roles: no decision body with id 999"),
    ):
        map_import(data=data, owner=world.owner, slug="copy")
    data["deals"][0]["body_roles"] = []
    data["decision_bodies"] = [{"id": 1, "name": "董事会", "kind": "board", "members": [12345]}]
    with pytest.raises(MapImportError) as refused:
        map_import(data=data, owner=world.owner, slug="copy")
    with translation.override("zh-hans"):
        assert str(refused.value) == "decision_bodies 1.members：没有 id 为 12345 的人员"
    with translation.override("en"):
        assert str(refused.value) == "decision_bodies 1.members: no person with id 12345"


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_review_deck_carries_the_process_and_the_bodies(world, party, lang):
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    from battlemap.io.export import export_account

    services.body_role_create(deal=world.cn_deal, body=party, roles=["decision_maker"])
    services.steps_from_template(deal=world.cn_deal, template="rfp")
    f.interaction(account=world.cn, people=[world.cn_boss], kind="meeting", days_ago=3)
    words = ["党委会", "李明"] + (
        ["采购流程", "决策机构", "方案征询（RFP）", "主持人拍板", "王建国（已见面）"]
        if lang == "zh-hans"
        else ["Purchase process", "Decision bodies", "shortlist", "the chair decides", "王建国 (met)"]
    )
    pdf = export_account(world.cn, fmt="pdf", lang=lang)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", lang=lang)))
    slides = "\n".join(
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ) + "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    for word in words:
        assert word in text, (lang, word)
        assert word in slides, (lang, word)


def test_the_compelling_event_is_a_line_of_its_own_in_the_deck_not_a_step_with_a_status(world):
    """A reviewer's deck had a row 紧迫事件 | 市政府要求2027年6月前上线 | 2027-06-30 under 步骤 / 状态 / 计划日期: the
    event's words stood as a step's status. The PPTX and the PDF write it as the XLSX does, in the step's column."""
    import io
    from datetime import date

    from pptx import Presentation
    from pypdf import PdfReader

    from battlemap.io.export import export_account
    from tests.exports import table_rows

    world.cn_deal.compelling_event = "市政府要求2027年6月前上线"
    world.cn_deal.compelling_event_on = date(2027, 6, 30)
    world.cn_deal.save()
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", lang="zh-hans")))
    rows = table_rows(deck)
    # the process table's row (MEDDPICC's pain quotes the event too, as its evidence)
    (event,) = [row for row in rows if row[0].startswith("紧迫事件：")]
    assert event[0] == "紧迫事件：市政府要求2027年6月前上线" and event[1] == "" and event[2] == "2027-06-30"
    pdf = export_account(world.cn, fmt="pdf", lang="zh-hans")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "紧迫事件：市政府要求2027年6月前上线" in text.replace("\n", "")
