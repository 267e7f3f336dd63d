"""The pipeline (/deals/): every open deal the user may see, by role; totals; filters; sort; XLSX."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from battlemap.deals.selectors_pipeline import PipelineFilters, pipeline
from battlemap.maps import health_band
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def deals(world):
    """Besides the world's 国电 deal (evaluation, no amount): two more deals in two currencies, a won
    deal (never listed) and the outsider's deal."""
    today = timezone.localdate()
    a = f.deal(
        account=world.cn,
        name="储能项目",
        stage="evaluation",
        amount=Decimal("1200000"),
        currency="CNY",
        expected_close=today + timedelta(days=20),
    )
    b = f.deal(
        account=world.en,
        name="Fleet <script>alert(1)</script>",
        stage="purchase_decision",
        amount=Decimal("50000"),
        currency="USD",
        expected_close=today + timedelta(days=100),
    )
    c = f.deal(
        account=world.en, name="Warehouse", stage="evaluation", amount=Decimal("30000"), currency="USD"
    )
    f.deal(account=world.cn, name="已赢单", status="won", amount=Decimal("999"))
    f.deal(account=world.other, name="Mallory deal", amount=Decimal("777"))
    return a, b, c


def _page(client, **query) -> str:
    response = client.get(reverse("pipeline"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_login(client, world):
    for name in ("pipeline", "pipeline_export", "map_quality"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_owner_sees_his_open_deals_only(client, world, deals):
    client.force_login(world.owner)
    html = _page(client)
    assert "储能项目" in html and "物联网平台" in html and "Warehouse" in html
    assert "已赢单" not in html and "Mallory deal" not in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_a_teammate_sees_the_team_account_deals_not_the_private_ones(client, world, deals):
    client.force_login(world.teammate)
    html = _page(client)
    assert "储能项目" in html and "物联网平台" in html  # 国电 is shared with the team
    assert "Warehouse" not in html  # Northwind is alice's own


def test_a_manager_sees_his_reps_deals_by_default(client, world, deals):
    client.force_login(world.manager)
    mine = f.account(owner=world.manager, slug="carols", name="Carol's own")
    f.deal(account=mine, name="经理自己的商机")
    html = _page(client)
    assert "储能项目" in html and "Warehouse" in html  # alice is his rep: all her accounts
    assert "经理自己的商机" not in html  # the default is his reps' deals
    assert "经理自己的商机" in _page(client, owner="all")


def test_a_rep_who_left_the_team_leaves_his_shared_accounts_in_the_managers_pipeline_and_week(
    client, world, deals
):
    """A trial's manager removed a rep from the team: his pipeline and map quality fell to 0 deals while This week
    still listed the rep's overdue items as "my reps'". An account shared with the team stays in the manager's
    view whoever owns it (the removal page says so); his private accounts leave it. Both pages agree."""
    from datetime import timedelta

    from battlemap.teams.models import Membership
    from battlemap.teams.services import membership_remove

    yesterday = timezone.localdate() - timedelta(days=1)
    f.action(deal=deals[0], text="送报价单", owner=world.owner, due=yesterday)  # 国电, shared with the team
    f.action(deal=deals[2], text="Send the quote", owner=world.owner, due=yesterday)  # Northwind, alice's own
    membership_remove(membership=Membership.objects.get(user=world.owner, team=world.team), by=world.manager)
    client.force_login(world.manager)
    html = _page(client)
    assert "储能项目" in html and "物联网平台" in html  # 国电 is still shared with his team
    assert "Warehouse" not in html  # alice's own account left with her
    week = client.get(reverse("home")).content.decode()
    assert "送报价单" in week and "Send the quote" not in week
    quality = client.get(reverse("map_quality")).content.decode()
    assert "储能项目" in quality and "Warehouse" not in quality


def test_an_outsider_sees_none_of_them(client, world, deals):
    client.force_login(world.outsider)
    html = _page(client)
    assert "Mallory deal" in html
    assert "储能项目" not in html and "Warehouse" not in html and "物联网平台" not in html


def test_totals_equal_the_sum_of_the_listed_deals(world, deals):
    result = pipeline(user=world.owner, filters=PipelineFilters())
    assert result.total.count == len(result.rows) == 4
    assert sum(t.count for t in result.totals) == len(result.rows)
    for total in result.totals:
        listed = [r for r in result.rows if r.stage == total.stage]
        assert total.count == len(listed)
        for currency in {r.currency for r in listed if r.amount is not None}:
            assert total.amounts[currency] == sum(
                r.amount for r in listed if r.currency == currency and r.amount
            )
    # never summed across currencies
    assert result.total.amounts == {"CNY": Decimal("1200000"), "USD": Decimal("80000")}
    assert [t.stage for t in result.totals] == ["evaluation", "purchase_decision"]


def test_the_page_shows_the_totals_per_stage_and_currency(client, world, deals):
    client.force_login(world.owner)
    html = _page(client)
    totals = html[html.index('id="pipeline-totals"') : html.index('id="deals-title"')]
    assert "1,200,000 CNY" in totals and "80,000 USD" in totals and "30,000 USD" in totals


def test_filters_by_stage_health_quarter_owner_and_team(world, deals):
    a, b, _c = deals
    by = lambda **kw: {r.name for r in pipeline(user=world.owner, filters=PipelineFilters(**kw)).rows}  # noqa: E731
    assert by(stage="purchase_decision") == {b.name}
    quarter = f"{a.expected_close.year}-Q{(a.expected_close.month - 1) // 3 + 1}"
    assert a.name in by(quarter=quarter) and "Warehouse" not in by(quarter=quarter)
    # a team's deals: those of its members' accounts and of the accounts shared with it
    assert by(team="east") == by(owner="all")
    f.team("west", members=[world.teammate])
    assert by(team="west") == set()
    assert by(owner="mallory") == set()
    assert by(owner="alice") == by(owner="all")
    bands = {r.band for r in pipeline(user=world.owner).rows}
    for band in bands:
        assert {r.band for r in pipeline(user=world.owner, filters=PipelineFilters(health=band)).rows} == {
            band
        }


def test_sorts_by_amount_both_ways(client, world, deals):
    up = [r.name for r in pipeline(user=world.owner, filters=PipelineFilters(sort="amount")).rows]
    down = [r.name for r in pipeline(user=world.owner, filters=PipelineFilters(sort="-amount")).rows]
    # by currency (CNY, then USD: no rates to compare them by), then by amount within it, up or down
    fleet = "Fleet <script>alert(1)</script>"
    assert up == ["物联网平台", "储能项目", "Warehouse", fleet]  # 物联网平台 has no amount
    assert down == ["储能项目", "物联网平台", fleet, "Warehouse"]
    client.force_login(world.owner)
    html = _page(client, sort="-amount")
    assert html.index("储能项目") < html.index("Warehouse")


def test_each_row_shows_health_flag_days_in_stage_and_a_sparkline(client, world, deals):
    client.force_login(world.owner)
    html = _page(client)
    row = html[html.index(f'data-deal="{world.cn_deal.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'class="health health-' in row and '<svg class="spark' in row
    assert 'class="sevtag' in row  # the 国电 deal has flags (the decision maker was never met)


def test_the_trend_reads_the_health_of_past_weeks_from_history(world, deals):
    from battlemap.maps import trend_days

    row = next(r for r in pipeline(user=world.owner).rows if r.deal_id == world.cn_deal.pk)
    assert len(row.trend) == len(trend_days(timezone.localdate())) == 8
    assert row.trend[-1] == row.health
    assert row.trend[0] is None  # eight weeks ago the deal did not exist


def test_the_trend_points_are_the_health_of_the_map_as_recorded_at_each_week_end(world):
    from django.apps import apps

    from battlemap.maps import account_analysis, trend_days

    for model in apps.get_models():  # as if the map had been built two months ago
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            model.history.update(history_date=timezone.now() - timedelta(days=60))
    row = next(r for r in pipeline(user=world.owner).rows if r.deal_id == world.cn_deal.pk)
    days = trend_days(timezone.localdate())
    assert days[-1] == timezone.localdate() and all(d.weekday() == 6 for d in days[:-1])
    for day, point in zip(days[:-1], row.trend[:-1], strict=True):
        then = account_analysis(account=world.cn, as_of=day, deal_id=world.cn_deal.pk)
        assert point == then["deals"][0]["health"]["score"]


def test_xlsx_export_lists_the_same_deals(client, world, deals):
    from battlemap.users.models import Profile

    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    client.force_login(world.owner)
    response = client.get(reverse("pipeline_export"), {"sort": "-amount"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Account" and len(rows) == 1 + 4
    assert rows[1][1] == "储能项目" and rows[1][3] == 1200000 and rows[1][4] == "CNY"
    assert sheet.cell(row=2, column=4).number_format == "#,##0.00"  # 1,200,000.00 in Excel, not 1200000
    listed = {r[1] for r in rows[1:]}
    assert "Mallory deal" not in listed and "已赢单" not in listed


def test_the_top_navigation_links_the_pipeline(client, world):
    client.force_login(world.owner)
    assert f'href="{reverse("pipeline")}"' in client.get(reverse("portfolio")).content.decode()


def _queries(user) -> int:
    from django.core.cache import cache

    cache.clear()
    pipeline(user=user)  # fill the cache
    with CaptureQueriesContext(connection) as ctx:
        pipeline(user=user)
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_deals(world):
    few = _queries(world.owner)
    for i in range(12):
        account = f.account(owner=world.owner, slug=f"more{i}", name=f"More {i}", team=world.team)
        for j in range(2):
            deal = f.deal(account=account, name=f"D{i}-{j}", amount=Decimal(1000))
            f.action(deal=deal, owner=world.owner)
    many = _queries(world.owner)
    assert len(pipeline(user=world.owner).rows) == 1 + 24
    assert many == few


def test_the_weekly_health_is_kept_over_an_edit_today_but_not_over_a_back_dated_one(world, monkeypatch):
    from django.core.cache import cache

    from battlemap.core.history_stamp import recorded
    from battlemap.deals.services import deal_update
    from battlemap.maps import pipeline as module

    cache.clear()
    reads = []
    real = module.build_snapshots
    monkeypatch.setattr(module, "build_snapshots", lambda **kw: reads.extend(kw["accounts"]) or real(**kw))
    pipeline(user=world.owner)
    first = len(reads)
    assert first == 1  # the account did not exist in any past week: read once, then known unchanged
    deal_update(deal=world.cn_deal, version=world.cn_deal.version, name="物联网平台二期")
    pipeline(user=world.owner)
    assert len(reads) == first  # an edit today leaves the past weeks be
    world.cn_deal.refresh_from_db()
    with recorded(at=timezone.now() - timedelta(days=30)):
        deal_update(deal=world.cn_deal, version=world.cn_deal.version, stage="purchase_decision")
    pipeline(user=world.owner)
    assert len(reads) > first  # a back-dated edit changes the past: read again


def test_each_deal_carries_its_qualification_score_and_the_pipeline_filters_and_sorts_on_it(
    client, world, deals
):
    from battlemap.maps import account_analysis

    rows = pipeline(user=world.owner).rows
    for r in rows:  # the score the deal's MEDDPICC view shows
        analysed = next(d for d in account_analysis(account=r.account)["deals"] if d["id"] == r.deal_id)
        assert r.qualification == analysed["qualification"]["score"]
    below = {r.name for r in pipeline(user=world.owner, filters=PipelineFilters(qualification="50")).rows}
    assert below == {r.name for r in rows if r.qualification < 50}
    ordered = [
        r.qualification
        for r in pipeline(user=world.owner, filters=PipelineFilters(sort="-qualification")).rows
    ]
    assert ordered == sorted(ordered, reverse=True)
    client.force_login(world.owner)
    html = client.get("/deals/?owner=all&qualification=75").content.decode()
    assert 'name="qualification"' in html and "/qualification/" in html
    api = client.get("/api/pipeline?owner=all&qualification=75").json()
    assert all(d["qualification"] < 75 for d in api["deals"])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_health_filter_names_each_band_with_both_ends_as_the_analysis_bands_them(client, world, language):
    client.force_login(world.owner)
    client.post("/language/", {"language": language, "next": "/"})
    html = client.get(reverse("pipeline")).content.decode()
    options = dict(re.findall(r'<option value="(good|fair|poor)"[^>]*>([^<]+)</option>', html))
    assert set(options) == {"good", "fair", "poor"}
    covered = set()
    for band, text in options.items():
        low, high = map(int, re.search(r"(\d+)–(\d+)", text).groups())  # "Fair (40–69)": both ends
        assert {health_band(low), health_band(high)} == {band}, text
        assert low == 0 or health_band(low - 1) != band, text
        assert high == 100 or health_band(high + 1) != band, text
        covered |= set(range(low, high + 1))
    assert covered == set(range(101))  # every score in exactly one band's words


def test_a_contact_with_the_deals_people_is_the_deals_contact_wherever_it_was_logged(world, owner_client):
    """Mail and calendars are ingested for the account, not a deal: a meeting with the deal's decision maker
    is its last contact in the pipeline and is listed in its room, as the analysis' freshness counts it; a
    meeting with someone outside the deal is neither."""
    deal = world.cn_deal  # 王建国 is its decision maker
    outsider = f.person(account=world.cn, name="门卫老李")
    f.interaction(account=world.cn, people=[outsider], days_ago=1, summary="与门卫聊天")
    met = f.interaction(account=world.cn, people=[world.cn_boss], days_ago=3, summary="与王建国午餐")
    rows = {r.deal_id: r for r in pipeline(user=world.owner, filters=PipelineFilters()).rows}
    assert rows[deal.pk].last_contact == met.occurred_at
    room = owner_client.get(reverse("deal", args=[world.cn.slug, deal.pk])).content.decode()
    assert "与王建国午餐" in room and "与门卫聊天" not in room


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_health_and_qualification_headers_say_what_each_measures(client, world, deals, lang):
    """Health 7 beside MEDDPICC 94 read as a contradiction to a tester: the headers say one is how the deal
    stands, the other how much of it is known and confirmed."""
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    html = _page(client)
    with translation.override(lang):
        qualification = gettext(
            "Qualification (MEDDPICC): how much of the deal we know and the customer has confirmed, 0 to 100 — "
            "not how well it is going: a deal can be well qualified and at risk."
        )
    assert f'title="{escape(qualification)}"' in html
