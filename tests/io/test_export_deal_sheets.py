"""The account XLSX shows what the web shows of each deal (a user found it lacked them): its health with the
band and the breakdown in the deal room's whole points, its purchase process (steps, planned and actual dates,
status, the body and people responsible), the decision bodies (kind, members, chair, how it decides, which
members we met) and MEDDPICC (each element confirmed / assumed / unknown with its evidence). Read back with
openpyxl from the file a user downloads, in both languages, against the pages' own reads."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.accounts.models import Account
from battlemap.deals.selectors import deal_qualification
from battlemap.io.export import export_account
from battlemap.io.labels import MEDDPICC_LABELS, QUALIFICATION_LABELS, label
from battlemap.maps import health_band
from battlemap.process.models import DecisionBody
from battlemap.process.selectors import body_rows
from battlemap.vocab import BODY_KINDS, DECISION_RULES, HEALTH_BANDS, STEP_STATUSES
from tests.io.test_export_health import _filter_names, _open_deals, _room_parts

pytestmark = pytest.mark.django_db

LANGS = ("zh-hans", "en")


def _sheet(account, lang: str, title: str) -> list[tuple]:
    """The rows under the header of the account XLSX's sheet titled `title` (in `lang`)."""
    book = load_workbook(io.BytesIO(export_account(account, fmt="xlsx", lang=lang)))
    with translation.override(lang):
        name = pgettext("export", title)
    assert name in book.sheetnames, book.sheetnames
    return [row for row in book[name].iter_rows(min_row=2, values_only=True) if any(row)]


def _day(cell) -> str:
    return cell.date().isoformat() if cell else ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_xlsx_health_sheet_gives_the_deal_rooms_score_band_and_whole_points(demo, lang):
    bands = {re.sub(r"\s*[(（][\d–]+[)）]$", "", n).lower() for n in _filter_names(demo, lang).values()}
    deals = _open_deals()
    assert deals
    for account in {d.account for d in deals}:
        rows = _sheet(account, lang, "Deal health")
        for deal in [d for d in deals if d.account == account]:
            score, parts = _room_parts(demo, deal, lang)
            mine = [r for r in rows if r[0] == deal.name]
            assert {r[2] for r in mine} == {score}, deal.name
            assert {r[3].lower() for r in mine} <= bands and len({r[3] for r in mine}) == 1
            assert mine[0][3] == capfirst(HEALTH_BANDS.label(health_band(score), lang))  # as Status: "Fair"
            assert [r[5] for r in mine] == parts, deal.name  # the room's parts, in its order
            assert sum(r[5] for r in mine) == score


@pytest.mark.parametrize("lang", LANGS)
def test_the_xlsx_lists_each_deals_purchase_process_as_recorded(demo, lang):
    shown = 0
    for account in Account.objects.all():
        rows = _sheet(account, lang, "Purchase process")
        with translation.override(lang):
            event = pgettext("export", "Compelling event")
        for deal in account.deals.all():
            steps = [r for r in rows if r[0] == deal.name and not str(r[1]).startswith(event)]
            expected = [
                (
                    s.title(lang),
                    STEP_STATUSES.label(s.status, lang),
                    s.planned_on.isoformat() if s.planned_on else "",
                    s.done_on.isoformat() if s.done_on else "",
                    s.body.name if s.body_id else None,
                    sorted(p.person.name for p in s.responsible.all()),
                )
                for s in deal.process_steps.select_related("body").order_by("position", "id")
            ]
            assert [
                (r[1], r[2], _day(r[3]), _day(r[4]), r[5], sorted(re.split("[、,] ?", r[6])) if r[6] else [])
                for r in steps
            ] == expected, deal.name
            shown += len(steps)
            if deal.compelling_event:
                said = [r for r in rows if r[0] == deal.name and str(r[1]).startswith(event)]
                assert deal.compelling_event in said[0][1]
                assert _day(said[0][3]) == deal.compelling_event_on.isoformat()
    assert shown  # the demo has processes


@pytest.mark.parametrize("lang", LANGS)
def test_the_xlsx_lists_the_decision_bodies_with_the_members_we_met(demo, lang):
    bodies = 0
    for account in Account.objects.filter(decision_bodies__isnull=False).distinct():
        rows = {r[0]: r for r in _sheet(account, lang, "Decision bodies")}
        for row in body_rows(account=account, bodies=DecisionBody.objects.filter(account=account)):
            body = row.body
            cells = rows[body.name]
            assert cells[1] == BODY_KINDS.label(body.kind, lang)
            assert cells[2] == (
                DECISION_RULES.label(body.decision_rule, lang) if body.decision_rule else None
            )
            assert cells[3] == (body.chair.name if body.chair_id else None)
            names = set(re.split("[、,] ?", cells[4] or ""))
            assert names == {p.name for p in row.members}
            met = {p.name for p in row.members if p.pk in row.met}
            assert (set(re.split("[、,] ?", cells[5])) if cells[5] else set()) == met
            assert str(len(row.members)) in cells[6] and str(len(met)) in cells[6]
            bodies += 1
    assert bodies


@pytest.mark.parametrize("lang", LANGS)
def test_the_xlsx_gives_meddpicc_as_the_qualification_page_does(demo, lang):
    for account in Account.objects.all():
        rows = _sheet(account, lang, "Qualification")
        for deal in account.deals.all():
            with translation.override(lang):
                page = deal_qualification(deal=deal)
                expected = [
                    (
                        page["qualification"]["score"],
                        label(MEDDPICC_LABELS, e["code"]),
                        label(QUALIFICATION_LABELS, e["status"]),
                        e["evidence"],
                    )
                    for e in page["elements"]
                ]
            mine = [(r[1], r[2], r[3], r[4].split("\n")) for r in rows if r[0] == deal.name]
            assert len(mine) == len(expected) == 8, deal.name
            for got, want in zip(mine, expected, strict=True):
                assert got[:3] == want[:3]
                assert got[3] == want[3] or (not want[3] and len(got[3]) == 1)
