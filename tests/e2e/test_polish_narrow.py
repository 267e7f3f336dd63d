"""A tester's findings, in Chromium: at 390 px the import preview, the export job with a long file name and
the account map with a long deal name do not scroll sideways; at 1366 px every account tab is in sight;
the meeting form ticks "make it an action item" only once a deal is chosen. At 390 px the People list and its
influence links are a card per row, and the seller's pages, in Chinese and in English, neither scroll
sideways nor break a title or name a character or two a line."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from battlemap.accounts.models import Account
from battlemap.deals.models import ActionItem, Deal
from battlemap.interactions.models import Interaction
from tests.e2e.conftest import ARTIFACTS, login, screenshot, small_targets, speak

LONG = '"><img src=x onerror=alert(1)> 智慧能源物联网平台一期扩容与二期规划联合项目 · need recognition'


def _phone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    return context, page


def _fits(page, what: str) -> None:
    # against the phone's width, not innerWidth: a mobile browser widens its layout viewport to fit
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= 390, f"{what}: the page scrolls sideways ({scroll} > 390)"


def test_at_390px_preview_export_job_and_deal_picker_fit(browser, live_server, demo_world, tmp_path):
    account = Account.objects.get(slug="hdny")
    Account.objects.filter(pk=account.pk).update(name="<script>alert(1)</script> 测试集团华东能源有限公司")
    Deal.objects.filter(pk=account.deals.order_by("pk").first().pk).update(name=LONG)
    people = tmp_path / "people.csv"
    people.write_text(
        "姓名,职位,部门,邮箱,电话\n"
        '"=HYPERLINK(""http://evil.example/"",""click"")",信息中心主任,信息中心,wxm@example.cn,13800000001\n'
        "<script>alert(1)</script>,总经理,总经办,x-very-long-address@example.cn,13800000002\n",
        encoding="utf-8",
    )
    context, page = _phone(browser, live_server)
    login(page)

    page.goto(f"{page.base_url}/accounts/hdny/io/import/")
    page.set_input_files("input[name=file]", str(people))
    page.locator("form[enctype] button").last.click()
    expect(page.locator("#preview-rows table")).to_have_count(1)
    _fits(page, "import preview")
    assert page.evaluate("document.querySelector('#preview-rows').scrollWidth") > 390  # it scrolls in its box
    screenshot(page, "polish-390-import-preview")

    page.goto(f"{page.base_url}/accounts/hdny/")
    expect(page.locator("#deal-pick")).to_have_count(1)
    _fits(page, "account map with a long deal name")
    box = page.locator("#deal-pick").bounding_box()
    assert box["x"] + box["width"] <= 390
    screenshot(page, "polish-390-account-deal-picker")

    page.click("details.datamenu summary")
    page.click("details.datamenu button:has-text('PPTX')")
    page.wait_for_url("**/io/export/job/*/")
    expect(page.locator("#download")).to_have_count(1)
    _fits(page, "export job")
    box = page.locator("#download").bounding_box()
    assert box["x"] + box["width"] <= 390
    screenshot(page, "polish-390-export-job")
    context.close()


def test_at_1366px_every_account_tab_is_in_sight(page, demo_world):
    login(page)
    speak(page, "en")
    page.goto(f"{page.base_url}/accounts/hdny/")
    tabs = page.locator("nav.tabs")
    last = tabs.locator("a", has_text="Questionnaires and interviews")
    expect(last).to_have_count(1)
    nav, box = tabs.bounding_box(), last.bounding_box()
    assert box["x"] + box["width"] <= nav["x"] + nav["width"], "the last tab is cut off"
    assert page.evaluate("(n => n.scrollWidth <= n.clientWidth)(document.querySelector('nav.tabs'))")
    screenshot(page, "polish-1366-account-tabs")


def test_the_next_step_is_an_action_item_only_with_a_deal(page, demo_world):
    login(page)
    speak(page, "en")
    page.goto(f"{page.base_url}/accounts/hdny/interactions/new/")
    form = page.locator("#interaction-form")
    box = form.locator("input[name=make_action]")
    expect(box).not_to_be_checked()
    deal = Deal.objects.filter(account__slug="hdny").order_by("name").first()
    form.locator("select[name=deal]").select_option(str(deal.pk))
    expect(box).to_be_checked()
    form.locator("select[name=deal]").select_option("")
    expect(box).not_to_be_checked()
    form.locator("label.check-label", has_text="陈国强").locator("input").check()
    form.locator("textarea[name=summary]").fill("Phone call with the chairman")
    form.locator("input[name=next_step]").fill("Call back on Friday")
    screenshot(page, "polish-1366-interaction-no-deal")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/hdny/(?!interactions/new)"))
    assert "An action item belongs to a deal" not in page.content()
    assert Interaction.objects.filter(next_step="Call back on Friday", deal=None).exists()
    assert not ActionItem.objects.filter(text="Call back on Friday").exists()


# Text of table cells (and cards) that wraps at fewer characters a line than this reads as broken.
BROKEN_TEXT = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.replace(/\\s+/g, '');
    const cell = n.parentElement && n.parentElement.closest('td, th');
    if (text.length < 4 || !cell || n.parentElement.closest('details:not([open]), [hidden], .sr-only')) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
    if (lines > 1 && text.length / lines < 4) broken.push(`"${text}" on ${lines} lines`);
  }
  return broken;
}"""

PHONE_PAGES = {
    "people": "/accounts/hdny/people/",
    "org": "/accounts/hdny/",
    "circle": "/accounts/hdny/circle/",
    "chain": "/accounts/hdny/chain/",
    "portrait": "/accounts/hdny/portrait/",
    "portfolio": "/accounts/",
    "deal-room": "/accounts/hdny/deals/{deal}/",
    "qualification": "/accounts/hdny/deals/{deal}/qualification/",
    "timeline": "/accounts/hdny/timeline/",
    "mail": "/accounts/hdny/mail/",
}


def _whole_words(page, what: str) -> None:
    broken = page.evaluate(BROKEN_TEXT)
    assert not broken, f"{what}: text broken a character or two a line: {broken[:5]}"


def test_at_390px_a_card_per_person_and_per_link_in_chinese(browser, live_server, demo_world):
    from battlemap.people.models import Person

    title = "集团数字化转型办公室副主任兼信息中心主任"
    Person.objects.filter(account__slug="hdny", name="曹雪").update(title=title)
    context, page = _phone(browser, live_server)
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/people/")
    card = page.locator("#people-table tbody tr", has_text="曹雪")
    expect(card).to_have_count(1)
    _fits(page, "people")
    assert card.bounding_box()["width"] >= 300, "a person is a card as wide as the phone"
    cell = card.locator("td", has_text=title)
    lines = cell.evaluate(
        "td => td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight)"
    )
    assert lines < 2.5, f"the Chinese title takes {lines:.1f} lines"
    expect(card.locator(".att")).to_have_count(0)  # 曹雪 has no part in a deal
    chen = page.locator("#people-table tbody tr", has_text="陈国强")
    expect(chen.locator(".role")).not_to_have_count(0)  # role badges and the attitude mark, in the card
    expect(chen.locator(".att")).not_to_have_count(0)
    link = page.locator("#links-table tbody tr").first
    source = link.locator("td").first
    assert source.evaluate(
        "td => td.getBoundingClientRect().height < 1.6 * parseFloat(getComputedStyle(td).lineHeight)"
    )
    assert link.bounding_box()["width"] >= 300
    _whole_words(page, "people")
    screenshot(page, "phone-390-people-and-links-zh")
    context.close()


def test_at_390px_the_sellers_pages_read_whole_in_both_languages(browser, live_server, demo_world):
    deal = Deal.objects.filter(account__slug="hdny").order_by("pk").first()
    for lang in ("zh-hans", "en"):
        context, page = _phone(browser, live_server)
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        login(page)
        for name, url in PHONE_PAGES.items():
            page.goto(page.base_url + url.format(deal=deal.pk))
            page.wait_for_load_state("networkidle")
            _fits(page, f"{name} ({lang})")
            _whole_words(page, f"{name} ({lang})")
            screenshot(page, f"phone-390-{name}-{lang}")
        page.goto(f"{page.base_url}/accounts/hdny/")
        page.click("details.healthparts summary")
        box = page.locator("details.healthparts table").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (
            f"the health's parts open off the screen ({lang})"
        )
        screenshot(page, f"phone-390-health-parts-{lang}")
        page.goto(f"{page.base_url}/accounts/hdny/mail/")  # the last tab but one: scrolled into sight
        box = page.locator("nav.tabs [aria-current=page]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the current tab is out of sight ({lang})"
        context.close()


# Tables wider than their box (.table-scroll / .table-wrap), as [table id, its width, the box's].
WIDE_TABLES = """() => [...document.querySelectorAll('.table-scroll, .table-wrap')]
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => [box.querySelector('table')?.id, box.scrollWidth, box.clientWidth])"""


def test_a_name_typed_as_one_long_word_never_pushes_a_page_sideways(browser, live_server, demo_world):
    # a tester's 200-letter name without a space: the timeline scrolled to 3,598 px and the people list
    # pushed every column but the name out of sight (its table scrolled in its box to 4,462 px at 1366)
    from battlemap.deals.services import stakeholder_role_create
    from battlemap.people.services import person_create

    account = Account.objects.get(slug="hdny")
    person = person_create(account=account, name="长" * 40 + "A" * 160, title="T" * 150)
    person_create(account=account, name="欧阳" + "长名字测试" * 39, reports_to=person)
    deal = Deal.objects.filter(account=account).order_by("pk").first()
    stakeholder_role_create(deal=deal, person=person, roles=["influencer"], attitude="supporter")
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.base_url = live_server.url
        login(page)
        for path in ("timeline/", "people/", f"people/{person.pk}/", "", "portrait/"):
            page.goto(f"{live_server.url}/accounts/hdny/{path}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path or 'account page'} at {width} px scrolls sideways ({scroll})"
            wide = page.evaluate(WIDE_TABLES)
            assert not wide, f"{path or 'account page'} at {width} px: a table scrolls in its box: {wide}"
        screenshot(page, f"long-name-account-{width}")
        context.close()


def test_at_390px_on_a_touch_screen_what_changed_has_44px_targets_and_the_chart_says_tap(
    browser, live_server, demo_world
):
    from datetime import timedelta

    from django.utils import timezone

    since = (timezone.localdate() - timedelta(days=90)).isoformat()
    for lang in ("zh-hans", "en"):
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
        )
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        page = context.new_page()
        page.base_url = live_server.url
        login(page)
        page.goto(f"{page.base_url}/accounts/hdny/changes/?since={since}")
        expect(page.locator("#role-changes a")).not_to_have_count(0)  # every kind of link is on the page
        expect(page.locator("#changes .flags a")).not_to_have_count(0)
        page.click("details.datamenu summary")  # the data menu's items too, once open
        expect(page.locator(".datamenu-items button").first).to_be_visible()
        small = small_targets(page)
        assert not small, f"What changed ({lang}): targets under 44 × 44 px: {small}"
        _fits(page, f"What changed ({lang})")
        screenshot(page, f"phone-390-changes-targets-{lang}")
        page.goto(f"{page.base_url}/accounts/hdny/")  # no double-click on a touch screen: what works there
        expect(page.locator("#open-hint")).to_be_hidden()
        expect(page.locator("#open-hint-touch")).to_be_visible()
        open_label = "打开此人页面" if lang == "zh-hans" else "Open their page"
        expect(page.locator("#open-hint-touch")).to_contain_text(open_label)
        expect(page.locator("#org-actions [data-act=open][data-for=person]")).to_have_text(open_label)
        # the legend alone: a full-page capture drops the touch emulation (it would show the mouse's hint)
        legend = page.locator(".legend", has=page.locator("#open-hint-touch"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        legend.screenshot(path=str(ARTIFACTS / f"phone-390-org-touch-hint-{lang}.png"))
        context.close()


def test_with_a_mouse_the_chart_says_double_click(page, demo_world):
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/")
    expect(page.locator("#open-hint")).to_be_visible()
    expect(page.locator("#open-hint-touch")).to_be_hidden()


# Every element holding the long name: its right edge inside the window and inside its scrolling box (a
# name clipped by a table's scroll box reads as cut off), and no box but the page itself wider than the window.
NAME_CUT = """(needle) => {
  const cut = [];
  for (const el of document.querySelectorAll('main *')) {
    if (el.children.length || !el.textContent.includes(needle) || !el.getClientRects().length) continue;
    if (el.closest('select')) continue;  // a picker's options show as the browser draws them
    const box = el.getBoundingClientRect();
    let right = document.documentElement.clientWidth;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible') right = Math.min(right, p.getBoundingClientRect().right);
    }
    if (box.right > right + 1) cut.push(`${el.tagName}.${el.className}: ${Math.round(box.right)} > ${Math.round(right)}`);
    const inline = getComputedStyle(el).display === 'inline';
    if (!inline && el.scrollWidth > el.clientWidth + 1) cut.push(`${el.tagName}.${el.className}: its text overflows it`);
  }
  return cut;
}"""


def test_a_long_unspaced_name_with_a_role_breaks_in_its_column(browser, live_server, demo_world):
    # a tester's "Very" + "Long" x 20 + "UnspacedName" with a role in a deal: the deal room 1,842 px wide at
    # 1366 and 837 px at 390, the coverage grid squeezed, the name clipped in the power map and the circle
    from battlemap.deals.services import stakeholder_role_create
    from battlemap.people.services import person_create

    name = "Very" + "Long" * 20 + "UnspacedName"
    account = Account.objects.get(slug="hdny")
    deal = Deal.objects.filter(account=account).order_by("pk").first()
    person = person_create(account=account, name=name, title="Chief" + "Officer" * 12)
    stakeholder_role_create(
        deal=deal, person=person, roles=["decision_maker"], attitude="opponent", influence=5
    )
    pages = {
        "deal-room": f"/accounts/hdny/deals/{deal.pk}/",
        "power-map": f"/accounts/hdny/power/?deal={deal.pk}",
        "circle": f"/accounts/hdny/circle/?deal={deal.pk}",
    }
    wrong = []
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.base_url = live_server.url
        login(page)
        for what, path in pages.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            screenshot(page, f"long-name-{what}-{width}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wrong.append(f"{what} at {width} px scrolls sideways ({scroll})")
            if not page.get_by_text(name).count():
                wrong.append(f"{what}: the name is not on the page")
            cut = page.evaluate(NAME_CUT, name[:20])
            if cut:
                wrong.append(f"{what} at {width} px: the name is cut off: {cut[:4]}")
        context.close()
    assert not wrong, "\n".join(wrong)


def test_at_1366px_the_english_coverage_grid_fits_and_playbook_names_keep_their_marks(page, demo_world):
    """The trial's English deal room at 1366 px: the coverage table was cut ("working relatio") and
    scrolled sideways; playbook lines began with "、" or "（" (or ended with "("), a list broken at its
    punctuation."""
    login(page)
    deal = Deal.objects.filter(account__slug="hdny").order_by("pk").first()
    page.goto(f"{page.base_url}/accounts/hdny/deals/{deal.pk}/")
    for language in ("zh-hans", "en"):
        if language == "en":
            speak(page, "en")
        grid = page.locator("table.coverage")
        box = page.evaluate(
            "() => { const t = document.querySelector('table.coverage'); return [t.scrollWidth, t.parentElement.clientWidth]; }"
        )
        assert box[0] <= box[1], f"{language}: the coverage grid is {box[0]} px wide in {box[1]} px"
        expect(grid).to_be_visible()
        lines = page.evaluate(
            """() => [...document.querySelectorAll('.playbook li')].flatMap(li => {
                 const range = document.createRange(), out = [];
                 let top = null, line = '';
                 const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
                 for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                   for (let i = 0; i < n.length; i++) {
                     range.setStart(n, i); range.setEnd(n, i + 1);
                     const r = range.getClientRects()[0];
                     if (!r) continue;
                     if (top !== null && r.top > top + 4) { out.push(line); line = ''; }
                     top = r.top; line += n.data[i];
                   }
                 }
                 out.push(line);
                 return out;
               })"""
        )
        assert lines and not [ln for ln in lines if ln.lstrip().startswith(("、", ",", "）", ")"))], lines
        assert not [ln for ln in lines if ln.rstrip().endswith(("（", "("))], lines
    screenshot(page, "polish-1366-en-deal-room")


def test_at_390px_mark_the_deal_reviewed_keeps_its_label_inside_its_border(browser, live_server, demo_world):
    """A team's trial: once the account had been reviewed, "Mark the deal reviewed" spilled past its button at
    390 px (the button shrank beside "Last reviewed … by …")."""
    from django.contrib.auth import get_user_model

    from battlemap.reviews.services import mark_reviewed

    account = Account.objects.get(slug="hdny")
    mark_reviewed(
        account=account, by=get_user_model().objects.get(username="demo"), deal=account.deals.first()
    )
    context, page = _phone(browser, live_server)
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    login(page)
    page.goto(f"{page.base_url}/accounts/hdny/")
    button = page.locator("form.reviewmark button")
    expect(button).to_contain_text("Mark the deal reviewed")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the label spills past the button"
    screenshot(page, "phone-390-reviewed-en")
    context.close()
