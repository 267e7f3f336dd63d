"""Every `<label for>` on the forms points at a control that exists (the trial found empty `for` on
checkbox groups: our people on the meeting and role forms, channels per stage on the deal form); a group of
boxes is a fieldset named by its legend instead."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def _pages(world) -> list[str]:
    slug, deal = "guodian", world.cn_deal.pk
    link = f.link(source=world.cn_boss, target=world.cn.people.exclude(pk=world.cn_boss.pk).first())
    action = f.action(deal=world.cn_deal)
    return [
        reverse("account_new"),
        reverse("account_edit", args=[slug]),
        reverse("account", args=[slug]),
        reverse("account_portrait_edit", args=[slug]),
        reverse("account_reviews", args=[slug]),
        reverse("deal_new", args=[slug]),
        reverse("deal_edit", args=[slug, deal]),
        reverse("deal_close", args=[slug, deal]),
        reverse("deal", args=[slug, deal]),
        reverse("deal_role_new", args=[slug, deal]),
        reverse("deal_action_edit", args=[slug, deal, action.pk]),
        reverse("interaction_new", args=[slug]),
        reverse("person_new", args=[slug]),
        reverse("person", args=[slug, world.cn_boss.pk]),
        reverse("link_new", args=[slug]),
        reverse("link_edit", args=[slug, link.pk]),
        reverse("people_paste", args=[slug]),
        reverse("teams"),
    ]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_label_points_at_a_control_that_exists(client, world, lang):
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    checked = 0
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        page = lxml.html.fromstring(response.content)
        ids = {el.get("id") for el in page.iter() if el.get("id")}
        for label in page.iter("label"):
            target = label.get("for")
            if target is None:
                assert label.xpath(".//input|.//select|.//textarea"), (url, lxml.html.tostring(label))
                continue
            assert target and target in ids, (url, lxml.html.tostring(label)[:200])
            checked += 1
    assert checked > 40


def test_checkbox_groups_are_fieldsets_with_a_legend(client, world):
    client.force_login(world.owner)
    for url, name in (
        (reverse("interaction_new", args=["guodian"]), "field-our_people"),
        (reverse("deal_role_new", args=["guodian", world.cn_deal.pk]), "field-covered_by"),
        (reverse("deal_edit", args=["guodian", world.cn_deal.pk]), "field-channels_need_recognition"),
    ):
        page = lxml.html.fromstring(client.get(url).content)
        group = page.get_element_by_id(name)
        assert group.tag == "fieldset" and group.find("legend") is not None, url
        assert group.xpath(".//input[@type='checkbox']"), url


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_date_inputs_hold_iso_dates_in_both_languages(client, world, lang):
    """A day box shows (and sends back) a YYYY-MM-DD value: in Chinese the deal's close date came out as
    2027/02/13 in the browser's date box, showed empty, and saving the form would have cleared it. Every day
    is the forms' day box (core.dates.DayInput), none the browser's date box."""
    import re
    from datetime import date

    from battlemap.deals.models import Deal

    Deal.objects.filter(pk=world.cn_deal.pk).update(expected_close=date(2027, 2, 13))
    world.cn_boss.__class__.objects.filter(pk=world.cn_boss.pk).update(left_on=date(2026, 1, 5))
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    seen = 0
    for url in _pages(world):
        page = lxml.html.fromstring(client.get(url).content)
        assert not page.xpath("//input[@type='date']"), url
        for box in page.xpath("//input[@data-day]"):
            value = box.get("value") or ""
            assert value == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (url, box.get("name"), value)
            seen += bool(value)
    assert seen >= 2  # the close date and the review's day at least
