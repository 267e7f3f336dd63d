"""The influence circle and the power map: every label sits clear of every other label (boxes
computed as drawn), every dot is labelled or listed under the chart, and each person carries the
one visual language (battlemap.look) — on the demo and on a generated 60-person account."""

from __future__ import annotations

import random
import re

import pytest
from django.core.cache import cache

from battlemap.accounts.chart_labels import DOT_R, FONT, boxes_meet, text_width
from battlemap.accounts.charts import circle_layout
from battlemap.accounts.powermap import power_columns, power_points
from battlemap.look import ATTITUDE_SWATCHES, person_looks
from battlemap.vocab import RINGS

ATTITUDES = tuple(ATTITUDE_SWATCHES)


def _assert_clear(dots) -> None:
    boxes = [d.label_box() for d in dots if d.show_label]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_meet(a, b), (a, b)
    for d in dots:
        assert d.show_label or d.text  # not drawn: the page lists it by its text


def _generated(n: int = 60, seed: int = 7) -> tuple[dict, dict]:
    rnd = random.Random(seed)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    people, roles = [], {}
    for i in range(n):
        name = (
            rnd.choice(surnames) + rnd.choice(("建国", "明", "海燕", "志强", "丽"))
            if i % 3
            else f"Margaret Holloway-{i}"
        )
        people.append(
            {
                "id": i + 1,
                "name": name,
                "status": "left" if i % 17 == 5 else "active",
                "external": i % 13 == 4,
                "ring": RINGS.codes[min(4, i * 5 // n)] if i % 4 else RINGS.codes[i % 3],
                "influence": {"score": rnd.randint(0, 100)},
            }
        )
        if i % 2 == 0:
            roles[i + 1] = {
                "roles": [rnd.choice(("decision_maker", "user", "coach"))],
                "attitude": rnd.choice(ATTITUDES),
            }
    deal = {
        "id": 1,
        "key_people": [p["id"] for p in people[:8]],
        "coverage": [{"role": "decision_maker", "people": [{"id": 1, "met": False}, {"id": 3, "met": True}]}],
    }
    factors = [{"description": f"政策因素{i}", "kind": "policy", "ring": "environment"} for i in range(6)]
    return {"lang": "zh-hans", "people": people, "deals": [deal], "external_factors": factors}, roles


def test_circle_labels_never_overlap_on_a_60_person_account():
    analysis, roles = _generated()
    looks = person_looks(analysis, roles, deal_id=1)
    rings, dots = circle_layout(analysis, looks=looks)
    # 14 in the decision unit, a disc of 60: those that fit with their names, the rest "+N more" (all 14
    # were drawn on top of each other)
    assert len(dots) + sum(r.more for r in rings) == 66
    assert rings[0].more > 0 and [r.more for r in rings[1:]] == [0, 0, 0, 0]
    _assert_clear(dots)
    assert sum(d.show_label for d in dots) >= 0.6 * len(dots)  # most are labelled, the rest listed
    people = [d for d in dots if d.kind == "person"]
    assert {d.look["attitude"] for d in people} >= {"opponent", "unknown", ""}
    one = next(d for d in people if d.pid == 1)
    assert one.look["never_met"] and "!" in (one.listed or one.text)  # marked in words too


def test_power_map_labels_never_overlap_and_unknown_has_its_own_band():
    analysis, roles = _generated()
    looks = person_looks(analysis, roles, deal_id=1)
    scores = {p["id"]: p["influence"]["score"] for p in analysis["people"]}
    rows = [
        {"name": p["name"], "attitude": roles[p["id"]]["attitude"], "score": scores[p["id"]], "pid": p["id"]}
        for p in analysis["people"]
        if p["id"] in roles
    ]
    rows += [{"name": f"同名同分{i}", "attitude": "supporter", "score": 70, "pid": None} for i in range(4)]
    rows.sort(key=lambda r: -r["score"])
    dots = power_points(rows, looks=looks)
    _assert_clear(dots)
    columns = {c.code: c for c in power_columns()}
    # unknown is at the far left, apart from the rated columns, nowhere near the allies
    assert columns["unknown"].x2 < columns["opponent"].x1 < columns["advocate"].x1
    for d in dots:
        if d.kind == "unknown":
            assert d.x < columns["opponent"].x1
    twins = [d for d in dots if d.name.startswith("同名同分")]
    assert len({(d.x, d.y) for d in twins}) == 4


@pytest.mark.django_db
def test_demo_circle_and_power_map_labels_never_overlap(client):
    from battlemap.accounts.models import Account
    from battlemap.demo.loader import load_demo

    cache.clear()
    load_demo()
    client.login(username="demo", password="demo")
    for account in Account.objects.all():
        for lang in ("zh-hans", "en"):
            client.cookies["django_language"] = lang
            circle = client.get(f"/accounts/{account.slug}/circle/")
            assert circle.status_code == 200
            _assert_clear(circle.context["dots"])
            assert "data-legend" in circle.content.decode()
            power = client.get(f"/accounts/{account.slug}/power/")
            _assert_clear(power.context["dots"])
            body = power.content.decode()
            assert "unknown-band" in body and "data-legend" in body
    cache.clear()


def _drawn_label_boxes(drawing) -> list[tuple[float, float, float, float, float]]:
    """(x1, y1, x2, y2, font size) of every text of a reportlab drawing, as drawn (PDF points)."""
    from reportlab.graphics.shapes import String

    from battlemap.accounts.chart_labels import text_width

    out = []
    for item in drawing.contents:
        if isinstance(item, String):
            size, width = item.fontSize, text_width(item.text, item.fontSize)
            x1 = {"end": item.x - width, "middle": item.x - width / 2}.get(item.textAnchor, item.x)
            out.append((x1, item.y - size / 4, x1 + width, item.y + size - 1, size))
    return out


def _assert_pdf_circle_readable(analysis, looks) -> None:
    from types import SimpleNamespace

    from reportlab.lib.pagesizes import A4, landscape

    from battlemap.io.export.fonts import register_pdf_font
    from battlemap.io.export.pdf_circle import circle_drawing

    width, height = landscape(A4)
    page_w, page_h = width - 2 * 34, height - 2 * 34  # the review PDF's frame (12 mm margins)
    side = min(page_w * 0.75, (page_h - 90) * 840 / 640)
    drawing, unlabelled = circle_drawing(
        SimpleNamespace(analysis=analysis, looks=looks, circle_looks=looks), side, register_pdf_font()
    )
    boxes = _drawn_label_boxes(drawing)
    assert boxes and min(b[4] for b in boxes) >= 9  # the trial measured ~7 pt
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_meet(a[:4], b[:4]), (a, b)
    from battlemap.io.export.pdf_circle import CIRCLE_LABEL_PT

    # the layout as the PDF draws it: a full ring's "+N more" is a text of its own and counts its people
    rings, _dots = circle_layout(analysis, looks=looks, font=max(FONT, CIRCLE_LABEL_PT * 840 / side))
    full = [r for r in rings if r.more]
    labelled = len(boxes) - len(RINGS.codes) - len(full)
    everyone = (
        len(analysis["people"])
        + len(analysis.get("external_factors", []))
        + len(analysis.get("decision_bodies") or [])
    )
    # every dot carries its number "[n]"; a dot whose number found no room is only listed under the chart
    hidden = sum(bool(d.listed) and not d.show_label for d in _dots)
    assert labelled + hidden + sum(r.more for r in full) == everyone


def test_pdf_circle_labels_are_9_pt_and_clear_on_a_60_person_account():
    analysis, roles = _generated()
    _assert_pdf_circle_readable(analysis, person_looks(analysis, roles, deal_id=1))


@pytest.mark.django_db
def test_pdf_circle_labels_are_9_pt_and_clear_on_the_demo():
    from django.utils import translation

    from battlemap.accounts.models import Account
    from battlemap.demo.loader import load_demo
    from battlemap.io.export.report import build_report
    from battlemap.io.mapformat import export_map
    from battlemap.maps import account_analysis

    cache.clear()
    load_demo()
    for account in Account.objects.all():
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                report = build_report(export_map(account), account_analysis(account=account, lang=lang))
                _assert_pdf_circle_readable(report.analysis, report.looks)
    cache.clear()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_legend_names_each_role_badge(lang):
    from battlemap.look import legend

    for item in (i for i in legend(lang) if i.kind == "badge"):
        assert item.mark and item.label  # every badge has its role's name beside it, zh 教练 too
    coach = next(i for i in legend(lang) if i.code == "coach")
    assert (coach.mark, coach.label) == (("教练", "教练") if lang == "zh-hans" else ("CO", "coach"))


def _crowd(n: int) -> dict:
    """n people, 9 in 10 in ring 3 (the rest of the organisation), the others outside, none with a role:
    the tester's 3,000-person account without a deal; long and short names, both scripts."""
    people = [
        {
            "id": i,
            "name": f"人{i}" if i % 3 else f"Margaret Holloway-{i}",
            "ring": "outside" if i % 10 == 0 else "organisation",
            "influence": {"score": 100 - i * 100 // n},
        }
        for i in range(n)
    ]
    return {"people": people, "external_factors": [{"description": "政策", "ring": "environment"}]}


@pytest.mark.parametrize("n", [10, 300, 3000])
def test_every_circle_label_and_dot_stays_inside_its_own_ring(n):
    """A ring-3 name drawn in the empty decision unit read as a decision maker: whatever the size, each
    dot and each label lies wholly between its ring's two circles (a dot's number alone may cross the
    edge, nearest its own dot, rather than leave the dot unnumbered); a ring with more people than fit shows
    the most influential and "+N more" (the rest), its text inside the ring too, clear of every label."""
    analysis = _crowd(n)
    rings, dots = circle_layout(analysis)
    of = {r.code: r for r in rings}
    _assert_clear(dots)
    for d in dots:
        ring = of[d.ring]
        assert ring.holds((d.x - DOT_R, d.y - DOT_R, d.x + DOT_R, d.y + DOT_R), 320), (d.name, d.ring)
        if d.show_label and d.text != f"[{d.number}]":
            assert ring.holds(d.label_box(), 320), (d.text, d.ring, d.label_box())
        elif d.show_label:  # a number alone may cross its ring's edge, nearest its own dot
            box = d.label_box()
            assert all(_box_gap(box, o.x, o.y) > _box_gap(box, d.x, d.y) for o in dots if o is not d)
    for code in RINGS:
        drawn = [d for d in dots if d.ring == code and d.kind == "person"]
        total = sum(p["ring"] == code for p in analysis["people"])
        assert len(drawn) + of[code].more == total, code
        # the most influential first: everyone drawn is at least as influential as anyone left out
        assert [d.pid for d in drawn] == [p["id"] for p in analysis["people"] if p["ring"] == code][
            : len(drawn)
        ]
    if n == 10:
        assert all(r.more == 0 for r in rings) and all(d.show_label for d in dots)
    else:
        assert of["organisation"].more > 0 and of["decision_unit"].more == 0
        drawn = [d for d in dots if d.ring == "organisation"]
        assert len(drawn) >= 15 and sum(d.show_label for d in drawn) >= 0.75 * len(drawn)  # not nameless dots
    labels = [d.label_box() for d in dots if d.show_label]
    for ring in rings:
        if ring.more:
            half = text_width(ring.more_text) / 2
            box = (320 - half, ring.more_y - FONT + 1, 320 + half, ring.more_y + FONT / 4)
            assert ring.holds(box, 320), ring.code
            assert not any(boxes_meet(box, label) for label in labels)
            assert not any(
                boxes_meet(box, (d.x - DOT_R, d.y - DOT_R, d.x + DOT_R, d.y + DOT_R)) for d in dots
            )


def test_a_full_ring_counts_every_person_of_the_account_not_only_those_drawn():
    """The page sends at most CIRCLE_PEOPLE people; "+N more" counts the ring's whole membership."""
    rings, _dots = circle_layout(_crowd(300), totals={"organisation": 2700, "outside": 300})
    of = {r.code: r for r in rings}
    drawn = {code: 0 for code in RINGS}
    for d in _dots:
        drawn[d.ring] += d.kind == "person"
    assert of["organisation"].more == 2700 - drawn["organisation"]
    assert of["outside"].more == (300 - drawn["outside"] if drawn["outside"] < 300 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "more"), [("en", r"\+(\d+) more"), ("zh-hans", r"另有 (\d+) 人")])
def test_a_crowded_ring_on_the_page_says_how_many_more_it_holds(owner_client, world, lang, more):
    """400 people without a role (ring 3, the rest of the organisation): the page draws those that fit, each
    named inside its ring, and says "+N more" in the ring for the others; the note under the chart agrees."""
    import re

    from battlemap.people.models import Person

    Person.objects.bulk_create(Person(account=world.en, name=f"人{i}") for i in range(400))
    owner_client.cookies["django_language"] = lang
    response = owner_client.get(f"/accounts/{world.en.slug}/circle/")
    page = response.content.decode()
    rings = {r.code: r for r in response.context["rings"]}
    drawn = [d for d in response.context["dots"] if d.kind == "person"]
    people = world.en.people.count()
    found = re.search(rf'<text class="ring-more"[^>]*data-ring="organisation">{more}</text>', page)
    assert found and int(found.group(1)) == rings["organisation"].more > 0
    assert len(drawn) + sum(r.more for r in rings.values()) == people  # each drawn or counted in their ring
    assert all(rings[d.ring].holds(d.label_box(), 320) for d in drawn if d.show_label)
    note = page.split('id="circle-hidden"')[1].split("</p>")[0]
    assert str(people - len(drawn)) in note


def _box_gap(box, x: float, y: float) -> float:
    near_x, near_y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return ((near_x - x) ** 2 + (near_y - y) ** 2) ** 0.5


@pytest.mark.parametrize(("n", "seed"), [(12, 1), (60, 7), (300, 3)])
def test_a_label_moved_away_from_its_dot_is_joined_to_it_by_a_line(n, seed):
    """A label is read as the nearest dot's: one that had to move off (nearer another dot, or far from its own)
    gets a leader line from its own dot's edge to its box."""
    analysis, roles = _generated(n, seed)
    looks = person_looks(analysis, roles, deal_id=1)
    _, dots = circle_layout(analysis, looks=looks)
    joined = 0
    for d in (d for d in dots if d.show_label):
        box = d.label_box()
        own = _box_gap(box, d.x, d.y)
        nearest = min(_box_gap(box, o.x, o.y) for o in dots)
        if d.leader is None:
            assert own <= DOT_R + 6 and own <= nearest + DOT_R, (d.text, own, nearest)
        else:
            joined += 1
            x1, y1, x2, y2 = d.leader
            assert abs(((x1 - d.x) ** 2 + (y1 - d.y) ** 2) ** 0.5 - (DOT_R + 1)) < 0.2  # from the dot's edge
            assert _box_gap(box, x2, y2) < 0.2  # to the label
    # (a crowded circle no longer moves labels lines away: a spot is taken only where the label's own dot
    # is the nearest, tests/web_accounts/test_circle_numbering.py; a moved one still gets its line)


def test_the_pdf_circle_labels_the_opponent_of_a_crowded_ring_beside_her_dot():
    """The trial's PDF: in the narrow ring of the deal's other roles, the opponent 王芳 -- ! lost every spot
    to the people placed before her, and 周敏's whole label sat lines from its dot, beside another one. A key
    person, an opponent or someone never met is labelled first; a shorter label beside its dot comes before
    a whole one lines away."""
    trial = [  # name, ring, influence score, attitude, roles — the trial's account
        ("陈志远", "decision_unit", 100, "skeptic", ["decision_maker"]),
        ("刘建华", "deal_roles", 77, "supporter", ["influencer", "champion"]),
        ("周敏", "deal_roles", 57, "advocate", ["influencer", "user"]),
        ("孙丽", "deal_roles", 54, "advocate", ["user", "coach"]),
        ("王芳", "deal_roles", 46, "opponent", ["influencer"]),
        ("林涛", "deal_roles", 20, "unknown", ["user"]),
        ("黄凯", "deal_roles", 19, "neutral", ["purchaser", "gatekeeper"]),
        ("徐强", "organisation", 13, None, []),
        ("郑晓东", "organisation", 0, None, []),
    ]
    people = [
        {"id": i, "name": n, "ring": ring, "influence": {"score": score}}
        for i, (n, ring, score, *_r) in enumerate(trial)
    ]
    roles = {i: {"roles": r, "attitude": a} for i, (_n, _ring, _s, a, r) in enumerate(trial) if a}
    deal = {
        "id": 1,
        "key_people": [0, 1, 4],
        "coverage": [{"role": "influencer", "people": [{"id": 4, "met": False}]}],
    }
    analysis = {"lang": "zh-hans", "people": people, "deals": [deal]}
    looks = person_looks(analysis, roles, deal_id=1, lang="zh-hans")
    _rings, dots = circle_layout(analysis, looks=looks, font=9 / (518.5 / 840))  # the PDF's 9 pt on A4
    _assert_clear(dots)
    wang = next(d for d in dots if d.name == "王芳")
    assert wang.show_label and wang.leader is None


TESTER_CIRCLE = [  # a tester's account: name, ring, attitude, roles, key, met
    ("刘芳", "decision_unit", "supporter", ["decision_maker"], True, True),
    ("陈明", "deal_roles", "supporter", ["influencer", "champion"], True, True),
    ("孙丽", "deal_roles", "opponent", ["influencer"], True, False),
    ("吴涛", "deal_roles", "unknown", ["user"], True, False),
    ("赵磊", "deal_roles", "skeptic", ["purchaser"], False, True),
    ("周强", "deal_roles", "advocate", ["user", "coach"], False, True),
    ("王建国", "organisation", None, [], False, True),
    ("钱伟", "organisation", "supporter", [], False, True),
]


@pytest.mark.parametrize("font", [FONT, 20])  # the page's size, and the PDF's (labels larger in chart units)
def test_every_circle_label_holds_every_mark_and_no_two_labels_touch(font):
    """A tester's circle: 陈明 showed only "+" and 赵磊 only "-" (their 影响 推荐 / 采购 badges dropped to make
    the label fit), and 孙丽's and 吴涛's labels sat 2 px apart, read as one block between their dots."""
    from django.utils import translation

    from battlemap.accounts.chart_labels import LABEL_PAD
    from battlemap.look import look_for

    analysis = {
        "people": [
            {"id": i, "name": n, "ring": r, "influence": {"score": 50 - i}}
            for i, (n, r, *_rest) in enumerate(TESTER_CIRCLE)
        ]
    }
    looks = {
        i: look_for(attitude=a, roles=roles, key=key, met=met, lang="zh-hans")
        for i, (_n, _r, a, roles, key, met) in enumerate(TESTER_CIRCLE)
    }
    with translation.override("zh-hans"):
        _rings, dots = circle_layout(analysis, looks=looks, font=font)
    for dot in dots:
        whole = f"{dot.name} {looks[dot.pid].tag()}".strip()
        if dot.listed:  # listed under the chart whole, the dot carrying its number when it found room
            assert dot.listed.endswith(whole)
            assert not dot.show_label or dot.listed == f"{dot.text} {whole}"
        else:
            assert dot.show_label and dot.text == f"[{dot.number}] {whole}"
    boxes = [d.label_box() for d in dots if d.show_label]
    pad = font * LABEL_PAD
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_meet((a[0] - pad, a[1] - pad, a[2] + pad, a[3] + pad), b), (a, b)


@pytest.mark.django_db
def test_a_body_named_after_its_kind_shows_no_code_on_the_circle(client):
    """集团党委会 says its kind: its hover text is the name alone, never "· party_committee" (the analysis's
    kind_label is empty when the name says the kind; the code is not a fallback)."""
    from battlemap.demo.loader import load_demo
    from battlemap.process.models import DecisionBody

    cache.clear()
    load_demo()
    client.login(username="demo", password="demo")
    codes = set(DecisionBody.objects.values_list("kind", flat=True))
    for lang in ("zh-hans", "en"):
        client.cookies["django_language"] = lang
        html = client.get("/accounts/hdny/circle/").content.decode()
        titles = re.findall(r"<title>([^<]*)</title>", html)
        assert any("党委会" in t for t in titles)
        assert not [t for t in titles if any(f"· {code}" in t for code in codes)]
    cache.clear()
