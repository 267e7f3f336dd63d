"""Small gaps of the everyday loop, in Chromium: a decision body's member inside a collapsed team is
reached from the body's card (the teams open, the card is selected and in view); a closed deal's room
shows its outcome, not a health. Screenshots to look at."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, speak


def test_a_body_member_inside_a_collapsed_team_is_expanded_selected_and_shown(page, demo_world):
    from battlemap.people.models import Person

    member = Person.objects.get(account__slug="hdny", name="罗斌")  # on the bid committee
    manager = member.reports_to
    top = manager.reports_to or manager
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    for lang, code in (("zh", "zh-hans"), ("en", "en")):
        page.goto(f"{page.base_url}/accounts/hdny/")
        speak(page, code)
        page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
        chart = "window.battlemapOrgChart"
        # fold the member's team and the one above it: the member's card is no longer drawn
        for folder in dict.fromkeys([manager, top]):
            before = page.locator("#orgchart").get_attribute("data-layout-done")
            page.evaluate(f"id => {chart}.fold(id)", f"p{folder.pk}")
            page.wait_for_function(
                "b => document.querySelector('#orgchart').dataset.layoutDone !== b", arg=before
            )
        assert f"p{member.pk}" not in page.evaluate(f"() => {chart}.visible()")
        body = next(b for b in page.evaluate(f"() => {chart}.bodies()") if "评标委员会" in b["label"])
        page.evaluate(f"id => {chart}.select(id)", body["id"])
        actions = page.locator("#org-actions")
        button = actions.locator(f"[data-act=member][data-id=p{member.pk}]")
        expect(button).to_have_text("罗斌")  # listed although its card is folded away
        expect(actions.locator("[data-act=member]")).to_have_count(3)
        before = page.locator("#orgchart").get_attribute("data-layout-done")
        button.click()
        page.wait_for_function(
            "b => document.querySelector('#orgchart').dataset.layoutDone !== b", arg=before
        )
        expect(actions.locator("[data-act=who]")).to_have_text("罗斌")
        assert page.evaluate(f"() => {chart}.folded()") == []
        assert f"p{member.pk}" in page.evaluate(f"() => {chart}.highlighted()")
        box = page.evaluate(f"id => {chart}.renderedBox(id)", f"p{member.pk}")
        view = page.evaluate(f"() => {chart}.viewSize()")
        assert 0 <= box["x1"] and box["x2"] <= view["w"] and 0 <= box["y1"] and box["y2"] <= view["h"], box
        page.locator("#orgchart").scroll_into_view_if_needed()
        screenshot(page, f"loop_body_member_unfolded_{lang}")
    assert errors == []


def test_a_closed_deal_room_shows_the_outcome_not_a_health(page, demo_world):
    from battlemap.deals.models import Deal
    from battlemap.deals.services import deal_close

    deal = Deal.objects.filter(account__slug="hdny", status="open").first()
    deal_close(deal=deal, outcome="won", reason="签约", version=deal.version)
    login(page)
    for lang, code, won in (("zh", "zh-hans", "赢单"), ("en", "en", "won")):
        page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
        speak(page, code)
        expect(page.locator("#deal-outcome")).to_contain_text(won)
        expect(page.locator("#health-score")).to_have_count(0)
        screenshot(page, f"loop_closed_deal_room_{lang}")
        page.goto(f"{page.base_url}/accounts/hdny/?deal={deal.pk}")
        expect(page.locator("#deal-outcome")).to_contain_text(won)
        expect(page.locator(".maphead .health")).to_have_count(0)
        screenshot(page, f"loop_closed_deal_map_{lang}")


def test_a_long_account_name_takes_one_line_on_a_laptop(page, demo_world):
    """A trial's 国网某省电力有限公司信息通信分公司 broke over two lines in a 300-px column beside the deal picker at
    1366 px: the title is as wide as its name and facts."""
    from battlemap.accounts.models import Account

    Account.objects.filter(slug="hdny").update(name="国网某省电力有限公司信息通信分公司")
    page.set_viewport_size({"width": 1366, "height": 800})
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/")
    title = page.locator(".maphead h1")
    line = float(title.evaluate("h => parseFloat(getComputedStyle(h).lineHeight)"))
    assert title.bounding_box()["height"] < 1.5 * line
    screenshot(page, "long_account_name_1366")
