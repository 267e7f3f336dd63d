"""POST /api/accounts/{slug}/deals/{id}/restore: the undo of DELETE /api/deals/{id} (a deal has no delete on the
web) — the deal back with the same id and what its deletion took: roles and their coverage, action items,
process steps and their people, bodies' roles, stage changes, comments, competitor notes and reviews, its
interactions and questionnaires linked again (review s40 rev4: deleting a deal had no undo; all of it survived only
in history). The restore is core.restore's, as a person's; the account's editors only, as the other routes gate."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import translation

from battlemap.deals.models import ActionItem, Coverage, Deal
from battlemap.deals.services import deal_restore
from battlemap.demo.loader import load_demo
from battlemap.interactions.models import Interaction
from battlemap.interactions.services import interaction_update
from battlemap.people.services import person_delete
from battlemap.users.services import token_create
from tests import factories as f
from tests.api.conftest import Api
from tests.restored import map_state

pytestmark = pytest.mark.django_db


def test_deleting_a_demo_deal_and_undoing_it_gives_the_map_back_as_it_was():
    from django.test import Client

    load_demo()
    api = Api(Client(), token_create(user=get_user_model().objects.get(username="demo"), name="t").secret)
    deal = (
        Deal.objects.filter(account__slug="hdny")
        .annotate(n=Count("roles", distinct=True) + Count("stage_changes", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    assert deal.roles.exists() and deal.stage_changes.exists() and deal.interactions.exists()
    assert deal.action_items.exists() and deal.process_steps.exists()
    before = map_state("hdny")
    assert api.delete(f"/api/deals/{deal.pk}").status_code == 204
    assert not Deal.objects.filter(pk=deal.pk).exists() and map_state("hdny") != before
    done = api.post(f"/api/accounts/hdny/deals/{deal.pk}/restore")
    assert done.status_code == 200, done.content
    assert done.json()["id"] == deal.pk and done.json()["name"] == deal.name and done.json()["notes"] == []
    assert map_state("hdny") == before  # every table's rows and the whole map export: as before the deletion


@pytest.mark.parametrize(
    ("lang", "edited", "left_out"),
    [
        ("en", "was edited since", "1 record deleted at the same time stays out"),
        ("zh-hans", "在删除后被修改过", "1 条"),
    ],
)
def test_what_is_gone_or_edited_since_stays_as_it_is_and_is_said(owner_api, world, lang, edited, left_out):
    deal, boss = world.cn_deal, world.cn_boss
    li = f.person(account=world.cn, name="李明")
    f.role(deal=deal, person=li, roles=["user"])
    item = f.action(deal=deal, person=boss, owner=world.owner)
    call = f.interaction(account=world.cn, people=[boss], deal=deal)
    assert owner_api.delete(f"/api/deals/{deal.pk}").status_code == 204
    person_delete(person=li)
    call = Interaction.objects.get(pk=call.pk)
    interaction_update(interaction=call, version=call.version, summary="谈了二期")
    with translation.override(lang):
        notes = deal_restore(account=world.cn, deal_id=deal.pk).notes()
    assert list(deal.roles.values_list("person__name", flat=True)) == ["王建国"]  # 李明's role: out, counted
    assert ActionItem.objects.get(pk=item.pk).person_id == boss.pk
    assert Interaction.objects.get(pk=call.pk).deal_id is None  # edited since: the edit wins
    assert edited in notes[0] and notes[1].startswith(left_out)


def test_the_owner_brings_back_a_deal_the_api_deleted(owner_api, objs, world):
    deal = world.cn_deal
    assert owner_api.delete(f"/api/deals/{deal.pk}").status_code == 204
    done = owner_api.post(f"/api/accounts/{world.cn.slug}/deals/{deal.pk}/restore")
    assert done.status_code == 200, done.content
    assert owner_api.get(f"/api/deals/{deal.pk}").json()["name"] == "物联网平台"
    assert Coverage.objects.filter(pk=objs.coverage.pk).exists() and ActionItem.objects.filter(
        pk=objs.action.pk
    )
    assert Interaction.objects.get(pk=objs.interaction.pk).deal_id == deal.pk
    again = owner_api.post(f"/api/accounts/{world.cn.slug}/deals/{deal.pk}/restore")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "deal"
    with translation.override("en"):
        other = owner_api.post(f"/api/accounts/{world.en.slug}/deals/{deal.pk}/restore")
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "deal"


def test_readers_outsiders_and_strangers_may_not(owner_api, manager_api, outsider_api, anon_api, world):
    deal = world.cn_deal
    owner_api.delete(f"/api/deals/{deal.pk}")
    url = f"/api/accounts/{world.cn.slug}/deals/{deal.pk}/restore"
    assert manager_api.post(url).status_code == 403
    assert outsider_api.post(url).status_code == 404
    assert anon_api.post(url).status_code == 401
    assert not Deal.objects.filter(pk=deal.pk).exists()
    assert outsider_api.post(f"/api/accounts/secret/deals/{deal.pk}/restore").status_code == 422
