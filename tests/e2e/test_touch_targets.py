"""A reviewer on a touch phone (390 × 844, zh-hans): on What changed the sentence "N 人新加入商机：陈静（采购者）、
黄磊…" broke apart, each name a 44 × 44 box with a gap after it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, phone

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
