"""The purchase process and the decision bodies in Chromium, in both languages: the deal room shows the
demo's tender process, its bodies and their flags, and adds a step through htmx; the org chart draws
each body as a card joined to its members; screenshots to look at."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot, speak


def test_the_deal_room_shows_and_edits_the_purchase_process(page, demo_world):
    from battlemap.deals.models import Deal

    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    steps = page.locator("#process-steps tbody tr")
    expect(steps).to_have_count(7)
    assert "立项" in steps.first.inner_text() and "已完成" in steps.first.inner_text()
    assert "晚于预计成交日" in steps.last.inner_text()  # the contract is planned after the close
    expect(page.locator("#flags li[data-code=process_outlasts_close]")).to_have_count(1)
    # 陈国强 chairs the 集团党委会 that decides and was never met: asked for once, as the decision maker
    expect(page.locator("#flags li[data-code=decision_maker_not_met]")).to_contain_text("陈国强")
    expect(page.locator("#flags li[data-code=approving_body_not_met]")).to_have_count(0)
    bodies = page.locator("#deal-bodies li.deal-body")
    expect(bodies).to_have_count(2)
    assert "集团党委会" in bodies.first.inner_text() and "决策者" in bodies.first.inner_text()
    assert "国资委智慧电厂考核" in page.locator("#compelling-event").inner_text()
    page.locator("#process").scroll_into_view_if_needed()
    screenshot(page, "process_deal_room_zh")

    # add a step through htmx: the room comes back with it, in place
    page.click("#process details summary:has-text('添加步骤')")
    page.select_option("#step_kind", "other_step")
    page.fill("#step_name", "<b>专家论证会</b>")
    page.fill("#step_planned_on", "2027-01-15")
    page.click("#step-form button.primary")
    expect(steps).to_have_count(8)
    assert "<b>专家论证会</b>" in steps.last.inner_text()  # the name is text, not markup

    speak(page, "en")
    expect(page.locator("#process-title")).to_have_text("Purchase process")
    assert "project approval" in steps.first.inner_text()
    assert "decision maker" in page.locator("#deal-bodies").inner_text()
    page.locator("#process").scroll_into_view_if_needed()
    screenshot(page, "process_deal_room_en")
    page.goto(f"{page.base_url}/accounts/hdny/bodies/")
    expect(page.locator(".body-card")).to_have_count(2)
    screenshot(page, "process_bodies_en")
    assert errors == []


def test_the_org_chart_draws_the_bodies_with_their_members(page, demo_world):
    from battlemap.people.models import Person

    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page)
    for lang in ("zh", "en"):
        page.goto(f"{page.base_url}/accounts/hdny/")
        page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
        bodies = {
            b["label"].split("\n")[1]: b for b in page.evaluate("() => window.battlemapOrgChart.bodies()")
        }
        assert set(bodies) == {"集团党委会", "评标委员会"}
        assert bodies["评标委员会"]["members"] == 3 and bodies["集团党委会"]["members"] == 1
        assert bodies["集团党委会"]["label"].startswith("◆")
        assert "!" in bodies["集团党委会"]["label"].split("\n")[0]  # decides, and no member met
        page.locator("#orgchart").scroll_into_view_if_needed()
        page.evaluate("() => window.battlemapOrgChart.fit()")
        page.evaluate("id => window.battlemapOrgChart.select(id)", bodies["评标委员会"]["id"])
        lit = set(page.evaluate("() => window.battlemapOrgChart.highlighted()"))
        members = Person.objects.filter(account__slug="hdny", name__in=["周振华", "罗斌", "郑海涛"])
        assert {f"p{p.pk}" for p in members} <= lit  # selecting a body lights up its members
        screenshot(page, f"process_org_chart_{lang}")
        if lang == "zh":
            speak(page, "en")
    assert errors == []


def test_the_bodies_open_on_screen_and_offer_what_fits_a_body(browser, live_server, demo_world):
    """At the default zoom (no "Fit"), on a desktop and on a phone, the body cards are in the view;
    selecting one offers the body's page and its members (not a person's page or an influence link),
    and a member's button selects that person."""
    from battlemap.people.models import Person

    chair = Person.objects.get(account__slug="hdny", name="陈国强")
    for width, height in ((1366, 768), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        page.base_url = live_server.url
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
        login(page)
        for lang, code in (("zh", "zh-hans"), ("en", "en")):
            page.goto(f"{page.base_url}/accounts/hdny/")
            speak(page, code)  # kept per user: no button when already in it
            page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
            view = page.evaluate("() => window.battlemapOrgChart.viewSize()")
            bodies = page.evaluate("() => window.battlemapOrgChart.bodies()")
            assert len(bodies) == 2
            for body in bodies:
                b = page.evaluate("id => window.battlemapOrgChart.renderedBox(id)", body["id"])
                assert b["x1"] >= 0 and b["y1"] >= 0 and b["x2"] <= view["w"] and b["y2"] <= view["h"], body
            page.locator("#orgchart").scroll_into_view_if_needed()
            screenshot(page, f"process_org_bodies_{width}_{lang}")
            party = next(b for b in bodies if "集团党委会" in b["label"])
            page.evaluate("id => window.battlemapOrgChart.select(id)", party["id"])
            actions = page.locator("#org-actions")
            expect(actions.locator("[data-act=open][data-for=body]")).to_be_visible()
            for person_only in (
                "[data-act=open][data-for=person]",
                "[data-act=link]",
                "#org-link-kind",
                "[data-act=fold]",
            ):
                expect(actions.locator(person_only)).to_be_hidden()
            member = actions.locator("[data-act=member]")
            expect(member).to_have_count(1)
            # the chair's note as the language writes an aside: 陈国强（主持人）, not 陈国强 (主持人)
            expect(member).to_have_text("陈国强（主持人）" if lang == "zh" else "陈国强 (chair)")
            actions.scroll_into_view_if_needed()
            screenshot(page, f"process_org_body_selected_{width}_{lang}")
            member.click()
            expect(actions.locator("[data-act=who]")).to_have_text("陈国强")
            expect(actions.locator("[data-act=open][data-for=person]")).to_be_visible()
            assert f"p{chair.pk}" in page.evaluate("() => window.battlemapOrgChart.highlighted()")
        assert errors == []
        context.close()
