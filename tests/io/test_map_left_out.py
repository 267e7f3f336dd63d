"""A map imported into another installation or by another owner names users who are not kept (a tester's
export → import: every `covered_by`, every action item's owner and every interaction's people of ours were gone,
while the web said "Account imported from the map file." and the CLI "24 people"). The summary now says what was
not kept and why; two people with one e-mail are refused, as the people import refuses them."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.deals.models import ActionItem, Coverage
from battlemap.interactions.models import OurParticipant

pytestmark = pytest.mark.django_db


def _map(slug: str = "copy", *, colleague: str = "ops1") -> dict:
    """Two people, a deal whose roles are covered by `colleague` and by alice, an action item of
    `colleague`'s, and three interactions, two of them with `colleague` on our side."""
    return {
        "format_version": 1,
        "account": {"slug": slug, "name": "华东能源", "lifecycle": "prospect", "portrait": {}},
        "org_units": [],
        "people": [{"id": 1, "name": "陈国强", "email": "chen@hdny.example"},
                   {"id": 2, "name": "周振华", "email": "zhou@hdny.example"}],
        "influence_links": [], "external_factors": [], "decision_bodies": [],
        "deals": [{"id": 1, "name": "储能", "stage": "evaluation",
                   "roles": [{"person": 1, "roles": ["decision_maker"], "covered_by": [colleague, "alice"]},
                             {"person": 2, "roles": ["user"], "covered_by": [colleague]}],
                   "action_items": [{"id": 1, "text": "送 ROI 测算", "owner": colleague},
                                    {"id": 2, "text": "约技术交流", "owner": "alice"}]}],
        "interactions": [
            {"id": n, "date": f"2026-11-0{n}T10:00:00+08:00", "kind": "meeting", "participants": [1],
             "our_participants": [colleague, "alice"] if n < 3 else ["alice"]} for n in (1, 2, 3)],
    }  # fmt: skip


NOT_KEPT = (
    "Not kept from the map: who covers 2 deal roles, the owner of 1 action item, our people in 2 interactions "
    "— users not found here: ops1."
)


def _import(tmp_path, data: dict, *args: str, lang: str = "en") -> str:  # noqa: ANN001
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    with translation.override(lang):
        call_command("import-map", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_command_says_which_users_of_the_map_were_not_kept_and_why(world, tmp_path):
    out = _import(tmp_path, _map(), "--owner", "alice")
    assert out.splitlines()[0] == "copy\t华东能源\t2 people"
    assert out.splitlines()[1] == NOT_KEPT
    account = Account.objects.get(slug="copy")
    assert Coverage.objects.filter(stakeholder__deal__account=account).count() == 1  # alice's, kept
    assert ActionItem.objects.filter(deal__account=account, owner__isnull=True).count() == 1
    assert OurParticipant.objects.filter(interaction__account=account).count() == 3


def test_the_command_says_it_in_chinese(world, tmp_path):
    out = _import(tmp_path, _map(), "--owner", "alice", lang="zh-hans")
    assert out.splitlines()[1] == (
        "地图中未保留：2 个商机角色的我方负责人、1 个待办事项的负责人、2 条互动中的我方人员——本系统中找不到的用户：ops1。"
    )


def test_a_user_who_may_not_see_the_account_is_named_as_such(world, tmp_path):
    data = _map(colleague="mallory")
    data["deals"][0]["action_items"][1]["owner"] = "ops1"
    out = _import(tmp_path, data, "--owner", "alice", "--no-team")
    assert "— users not found here: ops1; users who may not see this account: mallory." in out


def test_everything_kept_says_nothing_more(world, tmp_path):
    out = _import(tmp_path, _map(colleague="bob"), "--owner", "alice")  # bob: alice's teammate
    assert out.splitlines() == ["copy\t华东能源\t2 people"]


def test_the_web_import_says_what_was_not_kept_in_the_readers_language(client, world):
    client.force_login(world.owner)
    upload = {"file": SimpleUploadedFile("m.json", json.dumps(_map(), ensure_ascii=False).encode())}
    job = client.post(reverse("account_import"), upload, HTTP_ACCEPT_LANGUAGE="zh-hans")["Location"]
    page = client.get(job, HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert "Account imported from the map file." in page
    assert NOT_KEPT in page.replace("&quot;", '"')
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in NOT_KEPT)


def test_the_web_import_says_it_in_chinese_too(client, world):
    client.force_login(world.owner)
    upload = {"file": SimpleUploadedFile("m.json", json.dumps(_map(), ensure_ascii=False).encode())}
    job = client.post(reverse("account_import"), upload)["Location"]
    page = client.get(job, HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True).content.decode()
    assert "地图中未保留：" in page and "本系统中找不到的用户：ops1" in page


def test_two_people_with_one_email_are_refused_as_in_the_people_import(world, tmp_path):
    data = _map()
    data["people"][1]["email"] = "CHEN@hdny.example "  # the same e-mail, written otherwise
    with pytest.raises(CommandError) as refused:
        _import(tmp_path, data, "--owner", "alice")
    assert 'people 2.email: "CHEN@hdny.example " is also the e-mail of people 1 (陈国强)' in str(
        refused.value
    )
    assert not Account.objects.filter(slug="copy").exists()


def test_a_map_imported_twice_says_there_is_now_a_second_account_of_that_name(client, world):
    """A tester imported an account's own map again: a second "华东能源" under another slug, the pipeline then
    listing two identical rows. The import says so, naming the one that was there."""
    client.force_login(world.owner)
    pages = []
    for lang, slug in (("en", ""), ("zh-hans", "copy-2")):  # the second under a slug of its own
        upload = {
            "file": SimpleUploadedFile("m.json", json.dumps(_map(), ensure_ascii=False).encode()),
            "slug": slug,
        }
        job = client.post(reverse("account_import"), upload)["Location"]
        pages.append(client.get(job, HTTP_ACCEPT_LANGUAGE=lang, follow=True).content.decode())
    first, second = pages
    assert "You already had an account named" not in first
    assert "你已经有一个名为“华东能源”的客户（copy）" in second
    assert Account.objects.filter(name="华东能源").count() == 2


def test_a_manager_named_as_an_action_items_owner_keeps_the_item_without_him(world, tmp_path):
    """carol manages alice's team: she may read the account, not change it, so she could not tick the item
    off — it is kept without an owner and the summary says why, while she still covers a role."""
    out = _import(tmp_path, _map(colleague="carol"), "--owner", "alice")
    assert out.splitlines()[1] == (
        "Not kept from the map: the owner of 1 action item — users who may see this account but not change it, "
        "so cannot own an action item: carol."
    )
    account = Account.objects.get(slug="copy")
    assert ActionItem.objects.get(deal__account=account, text="送 ROI 测算").owner is None
    assert Coverage.objects.filter(stakeholder__deal__account=account, user=world.manager).count() == 2
