"""The org chart reads at a glance and works by hand: it opens readable (≥ 11 px text), selecting a
person highlights their manager chain, their team and their influence links and dims the rest; an
`opposes` link is red and dashed; subtrees fold; an influence link starts from a card and is saved
through the people service; the view stays where it was after an edit; touch pans the chart."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import login, screenshot, speak
from tests.e2e.test_account_map import web_world  # noqa: F401 - the shared small map


def _open(page) -> None:
    login(page)
    page.goto(f"{page.base_url}/accounts/guodian/")
    page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
    page.locator("#orgchart").scroll_into_view_if_needed()


def _tap(page, node_id: str) -> None:
    box = page.locator("#orgchart").bounding_box()
    c = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", node_id)
    page.mouse.click(box["x"] + c["x"], box["y"] + c["y"])


def test_selecting_a_person_highlights_their_neighbourhood(page, web_world):  # noqa: F811
    from battlemap.people.models import Person

    cio, cfo, eng, bad = web_world["cio"], web_world["cfo"], web_world["eng"], web_world["bad"]
    f.link(source=cfo, target=cio, kind="opposes")
    ceo = Person.objects.get(name="王建国")
    buyer = Person.objects.get(name="赵采购")
    _open(page)
    assert page.evaluate("() => window.battlemapOrgChart.fontPx()") >= 11
    kinds = {e["kind"]: e["id"] for e in page.evaluate("() => window.battlemapOrgChart.influenceIds()")}
    opposes = page.evaluate("id => window.battlemapOrgChart.edgeStyle(id)", kinds["opposes"])
    assert opposes["style"] == "dashed" and opposes["colour"] in ("rgb(211,47,47)", "#d32f2f")
    page.evaluate("() => window.battlemapOrgChart.fit()")
    _tap(page, f"p{cio.pk}")
    page.wait_for_selector("#org-actions:not([hidden])")
    lit = set(page.evaluate("() => window.battlemapOrgChart.highlighted()"))
    faded = set(page.evaluate("() => window.battlemapOrgChart.faded()"))
    # manager chain (王建国), team (刘工, the hostile name), influence links (王建国, 刘工, 张华 who opposes)
    assert lit == {f"p{p.pk}" for p in (cio, ceo, eng, bad, cfo)}
    assert f"p{buyer.pk}" in faded and not lit & faded
    screenshot(page, "org_selected")
    # fold the team of 李明, then unfold it
    page.click("#org-actions [data-act=fold]")
    page.wait_for_function(
        "ids => { const v = window.battlemapOrgChart.visible();"
        " return !v.includes(ids[0]) && !v.includes(ids[1]) && v.includes(ids[2]); }",
        arg=[f"p{eng.pk}", f"p{bad.pk}", f"p{cio.pk}"],
        timeout=5000,
    )
    page.click("#org-actions [data-act=fold]")
    page.wait_for_function(
        "id => window.battlemapOrgChart.visible().includes(id)", arg=f"p{eng.pk}", timeout=5000
    )
    page.keyboard.press("Escape")
    assert page.evaluate("() => window.battlemapOrgChart.faded()") == []
    # a person with no reports has no team to collapse: the toolbar does not offer it
    _tap(page, f"p{eng.pk}")
    page.wait_for_selector("#org-actions:not([hidden])")
    expect(page.locator("#org-actions [data-act=fold]")).to_be_hidden()
    expect(page.locator("#org-actions [data-act=open][data-for=person]")).to_be_visible()
    _tap(page, f"p{cio.pk}")
    expect(page.locator("#org-actions [data-act=fold]")).to_be_visible()


def test_an_influence_link_starts_from_a_card_and_the_view_stays(page, web_world):  # noqa: F811
    from battlemap.people.models import InfluenceLink

    cfo, buyer = web_world["cfo"], web_world["account"].people.get(name="赵采购")
    _open(page)
    page.evaluate("() => window.battlemapOrgChart.fit()")
    _tap(page, f"p{buyer.pk}")
    page.wait_for_selector("#org-actions:not([hidden])")
    assert not page.locator(
        "#org-actions [data-act=fold]"
    ).is_visible()  # nobody reports to them: no team to fold
    page.select_option("#org-link-kind", "trusts")
    page.click("#org-actions [data-act=link]")
    view = {
        "zoom": page.evaluate("() => window.battlemapOrgChart.zoom()"),
        "pan": page.evaluate("() => window.battlemapOrgChart.pan()"),
    }
    _tap(page, f"p{cfo.pk}")
    page.wait_for_function(
        "() => document.getElementById('org-status').textContent.includes('张华')", timeout=10000
    )
    link = InfluenceLink.objects.get(source=buyer, target=cfo)
    assert link.kind == "trusts"
    page.wait_for_function("() => window.battlemapOrgChart.edges('influence') === 3", timeout=10000)
    assert abs(page.evaluate("() => window.battlemapOrgChart.zoom()") - view["zoom"]) < 1e-6
    pan = page.evaluate("() => window.battlemapOrgChart.pan()")
    assert abs(pan["x"] - view["pan"]["x"]) < 1 and abs(pan["y"] - view["pan"]["y"]) < 1


def test_touch_pans_the_chart_on_a_phone(browser, live_server, web_world):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.base_url = live_server.url
    _open(page)
    box = page.locator("#orgchart").bounding_box()
    before = page.evaluate("() => window.battlemapOrgChart.pan()")
    cdp = context.new_cdp_session(page)
    spot = page.evaluate("() => window.battlemapOrgChart.emptySpot()")
    x, y = box["x"] + spot["x"], box["y"] + spot["y"]  # on the background, not on a card

    def touch(kind, points):
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", [{"x": x, "y": y}])
    for i in range(1, 11):
        touch("touchMove", [{"x": x + 12 * i, "y": y - 8 * i}])
    touch("touchEnd", [])
    after = page.evaluate("() => window.battlemapOrgChart.pan()")
    assert after["x"] - before["x"] > 60 and before["y"] - after["y"] > 40
    zoom = page.evaluate("() => window.battlemapOrgChart.zoom()")
    touch("touchStart", [{"x": x + 100, "y": y - 200, "id": 1}, {"x": x + 140, "y": y - 200, "id": 2}])
    for i in range(1, 11):
        touch(
            "touchMove",
            [{"x": x + 100 - 6 * i, "y": y - 200, "id": 1}, {"x": x + 140 + 6 * i, "y": y - 200, "id": 2}],
        )
    touch("touchEnd", [])
    assert page.evaluate("() => window.battlemapOrgChart.zoom()") > zoom * 1.3  # pinch zooms in
    screenshot(page, "org_phone_touch")
    context.close()


def _inside(box, point, pad: float = 0.0) -> bool:
    return box["x1"] - pad < point["x"] < box["x2"] + pad and box["y1"] - pad < point["y"] < box["y2"] + pad


def _under(boxes, points) -> bool:
    return any(_inside(box, point) for box in boxes for point in points)


def _org_with_a_row(names: tuple[str, ...]):
    """An account 王建国 (董事长) over 李明 (总经理) over one row of `names`: (account, everyone, the row)."""
    from django.core.cache import cache

    cache.clear()
    demo = f.user("demo", password="demo")
    acct = f.account(owner=demo, slug="guodian", name="深圳市智慧交通集团有限公司")
    boss = f.person(account=acct, name="王建国", title="董事长")
    gm = f.person(account=acct, name="李明", title="总经理", reports_to=boss)
    row = [f.person(account=acct, name=n, reports_to=gm) for n in names]
    return acct, [boss, gm, *row], row


def _crossings(page, people, ids: str):
    """For each line the chart's `ids()` lists ({id, source, target}): (the line, whether the straight way between its
    ends runs under a card it does not join, whether the line as drawn does)."""
    chart = "window.battlemapOrgChart"
    boxes = {f"p{p.pk}": page.evaluate(f"id => {chart}.renderedBox(id)", f"p{p.pk}") for p in people}
    found = []
    for line in page.evaluate(f"() => {chart}.{ids}()"):
        others = [box for key, box in boxes.items() if key not in (line["source"], line["target"])]
        path = page.evaluate(f"id => {chart}.linkPath(id)", line["id"])
        (a, b) = path[0], path[-1]
        straight = [
            {"x": a["x"] + (b["x"] - a["x"]) * i / 40, "y": a["y"] + (b["y"] - a["y"]) * i / 40}
            for i in range(41)
        ]
        found.append((line, _under(others, straight), _under(others, path)))
    return found


def test_an_influence_link_never_passes_under_a_card_it_does_not_join(page, transactional_db):
    # the trial: 刘芳 opposes 张伟, two cards along one row, and the straight arrow ran under 孙丽's card
    # between them — it read as "孙丽 opposes 张伟"
    _acct, people, row = _org_with_a_row(("陈静", "刘芳", "孙丽", "张伟"))
    f.link(source=row[1], target=row[3], kind="opposes", strength=2)
    f.link(source=row[0], target=row[3], kind="advises", strength=2)  # across the whole row
    _open(page)
    for link, straight_under, drawn_under in _crossings(page, people, "influenceIds"):
        # the test can fail: the straight way between the two cards runs under another card
        assert straight_under
        assert not drawn_under, link
    screenshot(page, "org_link_round_the_row")


def test_a_bodys_member_lines_never_pass_under_a_card_of_a_non_member(page, transactional_db):
    # a reviewer: 评标委员会's line to its member 周振华 ran straight through 蒋立新's card, who reads as sitting on it
    from battlemap.process import services as process

    acct, people, row = _org_with_a_row(("陈静", "刘芳", "孙丽", "张伟", "赵强"))
    process.body_create(
        account=acct, name="评标委员会", kind="bid_committee", members=[row[0], row[3], row[4]]
    )
    _open(page)
    crossed = False
    for line, straight_under, drawn_under in _crossings(page, people, "memberIds"):
        crossed = crossed or straight_under
        assert not drawn_under, line
    assert crossed  # the test can fail: some straight member line runs under a non-member's card
    screenshot(page, "org_member_lines_round_cards")


def _facing(box, point, towards) -> bool:
    """Whether `point` of `box`'s border lies on the half of the card that faces the card centred on `towards`."""
    cx, cy = (box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2
    return (point["x"] - cx) * (towards[0] - cx) + (point["y"] - cy) * (towards[1] - cy) >= 0


def test_a_routed_line_ends_on_the_near_edges_and_a_dotted_line_shows_beside_an_influence_link(
    page, transactional_db
):
    # a reviewer (rev5 h2): Linda reports to Anita with a dotted line to James, and James opposes her; with
    # Robert's card between them both lines ran on one path from James's left edge across Linda's card to her
    # left edge, the dotted line hidden under the red arrow; Anita's trust in Sarah crossed Anita's card
    from django.core.cache import cache

    from battlemap.people.models import DottedLine

    cache.clear()
    demo = f.user("demo", password="demo")
    acct = f.account(owner=demo, slug="guodian", name="Meridian Health Systems Inc.")
    sarah = f.person(account=acct, name="Sarah Klein", title="Chief Executive Officer")
    anita = f.person(account=acct, name="Anita Rao", title="Chief Medical Officer", reports_to=sarah)
    robert = f.person(account=acct, name="Robert Hughes", title="Chief Financial Officer", reports_to=sarah)
    james = f.person(account=acct, name="James O'Neil", title="Chief Information Officer", reports_to=sarah)
    vp = "Vice President, Clinical Operations and Patient Experience"
    linda = f.person(account=acct, name="Linda Park-Henderson", title=vp, reports_to=anita)
    others = [
        f.person(account=acct, name="Tom Fischer", title="IT Security Manager", reports_to=james),
        f.person(account=acct, name="Maria Gonzalez", title="Procurement Manager", reports_to=robert),
        f.person(account=acct, name="Kevin Wu", title="ER Charge Nurse", reports_to=linda),
        f.person(account=acct, name="Paul Mercer", title="Senior Partner"),
    ]
    DottedLine.objects.create(person=linda, manager=james)
    f.link(source=james, target=linda, kind="opposes", strength=2)
    f.link(source=anita, target=sarah, kind="trusts", strength=2)
    f.link(source=robert, target=sarah, kind="advises", strength=2)
    people = [sarah, anita, robert, james, linda, *others]
    _open(page)
    chart = "window.battlemapOrgChart"
    page.evaluate(f"{chart}.fit()")
    boxes = {f"p{p.pk}": page.evaluate(f"id => {chart}.renderedBox(id)", f"p{p.pk}") for p in people}
    lines = page.evaluate(f"() => {chart}.influenceIds()") + page.evaluate(f"() => {chart}.dottedIds()")
    paths = {line["id"]: page.evaluate(f"id => {chart}.linkPath(id)", line["id"]) for line in lines}
    for line in lines:
        path, a, b = paths[line["id"]], boxes[line["source"]], boxes[line["target"]]
        centre = {
            key: ((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2) for key, box in boxes.items()
        }
        assert _facing(a, path[0], centre[line["target"]]), (line, "leaves by the far side of its card")
        # linkPath ends at the arrow's base: the tip is on the border, the base just outside the card
        assert _facing(b, path[-1], centre[line["source"]]), (line, "enters by the far side of its card")
        # 3 px in: a rounded corner's border lies inside the card's box
        assert not any(_inside(box, p, -3) for box in (a, b) for p in path[1:-1]), (
            line,
            "crosses a card it ends at",
        )
    dotted = page.evaluate(f"() => {chart}.dottedIds()")[0]["id"]
    opposes = next(line["id"] for line in lines if line.get("kind") == "opposes")
    middle = paths[dotted][20], paths[opposes][20]
    apart = ((middle[0]["x"] - middle[1]["x"]) ** 2 + (middle[0]["y"] - middle[1]["y"]) ** 2) ** 0.5
    assert apart > 12, f"the dotted line runs under the opposes link ({apart:.0f} px apart)"
    screenshot(page, "org_dotted_beside_opposes")


def _drag(page, source_id: str, target_id: str) -> None:
    box = page.locator("#orgchart").bounding_box()
    src = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", source_id)
    dst = page.evaluate("id => window.battlemapOrgChart.renderedCentre(id)", target_id)
    page.mouse.move(box["x"] + src["x"], box["y"] + src["y"])
    page.mouse.down()
    for i in range(1, 13):
        page.mouse.move(
            box["x"] + src["x"] + (dst["x"] - src["x"]) * i / 12,
            box["y"] + src["y"] + (dst["y"] - src["y"]) * i / 12,
        )
    page.mouse.up()


def test_a_refused_drop_says_why_as_each_language_writes_it(page, web_world):  # noqa: F811
    """A drop the server refuses for two reasons reads 未保存：此客户中没有这个人。请输入整数。 in Chinese (a
    full-width colon, no space after it or between the sentences) and "Not saved: No such person in this
    account. Enter a whole number." in English: the page's colon and sentence separator, not a typed " "."""
    eng, cfo = web_world["eng"], web_world["cfo"]
    said = {}
    _open(page)
    for language in ("zh-hans", "en"):
        speak(page, language)
        page.wait_for_selector("#orgchart[data-layout-done]", timeout=15000)
        page.locator("#orgchart").scroll_into_view_if_needed()
        page.evaluate("() => window.battlemapOrgChart.fit()")
        # the chart's data gone stale two ways: a manager not in the account and a version that is no number
        page.evaluate(
            "([s, t]) => { var cy = window.battlemapOrgParts.cy;"
            " cy.$id(t).data('pid', 999999); cy.$id(s).data('version', 'x'); }",
            [f"p{eng.pk}", f"p{cfo.pk}"],
        )
        _drag(page, f"p{eng.pk}", f"p{cfo.pk}")
        page.wait_for_selector("#org-status.error", timeout=10000)
        said[language] = page.locator("#org-status").text_content()
    eng.refresh_from_db()
    assert eng.reports_to_id == web_world["cio"].pk  # nothing saved
    assert said["en"] == "Not saved: No such person in this account. Enter a whole number."
    assert said["zh-hans"].startswith("未保存：") and " " not in said["zh-hans"], said["zh-hans"]
    assert said["zh-hans"].count("。") == 2, said["zh-hans"]
