"""A map file with a malformed value, or one the model refuses, is refused whole, naming the value's place,
in either language (`import-map` and the web's Import a map); nothing is written and nothing crashes."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.io.mapformat import export_map
from battlemap.people.models import Person
from battlemap.process.services import body_create
from tests import factories as f


@pytest.fixture
def exported(world) -> dict:
    """The Chinese account's map, with a link, a meeting, a decision body and an action item due, as a
    file would hold it."""
    li = world.cn.people.get(name="李明")
    f.link(source=li, target=world.cn_boss)
    f.interaction(account=world.cn, people=[li])
    body_create(account=world.cn, name="党委会", kind="party_committee", members=[world.cn_boss])
    f.action(deal=world.cn_deal, text="发 ROI 方案", due="2026-11-30")
    data = json.loads(json.dumps(export_map(world.cn)))
    data["account"]["slug"] = "copy"
    return data


def _person(data: dict, name: str) -> dict:
    return next(p for p in data["people"] if p["name"] == name)


def _set(data: dict, change: str) -> str:
    """Make the one `change` to the map; returns the place a refusal must name."""
    deal, person = data["deals"][0], _person(data, "李明")
    boss = _person(data, "王建国")
    where = {
        "expected_close": (deal, "expected_close", "2026-02-30", f"deals {deal['id']}.expected_close"),
        "compelling_event_on": (
            deal,
            "compelling_event_on",
            "2026-02-30",
            f"deals {deal['id']}.compelling_event_on",
        ),
        "amount": (deal, "amount", "abc", f"deals {deal['id']}.amount"),
        "left_on": (person, "left_on", "2026-13-01", f"people {person['id']}.left_on"),
        "name": (person, "name", 5, f"people {person['id']}.name"),
        "placeholder": (person, "placeholder", 1, f"people {person['id']}.placeholder"),
        "title NUL": (person, "title", "a\x00b", f"people {person['id']}.title"),
        "interaction date": (
            data["interactions"][0],
            "date",
            "yesterday",
            f"interactions {data['interactions'][0]['id']}.date",
        ),
        "influence": (
            deal["roles"][0],
            "influence",
            "5",
            f"deals {deal['id']}.roles {boss['id']}.influence",
        ),
        "action due": (
            deal["action_items"][-1],
            "due",
            "2026-99-99",
            f"deals {deal['id']}.action_items {deal['action_items'][-1]['id']}.due",
        ),
        "next_meeting": (
            data["decision_bodies"][0],
            "next_meeting",
            "2026-02-30",
            f"decision_bodies {data['decision_bodies'][0]['id']}.next_meeting",
        ),
    }
    if change == "stage_history date":
        deal["stage_history"].append({"stage": "evaluation", "date": "2026-02-31", "note": ""})
        return f"deals {deal['id']}.stage_history {len(deal['stage_history']) - 1}.date"
    item, key, value, place = where[change]
    item[key] = value
    return place


MALFORMED = [
    "expected_close",
    "compelling_event_on",
    "amount",
    "left_on",
    "name",
    "placeholder",
    "title NUL",
    "interaction date",
    "influence",
    "action due",
    "next_meeting",
    "stage_history date",
]


@pytest.mark.parametrize("change", MALFORMED)
def test_the_command_refuses_a_malformed_value_naming_its_place(exported, tmp_path, change):
    place = _set(exported, change)
    path = tmp_path / "map.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path), "--owner", "alice")
    assert f"{place}: expected" in str(refused.value) or f"{place}: a text" in str(refused.value)
    assert not Account.all_objects.filter(slug="copy").exists()


def test_a_refusal_reads_in_chinese_with_the_place_and_the_value(exported, tmp_path):
    place = _set(exported, "expected_close")
    path = tmp_path / "map.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with translation.override("zh-hans"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path), "--owner", "alice")
    assert f"{place}：" in str(refused.value)
    assert "YYYY-MM-DD" in str(refused.value) and "2026-02-30" in str(refused.value)
    assert not re.search("[A-Za-z]{4,} [a-z]{3,}", str(refused.value).split("：", 1)[1])  # no English words


def test_the_web_refuses_a_malformed_value_on_the_file_field(exported, owner_client):
    place = _set(exported, "interaction date")
    raw = json.dumps(exported, ensure_ascii=False).encode()
    owner_client.cookies["django_language"] = "en"
    response = owner_client.post(
        reverse("account_import"), {"file": SimpleUploadedFile("map.json", raw), "slug": "copy"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert re.search(r'id="field-file">.*?class="errorlist"', html, re.S)
    assert place in html and "yesterday" in html
    assert not Account.all_objects.filter(slug="copy").exists()


def _load(data: dict, tmp_path) -> str:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path))
    assert not Account.all_objects.filter(slug="copy").exists()
    return str(refused.value)


def test_a_second_identical_influence_link_is_refused_as_on_the_web(exported, tmp_path):
    exported["influence_links"].append(dict(exported["influence_links"][0]))
    assert "influence_links 1: target: This influence link exists already" in _load(exported, tmp_path)


def test_two_people_with_one_id_are_refused_naming_the_id(exported, tmp_path):
    twin = dict(_person(exported, "李明"), name="李明二")
    exported["people"].append(twin)
    assert f"people {twin['id']}: two items have this id" in _load(exported, tmp_path)


def test_a_team_the_file_names_must_exist(exported, tmp_path):
    exported["account"]["team"] = "nonexistent-team"
    assert "account.team: no team with slug 'nonexistent-team'" in _load(exported, tmp_path)


def test_a_dotted_line_to_the_solid_line_manager_is_refused(exported, tmp_path):
    li = _person(exported, "李明")
    li["dotted_line_to"] = [li["reports_to"]]
    message = _load(exported, tmp_path)
    assert f"people {li['id']}.dotted_line_to" in message and "solid-line manager already" in message
    assert not Person.objects.filter(account__slug="copy").exists()


@pytest.mark.parametrize("part, key", [("people", "id"), ("deals", "name"), ("deals", "id")])
def test_a_part_without_a_key_the_loader_needs_is_refused_naming_the_key(exported, tmp_path, part, key):
    """Which keys a part must have is left to the loader (older maps lack some): one it cannot do without
    is a refusal naming it, never a KeyError traceback, and nothing is written."""
    del exported[part][0][key]
    assert f"lacks the key {key}" in _load(exported, tmp_path)


def test_a_leaving_date_after_today_in_a_map_file_is_refused_naming_it(exported, tmp_path):
    import datetime as dt

    from django.utils import timezone

    person = _person(exported, "李明")
    day = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    person["status"], person["left_on"] = "left", day
    path = tmp_path / "map.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path), "--owner", "alice")
    assert "left_on" in str(refused.value) and f"{day} is after today" in str(refused.value)
    assert not Account.all_objects.filter(slug="copy").exists()


def test_a_leaving_date_for_an_active_person_in_a_map_file_is_refused_naming_it(exported, tmp_path):
    """A hand edit set left_on and left the status active: the map loaded the person active and dropped the day
    without a word (a trial's file)."""
    person = _person(exported, "李明")
    person["status"], person["left_on"] = "active", "2020-01-01"
    refusal = _load(exported, tmp_path)
    assert f"people {person['id']}.left_on" in refusal and "2020-01-01" in refusal and "status" in refusal
    assert not Account.all_objects.filter(slug="copy").exists()


def _dangling(data: dict, reference: str) -> str:
    """Point the map's `reference` at an id the map does not hold; returns the place a refusal must name."""
    deal, body, li = data["deals"][0], data["decision_bodies"][0], _person(data, "李明")
    if reference == "people.org_unit":
        li["org_unit"] = 777
        return f"people {li['id']}.org_unit: no org unit with id 777"
    if reference == "org_units.parent":
        unit = data["org_units"][-1]
        unit["parent"] = 777
        return f"org_units {unit['id']}.parent: no org unit with id 777"
    if reference == "interactions.deal":
        data["interactions"][0]["deal"] = 999
        return f"interactions {data['interactions'][0]['id']}.deal: no deal with id 999"
    if reference == "action_items.person":
        item = deal["action_items"][-1]
        item["person"] = 999
        return f"deals {deal['id']}.action_items {item['id']}.person: no person with id 999"
    if reference == "decision_bodies.members":
        body["members"].append(999)
        return f"decision_bodies {body['id']}.members: no person with id 999"
    if reference == "process.people":
        deal["process"] = [{"id": 1, "kind": "tender_notice", "name": "招标", "people": [999]}]
        return f"deals {deal['id']}.process 1.people: no person with id 999"
    if reference == "process.body":
        deal["process"] = [{"id": 1, "kind": "tender_notice", "name": "招标", "body": 999}]
        return f"deals {deal['id']}.process 1.body: no decision body with id 999"
    if reference == "influence_links.to":
        data["influence_links"][0]["to"] = 999
        return "influence_links 0.to: no person with id 999"
    assert reference == "people.dotted_line_to"
    li["dotted_line_to"] = [999]
    return f"people {li['id']}.dotted_line_to: no person with id 999"


@pytest.mark.parametrize(
    "reference",
    [
        "people.org_unit",
        "org_units.parent",
        "interactions.deal",
        "action_items.person",
        "decision_bodies.members",
        "process.people",
        "process.body",
        "influence_links.to",
        "people.dotted_line_to",
    ],
)
def test_a_reference_to_an_id_the_map_lacks_is_refused_naming_it(exported, tmp_path, reference):
    """A reference to nothing was dropped unseen for a person's org unit, an interaction's deal and an
    action item's person (the person kept no department, the meeting no deal): every reference is refused."""
    exported.setdefault("org_units", []).append({"id": 5, "name": "信息中心", "parent": None})
    _person(exported, "李明")["org_unit"] = 5
    exported["interactions"][0]["deal"] = exported["deals"][0]["id"]
    assert _dangling(exported, reference) in _load(exported, tmp_path)


def test_a_chair_who_is_not_a_member_is_refused(exported, tmp_path):
    body, li = exported["decision_bodies"][0], _person(exported, "李明")
    body["chair"] = li["id"]
    message = _load(exported, tmp_path)
    assert f"decision_bodies {body['id']}.chair: the chair (people {li['id']}) is not among" in message


def test_a_chair_among_the_members_loads(exported, tmp_path):
    body = exported["decision_bodies"][0]
    body["chair"] = body["members"][0]
    path = tmp_path / "map.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    call_command("import-map", str(path), "--owner", "alice")
    assert Account.objects.get(slug="copy").decision_bodies.get().chair.name == "王建国"


def test_a_key_given_twice_in_one_object_is_refused_naming_it(exported, tmp_path):
    """json keeps the second "name" unseen ("替身" replaced "李明"): the file is refused by the place."""
    li = _person(exported, "李明")
    text = json.dumps(exported, ensure_ascii=False).replace(
        '"name": "李明"', '"name": "李明", "name": "替身"'
    )
    path = tmp_path / "map.json"
    path.write_text(text, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path))
    assert f'people {li["id"]}: the key "name" is given twice' in str(refused.value)
    text = json.dumps(exported, ensure_ascii=False).replace(
        '{"format_version": 1', '{"format_version": 1, "format_version": 1'
    )
    path.write_text(text, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-map", str(path))
    assert 'the key "format_version" twice at its top level' in str(refused.value)
    assert not Account.all_objects.filter(slug="copy").exists()


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_a_format_version_that_only_equals_1_in_python_is_refused(exported, tmp_path, version):
    exported["format_version"] = version
    assert "format_version 1 expected" in _load(exported, tmp_path)
