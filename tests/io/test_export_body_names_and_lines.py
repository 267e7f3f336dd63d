"""A user trial on a fresh clone, in Chinese: the exported org charts and the review's decision-bodies table said a
body's kind twice ("集团党委会 / 党委会", "评标委员会（评标委员会）"), and a body's dotted line to a member ran behind other
people's cards (the line from 评标委员会 to 郑海涛 read as ending at 韩磊).

Every export now names a body as the web does (`process.body_names.body_kind_shown`: the kind only when the name
does not say it), and routes a member's line along the gaps between the cards (`io/export/member_routes.py`).
The files are opened as a user opens them: the PDF's text with pdftotext, its chart page's lines and cards read
back with pypdf, the PNG's page as handed to pdftoppm, the deck with python-pptx, the XLSX with openpyxl."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook
from pptx import Presentation

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.export import export_account
from battlemap.look import BODY
from battlemap.maps.analysis import account_analyses
from battlemap.process import services
from battlemap.process.body_names import body_kind_shown
from battlemap.punctuation import aside
from battlemap.vocab import BODY_KINDS
from tests import factories as f
from tests.io.test_export_body_members import _chart_page, _chart_paths, _png_page, _rgb, _same

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

LANGS = ("zh-hans", "en")
TOLERANCE = 0.5  # points
LEGEND_SWATCH = 30  # points: the legend's swatches are narrower than any card of these charts


def _flat(text: str) -> str:
    return "".join(text.split())


def _pdftotext(pdf: bytes, page: int | None = None) -> str:
    """The text as pdftotext reads it, in drawing order (-raw: a card's lines one after the other)."""
    pages = ["-f", str(page + 1), "-l", str(page + 1)] if page is not None else []
    return subprocess.run(
        ["pdftotext", "-raw", *pages, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def two_bodies():
    """An account whose deal has two party committees: 集团党委会 (its name says its kind) and 院长办公会 (its name
    says another body's kind, not this one's), each with a member and a role in the deal."""
    cache.clear()
    account = f.account(owner=f.user(), name="华东能源")
    deal = f.deal(account=account, name="智慧电厂")
    chair = f.person(account=account, name="陈国强", title="董事长")
    head = f.person(account=account, name="刘卫东", title="总经理", reports_to=chair)
    f.role(deal=deal, person=chair, roles=("decision_maker",), attitude="neutral")
    for name, member in (("集团党委会", chair), ("院长办公会", head)):
        body = services.body_create(account=account, name=name, kind="party_committee", members=[member])
        services.body_role_create(deal=deal, body=body, roles=["decision_maker"])
    yield account
    cache.clear()


@pytest.mark.parametrize("lang", LANGS)
def test_a_body_named_after_its_kind_is_named_once_in_every_export(two_bodies, lang):
    kind = BODY_KINDS.label("party_committee", lang)
    assert body_kind_shown("集团党委会", "party_committee", lang) == ""
    assert body_kind_shown("院长办公会", "party_committee", lang) == kind

    pdf = export_account(two_bodies, fmt="pdf", lang=lang)
    whole = _flat(_pdftotext(pdf))
    # the decision-bodies table: the kind in brackets only where the name does not say it
    assert _flat("院长办公会" + aside(lang, kind)) in whole
    assert _flat("集团党委会" + aside(lang, kind)) not in whole
    # the chart's cards: marks, name, then the kind on the next line — only on the card that needs it
    chart = _flat(_pdftotext(pdf, _chart_page(pdf, lang)))
    assert _flat("院长办公会" + kind) in chart
    assert "集团党委会" in chart and _flat("集团党委会" + kind) not in chart

    deck = Presentation(io.BytesIO(export_account(two_bodies, fmt="pptx", lang=lang)))
    cards = {
        sh.text_frame.text.split("\n")[1]: sh.text_frame.text
        for slide in deck.slides
        for sh in slide.shapes
        if sh.name.startswith("decision body ")
    }
    assert kind in cards["院长办公会"].replace("院长办公会", "")
    assert kind not in cards["集团党委会"].replace("集团党委会", "")
    rows = [
        _flat(cell.text)
        for slide in deck.slides
        for sh in slide.shapes
        if sh.has_table
        for cell in sh.table.iter_cells()
    ]
    assert _flat("院长办公会" + aside(lang, kind)) in rows
    assert _flat("集团党委会") in rows and _flat("集团党委会" + aside(lang, kind)) not in rows

    # the analysis the circle and the API read: the kind beside the name, "" when the name says it
    bodies = account_analyses(accounts=[two_bodies], lang=lang)[two_bodies.pk]["decision_bodies"]
    assert {b["name"]: b["kind_label"] for b in bodies} == {"集团党委会": "", "院长办公会": kind}


@pytest.mark.parametrize("lang", LANGS)
def test_the_xlsx_bodies_sheet_keeps_the_name_and_its_kind_apart(two_bodies, lang):
    """The sheet has a Kind column of its own, to sort and filter by: each cell holds the kind, the name its name
    alone — never the two run together."""
    book = load_workbook(io.BytesIO(export_account(two_bodies, fmt="xlsx", lang=lang)))
    with translation.override(lang):
        sheet = book[pgettext("export", "Decision bodies")]
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert rows == {name: BODY_KINDS.label("party_committee", lang) for name in ("集团党委会", "院长办公会")}


@pytest.fixture
def demo():
    """The demo accounts: 华东省能源投资集团 (集团党委会, 评标委员会: a member listed under another, members near the
    chart's top and far right of the bodies) and Northwind Logistics (a steering committee)."""
    cache.clear()
    load_demo()
    yield list(Account.objects.filter(decision_bodies__isnull=False).distinct().order_by("slug"))
    cache.clear()


def _chart(pdf: bytes, number: int) -> tuple[list[list[tuple[float, float]]], list[tuple], list[tuple]]:
    """The chart page's dotted member lines (their points), its cards (filled and stroked paths wider than a
    legend swatch: left, bottom, right, top) and, among them, the bodies' (teal-filled)."""
    lines, paths = _chart_paths(pdf, number)
    cards = [(box, fill) for box, fill in paths if box[2] - box[0] > LEGEND_SWATCH]
    return lines, [box for box, _fill in cards], [box for box, fill in cards if _same(fill, _rgb(BODY.fill))]


def _inside(x: float, y: float, box: tuple) -> bool:
    left, bottom, right, top = box
    return left + TOLERANCE < x < right - TOLERANCE and bottom + TOLERANCE < y < top - TOLERANCE


def _on_edge(x: float, y: float, box: tuple) -> bool:
    left, bottom, right, top = box
    within = left - TOLERANCE <= x <= right + TOLERANCE and bottom - TOLERANCE <= y <= top + TOLERANCE
    return within and min(abs(x - left), abs(x - right), abs(y - bottom), abs(y - top)) <= TOLERANCE


def _assert_lines_pass_behind_no_card(pdf: bytes, number: int, account: Account) -> None:
    """One dotted teal line per member, from the top of a body's card to the edge of a person's card, in straight
    runs across and up, no point of it behind any card (every person of the demo is on its chart)."""
    lines, cards, bodies = _chart(pdf, number)
    members = sum(body.members.count() for body in account.decision_bodies.all())
    assert len(lines) == members == len(lines) and members, (account.slug, len(lines), members)
    people = [card for card in cards if card not in bodies]
    for line in lines:
        (x0, y0), end = line[0], line[-1]
        assert any(abs(y0 - top) < TOLERANCE and left < x0 < right for left, _b, right, top in bodies), line
        assert any(_on_edge(*end, card) for card in people), (account.slug, end)
        for (ax, ay), (bx, by) in zip(line, line[1:], strict=False):
            assert abs(ax - bx) < TOLERANCE or abs(ay - by) < TOLERANCE, line  # across or up, not aslant
            steps = max(1, int(max(abs(bx - ax), abs(by - ay))))
            for k in range(steps + 1):
                x, y = ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps
                behind = [card for card in cards if _inside(x, y, card)]
                assert not behind, (account.slug, (x, y), behind)


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_member_lines_pass_behind_no_card(demo, lang):
    for account in demo:
        pdf = export_account(account, fmt="pdf", lang=lang)
        _assert_lines_pass_behind_no_card(pdf, _chart_page(pdf, lang), account)


@pytest.mark.parametrize("lang", LANGS)
def test_the_png_member_lines_pass_behind_no_card(demo, lang, monkeypatch):
    for account in demo:
        png, page = _png_page(account, lang, monkeypatch)
        assert png.startswith(b"\x89PNG")
        _assert_lines_pass_behind_no_card(page, 0, account)
