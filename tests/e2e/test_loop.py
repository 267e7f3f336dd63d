"""The everyday loop in Chromium, in Chinese and in English, from the web alone:

(1) a brand-new user (made with `battlemap createuser`) creates an account, its first deal and three
people with roles, and sees red flags; (2) logs a meeting with two of them with a next step, an attitude
change and a person met for the first time — the action item is on This week and "decision maker never
met" clears; (3) edits the deal, moves its stage twice without reloading and closes it won — it leaves
the open lists. The new pages fit a 390 px wide phone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from battlemap import vocab
from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from tests.e2e.conftest import login, screenshot, speak

NEXT_STEP = {"zh-hans": "周三前把试点方案送周总审阅", "en": "Send Dana the pilot plan by Wednesday"}
NEWCOMER = {"zh-hans": "李明", "en": "Robin Hale"}
WORDS = {
    "zh-hans": {"won": "赢单", "flags": "风险警示"},
    "en": {"won": "won", "flags": "Red flags"},
}
PEOPLE = {
    "zh-hans": [
        ("周志强", "总经理", "decision_maker"),
        ("吴芳", "信息中心主任", "champion"),
        ("郑凯", "采购部经理", "purchaser"),
    ],
    "en": [
        ("Dana Whitfield", "CEO", "decision_maker"),
        ("Sam Ortiz", "Head of IT", "champion"),
        ("Lee Park", "Procurement lead", "purchaser"),
    ],
}


@pytest.fixture
def problems(page):
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(f"pageerror: {e}"))
    page.on(
        "console",
        lambda m: (
            seen.append(f"console: {m.text}")
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    page.on("response", lambda r: seen.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    return seen


def _no_page_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_new_user_runs_a_deal_from_nothing_to_won(page, transactional_db, problems, language):
    call_command("createuser", "newrep", "--password", "s3cret-pass", "--team", "east", "--create-team")
    login(page, "newrep", "s3cret-pass")
    speak(page, language)
    name = "华东智慧水务" if language == "zh-hans" else "Harbor Water Works"

    # (1) the portfolio is empty and says where to start
    page.goto(page.base_url + "/accounts/no-such-account/")
    assert (
        page.locator("header.topbar").is_visible()
        and page.locator("#not-found a[href='/accounts/']").count() == 1
    )
    screenshot(page, f"loop-{language}-00-not-found")
    page.goto(page.base_url + "/accounts/")
    screenshot(page, f"loop-{language}-00-empty-portfolio")
    page.click("#start a.primary")
    page.wait_for_load_state("networkidle")  # htmx is loaded (deferred) before we type
    page.fill("#id_name", name)
    if language == "zh-hans":  # the slug is suggested in pinyin while typing
        expect(page.locator("#id_slug")).to_have_attribute("placeholder", re.compile(r"^hua-dong-"))
    page.fill("#id_industry", "水务" if language == "zh-hans" else "Utilities")
    page.fill("#id_potential_value", "12000000")
    page.select_option("#id_team", index=1)  # the team of `createuser --team east`
    screenshot(page, f"loop-{language}-01-new-account")
    page.click("#account-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/[a-z0-9-]+/$"))
    account = Account.objects.get(name=name)
    assert account.owner.username == "newrep"
    assert "12,000,000" in page.locator(".maphead").inner_text()

    # the empty org chart offers ways to add people first, then the first deal
    assert page.locator("#no-people").is_visible()
    screenshot(page, f"loop-{language}-01b-empty-account")
    page.click("#then-first-deal a.button")
    page.fill("#id_name", "二供改造一期" if language == "zh-hans" else "Meter rollout")
    page.fill("#id_amount", "3500000")
    page.fill("#id_competitors_text", "华为, 阿里云" if language == "zh-hans" else "Siemens")
    page.click("#deal-form button[type=submit]")
    page.wait_for_url(re.compile(r"/deals/\d+/$"))
    deal = Deal.objects.get(account=account)
    room = f"{page.base_url}/accounts/{account.slug}/deals/{deal.pk}/"

    for person, title, role in PEOPLE[language]:
        page.goto(f"{page.base_url}/accounts/{account.slug}/people/new/")
        page.fill("#person-form input[name=name]", person)
        page.fill("#person-form input[name=title]", title)
        page.click("#person-form button[type=submit]")
        page.wait_for_url(re.compile(r"/people/\d+/$"))
        page.goto(room)
        page.click("#role-editor-box > summary")
        form = page.locator("#role-editor #role-form")
        form.locator("select[name=person]").select_option(label=f"{person} · {title}")
        form.locator(f"input[name=roles][value={role}]").check()
        form.locator("input[name=attitude][value=neutral]").check()
        form.locator("button[type=submit]").click()
        page.wait_for_selector(f"table.coverage >> text={person}")
    assert page.locator("li.flag[data-code=decision_maker_not_met]").count() == 1
    assert page.locator("li.flag").count() >= 3
    assert "Only nobody" not in page.content() and "只有无人" not in page.content()
    screenshot(page, f"loop-{language}-02-red-flags")

    # (2) log a meeting with two of them: an attitude changes, a person met for the first time, a next step
    (boss, _t, _r), (champion, _t2, _r2) = PEOPLE[language][:2]
    page.click(f"a.button[href*='/interactions/new/?deal={deal.pk}']")
    form = page.locator("#interaction-form")
    form.wait_for()
    for person in (boss, champion):
        form.locator("label.check-label", has_text=person).locator("input").check()
    boss_pk = account.people.get(name=boss).pk
    form.locator(f"select[name=attitude_{boss_pk}]").select_option("supporter")
    form.locator("input[name=new_name]").fill(NEWCOMER[language])
    form.locator("select[name=new_attitude]").select_option("neutral")
    form.locator("select[name=new_influence]").select_option("3")
    form.locator("textarea[name=outcome]").fill("同意试点" if language == "zh-hans" else "Agreed to a pilot")
    form.locator("input[name=next_step]").fill(NEXT_STEP[language])
    due = timezone.localdate() + timedelta(days=3)
    form.locator("input[name=action_due]").fill(due.isoformat())
    screenshot(page, f"loop-{language}-02b-meeting")
    form.locator("button[type=submit]").click()
    page.wait_for_url(room)
    assert page.locator("li.flag[data-code=decision_maker_not_met]").count() == 0
    assert page.locator("ul.action-items li", has_text=NEXT_STEP[language]).count() == 1
    assert page.locator("table.coverage", has_text=NEWCOMER[language]).count() == 1
    assert account.deals.get().roles.get(person_id=boss_pk).attitude == "supporter"
    page.goto(page.base_url + "/")
    line = page.locator("#w-actions ~ ul li", has_text=NEXT_STEP[language])
    assert line.count() == 1 and due.isoformat() in line.inner_text()
    screenshot(page, f"loop-{language}-02c-week")
    page.goto(room)

    # (3) edit the deal
    page.click(f"a[href='/accounts/{account.slug}/deals/{deal.pk}/edit/']")
    factors = page.locator("#decision-factors").bounding_box()
    first = page.locator("#field-factor_price").bounding_box()
    assert first["x"] - factors["x"] < 40  # the weights start at the left of their box, not centred
    page.fill("#id_amount", "4200000")
    page.fill("#id_factor_price", "40")
    page.fill("#id_factor_technology", "60")
    page.check("#field-channels_evaluation input[value=peers]")
    page.click("#deal-form button[type=submit]")
    page.wait_for_url(room)
    assert "4,200,000" in page.locator("#deal-facts").inner_text()

    # move the stage twice without reloading
    for stage in ("information_search", "evaluation"):
        page.select_option("#stage-form select[name=stage]", stage)
        page.click("#stage-form button[type=submit]")
        page.wait_for_selector(
            f"#stage-form select[name=stage] >> option[value={stage}][selected]", state="attached"
        )
        assert (
            page.locator("#deal-stage").inner_text() == page.locator("#stage-board li.current").inner_text()
        )
    assert Deal.objects.get(pk=deal.pk).stage == "evaluation"
    assert page.locator(".form-error").count() == 0
    screenshot(page, f"loop-{language}-03-stage-moved")
    page.goto(page.base_url + "/")
    assert deal.name in page.locator("main").inner_text()  # its new flags are on This week while open

    # (4) the room fits a phone: no sideways page scroll (wide tables scroll inside their box)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(room)
    assert _no_page_scroll(page)
    screenshot(page, f"loop-{language}-03b-room-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    # close it won: it leaves the open lists
    page.click(f"a[href='/accounts/{account.slug}/deals/{deal.pk}/close/']")
    page.check("input[name=outcome][value=won]")
    page.fill(
        "#id_close_reason",
        "ROI 测算说服了总经理" if language == "zh-hans" else "The ROI case won the CEO over",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    assert _no_page_scroll(page)
    screenshot(page, f"loop-{language}-04-close-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.click("#close-form button[type=submit]")
    page.wait_for_url(room)
    assert Deal.objects.get(pk=deal.pk).status == "won"
    assert page.locator("li.flag").count() == 0
    assert WORDS[language]["won"] in page.locator("#deal-head").inner_text()
    screenshot(page, f"loop-{language}-05-won")
    page.goto(page.base_url + "/accounts/")
    row = page.locator("#portfolio tbody tr", has_text=name)
    assert row.locator("td.num").first.inner_text() == "0"
    page.goto(page.base_url + "/")
    # off the open lists (closing soon), and in what moved this week, as won
    assert deal.name not in page.locator("section[aria-labelledby=w-close]").inner_text()
    assert deal.name in page.locator("#week-outcomes").inner_text()
    assert WORDS[language]["won"] in page.locator("#week-outcomes").inner_text()
    screenshot(page, f"loop-{language}-06-week")
    assert problems == []


@pytest.mark.parametrize("path", ["/accounts/new/", "/accounts/hdny/edit/", "deal-edit", "deal-close"])
def test_the_new_forms_fit_a_phone(page, demo_world, path):
    login(page)
    deal = Deal.objects.filter(account__slug="hdny").first()
    path = {
        "deal-edit": f"/accounts/hdny/deals/{deal.pk}/edit/",
        "deal-close": f"/accounts/hdny/deals/{deal.pk}/close/",
    }.get(path, path)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + path)
    assert _no_page_scroll(page), path
    if path.endswith("/edit/") and "deals" in path:
        screenshot(page, "loop-phone-deal-edit")


def test_every_attitude_on_the_role_form_is_readable(page, demo_world):
    """The role form's attitudes in the swatches of every chart: 强烈支持 / advocate and 反对 / opponent were white
    on the choice's near-white background (a reviewer's trial) — each name is now a pill of its own colours."""
    login(page)
    deal = Deal.objects.filter(account__slug="hdny").first()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/people/")
    names = page.locator("#field-attitude .att-choice .choice-name .att")
    assert names.count() == len(vocab.ATTITUDES)
    for i in range(names.count()):
        ink, fill = names.nth(i).evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
        )
        assert fill not in ("rgba(0, 0, 0, 0)", "transparent") and ink != fill, names.nth(i).inner_text()
    page.locator("#field-attitude").scroll_into_view_if_needed()
    screenshot(page, "role-form-attitudes-phone")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_new_user_imports_a_map_file_from_the_empty_portfolio(
    page, demo_world, problems, language, tmp_path
):
    """The other way to start: a map exported elsewhere (JSON) becomes the new user's account."""
    import json

    from battlemap.io.mapformat import export_map

    data = export_map(Account.objects.get(slug="northwind"))
    data["account"]["slug"] = "northwind-copy"
    path = tmp_path / "northwind.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("createuser", "newrep", "--password", "s3cret-pass", "--team", "east", "--create-team")
    login(page, "newrep", "s3cret-pass")
    speak(page, language)
    page.goto(page.base_url + "/accounts/")
    page.click("#start a[href='/accounts/import/']")
    page.set_input_files("#id_file", str(path))
    page.set_viewport_size({"width": 390, "height": 844})
    assert _no_page_scroll(page)
    screenshot(page, f"loop-{language}-07-import-map-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.click("#map-import-form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/northwind-copy/$"))
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
    copy = Account.objects.get(slug="northwind-copy")
    # shared with the new user's only team by default (the form presets it), so teammates see it
    assert copy.owner.username == "newrep" and copy.team.slug == "east"
    assert copy.people.count() == Account.objects.get(slug="northwind").people.count()
    screenshot(page, f"loop-{language}-08-imported")
    assert problems == []
