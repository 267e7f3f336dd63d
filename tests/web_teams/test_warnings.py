"""A team's warning thresholds: its manager tunes them on the team's page, and the flags of the team's
deals follow at once (the analysis cache included); history keeps each change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from battlemap.deals.services import deal_update
from battlemap.maps import account_analysis
from battlemap.teams.models import WarningSettings
from tests import factories as f

pytestmark = pytest.mark.django_db


def _codes(account):
    return {f["code"] for d in account_analysis(account=account, lang="en")["deals"] for f in d["flags"]}


@pytest.fixture
def stalled(world):
    """The team's deal entered "evaluation" 40 days ago (the default limit there is 60 days)."""
    deal = world.cn_deal
    entered = timezone.localdate() - timedelta(days=40)
    deal = deal_update(deal=deal, stage="information_search", version=deal.version, changed_on=entered)
    return deal_update(deal=deal, stage="evaluation", version=deal.version, changed_on=entered)


def test_a_manager_tightens_a_stage_limit_and_the_flag_fires(client, world, stalled):
    assert "stalled_in_stage" not in _codes(world.cn)
    client.force_login(world.manager)
    url = reverse("team_warnings", args=["east"])
    page = client.get(url).content.decode()
    assert "60" in page  # the default is shown
    response = client.post(url, {"stage_evaluation": "30", "stale_days": ""})
    assert response.status_code == 302
    assert "stalled_in_stage" in _codes(world.cn)
    flag = next(
        f
        for d in account_analysis(account=world.cn, lang="en")["deals"]
        for f in d["flags"]
        if f["code"] == "stalled_in_stage"
    )
    assert "limit is 30" in flag["reason"]
    # the owner's private account (no team) keeps the defaults
    assert WarningSettings.objects.get(team=world.team).stage_limit_days == {"evaluation": 30}
    # a second change is kept in history with the first
    settings = WarningSettings.objects.get(team=world.team)
    client.post(url, {"stage_evaluation": "", "close_slip_days": "7", "version": settings.version})
    assert "stalled_in_stage" not in _codes(world.cn)
    assert settings.history.count() == 2
    assert "7" in client.get(url).content.decode()


def test_bad_thresholds_name_the_field_and_change_nothing(client, world):
    client.force_login(world.manager)
    url = reverse("team_warnings", args=["east"])
    response = client.post(url, {"stage_evaluation": "999", "stale_days": "0"})
    assert response.status_code == 422
    assert {"stage_evaluation", "stale_days"} <= set(response.context["form"].errors)
    assert not WarningSettings.objects.exists()


def test_members_read_outsiders_404_anonymous_login(client, world):
    url = reverse("team_warnings", args=["east"])
    client.force_login(world.teammate)
    assert client.get(url).status_code == 200
    assert client.post(url, {"stale_days": "10"}).status_code == 404
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"stale_days": "10"}).status_code == 404
    client.logout()
    response = client.post(url, {"stale_days": "10"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not WarningSettings.objects.exists()


def test_this_week_marks_a_key_person_stale_by_the_teams_stale_days(client, world):
    """This week marks "40 days since last contact" (距上次联系已 40 天) as a gap once the team's limit is 30 days (the
    analysis' `stale`), not by the default 45 days."""
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=40)
    client.force_login(world.owner)

    def line() -> str:
        page = client.get("/").content.decode()
        return page[page.index("距上次联系已 40 天") - 40 :][:80]

    assert 'class="gap"' not in line()  # listed (45 − 14 days: going stale), not stale yet
    client.force_login(world.manager)
    client.post(reverse("team_warnings", args=["east"]), {"stale_days": "30"})
    client.force_login(world.owner)
    assert 'class="gap"' in line()
