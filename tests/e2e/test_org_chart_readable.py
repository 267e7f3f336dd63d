"""A 250-person group's org chart reads on its first view and after Fit, on a desktop and on a phone.

A reviewer's state-owned group (250 people, three decision bodies): drawn whole, the tree stood about 100
cards wide, so Fit made it a strip 60 px tall whose names were under 1 px, and on a phone the three body
cards stood in a column that filled the chart's first screen. Now such a chart opens on its top levels,
the teams below collapsed (▸ +n), Fit never shrinks names below 6.5 px, and the bodies keep to a row."""

from __future__ import annotations

from tests import factories as f
from tests.bigaccount import build
from tests.e2e.conftest import login, phone, screenshot

CHART = "window.battlemapOrgChart"
READABLE_PX = 6.5  # orgchart.js FIT_MIN_ZOOM × the smallest card text (13 px)


def _group():
    from django.core.cache import cache

    from battlemap.process import services as process

    cache.clear()
    account = build(
        owner=f.user("demo", password="demo"), people=250, links=90, interactions=0, deals=1, slug="hdjt"
    )
    people = list(account.people.order_by("pk"))
    hostile = people[1]  # one of the chairman's direct reports: on the opening view
    hostile.name = "<img src=x onerror=alert(1)>"
    hostile.save()
    for name, members in (
        ("集团党委会", people[:6]),
        ("总经理办公会", people[1:6]),
        ("评标委员会", people[6:15]),
    ):
        process.body_create(account=account, name=name, members=members)
    return people[0]


def _open(page) -> list:
    dialogs: list = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{page.base_url}/accounts/hdjt/")
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=30000)
    return dialogs


def _inside(box: dict, view: dict) -> bool:
    return box["x1"] >= -1 and box["y1"] >= -1 and box["x2"] <= view["w"] + 1 and box["y2"] <= view["h"] + 1


def test_a_250_person_chart_opens_on_its_top_levels_and_fit_keeps_names_readable(page, transactional_db):
    head = _group()
    login(page)
    dialogs = _open(page)
    assert page.evaluate(f"{CHART}.size()") < 30  # the top levels, not 253 cards
    assert "▸" in page.locator("#org-status").inner_text()  # the reader is told teams are collapsed
    labels = page.evaluate(f"{CHART}.labels()")
    assert any(label.count("▸ +") for label in labels)
    assert any("<img src=x" in label for label in labels) and not dialogs  # a name is text (cut to its card)
    view = page.evaluate(f"{CHART}.viewSize()")
    assert _inside(page.evaluate(f"id => {CHART}.renderedBox(id)", f"p{head.pk}"), view)
    page.click("[data-org=fit]")
    assert page.evaluate(f"{CHART}.fontPx()") >= READABLE_PX  # was 0.65 px: a strip 60 px tall
    for card in page.evaluate(f"{CHART}.visible()"):  # the top levels fit whole
        assert _inside(page.evaluate(f"id => {CHART}.renderedBox(id)", card), view), card
    screenshot(page, "org_250_fit")

    for card in page.evaluate(f"{CHART}.folded()"):  # every team open: Fit stops at readable names
        if card in page.evaluate(f"{CHART}.visible()"):
            page.evaluate(f"id => {CHART}.fold(id)", card)
    page.click("[data-org=fit]")
    assert page.evaluate(f"{CHART}.fontPx()") >= READABLE_PX
    assert _inside(page.evaluate(f"id => {CHART}.renderedBox(id)", f"p{head.pk}"), view)  # from the top


def test_on_a_phone_the_bodies_leave_the_top_of_the_tree_on_the_first_view(
    browser, live_server, transactional_db
):
    head = _group()
    with phone(browser, live_server) as pg:
        _open(pg)
        view = pg.evaluate(f"{CHART}.viewSize()")
        # three bodies in a column were 305 px of a 420-px chart: the chairman's card ran off its foot
        assert _inside(pg.evaluate(f"id => {CHART}.renderedBox(id)", f"p{head.pk}"), view)
        tops = {
            round(b["y1"])
            for b in (
                pg.evaluate(f"id => {CHART}.renderedBox(id)", x["id"])
                for x in pg.evaluate(f"{CHART}.bodies()")
            )
        }
        assert len(tops) == 1  # one row of bodies
        pg.locator("#orgchart").scroll_into_view_if_needed()
        screenshot(pg, "org_250_phone")
