"""The deck's org chart (PPTX): a long name wraps whole inside its card at 10 pt or more, and no
connector passes through a card — read back from the slide XML, on 40-character names in Chinese and
English, on the demo and on a generated 60-person account."""

from __future__ import annotations

import io
import itertools
import math

import pytest
from django.core.cache import cache
from django.utils import translation
from pptx import Presentation
from pptx.util import Emu

from battlemap.io.export import export_account
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.textfit import wrap
from tests import factories as f

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

ZH = "欧阳国际能源投资控股集团有限公司华东区域数字化转型办公室首席信息官"


def _zh(i: int) -> str:
    return (ZH * 2)[:38] + f"{i:02d}"


def _en(i: int) -> str:
    return f"Alexandra Konstantinopoulou-Fitzgerald{i:02d}"


@pytest.fixture
def long_names(world):
    """13 people with 40-character names, Chinese and English, and long titles."""
    a = world.cn
    deal = world.cn_deal
    top = f.person(account=a, name=_zh(0), title="董事长兼总经理兼党委书记兼首席执行官兼首席信息官")
    f.role(deal=deal, person=top, roles=["decision_maker"], attitude="opponent", influence=5)
    n = 1
    for i in range(3):
        vp = f.person(
            account=a, name=(_zh if i % 2 else _en)(n), title="Senior Vice President", reports_to=top
        )
        f.role(deal=deal, person=vp, roles=["influencer", "user"], attitude="supporter", influence=3)
        n += 1
        for j in range(3):
            name = (_en if j % 2 else _zh)(n)
            p = f.person(account=a, name=name, title="Principal Enterprise Architect", reports_to=vp)
            n += 1
            if i == 1:
                f.person(account=a, name=_en(n), title="工程师", reports_to=p)
                n += 1
    assert all(len(p.name) == 40 for p in a.people.filter(name__in=[_zh(0), _en(1)]))
    return a


def _deck(account, lang):
    cache.clear()
    return Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))


def _chart_slides(prs):
    return [s for s in prs.slides if any(sh.name.startswith("person ") for sh in s.shapes)]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_long_names_wrap_inside_their_cards_at_10_pt_or_more(long_names, lang):
    prs = _deck(long_names, lang)
    font = register_pdf_font()
    seen = set()
    for slide in _chart_slides(prs):
        for card in (sh for sh in slide.shapes if sh.name.startswith("person ")):
            body = card.text_frame._txBody.bodyPr
            assert body.get("wrap") == "square", card.name  # word wrap on: text never runs out sideways
            inner = Emu(card.width).pt - Emu(card.text_frame.margin_left + card.text_frame.margin_right).pt
            used = Emu(card.text_frame.margin_top + card.text_frame.margin_bottom).pt
            for para in card.text_frame.paragraphs:
                sizes = {run.font.size.pt for run in para.runs}
                assert sizes and min(sizes) >= 10, (card.name, sizes)
                size = max(sizes)
                assert para.line_spacing is not None  # exact spacing: the height below is what viewers draw
                used += len(wrap(para.text, font, size, inner)) * para.line_spacing.pt
            assert used <= Emu(card.height).pt, (card.name, used, Emu(card.height).pt)
            seen.add("".join(p.text for p in card.text_frame.paragraphs))
    for name in (_zh(0), _en(1), _zh(2)):
        assert any(name in text for text in seen), name  # the whole name, never cut


def _segments(cxn):
    """The route of an elbow connector as drawn from its stored geometry: axis-aligned segments."""
    xfrm = cxn._element.spPr.xfrm
    x, y, w, h = xfrm.off.x, xfrm.off.y, xfrm.ext.cx, xfrm.ext.cy
    prst = cxn._element.spPr.prstGeom.get("prst")
    points = {
        "bentConnector2": [(0, 0), (w, 0), (w, h)],
        "bentConnector3": [(0, 0), (w / 2, 0), (w / 2, h), (w, h)],
    }
    pts = points.get(prst, [(0, 0), (w, h)])
    if xfrm.get("flipH") == "1":
        pts = [(w - px, py) for px, py in pts]
    if xfrm.get("flipV") == "1":
        pts = [(px, h - py) for px, py in pts]
    angle = math.radians(int(xfrm.get("rot", "0")) / 60000)
    cx, cy = x + w / 2, y + h / 2
    out = []
    for px, py in pts:
        u, v = px - w / 2, py - h / 2
        out.append(
            (cx + u * math.cos(angle) - v * math.sin(angle), cy + u * math.sin(angle) + v * math.cos(angle))
        )
    return list(itertools.pairwise(out))


def _crosses(seg, rect, eps=3000) -> bool:
    (x1, y1), (x2, y2) = seg
    left, top, right, bottom = rect[0] + eps, rect[1] + eps, rect[2] - eps, rect[3] - eps
    return max(x1, x2) > left and min(x1, x2) < right and max(y1, y2) > top and min(y1, y2) < bottom


def _assert_no_connector_crosses_a_card(prs):
    slides = _chart_slides(prs)
    assert slides
    connectors = 0
    for slide in slides:
        cards = [
            (sh.left, sh.top, sh.left + sh.width, sh.top + sh.height)
            for sh in slide.shapes
            if sh.name.startswith("person ")
        ]
        # the reporting lines; influence links (tests/io/test_export_links.py) and the decision bodies' lines
        # to their members (tests/io/test_export_body_members.py) are straight, as on the web, under the cards
        lines = (sh for sh in slide.shapes if sh.shape_type == 21 or sh._element.tag.endswith("cxnSp"))
        for cxn in (sh for sh in lines if not sh.name.startswith(("influence ", "legend ", "member "))):
            connectors += 1
            for seg in _segments(cxn):
                for card in cards:
                    assert not _crosses(seg, card), (seg, card)
    return connectors


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_no_connector_crosses_a_card_on_the_demo_and_a_60_person_account(world, lang):
    from battlemap.accounts.models import Account
    from battlemap.demo.loader import load_demo

    load_demo()
    assert _assert_no_connector_crosses_a_card(_deck(Account.objects.get(slug="hdny"), lang)) > 0
    people = []
    for i in range(60):
        boss = people[(i - 1) // 4] if i else None
        name = f"王{'建国志强明丽海燕'[i % 8]}{i}" if i % 3 else f"Margaret Holloway {i}"
        people.append(f.person(account=world.en, name=name, title="Head of Procurement", reports_to=boss))
    f.deal(account=world.en, name="Sixty")
    with translation.override(lang):
        assert _assert_no_connector_crosses_a_card(_deck(world.en, lang)) >= 59


HOSPITAL = [  # trial 21's hospital: (name, title, manager's index)
    ("周建国", "党委书记", None),
    ("李卫东", "院长", 0),
    ("王海燕", "副院长（分管信息化）", 1),
    ("陈思远", "信息中心主任", 2),
    ("阿卜杜·热合曼", "信息中心副主任（系统架构）", 3),
    ("钱伟", "信息中心网络安全与数据治理科科长兼医院互联互通标准化成熟度测评工作领导小组办公室副主任", 3),
    ("刘芳", "医务处处长", 2),
    ("赵明", "财务处处长", 1),
    ("孙丽", "采购中心主任", 7),
    ("张强", "心内科主任", 1),
    ("黄静", "护理部主任", 6),
    ("吴涛", "纪委书记", 0),
    ("郑教授", "省卫健委信息化专家组组长", None),
    ("张强", "急诊科主任", 1),
    ("马丽娜", "院办主任", None),
]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_long_title_is_cut_with_an_ellipsis_not_dropped(world, lang):
    """Trial 21: the deck showed 阿卜杜·热合曼, 钱伟 and 郑教授 with no title at all where the PDF cut theirs
    with "…". A card shows its person's title under the name, whole or its start with "…"; the trial's
    43-character title is cut, not dropped, on cards with room for a line of it (the Chinese deck's)."""
    people = []
    for name, title, boss in HOSPITAL:
        manager = people[boss] if boss is not None else None
        people.append(f.person(account=world.cn, name=name, title=title, reports_to=manager))
        f.role(deal=world.cn_deal, person=people[-1], roles=["influencer"], attitude="supporter", influence=3)
    by_card = {f"person {p.pk}": p for p in people}
    shown = {}
    for slide in _chart_slides(_deck(world.cn, lang)):
        for card in (sh for sh in slide.shapes if sh.name in by_card):
            person, texts = by_card[card.name], [p.text for p in card.text_frame.paragraphs]
            under = texts[texts.index(person.name) + 1 :]
            if under:
                last = under[-1]
                assert last == person.title or (last.endswith("…") and person.title.startswith(last[:-1])), (
                    texts
                )
                shown[person.name] = last
    if lang == "zh-hans":
        assert shown["钱伟"].endswith("…") and len(shown["钱伟"]) > 1, shown


def test_a_200_character_name_is_cut_on_its_card_and_the_chart_stays_on_one_slide(world):
    """A 200-character name made its card a slide high and an 8-person chart took 4 slides (third trial);
    its card holds the name's start with "…" (the people table and the XLSX have it whole)."""
    long = "欧阳" + "长" * 198
    boss = world.cn_boss
    for i, name in enumerate((long, "李明", "赵敏", "张伟", "陈国华", "王芳")):
        p = world.cn.people.filter(name=name).first() or f.person(
            account=world.cn, name=name, reports_to=boss
        )
        f.role(deal=world.cn_deal, person=p, roles=["influencer"], attitude="supporter", influence=3 + i % 2)
    slides = _chart_slides(_deck(world.cn, "zh-hans"))
    assert len(slides) == 1
    texts = [
        "".join(p.text for p in card.text_frame.paragraphs)
        for card in slides[0].shapes
        if card.name.startswith("person ")
    ]
    cut = [t for t in texts if "欧阳长" in t]
    assert len(cut) == 1 and "…" in cut[0] and long not in cut[0]
