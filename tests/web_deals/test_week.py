"""'This week' (the home page): what needs me across every account I may see, each line linking to where to act."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import deal_close, deal_reopen
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
    assert "alice · " not in section  # her own deal: not her own name
    owner_client.force_login(world.manager)  # a manager reads whose deal it is (a sales manager's trial)
    assert "alice · 国电智慧能源集团" in _flag_section(_home(owner_client))


def test_it_lists_key_people_going_stale_and_deals_closing_soon(owner_client, world):
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=40)
    world.cn_deal.expected_close = timezone.localdate() + timedelta(days=10)
    world.cn_deal.save()
    far = f.deal(account=world.cn, name="远期项目", expected_close=timezone.localdate() + timedelta(days=200))
    html = _home(owner_client)
    stale = html[html.index('id="w-stale"') : html.index('id="w-close"')]
    assert "王建国" in stale and "40" in stale
    assert reverse("person", args=[world.cn.slug, world.cn_boss.pk]) in stale
    closing = html[html.index('id="w-close"') : html.index('id="week-moves"')]
    assert "物联网平台" in closing and far.name not in closing


def test_it_shows_nothing_from_accounts_i_cannot_see(client, world):
    client.force_login(world.outsider)
    f.action(deal=world.cn_deal, text="机密行动", owner=world.outsider, due=timezone.localdate())
    html = _home(client)
    assert "机密行动" not in html and "王建国" not in html and "物联网平台" not in html


def _moves_section(html: str) -> str:
    return html[html.index('id="week-moves"') :]


def test_it_lists_stage_moves_attitude_changes_resolved_flags_and_health_moves(owner_client, world):
    _age_the_map(30)
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    role.attitude = "supporter"
    role.save()
    li = world.cn.people.get(name="李明")
    f.role(deal=world.cn_deal, person=li, roles=["champion"], attitude="advocate", influence=4)
    world.cn_deal.stage = "purchase_decision"
    world.cn_deal.save()
    owner_client.post("/language/", {"language": "en", "next": "/"})
    moves = _moves_section(_home(owner_client))
    assert "evaluation → <strong>purchase decision" in " ".join(moves.split())
    assert (
        '<span class="att att-neutral">neutral</span> → <span class="att att-supporter">supporter</span>'
        in (" ".join(moves.split()))
    )
    assert "李明" in moves  # joined the deal as champion
    resolved = moves[moves.index("Red flags resolved") :]
    assert "No champion" in resolved or "no champion" in resolved.lower()
    health = moves[moves.index("Health moves") : moves.index("Red flags resolved")]
    assert 'class="health health-' in health


def test_a_manager_sees_his_reps_changes_and_overdue_items(client, world):
    _age_the_map(30)
    today = timezone.localdate()
    f.action(deal=world.cn_deal, text="爱丽丝逾期的事", owner=world.owner, due=today - timedelta(days=3))
    f.action(deal=world.cn_deal, text="爱丽丝下周的事", owner=world.owner, due=today + timedelta(days=3))
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=world.cn_boss)
    role.attitude = "opponent"
    role.save()
    client.force_login(world.manager)
    html = _home(client)
    team = html[html.index('id="team-overdue"') : html.index('id="w-flags"')]
    assert "爱丽丝逾期的事" in team and "爱丽丝下周的事" not in team and "alice" in team
    assert "王建国" in _moves_section(html)
    # the rep herself has no "reps' overdue" section: hers are in her own action items
    client.force_login(world.owner)
    assert 'id="team-overdue"' not in _home(client)


def test_a_managers_deals_closing_soon_name_whose_deal_it_is(client, world):
    """The overdue items named the rep, the deals closing soon did not: a manager could not see whose they were.
    The rep's own list does not name herself."""
    world.cn_deal.expected_close = timezone.localdate() + timedelta(days=5)
    world.cn_deal.save()
    client.force_login(world.manager)
    html = _home(client)
    closing = html[html.index('id="w-close"') : html.index('id="week-moves"')]
    assert world.cn_deal.name in closing and "alice ·" in closing
    client.force_login(world.owner)
    html = _home(client)
    closing = html[html.index('id="w-close"') : html.index('id="week-moves"')]
    assert world.cn_deal.name in closing and "alice ·" not in closing


def test_an_outsider_sees_no_moves_of_accounts_he_cannot_see(client, world):
    _age_the_map(30)
    world.cn_deal.stage = "purchase_decision"
    world.cn_deal.save()
    f.action(
        deal=world.cn_deal, text="逾期机密", owner=world.owner, due=timezone.localdate() - timedelta(days=3)
    )
    client.force_login(world.outsider)
    html = _home(client)
    assert "物联网平台" not in html and "逾期机密" not in html


@pytest.mark.parametrize("outcome", ["won", "lost"])
def test_a_deal_closed_this_week_shows_though_it_was_its_accounts_last_open_deal(client, world, outcome):
    _age_the_map(30)
    deal = world.cn_deal  # the account's only deal
    deal_close(deal=deal, version=deal.version, outcome=outcome, reason="预算已批", by=world.owner)
    for user in (world.owner, world.manager):
        client.force_login(user)
        outcomes = _moves_section(_home(client))
        assert 'id="week-outcomes"' in outcomes, user
        outcomes = outcomes[outcomes.index('id="week-outcomes"') : outcomes.index('id="week-roles"')]
        assert "物联网平台" in outcomes and reverse("deal", args=[world.cn.slug, deal.pk]) in outcomes


def test_a_deal_reopened_this_week_shows_once_closed_long_ago(owner_client, world):
    deal = world.cn_deal
    deal_close(deal=deal, version=deal.version, outcome="lost", reason="预算取消", by=world.owner)
    _age_the_map(30)
    deal.refresh_from_db()
    deal_reopen(deal=deal, version=deal.version, reason="客户重新立项", by=world.owner)
    outcomes = _moves_section(_home(owner_client))
    outcomes = outcomes[outcomes.index('id="week-outcomes"') : outcomes.index('id="week-roles"')]
    assert "物联网平台" in outcomes


def test_a_key_person_never_contacted_is_listed_as_never_contacted_not_as_going_stale(owner_client, world):
    owner_client.post("/language/", {"language": "zh-hans", "next": "/"})
    html = _home(owner_client)  # 王建国, the deal's decision maker, was never contacted
    card = html[html.index('id="w-stale"') : html.index('id="w-close"')]
    going, never = card[: card.index('id="w-never"')], card[card.index('id="w-never"') :]
    assert "王建国" not in going and "从未联系" in never and "王建国" in never
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=40)
    card = _home(owner_client)
    card = card[card.index('id="w-stale"') : card.index('id="w-close"')]
    assert 'id="w-never"' not in card and "王建国" in card and "40" in card
