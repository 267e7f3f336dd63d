"""'This week' (the home page): what needs me across every account I may see, each line linking to where to act."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import StakeholderRole
from tests import factories as f

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_it_lists_my_overdue_and_due_action_items_but_not_others_or_done(owner_client, world):
    today = timezone.localdate()
    f.action(deal=world.cn_deal, text="发送ROI测算", owner=world.owner, due=today - timedelta(days=2))
    f.action(deal=world.cn_deal, text="安排演示", owner=world.owner, due=today + timedelta(days=3))
    f.action(deal=world.cn_deal, text="下个月的事", owner=world.owner, due=today + timedelta(days=40))
    f.action(deal=world.cn_deal, text="已完成的事", owner=world.owner, due=today, done=True)
    f.action(deal=world.cn_deal, text="鲍勃的事", owner=world.teammate, due=today)
    html = _home(owner_client)
    assert "发送ROI测算" in html and "安排演示" in html
    assert "下个月的事" not in html and "已完成的事" not in html and "鲍勃的事" not in html
    assert reverse("deal", args=[world.cn.slug, world.cn_deal.pk]) in html
    assert html.index("发送ROI测算") < html.index("安排演示")  # overdue first


def _age_the_map(days: int) -> None:
    """Pretend every record was written `days` ago (as if the map had been built last month)."""
    for model in apps.get_models():
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            model.history.update(history_date=timezone.now() - timedelta(days=days))


def _flag_section(html: str) -> str:
    return html[html.index('id="w-flags"') : html.index('id="w-stale"')]


def test_it_lists_flags_that_are_new_since_last_week_and_not_old_ones(owner_client, world):
    _age_the_map(30)
    assert 'class="flag sev-' not in _flag_section(_home(owner_client))  # the same flags as a week ago
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    role.attitude = "opponent"
    role.save()  # a powerful opponent with no plan: a new red flag
    section = _flag_section(_home(owner_client))
    assert section.count('class="flag sev-') == 1
    assert "王建国" in section
    assert reverse("deal", args=[world.cn.slug, world.cn_deal.pk]) in section


def test_it_lists_key_people_going_stale_and_deals_closing_soon(owner_client, world):
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=40)
    world.cn_deal.expected_close = timezone.localdate() + timedelta(days=10)
    world.cn_deal.save()
    far = f.deal(account=world.cn, name="远期项目", expected_close=timezone.localdate() + timedelta(days=200))
    html = _home(owner_client)
    stale = html[html.index('id="w-stale"') : html.index('id="w-close"')]
    assert "王建国" in stale and "40" in stale
    assert reverse("person", args=[world.cn.slug, world.cn_boss.pk]) in stale
    closing = html[html.index('id="w-close"') :]
    assert "物联网平台" in closing and far.name not in closing


def test_it_shows_nothing_from_accounts_i_cannot_see(client, world):
    client.force_login(world.outsider)
    f.action(deal=world.cn_deal, text="机密行动", owner=world.outsider, due=timezone.localdate())
    html = _home(client)
    assert "机密行动" not in html and "王建国" not in html and "物联网平台" not in html
