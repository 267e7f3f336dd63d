"""The trial's deck of a 12-person hospital (tests/io/hospital.py): its org chart on one slide, every card
with its title (two decision bodies under the chart had split it over two slides and 刘志强's card read
"团队见第 3 页" instead of 院长); a chart too big for a slide keeps the title beside the pointer to the team's
slide; and no table's row reaches the footer, in the file and as LibreOffice draws it."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pptx.util import Inches

from battlemap.deals.models import StakeholderRole
from battlemap.io.export import export_account
from battlemap.io.export.pptx_slide import FOOTER_TOP
from tests import factories as f
from tests.exports import libreoffice_pdf
from tests.io.hospital import PEOPLE, hospital

pytestmark = pytest.mark.django_db

TITLES = {name: title for name, title, *_rest in PEOPLE}


def _deck(account, lang="zh-hans") -> Presentation:
    return Presentation(
        io.BytesIO(export_account(account, fmt="pptx", deal_id=account.deals.get().pk, lang=lang))
    )


def _chart_slides(deck: Presentation, lang="zh-hans") -> list:
    with translation.override(lang):
        title = pgettext("export", "Organisation chart")
    return [s for s in deck.slides if s.shapes[0].text_frame.text.startswith(title)]


def _cards(slide) -> dict[str, list[str]]:
    """Each person card's lines by the name on it (the line after the marks)."""
    cards = {}
    for shape in slide.shapes:
        if shape.name.startswith("person "):
            lines = [p.text for p in shape.text_frame.paragraphs]
            cards[lines[1]] = lines
    return cards


def test_the_12_person_chart_fits_one_slide_with_every_title(world):
    slides = _chart_slides(_deck(hospital(world.owner)))
    assert len(slides) == 1
    cards = _cards(slides[0])
    names = {re.sub(r"（.*）$", "", n): lines for n, lines in cards.items()}  # 钱红（已离职）
    assert set(names) == set(TITLES)
    for name, lines in names.items():
        title = TITLES[name]
        assert lines[-1] == title or (lines[-1].endswith("…") and title.startswith(lines[-1][:-1])), lines


def test_a_card_whose_team_goes_on_another_slide_keeps_its_title(world):
    """Ten more departments under the party secretary, each with teams of teams: the chart goes on team by
    team, and each department head's card on the first slide says where, and keeps the head's title."""
    account = hospital(world.owner)
    deal = account.deals.get()
    boss = account.people.get(name="陈建国")
    titles = {"刘志强": TITLES["刘志强"]}
    for d in range(10):
        head = f.person(
            account=account, name=f"部门{d}主任", title=f"第{d}党支部书记兼科主任", reports_to=boss
        )
        f.role(deal=deal, person=head, roles=["influencer"], attitude="neutral", influence=3)
        titles[head.name] = head.title
        for i in range(3):
            lead = f.person(account=account, name=f"部门{d}组长{i}", title="组长", reports_to=head)
            for j in range(2):
                f.person(account=account, name=f"部门{d}组员{i}{j}", title="工程师", reports_to=lead)
    slides = _chart_slides(_deck(account))
    assert len(slides) > 1
    with translation.override("zh-hans"):
        pointer = pgettext("export", "team on slide %(n)s").split("%(n)s")[0]
    pointed = {
        n: lines for s in slides for n, lines in _cards(s).items() if any(pointer in ln for ln in lines)
    }
    assert set(pointed) == set(titles)
    for name, lines in pointed.items():
        shown = lines[-1]
        assert shown == titles[name] or (shown.endswith("…") and titles[name].startswith(shown[:-1])), lines


def test_a_split_chart_says_on_each_slide_how_many_links_go_to_other_slides(world):
    """The trial's deck split over 4 slides drew almost no influence arrow, without a word: a link whose ends
    are on two slides cannot be drawn, and each slide now says how many it leaves out that way."""
    account = hospital(world.owner)
    boss = account.people.get(name="陈建国")
    heads = []
    for d in range(10):
        head = f.person(account=account, name=f"部门{d}主任", title="科主任", reports_to=boss)
        heads.append(head)
        for i in range(3):
            lead = f.person(account=account, name=f"部门{d}组长{i}", title="组长", reports_to=head)
            for j in range(2):
                f.person(account=account, name=f"部门{d}组员{i}{j}", title="工程师", reports_to=lead)
    worker = account.people.get(name="部门0组员00")  # on department 0's slide
    f.link(source=worker, target=boss, kind="advises", strength=2)
    f.link(source=account.people.get(name="部门1组员00"), target=worker, kind="opposes", strength=3)
    slides = _chart_slides(_deck(account, "en"), "en")
    assert len(slides) > 2

    def said(slide) -> str:
        return " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)

    links = [("部门0组员00", "陈建国"), ("部门1组员00", "部门0组员00")]
    for slide in slides:
        shown = {
            p.text for sh in slide.shapes if sh.name.startswith("person ") for p in sh.text_frame.paragraphs
        }
        across = sum((a in shown) != (b in shown) for a, b in links)  # one end here, the other elsewhere
        found = re.search(r"(\d+) influence links? to or from .* not drawn here", said(slide))
        assert (int(found.group(1)) if found else 0) == across, (sorted(shown)[:3], across)
    assert sum(1 for s in slides if "not drawn here" in said(s)) >= 3


def test_no_table_row_reaches_the_footer_as_drawn(world, tmp_path):
    account = hospital(world.owner)
    wins = [
        "年底前完成集团数字化标杆评选，个人争取晋升",
        "医院评级通过三甲复审，信息化评分满分",
        "降低采购成本，预算内完成",
    ]
    for i, role in enumerate(StakeholderRole.objects.filter(deal__account=account).order_by("pk")):
        StakeholderRole.objects.filter(pk=role.pk).update(personal_win=wins[i % 3] * (1 + i % 3))
    data = export_account(account, fmt="pptx", deal_id=account.deals.get().pk, lang="zh-hans")
    deck = Presentation(io.BytesIO(data))
    tables = 0
    for number, slide in enumerate(deck.slides, start=1):
        for shape in (s for s in slide.shapes if s.has_table):
            tables += 1
            bottom = shape.top + sum(row.height for row in shape.table.rows)
            assert bottom <= FOOTER_TOP - Inches(0.2), number  # room for a viewer that draws rows taller
    assert tables > 10
    path = tmp_path / "hospital.pptx"
    path.write_bytes(data)
    pdf = libreoffice_pdf(path, tmp_path)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    foot = FOOTER_TOP / 12700  # points from the slide's top
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        if not any(s.has_table for s in deck.slides[number - 1].shapes):
            continue
        footer = next(s for s in deck.slides[number - 1].shapes if s.name == "footer").text_frame.text
        below = [w for low, w in re.findall(r'yMax="([\d.]+)">([^<]*)<', page) if float(low) > foot]
        assert all(w in footer for w in below), (number, below)  # only the footer's words reach its band
