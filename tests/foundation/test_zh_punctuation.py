"""Chinese pages punctuate as Chinese: a label and its value are joined by a full-width colon (采购角色：…),
lists of names and labels by 、, brackets around Chinese are full-width, and a Latin name or a number
sits apart from the Chinese around it by a space (MES rollout 还没有识别出决策者, 管理 3 人) — on the
main pages of the demo and in the text of the PDF, the deck and the workbook."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from battlemap import vocab
from battlemap.accounts.models import Account
from battlemap.deals.models import Deal
from battlemap.demo.loader import load_demo
from battlemap.demo.mapdata import TEAM
from battlemap.io.export import export_account
from tests.exports import slide_texts

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

HAN = "\u4e00-\u9fff"
WRONG = {
    "ASCII colon after Chinese": re.compile(rf"[{HAN}][)）]?:(?!\d)"),
    "ASCII comma beside Chinese": re.compile(rf"[{HAN}], ?\S|\S, ?[{HAN}]"),
    "half-width bracket around Chinese": re.compile(rf"\([^()]*[{HAN}][^()]*\)"),
    "no space between Latin and Chinese": re.compile(rf"[A-Za-z][{HAN}]|[{HAN}][A-Za-z]"),
    "no space between a number and Chinese": re.compile(rf"[{HAN}]\d+[{HAN}]"),
}
# Where ASCII punctuation or Latin glued to Chinese is right: a time, an amount, an address or a path, a
# code shown as code, what the user typed as it was typed, and Chinese words that hold Latin letters.
ALLOWED = re.compile(r"\d{1,2}:\d{2}|\d{1,3}(,\d{3})+|\S+@\S+|https?://\S+|\bPOC\b|\bCRM\b|\bIT\b|\bAI\b")


@pytest.fixture
def demo(client):
    cache.clear()
    load_demo()
    client.login(username="manager", password="manager")
    client.cookies["django_language"] = "zh-hans"
    yield client
    cache.clear()


def visible(page: str) -> str:
    """The text a reader sees: no scripts, styles, tags or attributes; one line per block."""
    page = re.sub(r"<(script|style|template|textarea)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(
        r"<(br|p|li|tr|td|th|h\d|div|option|dd|dt)\b[^>]*>|<span class=\"interaction-meta", "\n", page
    )
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def mistakes(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        line = " ".join(line.split())
        bare = ALLOWED.sub(" ", line)
        found += [f"{kind}: {line!r}" for kind, rule in WRONG.items() if rule.search(bare)]
    return found


def _deals():
    return Deal.objects.filter(account__in=Account.objects.all()).select_related("account")


def test_the_main_pages_punctuate_as_chinese(demo):
    urls = [reverse("home"), reverse("teams"), reverse("team_detail", args=[TEAM])]
    urls.append(reverse("team_warnings", args=[TEAM]))
    for account in Account.objects.all():
        slug = account.slug
        for name in (
            "account",
            "account_chain",
            "account_portrait",
            "account_changes",
            "account_timeline",
            "people",
            "bodies",
        ):
            urls.append(reverse(name, args=[slug]))
        urls += [reverse("person", args=[slug, p.pk]) for p in account.people.all()[:6]]
    for deal in _deals():
        urls.append(reverse("deal", args=[deal.account.slug, deal.pk]))
        urls.append(reverse("deal_qualification", args=[deal.account.slug, deal.pk]))
    found = []
    for url in urls:
        response = demo.get(url)
        assert response.status_code == 200, url
        found += [f"{url} {m}" for m in mistakes(visible(response.content.decode()))]
    assert not found, "\n".join(sorted(set(found)))


def test_the_pdf_the_deck_and_the_workbook_punctuate_as_chinese(demo):
    found = []
    for deal in _deals():
        pdf = export_account(deal.account, fmt="pdf", deal_id=deal.pk, lang="zh-hans")
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        found += [f"pdf {deal.name} {m}" for m in mistakes(text)]
        book = load_workbook(
            io.BytesIO(export_account(deal.account, fmt="xlsx", deal_id=deal.pk, lang="zh-hans"))
        )
        cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c]
        found += [f"xlsx {deal.name} {m}" for m in mistakes("\n".join(cells))]
        deck = Presentation(
            io.BytesIO(export_account(deal.account, fmt="pptx", deal_id=deal.pk, lang="zh-hans"))
        )
        texts = [t for slide in slide_texts(deck) for t in slide]
        found += [f"pptx {deal.name} {m}" for m in mistakes("\n".join(texts))]
    assert not found, "\n".join(sorted(set(found)))


def test_english_pages_keep_english_punctuation(demo):
    demo.cookies["django_language"] = "en"
    deal = Deal.objects.get(name="Fleet telematics rollout")
    room = " ".join(
        visible(demo.get(reverse("deal", args=[deal.account.slug, deal.pk])).content.decode()).split()
    )
    assert "Qualification (MEDDPICC · Blue Sheet): " in room
    qualification = visible(
        demo.get(reverse("deal_qualification", args=[deal.account.slug, deal.pk])).content.decode()
    )
    assert f"Qualification: {deal.name}" in qualification
    labels = [vocab.STRENGTHS.label(code, "en") for code in ("supporter", "met")]
    assert ", ".join(labels) in qualification  # a strength list, joined with an English comma
