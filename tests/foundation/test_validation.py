"""Bad values are refused by the models with an error naming the field."""

import pytest
from django.core.exceptions import ValidationError

from battlemap.accounts.models import Account
from battlemap.deals.models import StakeholderRole
from battlemap.people.models import InfluenceLink, Person
from tests import factories as f


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as exc:
        obj.full_clean()
    return exc.value.message_dict


def test_influence_outside_one_to_five_names_influence(world):
    role = StakeholderRole(deal=world.cn_deal, person=f.person(account=world.cn), roles=["user"], influence=6)
    assert "influence" in errors_of(role)
    role.influence = 0
    assert "influence" in errors_of(role)


def test_unknown_role_code_names_roles(world):
    role = StakeholderRole(deal=world.cn_deal, person=f.person(account=world.cn), roles=["king"], influence=3)
    errors = errors_of(role)
    assert "roles" in errors and "king" in errors["roles"][0]


def test_unknown_attitude_names_attitude(world):
    role = StakeholderRole(deal=world.cn_deal, person=f.person(account=world.cn), attitude="hostile")
    assert "attitude" in errors_of(role)


def test_person_cannot_report_to_themselves(world):
    boss = world.cn_boss
    boss.reports_to = boss
    assert "reports_to" in errors_of(boss)


def test_reporting_cycle_is_refused(world):
    boss = world.cn_boss
    li = Person.objects.get(name="李明")  # reports to boss
    deputy = f.person(account=world.cn, name="赵副", reports_to=li)
    boss.reports_to = deputy
    assert "cycle" in errors_of(boss)["reports_to"][0]


def test_manager_from_another_account_is_refused(world):
    jane = Person.objects.get(name="Jane Doe")
    jane.reports_to = world.cn_boss
    assert "reports_to" in errors_of(jane)


def test_left_person_needs_a_date(world):
    boss = world.cn_boss
    boss.status = "left"
    assert "left_on" in errors_of(boss)


def test_link_strength_and_self_influence(world):
    boss = world.cn_boss
    assert "strength" in errors_of(
        InfluenceLink(account=world.cn, source=boss, target=f.person(account=world.cn), strength=4)
    )
    assert "target" in errors_of(InfluenceLink(account=world.cn, source=boss, target=boss, strength=2))


def test_reserved_slug_is_refused(world):
    assert "slug" in errors_of(Account(slug="login", name="X", owner=world.owner))


def test_deal_factors_and_channels_use_known_codes(world):
    deal = world.cn_deal
    deal.decision_factors = {"vibes": 10}
    assert "decision_factors" in errors_of(deal)
    deal.decision_factors = {"price": 10}
    deal.channels = {"evaluation": ["carrier_pigeon"]}
    assert "channels" in errors_of(deal)


def test_chinese_names_get_a_pinyin_key(world):
    assert world.cn_boss.name_key.startswith("wangjianguo")
    assert world.cn_boss.name_key.endswith("wjg")
