"""A reviewer on a touch phone (390 × 844, zh-hans): everyday controls were under 44 px (登录 34 px, the login
fields 36 px, This week's 记录联系 24 px and person links 22 px, the deal room's 编辑 22 px and 删除 24 px, the
"为此商机添加人员" summary 28 px, the influence links' and outside factors' 编辑 / 删除, the portrait's
编辑角色与收益 17 px, the forms' primary buttons 34 px, checkboxes 16 × 16); and on What changed the sentence "N 人
新加入商机：陈静（采购者）、黄磊…" broke apart, each name a 44 × 44 box with a gap after it. With a mouse on a
desktop the same controls keep their size."""

from __future__ import annotations

from playwright.sync_api import expect

from battlemap.deals.models import Deal
from tests.e2e.conftest import ARTIFACTS, login, phone, screenshot, small_targets

# The standalone controls of a page: buttons, fields, a disclosure's summary, edit / delete links, a line's own
# link in a list (This week). Names inside a sentence or a table's text are not among them.
CONTROLS = (
    "button, .button, input:not([type=hidden]), select, textarea, summary, .edit-link, .row-actions a,"
    " td.card-actions a, .week-list > li > a"
)


def _deal_url() -> str:
    deal = Deal.objects.get(account__slug="hdny", name="智慧能源物联网平台一期")
    return f"/accounts/hdny/deals/{deal.pk}/"


def test_on_a_touch_phone_buttons_fields_edit_links_summaries_and_checkboxes_are_44px_targets(
    browser, live_server, demo_world
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    assert small_targets(page, CONTROLS) == [], "login"
    context.close()
    pages = {
        "This week": "/",
        "deal room": _deal_url(),
        "people and influence links": "/accounts/hdny/people/",
        "new person (checkboxes)": "/accounts/hdny/people/new/",
        "influence circle (outside factors)": "/accounts/hdny/circle/",
        "portrait": "/accounts/hdny/portrait/",
    }
    with phone(browser, live_server) as page:
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert page.locator(CONTROLS).count() > 3, name  # the page drew what is measured
            small = small_targets(page, CONTROLS)
            assert not small, f"{name}: targets under 44 × 44 px: {small}"
        screenshot(page, "phone-390-portrait-targets")


def test_with_a_mouse_on_a_desktop_the_controls_keep_their_size(page, demo_world):
    page.goto(page.base_url + "/login/")
    assert page.locator("button.primary").bounding_box()["height"] < 40
    login(page)
    page.goto(page.base_url + _deal_url())
    assert page.locator("ul.action-items .item-actions a").first.bounding_box()["height"] < 30
    assert page.locator("#role-editor-box summary").bounding_box()["height"] < 36


# Each name link of a "joined the deal" sentence: how it is drawn, its height, and the gap to the text after it
# when that text is on the same line (a flex item's gap or a 44 px box left 8 px or more); and each "、" that
# starts a line.
SENTENCE = """(li) => {
  const left = li.getBoundingClientRect().left, out = {links: [], lineStarts: 0};
  const charRect = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
    return r.getBoundingClientRect(); };
  for (const a of li.querySelectorAll('a')) {
    const rects = a.getClientRects(), last = rects[rects.length - 1];
    const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
    walk.currentNode = a.lastChild;
    let next = walk.nextNode();
    while (next && !next.data.trim()) next = walk.nextNode();
    let gap = null;
    if (next) {
      const c = charRect(next, next.data.search(/\\S/));
      if (Math.abs(c.top - last.top) < 4) gap = Math.round(c.left - last.right);
    }
    out.links.push([a.textContent, getComputedStyle(a).display, Math.round(a.getBoundingClientRect().height), gap]);
  }
  const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());)
    for (let i = n.data.indexOf('、'); i >= 0; i = n.data.indexOf('、', i + 1))
      if (charRect(n, i).left - left < 2) out.lineStarts += 1;
  return out;
}"""


def test_on_a_touch_phone_who_joined_a_deal_reads_as_one_sentence_easy_to_tap(
    browser, live_server, demo_world
):
    from datetime import timedelta

    from django.utils import timezone

    since = (timezone.localdate() - timedelta(days=90)).isoformat()
    with phone(browser, live_server) as page:
        page.goto(f"{live_server.url}/accounts/hdny/changes/?since={since}")
        joined = page.locator("#role-changes li.joined").first
        expect(joined).to_contain_text("人新加入商机")
        seen = joined.evaluate(SENTENCE)
        assert len(seen["links"]) >= 3, seen
        for name, display, height, gap in seen["links"]:
            assert display == "inline", (name, display)  # text in the sentence, not a 44 px box
            assert height >= 28, (name, height)  # a taller line: still easy to tap
            assert gap is None or gap <= 2, (name, gap)  # its role or 、 right after it
        assert seen["lineStarts"] == 0, seen
        joined.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        joined.screenshot(path=str(ARTIFACTS / "phone-390-changes-joined.png"))
