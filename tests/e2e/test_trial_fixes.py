"""What a new-user trial found, checked in Chromium: "Fit" does not blow a 3-person chart up; a
dragged card stays on screen; the portfolio's worst flag is readable on a 390-px phone."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.e2e.conftest import login, screenshot


@pytest.fixture
def tiny(transactional_db):
    from django.core.cache import cache

    cache.clear()
    demo = f.user("demo", password="demo")
    acct = f.account(owner=demo, slug="tiny", name="三人小客户")
    boss = f.person(account=acct, name="王总", title="总经理")
    f.person(account=acct, name="李经理", title="信息中心主任", reports_to=boss)
    f.person(account=acct, name="Jane Doe", title="CFO", reports_to=boss)
    f.deal(account=acct, name="小商机", stage="evaluation")  # no decision maker: a high flag
    return {"account": acct, "boss": boss}


def _open_chart(page) -> None:
    login(page)
    page.goto(f"{page.base_url}/accounts/tiny/")
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
    page.locator("#orgchart").scroll_into_view_if_needed()


def test_fit_keeps_a_small_chart_card_sized_and_a_dragged_card_stays_on_screen(page, tiny):
    _open_chart(page)
    page.click("[data-org=fit]")
    assert page.evaluate("() => window.battlemapOrgChart.zoom()") <= 1.0001  # was ~2.5: giant cards
    assert page.evaluate("() => window.battlemapOrgChart.fontPx()") >= 11
    screenshot(page, "org_tiny_fit")
    node = f"p{tiny['boss'].pk}"
    box = page.locator("#orgchart").bounding_box()
    c = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", node)
    page.mouse.move(box["x"] + c["x"], box["y"] + c["y"])
    page.mouse.down()
    for i in range(1, 21):  # far past the right and bottom edges of the chart
        page.mouse.move(box["x"] + c["x"] + 90 * i, box["y"] + c["y"] + 50 * i)
    page.mouse.up()
    card = page.evaluate("id => window.battlemapOrgChart.renderedBox(id)", node)
    view = page.evaluate("() => window.battlemapOrgChart.viewSize()")
    assert card["x1"] >= -1 and card["y1"] >= -1, card
    assert card["x2"] <= view["w"] + 1 and card["y2"] <= view["h"] + 1, (card, view)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_portfolio_flag_reads_on_a_phone(browser, live_server, tiny, lang):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN" if lang == "zh-hans" else "en-US"
    )
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    page.goto(f"{page.base_url}/accounts/")
    flag = page.locator("#portfolio .flag-inline").first
    flag.wait_for()
    box = flag.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["width"] > 120, box
    assert "小商机" in flag.inner_text()
    wrap = page.evaluate(
        "() => { const w = document.querySelector('.table-wrap'); return [w.scrollWidth, w.clientWidth]; }"
    )
    assert wrap[0] <= wrap[1] + 1, wrap  # nothing to scroll sideways to: no column is cut off
    screenshot(page, f"portfolio_390_{lang}")
    context.close()


def test_a_name_of_the_longest_kind_stays_inside_its_card(page, tiny):
    """A 200-character name of wide letters, a title of emoji and a right-to-left name are cut to their card
    ("…"), as the browser draws them: the "W" name ran past both edges of its card."""
    acct = tiny["account"]
    wide = f.person(account=acct, name="W" * 200, title="Chief " + "Very" * 40, reports_to=tiny["boss"])
    emoji = f.person(
        account=acct, name="王五" + "👨\u200d👩\u200d👧" * 12, title="😀" * 40, reports_to=tiny["boss"]
    )
    rtl = f.person(
        account=acct, name="محمد عبدالله " * 8, title="المدير المالي " * 6, reports_to=tiny["boss"]
    )
    _open_chart(page)
    page.click("[data-org=fit]")
    for person in (wide, emoji, rtl):
        node = f"p{person.pk}"
        card = page.evaluate("id => window.battlemapOrgChart.renderedBox(id)", node)
        label = page.evaluate("id => window.battlemapOrgChart.labelBox(id)", node)
        assert card["x1"] - 1 <= label["x1"] and label["x2"] <= card["x2"] + 1, (
            person.name[:20],
            card,
            label,
        )
        assert "…" in page.evaluate("id => window.battlemapOrgChart.labelOf(id)", node)
    screenshot(page, "org_longest_names")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_a_new_deals_health_card_keeps_its_labels_whole_and_the_page_in_width(
    browser, live_server, tiny, lang, width
):
    """A new deal's health is 0 and its open flags are cut short by that floor: the reason went in the score's
    cell, which never wraps, so the row labels wrapped a character a line (角/色/覆/盖) and the page scrolled
    sideways (1387 px at 1366, 413 at 390). The reason now sits on a line of its own below the bars."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page = context.new_page()
    page.base_url = live_server.url
    login(page)
    deal = tiny["account"].deals.get()
    page.goto(f"{page.base_url}/accounts/tiny/deals/{deal.pk}/")
    card = page.locator("table.parts")
    card.wait_for()
    note = {
        "zh-hans": "已无分可扣：健康度最低为 0。",
        "en": "Nothing left to take off: the health stops at 0.",
    }
    assert note[lang] in page.locator("table.parts tr.floor-note").inner_text()
    heights = page.evaluate(
        "[...document.querySelectorAll('table.parts th')].map(th => th.getBoundingClientRect().height)"
    )
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('table.parts th')).lineHeight)")
    assert max(heights) < 2.5 * line, heights  # a label on one line, two at most: never a character a line
    wrap = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert wrap[0] <= width, wrap
    box, table = (
        page.locator("table.parts").bounding_box(),
        page.locator("table.parts").evaluate("t => t.scrollWidth"),
    )
    assert table <= box["width"] + 1
    card.scroll_into_view_if_needed()
    screenshot(page, f"health_floor_{width}_{lang}")
    context.close()


def test_a_comment_and_an_influence_link_are_deleted_only_once_the_user_says_yes(page, tiny):
    """A comment and an influence link went at one click (a mis-tap on a phone), where action items and
    interactions ask first: they ask too, and "Cancel" keeps them."""
    from battlemap.comments.models import Comment
    from battlemap.comments.services import comment_create
    from battlemap.people.models import InfluenceLink

    acct, boss = tiny["account"], tiny["boss"]
    deal = acct.deals.get()
    comment_create(account=acct, author=acct.owner, body="明天约王总", deal=deal)
    f.link(source=acct.people.get(name="李经理"), target=boss, kind="trusts")
    login(page)
    asked: list[str] = []
    answer = {"yes": False}
    page.on("dialog", lambda d: (asked.append(d.message), d.accept() if answer["yes"] else d.dismiss()))
    for url, button, model in (
        (f"/accounts/tiny/deals/{deal.pk}/", ".comment-list form.inline button", Comment),
        ("/accounts/tiny/people/", "form[action*='/links/'] button", InfluenceLink),
    ):
        page.goto(page.base_url + url)
        answer["yes"] = False
        page.locator(button).first.click()
        page.wait_for_timeout(300)
        assert model.objects.count() == 1 and asked, url  # asked, and "Cancel" kept it
        answer["yes"] = True
        with page.expect_navigation():
            page.locator(button).first.click()
        assert model.objects.count() == 0, url
    assert len(asked) == 4
