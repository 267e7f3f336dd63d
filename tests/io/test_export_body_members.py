"""The exported org charts draw each decision body as the web's org chart does (a user found them bare): a dotted
teal line from the body's card to each of its members, and "N members · M met" on the card, M being the members
we have met as the decision bodies page counts them (`process.selectors.body_rows`). The review PDF's chart page
is read back with pypdf (its stroked teal lines) and pdftotext, the deck with python-pptx (connectors glued to
the body's and the member's cards), the PNG with pdftoppm's page beside it (the same drawing)."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.accounts.models import Account
from battlemap.io.export import export_account
from battlemap.io.export import png as png_module
from battlemap.io.export.cards import members_met_text
from battlemap.look import BODY, MEMBER_COLOUR
from battlemap.process.selectors import body_rows

pytestmark = pytest.mark.django_db

LANGS = ("zh-hans", "en")
TOLERANCE = 0.5  # points


def _rgb(code: str) -> tuple[float, ...]:
    return tuple(int(code.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _same(colour: tuple[float, ...], other: tuple[float, ...]) -> bool:
    return len(colour) == len(other) and all(abs(a - b) < 0.01 for a, b in zip(colour, other, strict=True))


def _accounts() -> list[Account]:
    return list(Account.objects.filter(decision_bodies__isnull=False).distinct().order_by("slug"))


def _web_cards(account: Account, lang: str) -> dict[str, str]:
    """Each body's name → its card's members line, from the web's own count of members and members met."""
    with translation.override(lang):
        return {
            row.body.name: members_met_text(len(row.members), len(row.met))
            for row in body_rows(account=account, bodies=account.decision_bodies.all())
        }


def _chart_page(pdf: bytes, lang: str) -> int:
    with translation.override(lang):
        heading = pgettext("export", "Organisation chart")
    return next(
        n for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages) if heading in page.extract_text()
    )


def _teal_lines(
    pdf: bytes, number: int
) -> tuple[list[tuple[tuple[float, float], ...]], list[tuple[float, ...]]]:
    """The page's dotted lines stroked in the member colour (their two ends: routed round the cards, a line turns)
    and the body cards (teal-filled rectangles: left, bottom, right, top)."""
    lines, cards = _chart_paths(pdf, number)
    return [(line[0], line[-1]) for line in lines], [
        box for box, fill in cards if _same(fill, _rgb(BODY.fill))
    ]


def _chart_paths(
    pdf: bytes, number: int, colour: str = MEMBER_COLOUR
) -> tuple[list[list[tuple[float, float]]], list[tuple[tuple, tuple]]]:
    """The page's dashed lines stroked in `colour` (the members', or the dotted lines': all their points) and its
    filled and stroked paths (the cards, and the legend's swatches) as (left, bottom, right, top) with their fill
    colour."""
    page = PdfReader(io.BytesIO(pdf)).pages[number]
    state: dict = {"stroke": (), "fill": (), "dash": False}
    points: list[tuple[float, float]] = []
    lines, cards = [], []

    def operation(op: bytes, args: list, cm: list, _tm: list) -> None:
        if op == b"RG":
            state["stroke"] = tuple(float(a) for a in args)
        elif op == b"rg":
            state["fill"] = tuple(float(a) for a in args)
        elif op == b"d":
            state["dash"] = bool(args[0])
        elif op in (b"m", b"l", b"c", b"re"):
            pairs = [(float(args[i]), float(args[i + 1])) for i in range(0, len(args) - 1, 2)]
            if op == b"re":
                pairs = [pairs[0], (pairs[0][0] + pairs[1][0], pairs[0][1] + pairs[1][1])]
            points.extend((cm[4] + x * cm[0], cm[5] + y * cm[3]) for x, y in pairs)
        elif op in (b"f", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"n"):
            if op == b"S" and state["dash"] and _same(state["stroke"], _rgb(colour)) and len(points) >= 2:
                lines.append(list(points))
            if op in (b"B", b"B*", b"b", b"b*") and points:
                xs, ys = [x for x, _y in points], [y for _x, y in points]
                cards.append(((min(xs), min(ys), max(xs), max(ys)), state["fill"]))
            points.clear()

    page.extract_text(visitor_operand_before=operation)
    return lines, cards


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_org_chart_joins_each_body_to_its_members_and_says_how_many_we_met(demo, lang):
    for account in _accounts():
        pdf = export_account(account, fmt="pdf", lang=lang)
        _assert_joined(pdf, _chart_page(pdf, lang), account, lang)


def _assert_joined(pdf: bytes, number: int, account: Account, lang: str) -> None:
    """The page says each body's members line as the web counts it, and draws one dotted teal line from the top
    of a body's card for each member (every person of the demo is on the chart)."""
    text = subprocess.run(
        ["pdftotext", "-f", str(number + 1), "-l", str(number + 1), "-", "-"], input=pdf, capture_output=True
    ).stdout.decode()
    flat = "".join(text.split())
    for name, said in _web_cards(account, lang).items():
        assert "".join(said.split()) in flat, (account.slug, name, said)
    lines, cards = _teal_lines(pdf, number)
    members = sum(body.members.count() for body in account.decision_bodies.all())
    assert len(lines) == members, (account.slug, len(lines), members)
    for start, _end in lines:  # from the top of a body's card, at its middle
        assert any(
            abs(start[1] - top) < TOLERANCE and abs(start[0] - (left + right) / 2) < TOLERANCE
            for left, _bottom, right, top in cards
        ), (start, cards)


@pytest.mark.parametrize("lang", LANGS)
def test_the_png_org_chart_joins_each_body_to_its_members_and_says_how_many_we_met(demo, lang, monkeypatch):
    for account in _accounts():
        _assert_joined(_png_page(account, lang, monkeypatch)[1], 0, account, lang)


def _png_page(account: Account, lang: str, monkeypatch) -> tuple[bytes, bytes]:
    """The PNG export and the page pdftoppm made it of."""
    handed: list[bytes] = []
    run = png_module.subprocess.run

    def rasterise(command: list[str], **options: object) -> object:
        handed.append(options["input"])
        return run(command, **options)

    monkeypatch.setattr(png_module.subprocess, "run", rasterise)
    png = export_account(account, fmt="png", lang=lang)
    return png, handed[0]


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_joins_each_body_to_its_members_on_its_slide_and_says_how_many_we_met(demo, lang):
    joined = 0
    for account in _accounts():
        deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
        web = _web_cards(account, lang)
        for body in account.decision_bodies.all():
            slides = [s for s in deck.slides if any(sh.name == f"decision body {body.pk}" for sh in s.shapes)]
            assert len(slides) == 1, body.name
            shapes = {sh.name: sh for sh in slides[0].shapes}
            card = shapes[f"decision body {body.pk}"]
            assert "".join(web[body.name].split()) in "".join(card.text_frame.text.split())
            for member in body.members.all():
                person = shapes.get(f"person {member.person_id}")
                line = shapes.get(f"member {body.pk} to {member.person_id}")
                if person is None:  # their card is on a team's slide
                    assert line is None
                    continue
                glued = line._element.xpath(".//a:stCxn/@id | .//a:endCxn/@id")
                assert [int(i) for i in glued] == [card.shape_id, person.shape_id]
                assert str(line.line.color.rgb) == MEMBER_COLOUR.lstrip("#").upper()
                order = list(slides[0].shapes)  # under every card: it never covers a name
                assert order.index(line) < min(
                    order.index(sh) for sh in order if sh.name.startswith("person ")
                )
                joined += 1
    assert joined
