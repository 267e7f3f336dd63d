"""The PDF, the PPTX and the deal room say the same thing about a deal: the same red flags, the same
holders of each buying role and the same met / not met for each person, in both languages — because
all three read one analysis (battlemap.maps) instead of recomputing it."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pptx import Presentation
from pypdf import PdfReader

from battlemap.accounts.models import Account
from battlemap.core.choices import ROLE_CHOICES
from battlemap.io.export import export_account
from battlemap.io.labels import ROLE_LABELS

pytestmark = pytest.mark.django_db

LANGS = {"zh-hans": ("是", "否", "尚未识别"), "en": ("yes", "no", "Nobody identified")}


def _squash(text: str) -> str:
    return "".join(text.split())


def _role_labels(lang: str) -> dict[str, str]:
    """Role label in `lang` → role code."""
    with translation.override(lang):
        return {str(ROLE_LABELS[code]): code for code, _label in ROLE_CHOICES}


def room(client, deal, lang: str) -> dict:
    """Flags, holders by role and met per person, as the deal room page shows them."""
    client.cookies["django_language"] = lang
    page = client.get(reverse("deal", args=[deal.account.slug, deal.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    flags = [_squash(html.unescape(r)) for r in re.findall(r'<p class="reason">(.*?)</p>', text, re.S)]
    # "grid coverage cards": a card per person on a phone
    body = text[text.index('<table class="grid coverage') :]
    body = body[: body.index("</table>")]
    holders: dict[str, set[str]] = {code: set() for code, _l in ROLE_CHOICES}
    met: dict[str, bool] = {}
    for row in re.findall(r'<tr id="coverage-\d+" class="([^"]*)">(.*?)</tr>', body, re.S):
        css, cells = row
        name = html.unescape(re.search(r'<th scope="row"><a [^>]*>(.*?)</a>', cells, re.S).group(1))
        held = re.findall(r'<td class="cell( held| was-held)?(?: card-inline)?"', cells)
        if "left" in css:  # someone who left holds no role now: the page says so in words, not with ●
            assert 'class="tag-left"' in cells and "●" not in cells
            assert any(held), name
            continue
        for (code, _label), mark in zip(ROLE_CHOICES, held, strict=True):
            if mark:
                holders[code].add(name)
        met[name] = 'class="gap"' not in cells
    return {"flags": flags, "holders": holders, "met": met}


def _from_rows(rows: list[list[str]], lang: str, bodies: set[str]) -> dict:
    """Holders and met per person from the export's coverage rows: a deciding chair's name without its "decides as
    chair of …" aside (the room says it under the name), and a body's own line (the room lists people) left out."""
    yes, _no, nobody = LANGS[lang]
    labels = _role_labels(lang)
    holders: dict[str, set[str]] = {code: set() for code, _l in ROLE_CHOICES}
    met: dict[str, bool] = {}
    for row in rows:
        name = re.sub(r" \(decides as chair of .*\)$|（作为.*主持人拍板）$", "", row[1])
        if row[1] == nobody or any(name.startswith(body) for body in bodies):
            continue
        holders[labels[row[0]]].add(name)
        met[name] = row[5] == yes
    return {"holders": holders, "met": met}


def pdf(deal, lang: str) -> dict:
    """The same facts read back from the PDF text (one table cell per line)."""
    data = export_account(deal.account, fmt="pdf", deal_id=deal.pk, lang=lang)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    with translation.override(lang):
        from django.utils.translation import pgettext

        start, end = pgettext("export", "Key person"), pgettext("export", "Deal health")
        flags_head, flags_end = pgettext("export", "People"), pgettext("export", "Win-win")
        after = text.index(pgettext("export", "Organisation chart"))  # page 1 is the summary
    text = text[after:]
    lines = [line.strip() for line in text[text.index(start) + len(start) : text.index(end)].splitlines()]
    labels = _role_labels(lang)
    rows: list[list[str]] = []
    for line in filter(None, lines):  # a row starts at a role label; empty cells print nothing
        if line in labels:
            rows.append([line])
        else:
            rows[-1].append(line)
    facts = _from_rows(
        [row if len(row) == 2 else [*row[:2], "", "", "", row[-2]] for row in rows], lang, _bodies(deal)
    )
    flag_part = text[text.index(end) :]
    flag_part = flag_part[flag_part.index(flags_head) : flag_part.index(flags_end)]
    facts["flag_text"] = _squash(flag_part)
    return facts


def pptx(deal, lang: str) -> dict:
    """The same facts read back from the deck's tables."""
    data = export_account(deal.account, fmt="pptx", deal_id=deal.pk, lang=lang)
    prs = Presentation(io.BytesIO(data))
    with translation.override(lang):
        from django.utils.translation import pgettext

        coverage_title = pgettext("export", "Coverage")
        flags_title = pgettext("export", "Red flags and actions")
    coverage, flags = [], []
    for slide in prs.slides:
        title = slide.shapes[0].text_frame.text
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[c.text for c in row.cells] for row in list(shape.table.rows)[1:]]
                if title.startswith(coverage_title):
                    coverage += rows
                elif title.startswith(flags_title):
                    flags += [_squash(r[1]) for r in rows]
    return {**_from_rows(coverage, lang, _bodies(deal)), "flags": flags}


def _bodies(deal) -> set[str]:
    return set(deal.account.decision_bodies.values_list("name", flat=True))


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_pdf_pptx_and_deal_room_agree_on_the_demo(demo, lang):
    deals = [
        d for a in Account.objects.order_by("slug") for d in a.deals.filter(status="open").order_by("pk")
    ]
    assert deals
    for deal in deals:
        seen = room(demo, deal, lang)
        deck, review = pptx(deal, lang), pdf(deal, lang)
        assert deck["flags"] == seen["flags"], deal.name
        assert all(reason in review["flag_text"] for reason in seen["flags"]), deal.name
        assert deck["holders"] == seen["holders"] == review["holders"], deal.name
        assert deck["met"] == seen["met"] == review["met"], deal.name


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_deck_carries_meddpicc_and_the_blue_sheet_as_the_qualification_page_shows_them(demo, lang):
    deal = Account.objects.get(slug="hdny").deals.order_by("pk").first()
    demo.cookies["django_language"] = lang
    page = demo.get(reverse("deal_qualification", args=[deal.account.slug, deal.pk])).content.decode()
    score = re.search(r'id="qualification-score">(\d+)<', page).group(1)
    people = re.findall(r'<tr data-person="\d+">\s*<th scope="row"><a [^>]*>([^<]+)</a>', page)
    assert score and people
    text = _squash(
        "\n".join(
            p.extract_text()
            for p in PdfReader(
                io.BytesIO(export_account(deal.account, fmt="pdf", deal_id=deal.pk, lang=lang))
            ).pages
        )
    )
    assert f"MEDDPICC{score}/100" in text
    assert all(_squash(html.unescape(name)) in text for name in people)
    prs = Presentation(io.BytesIO(export_account(deal.account, fmt="pptx", deal_id=deal.pk, lang=lang)))
    tables = [s for s in prs.slides for shape in s.shapes if shape.has_table]
    heads = [shape.table.cell(0, 0).text for s in tables for shape in s.shapes if shape.has_table]
    assert f"MEDDPICC {score}/100" in heads


def test_the_deck_carries_the_competitors_with_who_favours_them_and_our_notes(demo):
    from battlemap.competition.services import competitor_note_set

    deal = Account.objects.get(slug="hdny").deals.order_by("pk").first()
    competitor_note_set(
        deal=deal, name="华为云", version=0, strengths="本地服务团队", weaknesses="", offer=""
    )
    prs = Presentation(io.BytesIO(export_account(deal.account, fmt="pptx", deal_id=deal.pk, lang="zh-hans")))
    with translation.override("zh-hans"):
        from django.utils.translation import pgettext

        title = pgettext("export", "Competitors")
    rows = [
        [c.text for c in row.cells]
        for slide in prs.slides
        if slide.shapes[0].text_frame.text.startswith(title)
        for shape in slide.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
    ]
    by_name = {row[0]: row for row in rows}
    assert set(deal.competitors) <= set(by_name)
    assert "赵磊" in by_name["华为云"][1] and by_name["华为云"][2] == "本地服务团队"
    pdf_text = _squash(
        "".join(
            p.extract_text()
            for p in PdfReader(
                io.BytesIO(export_account(deal.account, fmt="pdf", deal_id=deal.pk, lang="zh-hans"))
            ).pages
        )
    )
    assert "本地服务团队" in pdf_text
