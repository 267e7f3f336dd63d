"""Log an interaction (记录互动) on a 390-px phone: one person's box was 13 px wide beside 18 px ones — a long
label in a flex row squeezed it. Every box keeps its size, whatever its label."""

from __future__ import annotations

from battlemap.deals.models import Deal
from battlemap.people.models import Person
from tests.e2e.conftest import phone, screenshot

BOXES = """() => [...document.querySelectorAll('input[type=checkbox]')].filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect(); return [e.name, e.value, Math.round(r.width), Math.round(r.height)]; })"""


def test_on_a_phone_every_persons_box_is_the_same_size(browser, live_server, demo_world):
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    someone = Person.objects.filter(account__slug="hdny", placeholder=False).first()
    someone.title = "分管数字化转型与信息安全工作的党委副书记、副总经理兼首席信息官"  # a long label
    someone.save()
    with phone(browser, live_server) as page:
        page.goto(f"{page.base_url}/accounts/hdny/interactions/new/?deal={deal.pk}")
        boxes = page.evaluate(BOXES)
        assert len(boxes) > 5
        assert len({(w, h) for _name, _value, w, h in boxes}) == 1, boxes
        screenshot(page, "capture-boxes-390")
