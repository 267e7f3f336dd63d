"""The pipeline's team filter takes the user's teams and those of the accounts they see, as the API does: a manager
who typed another team's slug into the address (`/deals/?team=south`) was shown which of the sellers he sees are in
that team — a rep moved from his team to another, whose account stays shared with his — in the page, the map
quality report and the XLSX alike, while the API refused that slug. Now such a team lists no deal, says so, and
answers as a slug no team has."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from battlemap.users.services import profile_language_set
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(world):
    """dave was on east and took the account he owns, still shared with east, to the team south (erin manages)."""
    dave, erin = f.user("dave"), f.user("erin")
    south = f.team("south", members=[dave], managers=[erin])
    account = f.account(owner=dave, slug="moved", name="Moved Co", team=world.team)
    f.deal(account=account, name="Moved deal")
    return south


def _deals(client, name, **query):
    return client.get(reverse(name), {"owner": "all", **query})


def _xlsx_deals(response) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("reader", ["manager", "owner", "teammate"])
def test_another_teams_slug_shows_nothing_of_it(client, world, moved, reader):
    user = getattr(world, reader)
    profile_language_set(user=user, language="en")
    client.force_login(user)
    assert "Moved deal" in _deals(client, "pipeline").content.decode()  # the account is the team's to see
    for name in ("pipeline", "map_quality"):
        page = _deals(client, name, team="south").content.decode()
        assert "Moved deal" not in page and "Moved Co" not in page
        assert "No such team among yours or those of the accounts you see" in page
        assert "No such team among yours" in _deals(client, name, team="nowhere").content.decode()
    assert _xlsx_deals(_deals(client, "pipeline_export", team="south")) == []


def test_the_other_teams_manager_filters_by_his_team(client, world, moved):
    erin = moved.memberships.get(role="manager").user
    client.force_login(erin)
    assert "Moved deal" in _deals(client, "pipeline", team="south").content.decode()
    assert _xlsx_deals(_deals(client, "pipeline_export", team="south")) == ["Moved deal"]


def test_ones_own_team_and_an_accounts_team_still_filter(client, world, moved):
    client.force_login(world.manager)
    page = _deals(client, "pipeline", team="east").content.decode()
    assert "Moved deal" in page and "No such team" not in page


def test_anonymous_is_sent_to_sign_in(client, moved):
    for name in ("pipeline", "map_quality", "pipeline_export"):
        answer = _deals(client, name, team="south")
        assert answer.status_code == 302 and "/login/" in answer["Location"]
