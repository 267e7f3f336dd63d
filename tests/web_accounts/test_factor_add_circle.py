"""Adding an external factor on the influence circle (a phone reviewer's finding): the factor joined the list under
the rings, but ring 5 above still read "空缺" in red and the chart did not draw it until a reload — only the list
was swapped. Now the answer is the circle page, and htmx swaps its body (chart, ring table, list)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
FACTOR = {"kind": "policy", "description": "双碳政策收紧", "effect": -1}


def _ring(html: str, number: int) -> str:
    """Row `number` of the ring table (1 = the decision unit … 5 = information sources and the environment)."""
    table = html[html.index('id="circle-table"') :]
    row = table[table.index(f'<th scope="row">{number}. ') :]
    return row[: row.index("</tr>")]


def _add_url(world, deal=None) -> str:
    return reverse("account_factor_add", args=[world.cn.slug]) + (f"?deal={deal.pk}" if deal else "")


def test_the_ring_table_and_the_chart_show_a_factor_once_added(owner_client, world):
    circle = owner_client.get(reverse("account_circle", args=[world.cn.slug])).content.decode()
    assert "空缺" in _ring(circle, 5)
    response = owner_client.post(_add_url(world, world.cn_deal), FACTOR, **HX)
    assert response.status_code == 200
    assert world.cn.external_factors.get().description == "双碳政策收紧"
    html = response.content.decode()
    body = html[html.index('id="circle-body"') :]  # what htmx swaps: chart, ring table and the list
    assert "双碳政策收紧" in _ring(body, 5) and "空缺" not in _ring(body, 5)
    chart = body[body.index("<svg") : body.index("</svg>")]
    assert "双碳政策收紧" in chart
    assert body.count("双碳政策收紧") >= 3  # drawn, in its ring, in the list under the rings


def test_the_add_form_swaps_the_circle_body_for_the_deal_shown(owner_client, world):
    html = owner_client.get(
        reverse("account_circle", args=[world.cn.slug]) + f"?deal={world.cn_deal.pk}"
    ).content.decode()
    form = html[html.index(f'hx-post="{_add_url(world, world.cn_deal)}"') :]
    form = form[: form.index(">")]
    assert 'hx-target="#circle-body" hx-select="#circle-body"' in form
    assert 'id="circle-body"' in html and "deals/edit" in html  # a refused add (422) is swapped in too


def test_without_javascript_an_added_factor_goes_back_to_the_circle_of_that_deal(owner_client, world):
    response = owner_client.post(_add_url(world, world.cn_deal), FACTOR)
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("account_circle", args=[world.cn.slug]) + f"?deal={world.cn_deal.pk}"
    )
    html = owner_client.get(response["Location"]).content.decode()
    assert "外部因素已添加" in html and "双碳政策收紧" in _ring(html, 5)


def test_without_javascript_a_refused_factor_gets_the_whole_page_with_the_field_named(owner_client, world):
    response = owner_client.post(_add_url(world), {**FACTOR, "effect": 7})
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().lower().startswith("<!doctype html")  # was the bare list fragment
    assert 'id="circle-table"' in html
    assert response.context["factor_form"].errors["effect"]
    assert not world.cn.external_factors.exists()
