"""The review PDF and deck of an account without a deal, without people, or both, in both languages:
each file says once, plainly, what is missing (the one `no_deal_text` in place of the deal's facts,
risks and next steps; the one `no_people_text` in place of the people list), never says "no red
flags" when no flag was checked, and draws no empty org chart or influence circle. The files are
opened as a reader would: the PDF's text page by page, the deck read back and converted by LibreOffice."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.io.export.rows import no_deal_text, no_people_text
from battlemap.punctuation import labelled
from tests import factories as f
from tests.exports import libreoffice_pdf, slide_texts

# What the files draw: their reads are those tests/io/test_exports.py and test_export_consistency.py run on
# PostgreSQL too, so the PostgreSQL run leaves these to the SQLite run.
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_run]

COMBINATIONS = [(False, False), (False, True), (True, False), (True, True)]  # (deal, people)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _account(deal: bool, people: bool):
    account = f.account(owner=f.user(), name=f"Gaps {int(deal)}{int(people)}")
    f.factor(account=account, description="Budget freeze announced by the province")
    if people:
        boss = f.person(account=account, name="王总", title="CEO")
        f.person(account=account, name="Li Gong", title="CTO", reports_to=boss)
    if deal:
        f.deal(account=account)
    return account


def _words(lang: str) -> dict[str, str]:
    with translation.override(lang):
        return {
            "no_deal": no_deal_text(),
            "no_people": no_people_text(),
            "no_flags": pgettext("export", "No red flags."),
            "chart": pgettext("export", "Organisation chart"),
            "circle": pgettext("export", "Influence circle"),
            "outside": pgettext("export", "Outside factors"),
            "people": pgettext("export", "People"),
            "email": pgettext("export", "Email"),
            "key_person": pgettext("export", "Key person"),  # a column of the coverage table only
            **{
                key: pgettext("export", text)
                for key, text in (
                    ("stage", "Stage"),
                    ("amount", "Amount"),
                    ("close", "Expected close"),
                    ("health", "Health"),
                    ("risks", "Top risks and what to do"),
                    ("steps", "Next steps"),
                )
            },
        }


def _squash(text: str) -> str:
    return "".join(text.split())


def _pdf_pages(account, lang: str) -> list[str]:
    pdf = export_account(account, fmt="pdf", lang=lang)
    return [_squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize(("deal", "people"), COMBINATIONS)
def test_the_pdf_says_once_what_is_missing_and_draws_no_empty_chart(deal, people, lang):
    account = _account(deal, people)
    w = {k: _squash(v) for k, v in _words(lang).items()}
    pages = _pdf_pages(account, lang)
    whole = "".join(pages)
    page_one = pages[0]

    # no deal: page 1 holds the one sentence instead of the deal's fields, its risks and next steps
    assert whole.count(w["no_deal"]) == (0 if deal else 1)
    assert (w["no_deal"] in page_one) is not deal
    facts = page_one.replace(w["no_deal"], "")  # the sentence names health itself
    for key in ("stage", "amount", "close", "health", "risks", "steps"):
        assert (w[key] in facts) is deal, key
    if not deal:
        assert w["no_flags"] not in whole  # no flag was checked: nothing says there are none

    # no people: no org chart, no circle, one line where the people table would be
    titled = lambda title: [p for p in pages if title in p[:60]]  # noqa: E731 (the heading opens the page)
    assert len(titled(w["chart"])) == (1 if people else 0)
    assert len(titled(w["circle"])) == (1 if people else 0)
    assert whole.count(w["no_people"]) == (0 if people else 1)
    assert f"{w['people']}{2 if people else 0}" in whole  # the portrait's head count, 0 said
    last = pages[-1]
    assert w["people"] in last
    if people:
        assert "王总" in last and "LiGong" in last and w["email"] in last
    else:
        assert w["no_people"] in last and w["email"] not in last

    # the outside factors keep their heading and rows whether or not the circle is drawn
    assert any(w["outside"] in p and "Budgetfreeze" in p for p in pages)
    # the deal's pages come with the deal
    assert (w["key_person"] in whole) is deal


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize(("deal", "people"), COMBINATIONS)
def test_the_deck_says_once_what_is_missing_on_slide_one_and_draws_no_empty_chart(deal, people, lang):
    account = _account(deal, people)
    w = _words(lang)
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang=lang)))
    slides = slide_texts(deck)
    whole = "\n".join(t for s in slides for t in s)
    first = "\n".join(slides[0])

    assert whole.count(w["no_deal"]) == (0 if deal else 1)
    assert (w["no_deal"] in first) is not deal
    for key in ("stage", "amount", "close", "health"):
        assert (labelled(lang, w[key], "") in first) is deal, (
            key
        )  # "阶段：" / "Stage: " (battlemap.punctuation)
    if not deal:
        assert w["no_flags"] not in whole  # no flag was checked: nothing says there are none
        assert not any(shape.has_table for shape in deck.slides[0].shapes)  # no empty risk / step tables

    titles = [s[0] for s in slides]  # a slide's first shape is its title
    assert titles.count(w["chart"]) == (1 if people else 0)
    assert titles.count(w["circle"]) == (1 if people else 0)
    assert whole.count(w["no_people"]) == (0 if people else 1)
    assert (w["no_people"] in first) is not people
    assert w["outside"] in titles and "Budget freeze announced by the province" in whole
    if people:
        chart = slides[titles.index(w["chart"])]
        assert "王总\nCEO" in chart and "Li Gong\nCTO" in chart


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_deck_of_an_empty_account_reads_the_same_in_libreoffice(tmp_path):
    account = _account(deal=False, people=False)
    for lang in ("zh-hans", "en"):
        w = _words(lang)
        path = tmp_path / f"empty-{lang}.pptx"
        path.write_bytes(export_account(account, fmt="pptx", lang=lang))
        pages = [_squash(p.extract_text()) for p in PdfReader(str(libreoffice_pdf(path, tmp_path))).pages]
        assert len(pages) == 2  # the summary and the outside factors: no empty chart slide
        assert _squash(w["no_deal"]) in pages[0] and _squash(w["no_people"]) in pages[0]
        assert _squash(w["outside"]) in pages[1]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_pdf_of_an_account_without_deal_or_people_is_one_page_not_a_page_per_short_table(lang):
    assert len(_pdf_pages(_account(False, False), lang)) == 1
    assert (
        len(_pdf_pages(_account(True, True), lang)) > 4
    )  # charts and the deal's tables keep their own pages
