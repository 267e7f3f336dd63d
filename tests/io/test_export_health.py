"""The exports say what the web says about a deal's health (trial 21): the band by the web health
filter's name, and a breakdown whose parts add up to the score shown, the same parts as the deal room's."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from battlemap.accounts.models import Account
from battlemap.io.export import export_account

pytestmark = pytest.mark.django_db

HEALTH_TITLE = {"zh-hans": "商机健康度", "en": "Deal health"}


def _open_deals():
    return [d for a in Account.objects.order_by("slug") for d in a.deals.filter(status="open").order_by("pk")]


def _pdf_text(deal, lang: str) -> str:
    """The deal's review PDF as pdftotext reads it, in layout."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.pdf"
        path.write_bytes(export_account(deal.account, fmt="pdf", deal_id=deal.pk, lang=lang))
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout


def _filter_names(client, lang: str) -> dict[str, str]:
    """The web pipeline's health filter: band code → option text, e.g. "poor" → "Poor (0–39)"."""
    client.cookies["django_language"] = lang
    page = client.get(reverse("pipeline")).content.decode()
    select = re.search(r'<select name="health".*?</select>', page, re.S).group(0)
    return {
        code: html.unescape(text).strip() for code, text in re.findall(r'value="(\w+)"[^>]*>([^<]+)<', select)
    }


def _room_parts(client, deal, lang: str) -> tuple[int, list[int]]:
    """The deal room's health score and its parts as whole points (a penalty negative)."""
    client.cookies["django_language"] = lang
    page = client.get(reverse("deal", args=[deal.account.slug, deal.pk])).content.decode()
    score = int(re.search(r'id="health-score">(\d+)<', page).group(1))
    table = re.search(r'<table class="parts">(.*?)</table>', page, re.S).group(1)
    parts = []
    for cell in re.findall(r'<td class="num">(.*?)</td>', table, re.S):
        number = re.search(r"\d+(?:\.\d+)?", cell)
        points = float(number.group(0)) if number else 0.0
        parts.append(points if "/" in cell else -points)
    assert all(p == int(p) for p in parts), parts  # whole points, as the exports show them
    return score, [int(p) for p in parts]


def _pdf_parts(text: str, lang: str) -> tuple[int, list[int]]:
    """The PDF's health table: the total and each part's points."""
    section = text[text.index(HEALTH_TITLE[lang]) :]
    lines = [line for line in section.splitlines()[1:12] if line.strip()][:5]
    numbers = [int(re.search(r"(-?\d+)\s*$", line).group(1)) for line in lines]
    return numbers[0], numbers[1:]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_names_the_health_band_as_the_web_filter_does(demo, lang):
    """Trial 21: the filter said "Poor (0–39)" / "较差（0–39）", the PDF "33 (in trouble)" / "33（危险）"."""
    names = _filter_names(demo, lang)
    assert set(names) == {"good", "fair", "poor"}
    for deal in _open_deals():
        score, _parts = _room_parts(demo, deal, lang)
        text = " ".join(_pdf_text(deal, lang).split("\n")[:12])
        band = re.search(re.escape(str(score)) + r"(?: \(|（)([^)）]+)[)）]", text).group(1)
        words = {re.sub(r"\s*[(（][\d–]+[)）]$", "", name).lower(): code for code, name in names.items()}
        assert band.lower() in words, (deal.name, band, names)
        assert "in trouble" not in text and "危险" not in text


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_health_parts_add_up_to_the_score_and_match_the_deal_room(demo, lang):
    """Trial 21: 40 + 18 + 8 − 34 = 32 under a score of 33."""
    for deal in _open_deals():
        room_score, room_parts = _room_parts(demo, deal, lang)
        pdf_score, pdf_parts = _pdf_parts(_pdf_text(deal, lang), lang)
        assert sum(room_parts) == room_score, (deal.name, room_parts, room_score)
        assert (pdf_score, pdf_parts) == (room_score, room_parts), deal.name


def test_the_pdf_health_parts_are_named_as_row_labels_as_the_workbook_names_them(demo):
    """A fresh-clone run: the English PDF listed "role coverage", "attitude", "open flags" under "Health",
    where every other table's first column, and the XLSX's Health sheet, start with a capital."""
    deal = _open_deals()[0]
    section = _pdf_text(deal, "en")
    section = section[section.index(HEALTH_TITLE["en"]) :]
    names = [
        re.sub(r"\s+-?\d+\s*$", "", line).strip() for line in section.splitlines()[2:12] if line.strip()
    ][:4]
    assert names == ["Role coverage", "Attitude", "Interaction freshness", "Open flags"], names


def test_the_deal_rooms_health_parts_are_row_labels_as_the_pdf_names_them(demo):
    deal = _open_deals()[0]
    demo.cookies["django_language"] = "en"
    page = demo.get(reverse("deal", args=[deal.account.slug, deal.pk])).content.decode()
    table = re.search(r'<table class="parts">(.*?)</table>', page, re.S).group(1)
    names = [html.unescape(t).strip() for t in re.findall(r'<th scope="row">([^<]*)</th>', table)]
    assert names[:4] == ["Role coverage", "Attitude", "Interaction freshness", "Open flags"], names
