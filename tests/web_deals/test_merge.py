"""Merging two records of the same person moves everything to the survivor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.models import ActionItem, Coverage, StakeholderRole
from battlemap.interactions.models import Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_merge_moves_roles_links_interactions_items_dotted_lines_and_history(owner_client, world):
    cn, deal, boss = world.cn, world.cn_deal, world.cn_boss
    li = Person.objects.get(name="李明")
    dup = f.person(account=cn, name="李 明", title="", email="liming@guodian.cn", power=4)
    other_deal = f.deal(account=cn, name="数据中台")
    f.role(deal=deal, person=li, roles=["user"], attitude="unknown", influence=2)
    dup_role = f.role(
        deal=deal, person=dup, roles=["champion"], attitude="supporter", influence=4, personal_win="升职"
    )
    Coverage.objects.create(stakeholder=dup_role, user=world.teammate)
    f.role(deal=other_deal, person=dup, roles=["influencer"])
    f.link(source=dup, target=boss, strength=3)
    f.link(source=dup, target=li)  # a link between the two records disappears
    meeting = f.interaction(account=cn, people=[dup])
    both = f.interaction(account=cn, people=[dup, li])
    item = f.action(deal=deal, person=dup)
    cto = f.person(account=cn, name="周总监")
    DottedLine.objects.create(
        person=dup, manager=cto
    )  # not to 王建国: 李明 reports to him (test_merge_dotted_lines)
    report = f.person(account=cn, name="张三", reports_to=dup)
    dup_pk = dup.pk
    dup.title = "信息中心主任（旧）"
    dup.save()  # some history on the duplicate

    response = owner_client.post(
        reverse("people_merge", args=[cn.slug]), {"survivor": li.pk, "duplicate": dup_pk}
    )
    assert response.status_code == 302

    assert not Person.objects.filter(pk=dup_pk).exists()
    li.refresh_from_db()
    assert li.email == "liming@guodian.cn" and li.power == 4 and li.title == "信息中心主任"
    merged = StakeholderRole.objects.get(deal=deal, person=li)
    assert merged.roles == ["user", "champion"] and merged.attitude == "supporter" and merged.influence == 4
    assert merged.personal_win == "升职"
    assert Coverage.objects.filter(stakeholder=merged, user=world.teammate).exists()
    assert StakeholderRole.objects.filter(deal=other_deal, person=li, roles=["influencer"]).exists()
    assert InfluenceLink.objects.filter(source=li, target=boss, strength=3).exists()
    assert not InfluenceLink.objects.filter(source=li, target=li).exists()
    assert Participant.objects.filter(interaction=meeting, person=li).exists()
    assert Participant.objects.filter(interaction=both).count() == 1
    assert ActionItem.objects.get(pk=item.pk).person == li
    assert DottedLine.objects.filter(person=li, manager=cto).exists()
    assert Person.objects.get(pk=report.pk).reports_to == li
    # the deletion is in history, and the survivor's history panel shows the merged record's past
    assert Person.history.filter(id=dup_pk, history_type="-").exists()
    page = owner_client.get(reverse("person", args=[cn.slug, li.pk])).content.decode()
    assert "信息中心主任（旧）" in page
    # the account's timeline says the merge in words, as the history panel does, not the stored code
    timeline = owner_client.get(reverse("account_timeline", args=[cn.slug])).content.decode()
    assert "同一人的另一条记录已合并到此记录" in timeline  # the client reads Chinese
    assert "merged:" not in timeline


def test_merge_refuses_a_record_with_itself(owner_client, world):
    response = owner_client.post(
        reverse("people_merge", args=[world.cn.slug]),
        {"survivor": world.cn_boss.pk, "duplicate": world.cn_boss.pk},
    )
    assert response.status_code == 422
    assert Person.objects.filter(pk=world.cn_boss.pk).exists()


def test_merge_refuses_people_of_another_account(owner_client, world):
    jane = Person.objects.get(name="Jane Doe")
    response = owner_client.post(
        reverse("people_merge", args=[world.cn.slug]), {"survivor": world.cn_boss.pk, "duplicate": jane.pk}
    )
    assert response.status_code == 422
    assert Person.objects.filter(pk=jane.pk).exists()


def test_merge_shows_both_records_side_by_side_then_refuses_if_one_changed(owner_client, world):
    li = Person.objects.get(name="李明")
    dup = f.person(account=world.cn, name="李明（导入）", email="liming@guodian.cn")
    f.interaction(account=world.cn, people=[dup])
    url = reverse("people_merge", args=[world.cn.slug])
    page = owner_client.get(url, {"survivor": li.pk, "duplicate": dup.pk}).content.decode()
    assert "李明（导入）" in page and "liming@guodian.cn" in page
    assert f'name="duplicate_version" value="{dup.version}"' in page
    dup.title = "工程师"
    dup.save()  # someone edits the duplicate after the comparison was shown
    response = owner_client.post(
        url,
        {
            "survivor": li.pk,
            "duplicate": dup.pk,
            "survivor_version": li.version,
            "duplicate_version": dup.version - 1,
        },
    )
    assert response.status_code == 409
    assert Person.objects.filter(pk=dup.pk).exists()
