"""Adding an outside factor on the influence circle, on a 390 × 844 touch phone (a reviewer's finding): the list
under the rings took it, but ring 5 above still read "空缺" in red and the chart did not draw it until a reload."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import phone, screenshot


def test_an_added_factor_is_drawn_and_listed_in_its_ring_at_once(browser, live_server, small):
    with phone(browser, live_server) as page:
        page.goto(f"{page.base_url}/accounts/small/circle/")
        ring5 = page.locator("#circle-table tbody tr").nth(4)
        expect(ring5.locator(".gap")).to_have_text("空缺")
        form = page.locator("form[hx-post*='/factors/add/']")
        form.locator("select[name=kind]").select_option("policy")
        form.locator("input[name=description]").fill("双碳政策收紧")
        form.locator("select[name=effect]").select_option("-1")
        form.locator("button.primary").click()
        expect(page.locator("#factor-table")).to_contain_text("双碳政策收紧")
        screenshot(page, "circle-factor-added-phone")
        assert "/circle/" in page.url and page.evaluate("scrollY") > 0  # in place: no reload to the top
        expect(ring5).to_contain_text("双碳政策收紧")
        assert ring5.locator(".gap").count() == 0
        expect(page.locator("svg.circle-chart title", has_text="双碳政策收紧")).to_have_count(1)
        assert small.external_factors.get().description == "双碳政策收紧"
        expect(form.locator("input[name=description]")).to_have_value("")  # ready for the next one
