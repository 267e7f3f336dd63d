"""A big team's org chart stays readable in the deck and in the PDF review.

A reviewer's 119-person account of six levels, one manager with 93 people under him: the deck put all 93 cards
(0.49" × 0.46", 10 pt) on one slide, names running ten lines past their cards, and the PDF drew the whole chart
on one A4 page at 1.4–3 pt. Now a team too big for its slide or page is cut again by its sub-teams
(`orgchart.split_pages`), the sub-team's card saying where it goes on. Read back as a user would: on every
deck slide every card's lines fit inside it at 10 pt or more; on the PDF's chart pages no text is under
`chart.CHART_MIN_PT` and names are drawn at `chart.CHART_NAME_PT`; every person is on some slide and page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from itertools import count

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.io.export.chart import CHART_MIN_PT
from battlemap.io.export.fonts import register_pdf_font
from battlemap.io.export.textfit import wrap
from battlemap.io.labels import labelled
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

LONG_TITLES = (
    "数字化转型办公室副主任兼信息中心总工程师",
    "Senior Vice President, Digital Infrastructure & Cloud Platforms",
    "智慧电厂与新能源集控中心数据治理室主任",
    "工程师",
)
LONG_NAMES = ("Maximilian von Hohenberg-Lichtenstein", "欧阳明远志（借调）", "Evangeline Featherstonehaugh")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def big_team(world):
    """119 people over six levels: a chairman, two small teams and 欧阳明远's — six sub-teams of two or three
    groups each, some members with reports of their own — long Chinese and English names and titles."""
    account = f.account(owner=world.owner, slug="big-team", name="华东省能源投资集团（大）")
    deal = f.deal(account=account, name="集团数据中台")
    numbers = count(1)

    def person(boss, title=None):
        n = next(numbers)
        name = LONG_NAMES[n % 3] + str(n) if n % 5 == 0 else f"张{'伟芳娜敏'[n % 4]}{n}"
        return f.person(account=account, name=name, title=title or LONG_TITLES[n % 4], reports_to=boss)

    root = f.person(account=account, name="陈国强", title="董事长、党委书记")
    for _small in range(2):
        head = person(root)
        for _ in range(8):
            person(head)
    boss = f.person(
        account=account,
        name="欧阳明远",
        title="分管数字化转型与信息化建设的党委委员、副总经理",
        reports_to=root,
    )
    f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="neutral", influence=5)
    while account.people.count() < 119:
        head = person(boss)
        for group in range(3):
            lead = person(head)
            for member in range(4):
                leaf = person(lead)
                if group == member == 0:
                    person(leaf)
                    person(leaf)
            if account.people.count() >= 119:
                break
    assert account.people.filter(reports_to=boss).count() >= 6
    return account


def _card_lines_used(card, font) -> tuple[float, float]:
    """(points the card's lines take wrapped to its inner width at their exact spacing, with its margins;
    the smallest size of its runs)."""
    frame = card.text_frame
    inner = Emu(card.width - frame.margin_left - frame.margin_right).pt
    used = Emu(frame.margin_top + frame.margin_bottom).pt
    smallest = 99.0
    for para in frame.paragraphs:
        size = max(run.font.size.pt for run in para.runs)
        smallest = min(smallest, *(run.font.size.pt for run in para.runs))
        used += len(wrap(para.text, font, size, inner)) * para.line_spacing.pt
    return used, smallest


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_card_of_a_big_team_holds_its_text_at_10_pt_on_its_slide(big_team, lang):
    deck = Presentation(io.BytesIO(export_account(big_team, fmt="pptx", lang=lang)))
    font = register_pdf_font()
    shown, most, notes = set(), 0, []
    for number, slide in enumerate(deck.slides, start=1):
        cards = [s for s in slide.shapes if s.name.startswith("person ")]
        most = max(most, len(cards))
        for card in cards:
            used, smallest = _card_lines_used(card, font)
            assert smallest >= 10, (number, card.name, smallest)
            assert used <= Emu(card.height).pt + 0.01, (number, card.name, used, Emu(card.height).pt)
            assert Emu(card.width).inches >= 1.0, (number, card.name)  # 0.49" before
            shown.add(int(card.name.split()[-1]))
            notes += [(number, p.text) for p in card.text_frame.paragraphs]
    assert shown == set(big_team.people.values_list("id", flat=True))
    assert most < 40, most  # 93 cards on one slide before
    # each sub-team's card says on which slide it goes on, and that slide is its team's
    with translation.override(lang):
        said = pgettext("export", "team on slide %(n)s") % {"n": "999"}
    pattern = re.compile(re.escape(said).replace("999", r"(\d+)"))
    titles = {n: s.shapes[0].text_frame.text for n, s in enumerate(deck.slides, start=1)}
    targets = [int(m.group(1)) for _n, text in notes if (m := pattern.search(text))]
    boss = big_team.people.get(name="欧阳明远")
    heads = [p.name for p in big_team.people.filter(reports_to=boss) if p.reports.exists()]
    assert len(set(targets)) >= 3 + len(heads), targets  # the top's three teams and his sub-teams
    for name in ["欧阳明远", *heads]:  # each pointed at, on a slide of its own
        assert any(name in titles[n] for n in targets), (name, [titles[n] for n in targets])


def _chart_pages(pdf: bytes, lang: str) -> list[int]:
    """The 1-based numbers of the PDF's org chart pages: from the first headed "Organisation chart" up to the
    coverage's."""
    with translation.override(lang):
        title, after = pgettext("export", "Organisation chart"), pgettext("export", "Coverage")
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
    first = next(i for i, text in enumerate(pages) if title in text)
    last = next(i for i, text in enumerate(pages) if i > first and after in text)
    return list(range(first + 1, last + 1))


def _word_sizes(pdf: bytes, page: int) -> list[tuple[str, float]]:
    """(word, height in points) of each word `pdftotext -bbox` finds on `page`: its box's height, the size the
    word is drawn at (a glyph box is about its font size)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', xml)
    return [(word, float(y2) - float(y1)) for y1, y2, word in words]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_chart_of_a_big_team_goes_on_over_pages_at_a_readable_size(big_team, lang):
    pdf = export_account(big_team, fmt="pdf", lang=lang)
    chart = _chart_pages(pdf, lang)
    assert len(chart) > 1, chart  # one page before, at 1.4–3 pt
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join((reader.pages[n - 1].extract_text() or "").replace("\n", "") for n in chart)
    squashed = re.sub(r"\s+", "", text)
    for person in big_team.people.all():  # a long name may end in "…": its start is there
        assert re.sub(r"\s+", "", person.name)[:4] in squashed, person.name
    for n in chart:
        sizes = _word_sizes(pdf, n)
        small = [
            (w, round(h, 2)) for w, h in sizes if h < CHART_MIN_PT - 0.3
        ]  # a glyph box rounds down a little
        assert not small, (n, small[:5])
    # each sub-team's card says on which page it goes on, and that page is its team's
    pattern = re.compile(r"(?:team on p\.|团队见第)\s*(\d+)")
    targets = {int(m) for m in pattern.findall(text)}
    assert targets and targets <= set(chart), (targets, chart)
    boss = big_team.people.get(name="欧阳明远")
    heads = [p.name for p in big_team.people.filter(reports_to=boss) if p.reports.exists()]
    with translation.override(lang):
        headings = [labelled(pgettext("export", "Organisation chart"), name) for name in heads]
    pointed = [re.sub(r"\s+", "", reader.pages[n - 1].extract_text() or "") for n in sorted(targets)]
    for heading in headings:  # every sub-team of his is pointed at, on its own page
        assert any(re.sub(r"\s+", "", heading) in page for page in pointed), heading
