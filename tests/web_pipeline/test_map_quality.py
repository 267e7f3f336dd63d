"""The map-quality report (/deals/quality/): complete maps read from the analysis' flags, by deal and by owner."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.deals.selectors_pipeline import map_quality_report
from battlemap.maps import account_analysis, map_quality
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete(world):
    """A deal with its decision maker met, a champion who supports us and no opponent: a complete map."""
    account = f.account(owner=world.owner, slug="complete", name="Complete Co", team=world.team)
    boss = f.person(account=account, name="Dana Decider")
    fan = f.person(account=account, name="Chris Champion")
    deal = f.deal(account=account, name="Complete deal", stage="evaluation")
    f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="supporter", influence=5)
    f.role(deal=deal, person=fan, roles=["champion"], attitude="advocate", influence=4)
    f.interaction(account=account, deal=deal, kind="meeting", people=[boss, fan])
    return deal


def test_a_map_is_complete_when_none_of_the_four_flags_is_raised(world, complete):
    result = account_analysis(account=complete.account, deal_id=complete.pk)["deals"][0]
    quality = map_quality(result)
    assert quality["band"] == "green" and quality["complete"] and quality["missing"] == []
    raised = {fl["code"] for fl in result["flags"]}
    assert not raised & {"no_decision_maker", "decision_maker_not_met", "no_champion", "unaddressed_opponent"}


def test_the_missing_parts_are_the_analysis_flags(world):
    result = account_analysis(account=world.cn, deal_id=world.cn_deal.pk)["deals"][0]
    quality = map_quality(result)
    codes = {fl["code"] for fl in result["flags"]}
    assert [m["code"] for m in quality["missing"]] == [
        c
        for c in ("no_decision_maker", "decision_maker_not_met", "no_champion", "unaddressed_opponent")
        if c in codes
    ]
    assert {"decision_maker_not_met", "no_champion"} <= codes  # the boss was never met, nobody champions
    assert quality["band"] == "red" and quality["score"] == 2


def test_the_report_gives_the_share_and_the_coverage_by_owner(world, complete):
    report = map_quality_report(user=world.owner)
    assert report["overall"].count == 2 and report["overall"].green == 1 and report["overall"].share == 50
    (alice,) = report["by_owner"]
    assert alice.owner == world.owner and alice.count == 2 and alice.red == 1


def _get(client, **query):
    return client.get(reverse("map_quality"), query)


def test_each_cell_links_to_the_deal(client, world, complete):
    client.force_login(world.owner)
    html = _get(client).content.decode()
    url = reverse("deal", args=[complete.account.slug, complete.pk])
    row = html[html.index(f'data-deal="{complete.pk}"') :]
    row = row[: row.index("</tr>")]
    assert row.count(f'href="{url}"') >= 6 and 'data-quality="green"' in html
    red = html[html.index(f'data-deal="{world.cn_deal.pk}"') :]
    red = red[: red.index("</tr>")]
    assert "未见过决策者" in red and "没有推荐者" in red and "qcell-missing" in red  # Chinese by default


@pytest.mark.parametrize(
    ("who", "sees"),
    [("owner", True), ("teammate", True), ("manager", True), ("outsider", False)],
)
def test_who_sees_which_deal(client, world, complete, who, sees):
    client.force_login(getattr(world, who))
    html = _get(client).content.decode()
    assert ("Complete deal" in html) is sees
    assert ("物联网平台" in html) is sees


def test_anonymous_goes_to_login(client, world):
    assert _get(client)["Location"].startswith("/login/")


def test_it_speaks_chinese(client, world, complete):
    from battlemap.users.models import Profile

    Profile.objects.update_or_create(user=world.manager, defaults={"language": "zh-hans"})
    client.force_login(world.manager)
    html = _get(client, owner="all").content.decode()
    assert "完整" in html and "已识别决策者" in html


def test_the_quality_filter_keeps_one_band(client, world, complete):
    client.force_login(world.owner)
    html = _get(client, quality="green").content.decode()
    assert "Complete deal" in html and "物联网平台" not in html


def test_a_deal_with_no_decision_maker_says_why_it_was_not_met(client, world):
    """Nobody identified: "met" reads the flag the list names (a "—" titled with it), not a second bare ✗."""
    from battlemap.users.models import Profile

    account = f.account(owner=world.owner, slug="nodm", name="No DM Co", team=world.team)
    deal = f.deal(account=account, name="Headless deal", stage="evaluation")
    f.role(deal=deal, person=f.person(account=account, name="Uma User"), roles=["user"], attitude="neutral")
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    client.force_login(world.owner)
    html = _get(client).content.decode()
    row = html[html.index(f'data-deal="{deal.pk}"') :]
    row = row[: row.index("</tr>")]
    cells = row.split('class="qcell ')[1:]
    assert cells[0].startswith("qcell-missing") and 'title="decision maker identified"' in cells[0]
    assert cells[1].startswith("qcell-repeats") and 'title="No decision maker"' in cells[1]
    assert "—" in cells[1] and "✗" not in cells[1]
    assert row.count("No decision maker") == 3  # the "met" cell's title and words, the list's one entry
