"""The review deck (PDF and PPTX, both languages): page / slide 1 is the executive summary (health
with its trend, the top three risks with their actions, the next steps with owners and due dates,
overdue marked); the org chart names every person in full; no deck text below 10 pt; the deck
converts in LibreOffice; the download is named after the account and the date."""

from __future__ import annotations

import io
import re
import shutil
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.accounts.models import Account
from battlemap.core.text import user_name
from battlemap.io.export import export_account
from battlemap.maps import account_analysis
from tests.exports import libreoffice_pdf, web_export

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]


def _squash(text: str) -> str:
    return "".join(text.split())


def _first_deal(account):
    return account.deals.filter(status="open").order_by("pk").first()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_page_one_of_the_pdf_and_slide_one_of_the_deck_hold_health_risks_and_next_steps(demo, lang):
    for account in Account.objects.order_by("slug"):
        deal = _first_deal(account)
        result = next(d for d in account_analysis(account=account, lang=lang)["deals"] if d["id"] == deal.pk)
        rank = {"high": 0, "medium": 1, "low": 2}
        risks = sorted(result["flags"], key=lambda f: rank[f["severity"]])[:3]
        assert len(risks) == 3, account.slug  # the demo deals trip several flags
        steps = list(deal.action_items.filter(done=False))
        assert steps
        pdf = export_account(account, fmt="pdf", deal_id=deal.pk, lang=lang)
        page_one = _squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
        deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", deal_id=deal.pk, lang=lang)))
        slide_one = _squash(
            " ".join(
                "".join(run.text for p in shape.text_frame.paragraphs for run in p.runs)
                if shape.has_text_frame
                else " ".join(c.text for row in shape.table.rows for c in row.cells)
                for shape in deck.slides[0].shapes
            )
        )
        with translation.override(lang):
            words = [
                pgettext("export", "Health"),
                pgettext("export", "Next steps"),
                pgettext("export", "Review date"),
            ]
        for text in (page_one, slide_one):
            assert _squash(deal.name) in text
            assert _squash(words[0]) in text
            bracket = (
                "（" if lang == "zh-hans" else "("
            )  # the language's bracket (battlemap.punctuation.aside)
            assert f"{result['health']['score']}{bracket}" in text  # the score with its band
            for flag in risks:
                assert _squash(flag["title"]) in text and _squash(flag["action"]) in text
            for step in steps[:6]:
                assert _squash(step.text) in text
            assert timezone.localdate().isoformat() in text  # the review date
            assert _squash(user_name(account.owner)) in text  # "Demo Rep", as every page names a user
        assert _squash(words[1]) in page_one


def test_an_overdue_next_step_is_marked_on_page_one(demo):
    account = Account.objects.get(slug="northwind")
    deal = _first_deal(account)
    step = deal.action_items.filter(done=False).first()
    step.due = timezone.localdate() - timedelta(days=3)
    step.save()
    cache.clear()
    for lang, word in (("en", "(overdue)"), ("zh-hans", "（已逾期）")):  # brackets of the language
        pdf = export_account(account, fmt="pdf", deal_id=deal.pk, lang=lang)
        page_one = _squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
        assert f"{step.due.isoformat()}{word}" in page_one


def test_the_next_steps_of_a_seller_who_left_are_marked_so_in_the_review(demo):
    """Their owner reads "Demo Rep (deactivated)" on page one and slide one, as the pages name them
    (core.text.colleague_label): the plain name passed a departed seller's open items for someone's at work."""
    account = Account.objects.get(slug="northwind")
    deal = _first_deal(account)
    owner = account.owner
    owner.is_active = False
    owner.save()
    cache.clear()
    for lang, mark in (
        ("en", f"{user_name(owner)} (deactivated)"),
        ("zh-hans", f"{user_name(owner)}（已停用）"),
    ):
        pdf = export_account(account, fmt="pdf", deal_id=deal.pk, lang=lang)
        assert _squash(mark) in _squash(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_org_chart_names_every_person_in_full(demo, lang):
    for account in Account.objects.all():
        pdf = export_account(account, fmt="pdf", lang=lang)
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        with translation.override(lang):
            title, after = pgettext("export", "Organisation chart"), pgettext("export", "Coverage")
        chart = pages[1]  # page 1 is the summary, page 2 the org chart
        assert title in chart
        assert after not in chart
        squashed = _squash(chart)
        for person in account.people.all():
            assert _squash(person.name) in squashed, person.name  # a title may end in "…" on its card
        listed = _squash(" ".join(pages[2:]))
        for person in account.people.exclude(title=""):
            assert _squash(person.title) in listed, person.title  # whole in the people list


def test_no_deck_text_is_smaller_than_10_pt(demo):
    for account in Account.objects.all():
        for lang in ("zh-hans", "en"):
            deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
            for slide in deck.slides:
                xml = slide._element.xml
                sizes = [int(s) for s in re.findall(r'<a:rPr[^>]* sz="(\d+)"', xml)]
                assert sizes and min(sizes) >= 1000, (account.slug, min(sizes))
            # the swatches (the org chart's legend also has its two link lines, connectors without a fill)
            legend = [s for s in deck.slides[1].shapes if s.name.startswith("legend ") and hasattr(s, "fill")]
            fills = {str(s.fill.fore_color.rgb) for s in legend}
            assert len(legend) >= 9 and len(fills) >= 6  # one colour per attitude, not one for all


def test_the_download_is_named_after_the_account_and_the_date(demo):
    account = Account.objects.get(slug="hdny")
    response = web_export(demo, account.slug, "pdf")
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert f"{account.name}-{timezone.localdate().isoformat()}.pdf" in disposition


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_deck_converts_in_libreoffice(demo, tmp_path):
    account = Account.objects.get(slug="hdny")
    for lang in ("zh-hans", "en"):
        path = tmp_path / f"deck-{lang}.pptx"
        path.write_bytes(export_account(account, fmt="pptx", lang=lang))
        converted = libreoffice_pdf(path, tmp_path)
        assert converted.is_file()
        assert len(PdfReader(str(converted)).pages) == len(Presentation(str(path)).slides)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_deck_draws_the_influence_circle_with_every_person_and_factor(demo, lang):
    account = Account.objects.get(slug="hdny")
    with translation.override(lang):
        prs = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
        title = pgettext("export", "Influence circle")
    analysis = account_analysis(account=account, lang="en")
    slides = [
        s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text == title for sh in s.shapes)
    ]
    assert len(slides) == 1
    shapes = slides[0].shapes
    dots = {sh.name for sh in shapes if sh.name.startswith("dot ")}
    assert {f"dot {p['id']}" for p in analysis["people"]} <= dots
    factors = [sh for sh in shapes if sh.name == "dot factor"]
    assert len(factors) == len(analysis["external_factors"])
    assert len([sh for sh in shapes if sh.name.startswith("ring ")]) == 5
    # every person is labelled on the circle or listed beside it
    text = "\n".join(sh.text_frame.text for sh in shapes if sh.has_text_frame)
    for person in analysis["people"]:
        assert person["name"][:4] in text, person["name"]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_org_chart_shows_every_title_at_least_begun(demo, lang):
    """A name on two lines ("Margaret / Hale") left a card of fixed height no room for the title, which went
    without a mark: seven Northwind cards showed no title, the chief executive's among them (export trial, sixth
    round). The name shrinks onto fewer lines while it stays whole, so the title has at least a line."""
    for account in Account.objects.all():
        pdf = export_account(account, fmt="pdf", lang=lang)
        chart = _squash(PdfReader(io.BytesIO(pdf)).pages[1].extract_text())
        for person in account.people.exclude(title="").exclude(
            status="left"
        ):  # a leaver's name says "(left)"
            if len(_squash(person.name)) > 20:
                continue  # a long name keeps its lines, whole (the test above); its title is in the people list
            assert _squash(person.title)[:4] in chart, (person.name, person.title)


def test_the_decks_action_item_slide_lists_them_soonest_due_first_as_slide_one(demo):
    """Slide 1 put the overdue item first; the deck's own "Open action items" slide listed them as created
    (due in 12 days, overdue, in 19 days: a reviewer's trial). One order, soonest due first, on both."""
    account = Account.objects.get(slug="northwind")
    deal = _first_deal(account)
    deal.action_items.all().delete()
    today = timezone.localdate()
    for text, days in (("Send the ROI model", 12), ("Book the site visit", -2), ("Draft the pilot plan", 19)):
        deal.action_items.create(text=text, due=today + timedelta(days=days))
    cache.clear()
    with translation.override("en"):
        deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", deal_id=deal.pk, lang="en")))
        title = pgettext("export", "Open action items")
    slide = next(
        s for s in deck.slides if any(sh.has_text_frame and sh.text_frame.text == title for sh in s.shapes)
    )
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    listed = [row.cells[0].text for row in list(table.rows)[1:]]
    assert listed == ["Book the site visit", "Send the ROI model", "Draft the pilot plan"]
