"""The deal room in Chromium: log in as demo, add a person through the UI, give them a role and see the
flag list change, add and tick an action item, paste people in, check an XSS name stays text."""

from __future__ import annotations

import re

import pytest

from battlemap.deals.models import Deal
from tests.e2e.conftest import login, phone, screenshot, speak

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def watch(page):
    """Fail on any script error or alert (an XSS payload that ran would raise an alert)."""
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 500 or (r.status == 404 and "favicon" not in r.url)
            else None
        ),
    )
    return problems


def test_this_week_then_the_deal_room(page, demo_world, watch):
    login(page)
    page.goto(page.base_url + "/")
    assert page.locator("#w-actions").is_visible()
    screenshot(page, "deal-01-this-week")
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    assert page.locator("li.flag[data-code=decision_maker_not_met]").count() == 1
    assert page.locator("table.coverage tbody tr").count() >= 5
    screenshot(page, "deal-02-room")
    assert watch == []


def test_add_a_person_assign_a_role_and_see_the_flags_change(page, demo_world, watch):
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/people/new/")
    page.fill("input[name=name]", "钱卫东")
    page.fill("input[name=title]", "分管数字化副总经理")
    page.click("#person-form button[type=submit]")
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    assert page.locator("h1").inner_text().startswith("钱卫东")
    screenshot(page, "deal-03-person-added")

    deal = Deal.objects.get(account__slug="hdny", name="集团数据中台咨询")
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    assert page.locator("li.flag[data-code=no_decision_maker]").count() == 1
    page.click("#role-editor-box > summary")
    form = page.locator("#role-editor #role-form")
    form.locator("select[name=person]").select_option(label="钱卫东 · 分管数字化副总经理")
    form.locator("input[name=roles][value=decision_maker]").check()
    form.locator("input[name=attitude][value=supporter]").check()
    form.locator("select[name=influence]").select_option("5")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("table.coverage >> text=钱卫东")
    assert page.locator("li.flag[data-code=no_decision_maker]").count() == 0
    screenshot(page, "deal-04-role-assigned")
    assert watch == []


def test_add_and_tick_an_action_item(page, demo_world, watch):
    login(page)
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    page.fill("#action-form input[name=text]", "约陈总当面汇报投资回报测算")
    page.click("#action-form button[type=submit]")
    item = page.locator("ul.action-items li", has_text="约陈总当面汇报投资回报测算")
    item.wait_for()
    assert "done" not in (item.get_attribute("class") or "")
    item.locator("button.tick").click()
    page.wait_for_selector("ul.action-items li.done >> text=约陈总当面汇报投资回报测算")
    screenshot(page, "deal-05-action-ticked")
    assert watch == []


def test_an_action_items_done_box_is_a_44_px_target_on_a_phone_and_small_on_a_desktop(
    page, browser, live_server, demo_world
):
    # the trial: ☐ was 21 × 17 px at 390 px, crowded by 编辑 / 删除
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    url = f"/accounts/hdny/deals/{deal.pk}/"
    with phone(browser, live_server) as small:
        small.goto(small.base_url + url)
        box = small.locator("ul.action-items button.tick").first.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        edit = small.locator("ul.action-items .item-actions a").first.bounding_box()
        assert box["x"] + box["width"] <= edit["x"] or box["y"] + box["height"] <= edit["y"]  # clear of 编辑
        screenshot(small, "deal-action-tick-390")
    login(page)
    page.goto(page.base_url + url)
    box = page.locator("ul.action-items button.tick").first.bounding_box()
    assert box["height"] < 30, box  # a desktop's list keeps its rows short


# each action item at 390 px, as boxes: its ☐, its text, its Edit and Delete (font size besides)
ITEM_BOXES = """(li) => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, w: r.width, h: r.height,
            font: getComputedStyle(e).fontSize}; };
  const edit = li.querySelector('a[href*="/actions/"]'), del = li.querySelector('form[action$="/delete/"] button');
  return {tick: box(li.querySelector('button.tick')), text: box(li.querySelector('.text')),
          edit: box(edit), del: box(del), li: box(li)}; }"""


def test_on_a_phone_each_action_item_is_one_tidy_card(browser, live_server, demo_world):
    # h2b: at 390 px each ☐ sat on a line alone above its text, 编辑 a small link beside a 44 px 删除
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    with phone(browser, live_server) as small:
        small.goto(f"{small.base_url}/accounts/hdny/deals/{deal.pk}/")
        items = small.locator("ul.action-items > li")
        assert items.count() >= 3
        for i in range(items.count()):
            b = items.nth(i).evaluate(ITEM_BOXES)
            tick, text, edit, delete = b["tick"], b["text"], b["edit"], b["del"]
            assert tick["right"] <= text["x"] and text["y"] < tick["bottom"], b  # the box beside its text
            # the actions under the text, on one row, alike, a thumb's size, inside the card
            assert edit["bottom"] > text["bottom"] and delete["bottom"] > text["bottom"], b
            assert abs(edit["y"] - delete["y"]) < 1 and abs(edit["h"] - delete["h"]) < 1, b
            assert abs(edit["w"] - delete["w"]) < 3 and edit["font"] == delete["font"], b
            assert edit["h"] >= 44 and delete["right"] <= b["li"]["right"] + 0.5, b
        screenshot(small, "deal-action-cards-390")


def test_paste_people_and_an_xss_name_stays_text(page, demo_world, watch):
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/people/paste/")
    page.fill(
        "textarea[name=text]",
        f"姓名\t职务\t邮箱\n孙丽\t采购部经理\tsunli@hdny.cn\n{XSS}\t工程师\tx@hdny.cn\n",
    )
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("#paste-add-form")
    assert page.locator("#paste-add-form tbody tr").count() == 2
    screenshot(page, "deal-06-paste-preview")
    page.click("#paste-add-form button[type=submit]")
    page.wait_for_url(re.compile(r"/people/$"))
    assert page.locator("#people-table", has_text="孙丽").count() == 1
    assert page.locator("#people-table", has_text=XSS).count() == 1  # shown as text
    assert page.locator("#people-table img").count() == 0
    assert watch == []


def test_edit_a_role_from_the_grid_in_place(page, demo_world, watch):
    login(page)
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    assert page.locator("li.flag[data-code=unaddressed_opponent]").count() == 1
    page.locator("table.coverage tr", has_text="赵磊").locator("a.edit-link").click()
    form = page.locator("#role-editor #role-form")
    form.wait_for()
    assert form.locator("input[name=attitude][value=opponent]").is_checked()
    form.locator("textarea[name=plan]").fill("请总工蒋立新出面，用设计院的评测数据回应赵磊的安全顾虑")
    screenshot(page, "deal-07-role-edit-in-place")
    form.locator("button[type=submit]").click()
    page.locator("li.flag[data-code=unaddressed_opponent]").wait_for(state="detached")
    assert page.locator("table.coverage tr", has_text="赵磊").count() == 1
    assert watch == []


def test_log_a_meeting_and_the_unmet_decision_maker_flag_goes(page, demo_world, watch):
    login(page)
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    room = f"{page.base_url}/accounts/hdny/deals/{deal.pk}/"
    page.goto(room)
    assert page.locator("li.flag[data-code=decision_maker_not_met]").count() == 1
    page.click("text=记录互动")
    form = page.locator("#interaction-form")
    form.locator("select[name=kind]").select_option("meeting")
    form.locator("label", has_text="陈国强").locator("input").check()
    form.locator("textarea[name=summary]").fill("向陈董汇报一期投资回报测算，陈董同意进入POC")
    screenshot(page, "deal-08-log-interaction")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/deals/{deal.pk}/$"))
    assert page.locator("li.flag[data-code=decision_maker_not_met]").count() == 0
    assert page.locator(".interactions", has_text="向陈董汇报").count() == 1
    speak(page, "en")  # the same room in English
    assert page.locator("#flags-title").inner_text().startswith("Red flags")
    screenshot(page, "deal-09-room-english")
    assert watch == []


def test_merge_a_duplicate_through_the_ui(page, demo_world, watch):
    from battlemap.people.models import Person

    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/people/new/")
    page.fill("input[name=name]", "陈国强（CRM导入）")
    page.fill("input[name=email]", "chengq@hdny.cn")
    page.click("#person-form button[type=submit]")
    page.wait_for_url(re.compile(r"/people/\d+/$"))
    dup = Person.objects.get(name="陈国强（CRM导入）")
    keep = Person.objects.get(account__slug="hdny", name="陈国强")
    page.goto(f"{page.base_url}/accounts/hdny/people/merge/")
    page.select_option("#merge-pick select[name=survivor]", str(keep.pk))
    page.select_option("#merge-pick select[name=duplicate]", str(dup.pk))
    page.click("#merge-pick button[type=submit]")
    page.wait_for_selector(".merge-compare")
    screenshot(page, "deal-10-merge-compare")
    page.click("#merge-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/people/{keep.pk}/$"))
    assert page.locator("input[name=email]").input_value() == keep.email  # the kept record's own value wins
    assert (
        page.locator(".history", has_text="陈国强（CRM导入）").count() == 1
    )  # the merged record's past shows
    assert not Person.objects.filter(pk=dup.pk).exists()
    screenshot(page, "deal-11-merged-person")
    assert watch == []
