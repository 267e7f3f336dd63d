"""The pipeline and the map-quality report a page at a time (views_pipeline.PIPELINE_PAGE deals a page):
the next rows on the next page, filters and sort kept in the page links, totals and counts over every
listed deal, a page out of range, access as without pages, the export of every deal."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from battlemap.deals import views_pipeline
from tests import factories as f

pytestmark = pytest.mark.django_db

PER_PAGE = 2


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(views_pipeline, "PIPELINE_PAGE", PER_PAGE)


@pytest.fixture
def five(world):
    """Five open deals of alice's besides the world's 物联网平台 (no amount): amounts 100..500 CNY, the
    first three in evaluation; the outsider's big deal, which no page of alice's may show."""
    today = timezone.localdate()
    deals = [
        f.deal(
            account=world.cn if n % 2 else world.en,
            name=f"Deal {n}",
            stage="evaluation" if n <= 3 else "purchase_decision",
            amount=Decimal(100 * n),
            currency="CNY",
            expected_close=today + timedelta(days=10 * n),
        )
        for n in range(1, 6)
    ]
    f.deal(account=world.other, name="Mallory deal", amount=Decimal("999999"), currency="CNY")
    return deals


def _get(client, name: str = "pipeline", **query):
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    return response.content.decode()


def _deal_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-deal="(\d+)"', html)]


def _next_href(html: str) -> str:
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else ""


def test_page_two_shows_the_next_rows(owner_client, world, five):
    first = _deal_ids(_get(owner_client, sort="-amount"))
    second = _deal_ids(_get(owner_client, sort="-amount", page=2))
    assert first == [five[4].pk, five[3].pk] and second == [five[2].pk, five[1].pk]


def test_every_deal_is_on_exactly_one_page_and_the_outsiders_on_none(owner_client, world, five):
    seen = []
    for number in (1, 2, 3):
        seen += _deal_ids(_get(owner_client, sort="amount", page=number))
    assert sorted(seen) == sorted([d.pk for d in five] + [world.cn_deal.pk])
    assert len(seen) == len(set(seen)) == 6
    assert not set(world.other.deals.values_list("pk", flat=True)) & set(seen)


def test_the_page_links_keep_the_filters_and_the_sort(owner_client, world, five):
    html = _get(owner_client, stage="evaluation", sort="-amount", owner="all")
    href = _next_href(html)
    assert "stage=evaluation" in href and "sort=-amount" in href and "owner=all" in href and "page=2" in href
    again = owner_client.get(reverse("pipeline") + href).content.decode()
    # evaluation: Deal 3, 2, 1 and 物联网平台 (no amount: last); page 2 holds the last two of them
    assert _deal_ids(again) == [five[0].pk, world.cn_deal.pk]
    assert 'rel="next"' not in again and 'rel="prev"' in again


def test_a_sort_or_a_filter_starts_again_at_page_one(owner_client, world, five):
    html = _get(owner_client, sort="amount", page=2)
    head = html.split('id="pipeline"', 1)[1].split("</thead>", 1)[0]
    sort_links = re.findall(r'href="(\?[^"]*sort=[^"]*)"', head)
    assert sort_links and not any("page=" in link for link in sort_links)
    assert 'name="page"' not in html  # the filter form sends no page: a new filter opens its first page


def test_totals_and_the_count_are_of_every_listed_deal_on_any_page(owner_client, world, five):
    for number in (1, 2, 3):
        html = _get(owner_client, page=number)
        assert re.search(r'id="deals-title">[^<]*<span class="muted">\(6\)</span>', html)
        foot = html.split('<tfoot><tr data-stage="">', 1)[1].split("</tr>", 1)[0]
        assert re.search(r'<td class="num">6</td>', foot) and "1,500" in foot
        evaluation = html.split('<tr data-stage="evaluation">', 1)[1].split("</tr>", 1)[0]
        assert '<td class="num">4</td>' in evaluation and "600" in evaluation


def test_a_page_out_of_range_shows_the_last_page_and_not_a_number_the_first(owner_client, world, five):
    last = _deal_ids(_get(owner_client, sort="amount", page=3))
    assert _deal_ids(_get(owner_client, sort="amount", page=99)) == last
    first = _deal_ids(_get(owner_client, sort="amount"))
    for junk in ("abc", "0", "-1", ""):
        assert _deal_ids(_get(owner_client, sort="amount", page=junk)) in (first, last)
    assert _deal_ids(_get(owner_client, sort="amount", page="abc")) == first


def test_the_rows_of_a_later_page_have_their_trend_and_last_contact(owner_client, world, five):
    met = f.person(account=world.en, name="Met Person")
    f.role(deal=five[0], person=met, roles=["user"])
    f.interaction(account=world.en, people=[met], days_ago=3)
    html = _get(owner_client, sort="-amount", page=3)  # Deal 1 and 物联网平台
    row = html.split(f'<tr data-deal="{five[0].pk}"', 1)[1].split("</tr>", 1)[0]
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert day in row and "<svg" in row


def test_sorted_by_last_contact_the_order_runs_over_the_pages(owner_client, world, five):
    for n, deal in enumerate(five):
        person = f.person(account=deal.account, name=f"Contact {n}")
        f.role(deal=deal, person=person, roles=["user"])
        f.interaction(account=deal.account, people=[person], days_ago=10 + n)  # Deal 1 the latest
    seen = []
    for number in (1, 2, 3):
        seen += _deal_ids(_get(owner_client, sort="-last_contact", page=number))
    assert seen == [d.pk for d in five] + [world.cn_deal.pk]


def test_the_export_lists_every_deal_whatever_the_page(owner_client, world, five):
    response = owner_client.get(reverse("pipeline_export"), {"page": 2, "stage": "evaluation"})
    sheet = load_workbook(BytesIO(response.content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"Deal 1", "Deal 2", "Deal 3", "物联网平台"} <= names and "Deal 4" not in names


def test_the_links_to_the_other_report_and_the_export_leave_the_page_out(owner_client, world, five):
    html = _get(owner_client, stage="evaluation", page=2)
    export = re.search(r'href="(/deals/export\.xlsx\?[^"]*)"', html).group(1)
    quality = re.search(r'href="(/deals/quality/\?[^"]*)"', html).group(1)
    assert "stage=evaluation" in export and "page=" not in export and "page=" not in quality


def test_map_quality_counts_every_deal_and_pages_the_deals(owner_client, world, five):
    first = _get(owner_client, "map_quality")
    second = _get(owner_client, "map_quality", page=2)
    for html in (first, second):
        summary = html.split('id="quality-summary"', 1)[1].split("</section>", 1)[0]
        assert sum(int(n) for n in re.findall(r'class="qband qband-\w+">[^<]* (\d+)</span>', summary)) == 6
        owner_row = html.split('<tr data-owner="alice">', 1)[1].split("</tr>", 1)[0]
        assert ">6</a>" in owner_row
    shown = _deal_ids(first) + _deal_ids(second) + _deal_ids(_get(owner_client, "map_quality", page=3))
    assert sorted(shown) == sorted([d.pk for d in five] + [world.cn_deal.pk])
    assert len(_deal_ids(second)) == PER_PAGE
    href = _next_href(_get(owner_client, "map_quality", stage="evaluation"))
    assert "stage=evaluation" in href and "sort=quality" not in href and "page=2" in href


def test_an_outsider_pages_through_his_own_deals_only(client, world, five):
    client.force_login(world.outsider)
    html = _get(client, page=2)
    assert "Mallory deal" in html and not any(d.name in html for d in five)
    assert "pager" not in html.split("</table>", 2)[-1]  # one deal: one page, no pager
