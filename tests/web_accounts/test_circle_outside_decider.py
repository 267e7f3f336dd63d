"""An outside decision maker (an industry expert who decides for the deal) on the influence circle: on the
outside ring with the decision maker's badge, not inside the decision unit where he read as one of the
customer's own decision makers — on the page, and in the PDF and the deck, which draw the same layout."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from battlemap.accounts.charts import circle_layout
from battlemap.vocab import RINGS
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(world):
    cache.clear()
    zheng = f.person(
        account=world.cn,
        name="郑教授",
        external=True,
        external_kind="industry_expert",
        organisation="江南省卫健委",
    )
    f.role(deal=world.cn_deal, person=zheng, roles=["decision_maker"], attitude="supporter", influence=5)
    return zheng


def _ring_row(page: str, ring: str) -> str:
    table = page.split('id="circle-table"')[1].split("</table>")[0]
    return table.split("<tr>")[RINGS.codes.index(ring) + 2].split("</tr>")[0]


def test_the_page_draws_an_outside_decision_maker_on_the_outside_ring_with_his_badge(
    owner_client, world, expert
):
    page = owner_client.get(f"/accounts/{world.cn.slug}/circle/?deal={world.cn_deal.pk}").content.decode()
    assert "郑教授" in _ring_row(page, "outside")
    assert "郑教授" not in _ring_row(page, "decision_unit") and "王建国" in _ring_row(page, "decision_unit")
    # his label, on the chart or in the list of those not labelled on it, carries the decision maker's badge
    assert re.search(r">[^<]*郑教授 [^<]*决策[^<]*<", page)


def test_the_pdf_and_the_deck_place_him_alike(world, expert):
    from battlemap.io.export.report import build_report
    from battlemap.io.mapformat import export_map
    from battlemap.maps import account_analysis

    report = build_report(
        export_map(world.cn), account_analysis(account=world.cn, lang="en"), world.cn_deal.pk
    )
    _rings, dots = circle_layout(report.analysis, looks=report.circle_looks, deal_id=world.cn_deal.pk)
    rings = {d.name: d.ring for d in dots if d.kind == "person"}
    assert rings["郑教授"] == "outside" and rings["王建国"] == "decision_unit"
