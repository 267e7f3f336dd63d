"""The account pages in Chromium: every view draws, drag-reparent saves, language switch, XSS inert."""

from __future__ import annotations

import pytest
from django.utils import timezone

from battlemap.io.export import export_filename
from tests import factories as f
from tests.e2e.conftest import login, screenshot, speak

XSS = "<img src=x onerror=alert(1)>"
VIEWS = [
    ("", "org"),
    ("circle/", "circle"),
    ("chain/", "chain"),
    ("power/", "power"),
    ("portrait/", "portrait"),
    ("timeline/", "timeline"),
]


@pytest.fixture
def web_world(transactional_db):
    """A small battle map owned by demo/demo."""
    from django.core.cache import cache

    cache.clear()
    demo = f.user("demo", password="demo")
    acct = f.account(
        owner=demo,
        slug="guodian",
        name="国电智慧能源集团",
        industry="能源",
        region="华北",
        lifecycle="growing",
        segments=["能源", "央企"],
        strategic_goals="建设智慧电厂",
    )
    ceo = f.person(account=acct, name="王建国", title="总经理", decision_style="driver", needs_level="esteem")
    cio = f.person(account=acct, name="李明", title="信息中心主任", reports_to=ceo)
    cfo = f.person(account=acct, name="张华", title="财务总监", reports_to=ceo)
    eng = f.person(account=acct, name="刘工", title="运维工程师", reports_to=cio)
    buyer = f.person(account=acct, name="赵采购", title="采购经理", reports_to=cfo)
    bad = f.person(account=acct, name=XSS, title=XSS, reports_to=cio)
    f.person(account=acct, name="孙离职", title="前副总", status="left", left_on="2026-01-01", reports_to=ceo)
    f.link(source=cio, target=ceo, strength=3)
    f.link(source=eng, target=cio)
    deal = f.deal(
        account=acct,
        name="智慧电厂物联网平台",
        stage="evaluation",
        decision_factors={"technology": 5, "price": 3, "service": 2},
        channels={"information_search": ["peers", "analysts"], "evaluation": ["vendor_content"]},
    )
    f.role(deal=deal, person=ceo, roles=["decision_maker"], attitude="neutral", influence=5)
    f.role(
        deal=deal,
        person=cio,
        roles=["influencer", "champion"],
        attitude="supporter",
        influence=4,
        personal_win="晋升为集团CIO",
    )
    f.role(deal=deal, person=cfo, roles=["purchaser"], attitude="skeptic", influence=4)
    f.role(deal=deal, person=eng, roles=["user"], attitude="advocate", influence=2)
    f.role(deal=deal, person=bad, roles=["gatekeeper"], attitude="opponent", influence=3)
    f.role(deal=deal, person=buyer, roles=["purchaser"], attitude="unknown", influence=2)
    f.factor(account=acct, kind="policy", description="双碳政策推动数字化", effect=1)
    f.interaction(account=acct, people=[cio, eng], summary="技术交流会")
    return {"account": acct, "deal": deal, "cio": cio, "cfo": cfo, "eng": eng, "bad": bad}


def _wait_for_chart(page) -> None:
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)


def test_each_view_draws_and_saves_a_screenshot(page, web_world):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    for path, name in VIEWS:
        page.goto(f"{page.base_url}/accounts/guodian/{path}")
        if name == "org":
            _wait_for_chart(page)
            assert page.locator("#org-table tbody tr").count() == 7
            assert page.evaluate("() => window.battlemapOrgChart.edges('influence')") == 2
            page.uncheck("[data-org=links]")  # influence arrows can be switched off and on
            assert page.evaluate("() => window.battlemapOrgChart.edges('influence')") == 0
            page.check("[data-org=links]")
            assert page.evaluate("() => window.battlemapOrgChart.edges('influence')") == 2
            assert page.evaluate("() => window.battlemapOrgChart.edges('reports')") == 6
        assert page.locator(".tabs a[aria-current=page]").count() == 1
        screenshot(page, f"account_{name}")
    page.click(".healthparts summary")  # the health score explains itself
    assert page.locator(".healthparts table tbody tr").count() >= 3
    screenshot(page, "account_health_parts")
    page.goto(f"{page.base_url}/accounts/")
    assert page.locator("#portfolio tbody tr").count() == 1
    screenshot(page, "account_portfolio")
    assert not alerts and not errors, (alerts, errors)


def test_drag_a_card_onto_another_changes_the_manager(page, web_world):
    login(page)
    page.goto(f"{page.base_url}/accounts/guodian/")
    _wait_for_chart(page)
    eng, cfo = web_world["eng"], web_world["cfo"]
    # Screen positions of the two cards, from Cytoscape's own rendered geometry.
    page.locator("#orgchart").scroll_into_view_if_needed()
    page.evaluate("() => window.battlemapOrgChart.fit()")
    box = page.locator("#orgchart").bounding_box()
    src = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", f"p{eng.pk}")
    dst = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", f"p{cfo.pk}")
    page.mouse.move(box["x"] + src["x"], box["y"] + src["y"])
    page.mouse.down()
    steps = 12
    for i in range(1, steps + 1):
        page.mouse.move(
            box["x"] + src["x"] + (dst["x"] - src["x"]) * i / steps,
            box["y"] + src["y"] + (dst["y"] - src["y"]) * i / steps,
        )
    page.mouse.up()
    page.wait_for_function(
        "() => document.getElementById('org-status').textContent.includes('张华')", timeout=10000
    )
    was = eng.reports_to_id
    eng.refresh_from_db()
    assert eng.reports_to_id == cfo.pk
    _wait_for_chart(page)
    screenshot(page, "account_org_after_drag")
    # a drop saves at once (a seller's slip while panning moved someone): the message offers to put them back
    page.click("#org-status button.undo")
    page.wait_for_selector("#org-status button.undo", state="detached", timeout=10000)  # said: undone
    eng.refresh_from_db()
    assert eng.reports_to_id == was
    _wait_for_chart(page)
    # the chart's PNG button is the menu's server export: one picture (legend and all), one file name
    page.click("#org-png button")
    page.wait_for_url("**/io/export/job/*/")
    with page.expect_download() as download:
        page.click("#download")
    path = download.value.path()
    day = timezone.localdate().isoformat()
    assert download.value.suggested_filename == export_filename("国电智慧能源集团", "png", day)
    with open(path, "rb") as picture:
        assert picture.read(8) == b"\x89PNG\r\n\x1a\n"


def test_switch_language_and_xss_name_is_inert(page, web_world):
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    login(page)
    page.goto(f"{page.base_url}/accounts/guodian/")
    _wait_for_chart(page)
    assert page.locator(".tabs").inner_text().find("组织架构图") >= 0
    speak(page, "en")
    assert "Org chart" in page.locator(".tabs").inner_text()
    _wait_for_chart(page)
    # the hostile name shows as text in the table and is drawn as a label on the canvas, never as an element
    assert page.locator("#org-table", has_text=XSS).count() == 1
    assert page.locator("img[src=x]").count() == 0
    labels = page.evaluate("() => window.battlemapOrgChart.labels()")
    assert any("<img src=x" in label.splitlines()[1] for label in labels)  # drawn as text, under the marks
    # the tooltip shows the whole name, as text
    page.locator("#orgchart").scroll_into_view_if_needed()
    page.evaluate("() => window.battlemapOrgChart.fit()")
    box = page.locator("#orgchart").bounding_box()
    centre = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", f"p{web_world['bad'].pk}")
    page.mouse.move(box["x"] + centre["x"], box["y"] + centre["y"])
    page.wait_for_selector("#orgchart .tooltip:not([hidden])")
    assert XSS in page.locator("#orgchart .tooltip").inner_text()
    assert page.locator("#orgchart .tooltip img").count() == 0
    for path, _name in VIEWS[1:]:
        page.goto(f"{page.base_url}/accounts/guodian/{path}")
        assert page.locator("img[src=x]").count() == 0
    screenshot(page, "account_power_en")
    assert alerts == []


def test_add_external_factor_and_edit_portrait_in_place(page, web_world):
    login(page)
    page.goto(f"{page.base_url}/accounts/guodian/circle/")
    page.select_option("#id_kind", "competitor")
    page.fill("#id_description", "竞品华为报价低15%")
    page.click("#factors button.primary")
    page.wait_for_selector("#factor-table >> text=竞品华为报价低15%")
    page.goto(f"{page.base_url}/accounts/guodian/portrait/")
    page.click("#portrait a.button")
    page.wait_for_selector("textarea[name=pains]")
    page.fill("textarea[name=pains]", "老旧设备故障频繁")
    page.click("#portrait button.primary")
    page.wait_for_selector("#portrait dd >> text=老旧设备故障频繁")
    screenshot(page, "account_portrait_edited")


def test_phone_width_keeps_pages_usable(browser, live_server, web_world):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    for path, name in (("", "org"), ("chain/", "chain")):
        page.goto(f"{page.base_url}/accounts/guodian/{path}")
        if name == "org":
            _wait_for_chart(page)
        # nothing wider than the screen except inside scrollable table boxes
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} page is {overflow}px wider than the phone"
        screenshot(page, f"account_{name}_phone")
    context.close()


def test_a_long_outside_factor_wraps_and_every_ring_shows_its_people_at_1366px(page, web_world):
    # a reviewer (rev5 h2): one long factor's pill, never wrapped, made the rings table 1477 px wide in its 1342 px
    # box, cut the factor and hid a person of ring 2 past the right edge with nothing to say so
    f.factor(
        account=web_world["account"],
        kind="policy",
        description="CMS price-transparency and interoperability rules force an EHR-integrated solution by 2027",
        effect=-1,
    )
    login(page)
    page.goto(f"{page.base_url}/accounts/guodian/circle/")
    wrap = page.locator("#circle-table").locator("xpath=..")
    assert page.evaluate("t => t.scrollWidth", wrap.element_handle()) <= wrap.evaluate("w => w.clientWidth")
    right = wrap.bounding_box()["x"] + wrap.bounding_box()["width"]
    badges = page.locator("#circle-table td .badge")
    assert badges.count() >= 7
    for i in range(badges.count()):
        box = badges.nth(i).bounding_box()
        assert box["x"] + box["width"] <= right, badges.nth(i).inner_text()
    page.locator("#circle-table").scroll_into_view_if_needed()
    screenshot(page, "circle_long_factor_1366")
