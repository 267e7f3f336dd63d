"""The review files read What changed as the deal's What changed page does (`deals.selectors_changes.people_moves`,
`deals.selectors.closed_with_deal`): the review of a deal lists the people added or left who have or had a part
in it, not the account's others (a 3,000-person import), each list cut at 20 then "and N more"; an action item
the deal's close ticked is never read "done" (the XLSX's Done column says the room's words)."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta

import pytest
from django.utils import translation
from django.utils.translation import ngettext, npgettext, pgettext
from openpyxl import load_workbook
from pptx import Presentation

from battlemap.deals.models import Deal
from battlemap.deals.selectors import CLOSED_WITH_DEAL
from battlemap.deals.services import deal_close
from battlemap.io.export import export_account
from battlemap.people.models import Person
from battlemap.people.services import person_update
from tests import factories as f
from tests.api.test_what_changed_terms import _aged
from tests.exports import slide_texts

pytestmark = pytest.mark.django_db

LANGS = ("en", "zh-hans")
JOINED = 24  # people who joined the deal in the window, besides 王建国


@pytest.fixture
def closed_deal(world):
    """The world's deal with 24 newcomers in it, 30 people imported to the account and not in it, one action
    item done by hand and one the close ticked."""
    for n in range(30):
        f.person(account=world.cn, name=f"Imported {n:02d}")
    for n in range(JOINED):
        f.role(deal=world.cn_deal, person=f.person(account=world.cn, name=f"Joined {n:02d}"), roles=["user"])
    f.action(deal=world.cn_deal, text="Book the kickoff", done=True)
    f.action(deal=world.cn_deal, text="Send the pilot report")
    deal = Deal.objects.get(pk=world.cn_deal.pk)
    deal_close(deal=deal, version=deal.version, outcome="won", reason="pilot convinced", close_actions=True)
    return deal


def _window(lang: str) -> str:
    with translation.override(lang):
        return pgettext("export", "What changed in the last %(days)s days (never reviewed)") % {"days": 30}


def _and_more(lang: str, n: int) -> str:
    with translation.override(lang):
        return ngettext("and %(n)s more person", "and %(n)s more people", n) % {"n": n}


def _reads_done(text: str, lang: str) -> bool:
    """Whether `text` says an item is done, once the room's "closed with the deal, not done" is taken out."""
    with translation.override(lang):
        closed = str(CLOSED_WITH_DEAL)
    return re.search(r"\bdone\b|完成", text.replace(closed, "")) is not None


def _assert_the_deal_s_people(cells: list[str], lang: str) -> None:
    """`cells`: the What changed table's texts (a PDF's lines, a deck's cells), row titles apart."""
    section = "\n".join(cells)
    assert "Imported" not in section and "李明" not in section  # the account's others
    assert "Joined 00" in section
    with translation.override(lang):
        new_person = pgettext("export", "New person")
    # 25 added (王建国 and the 24 who joined): 20 named, then the rest counted
    assert cells.count(new_person) == 20 + 1
    assert _and_more(lang, 25 - 20) in cells


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_review_s_what_changed_lists_only_the_deal_s_people(world, closed_deal, lang):
    pdf = export_account(world.cn, fmt="pdf", deal_id=closed_deal.pk, lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    start = text.index(_window(lang).split("(")[0].split("（")[0])
    with translation.override(lang):
        end = text.index(pgettext("export", "Red flags and actions"), start)
    _assert_the_deal_s_people([line.strip() for line in text[start:end].splitlines()], lang)
    for line in text.splitlines():  # the item the close ticked is nowhere read done
        assert not ("Send the pilot report" in line and _reads_done(line, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_s_what_changed_lists_only_the_deal_s_people(world, closed_deal, lang):
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=closed_deal.pk, lang=lang)))
    title = _window(lang)
    cells = [t for texts in slide_texts(deck) if any(t.startswith(title) for t in texts) for t in texts]
    assert cells  # What changed, over as many slides as it takes
    _assert_the_deal_s_people(cells, lang)
    for texts in slide_texts(deck):
        assert not any("Send the pilot report" in t and _reads_done(t, lang) for t in texts)


@pytest.mark.parametrize("lang", LANGS)
def test_the_workbook_says_an_item_the_close_ticked_was_closed_with_the_deal(world, closed_deal, lang):
    book = load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", deal_id=closed_deal.pk, lang=lang)))
    with translation.override(lang):
        sheet = book[pgettext("export", "Flags and actions")]
        closed, yes = str(CLOSED_WITH_DEAL), pgettext("export", "yes")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    done = {row[3]: row[-1] for row in rows[1:] if row[3] in ("Send the pilot report", "Book the kickoff")}
    assert done == {"Send the pilot report": closed, "Book the kickoff": yes}


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_of_a_deal_leaves_out_the_other_deals_moves(world, closed_deal, lang):
    """The deal's What changed page keeps only that deal's flags, health, stage and roles; so does its review."""
    other = f.deal(account=world.cn, name="Harbour pilot")
    f.role(deal=other, person=world.cn_boss, roles=["decision_maker"])
    pdf = export_account(world.cn, fmt="pdf", deal_id=closed_deal.pk, lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    start = text.index(_window(lang).split("(")[0].split("（")[0])
    with translation.override(lang):
        end = text.index(pgettext("export", "Red flags and actions"), start)
    section = text[start:end]
    assert "Harbour pilot" not in section
    assert "pilot convinced" in section  # the deal's own close is there
    account_review = export_account(world.cn, fmt="pdf", deal_id=other.pk, lang=lang)
    other_text = subprocess.run(
        ["pdftotext", "-", "-"], input=account_review, capture_output=True, check=True
    ).stdout.decode()
    assert "pilot convinced" not in other_text  # nor the closed deal's in the other's review


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_lists_the_interactions_and_action_items_the_web_lists(world, lang):
    """What changed on the web lists the interactions logged and the action items done or overdue in the
    window; the review's PDF and deck list them too (a tester's review page left them out)."""
    f.interaction(
        account=world.cn, people=[world.cn_boss], deal=world.cn_deal, days_ago=3, summary="Pilot scope agreed"
    )
    world.owner.first_name, world.owner.last_name = "Alice", "Wong"
    world.owner.save()
    f.action(
        deal=world.cn_deal,
        text="Send the pilot report",
        due=date.today() - timedelta(days=2),
        owner=world.owner,
    )
    f.action(deal=world.cn_deal, text="Book the kickoff", done=True)
    pdf = export_account(world.cn, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    start = text.index(_window(lang).split("(")[0].split("（")[0])
    with translation.override(lang):
        end = text.index(pgettext("export", "Red flags and actions"), start)
        overdue = pgettext("export", "overdue")
    section = " ".join(text[start:end].split())
    assert "Pilot scope agreed" in section and "王建国" in section
    assert "Send the pilot report" in section and overdue in section
    assert (
        "Alice Wong" in section and f"({world.owner.username})" not in section
    )  # named as every page names users
    assert "Book the kickoff" in section
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=world.cn_deal.pk, lang=lang)))
    cells = " ".join(t for texts in slide_texts(deck) for t in texts)
    assert "Pilot scope agreed" in cells and "Send the pilot report" in cells


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_lists_the_accounts_lifecycle_links_and_outside_factors(world, lang):
    """The web's What changed lists them (a seller's trial found them missing): the review's PDF too."""
    from django.db.models import F

    from battlemap.accounts.models import Account
    from battlemap.accounts.services import account_update
    from battlemap.accounts.services.factors import external_factor_create
    from battlemap.people.services import influence_link_create

    Account.history.update(history_date=F("history_date") - timedelta(days=40))  # there before the window
    account_update(account=world.cn, version=Account.objects.get(pk=world.cn.pk).version, lifecycle="at_risk")
    adviser = f.person(account=world.cn, name="宋涛")
    influence_link_create(account=world.cn, source=adviser, target=world.cn_boss, kind="trusts")
    external_factor_create(account=world.cn, kind="competitor", description="Rival price cut 20%", effect=-2)
    account = Account.objects.get(pk=world.cn.pk)  # as the export's page reads it, with its new lifecycle
    pdf = export_account(account, fmt="pdf", deal_id=world.cn_deal.pk, lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    start = text.index(_window(lang).split("(")[0].split("（")[0])
    with translation.override(lang):
        end = text.index(pgettext("export", "Red flags and actions"), start)
        said = [pgettext("export", "New influence link"), pgettext("export", "New outside factor")]
    section = " ".join(text[start:end].split())
    assert all(s in section for s in said), section
    assert "宋涛 → 王建国" in section and "Rival price cut 20%" in section
    assert ("→ 风险" if lang == "zh-hans" else "→ at risk") in section


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_page_counts_the_people_who_left_as_what_changed_lists_them(world, lang):
    """A key person marked as left in the window: page 1 (PDF) and slide 1 (deck) said "0 new people" while
    What changed listed "Left 王建国 left the customer"; they count the same lists."""
    deal = _aged(world.cn_deal, days=40)  # the map before the review window (30 days, never reviewed)
    boss = Person.objects.get(pk=world.cn_boss.pk)
    person_update(person=boss, version=boss.version, status="left", left_on=date.today())
    with translation.override(lang):
        counts = [
            npgettext("export", "%(n)s new person in this deal", "%(n)s new people in this deal", 0)
            % {"n": 0},
            pgettext("export", "%(n)s left") % {"n": 1},
        ]
        left = pgettext("export", "Left")
    pdf = export_account(world.cn, fmt="pdf", deal_id=deal.pk, lang=lang)
    first, whole = (
        " ".join(
            subprocess.run(["pdftotext", *pages, "-", "-"], input=pdf, capture_output=True, check=True)
            .stdout.decode()
            .split()
        )
        for pages in (["-l", "1"], [])
    )
    assert " · ".join(counts) in first
    assert f"{left} 王建国" in whole  # the What changed row the count reads
    deck = Presentation(io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=deal.pk, lang=lang)))
    assert any(" · ".join(counts) in t for t in slide_texts(deck)[0])
