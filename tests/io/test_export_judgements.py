"""Exports show the analysis' judgements, not their own: someone who left holds no role in the
coverage, and a meeting planned for next week has not happened yet."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from pptx import Presentation
from pypdf import PdfReader

from battlemap.io.export import export_account
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def pdf_coverage(account, deal) -> str:
    data = export_account(account, fmt="pdf", deal_id=deal.pk, lang="en")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = text[text.index("Organisation chart") :]  # page 1 is the summary
    return text[text.index("Key person") : text.index("Deal health")]


def pptx_coverage_rows(account, deal) -> list[list[str]]:
    prs = Presentation(io.BytesIO(export_account(account, fmt="pptx", deal_id=deal.pk, lang="en")))
    return [
        [c.text for c in row.cells]
        for slide in prs.slides
        if slide.shapes[0].text_frame.text.startswith("Coverage")
        for shape in slide.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
    ]


def test_a_person_who_left_is_never_a_role_holder_in_the_coverage(world):
    gone = f.person(account=world.cn, name="离职的采购", status="left")
    f.role(deal=world.cn_deal, person=gone, roles=["purchaser"])
    assert "离职的采购" not in pdf_coverage(world.cn, world.cn_deal)
    rows = pptx_coverage_rows(world.cn, world.cn_deal)
    assert rows and not any("离职的采购" in row[1] for row in rows)
    assert ["Purchaser", "Nobody identified"] == [
        c for c in next(r for r in rows if r[0] == "Purchaser") if c
    ]


def test_a_meeting_dated_in_the_future_makes_nobody_met(world):
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=-7, kind="meeting")
    rows = pptx_coverage_rows(world.cn, world.cn_deal)
    (boss,) = [row for row in rows if row[1] == world.cn_boss.name]
    assert boss[5] == "no"  # Met
    coverage = pdf_coverage(world.cn, world.cn_deal).splitlines()
    at = coverage.index(world.cn_boss.name)
    assert "yes" not in coverage[at : at + 5]  # attitude, influence, relationship, met: not met
    f.interaction(account=world.cn, people=[world.cn_boss], days_ago=2, kind="meeting")
    cache.clear()
    (boss,) = [row for row in pptx_coverage_rows(world.cn, world.cn_deal) if row[1] == world.cn_boss.name]
    assert boss[5] == "yes"


def test_a_deal_opened_in_the_review_window_reads_new_not_none():
    """What changed, in both files: a deal with no health or stage before the window reads "new deal", as
    the web's What changed and This week read it (deals.selectors_changes.health_moves)."""
    from django.utils import translation

    from battlemap.io.export.changes_rows import change_table
    from battlemap.io.export.report import Report

    report = Report(account={}, people=[], by_id={}, deal=None, roles_by_person={}, actions=[])
    report.changes = {
        "health": [{"name": "Pilot", "before": None, "after": 38}],
        "stage_moves": [{"name": "Pilot", "before": "", "after": "need_recognition"}],
    }
    with translation.override("en"):
        _header, rows = change_table(report)
    assert rows[0] == ["Health", "Pilot: new deal → 38"]
    # the stage inside the line as the web writes it ("new deal → need recognition"), not a cell's capital
    assert rows[1] == ["Stage", "Pilot: new deal → need recognition"]
