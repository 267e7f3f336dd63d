"""A generated 400-person account (8,000 interactions; its org chart spans slides) exported whole: every
person, link and interaction is in the file, names starting with "=" stay text, and the org-chart shapes
have unique ids their connectors point at. Correctness only (the exports were quadratic; their speed is in bench/export.py)."""

from __future__ import annotations

import io
import json
from collections import Counter

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from battlemap.io.export import export_account
from tests import factories as f
from tests.bigaccount import build

PEOPLE = 400


@pytest.fixture
def big(db):
    return build(owner=f.user("big"), people=PEOPLE)


@pytest.mark.slow
@pytest.mark.sqlite_run  # the export's reads are those tests/io/test_exports.py runs on PostgreSQL too
def test_a_400_person_account_exports_whole_in_xlsx_pptx_and_json(big):
    data = json.loads(export_account(big, fmt="json"))
    assert len(data["people"]) == PEOPLE
    assert len(data["interactions"]) == 20 * PEOPLE
    assert len(data["influence_links"]) == 2 * PEOPLE
    assert all(1 <= len(i["participants"]) <= 4 for i in data["interactions"])
    formula_like = [p["name"] for p in data["people"] if p["name"].startswith("=")]
    assert formula_like

    wb = openpyxl.load_workbook(io.BytesIO(export_account(big, fmt="xlsx", lang="zh-hans")))
    people, _deals, links, interactions, _flags, *_deal_sheets = wb.worksheets
    assert people.max_row == PEOPLE + 1 and links.max_row == 2 * PEOPLE + 1
    assert interactions.max_row == 20 * PEOPLE + 1
    names = {row[1].value: row[1] for row in people.iter_rows(min_row=2)}
    assert set(names) == {p["name"] for p in data["people"]}
    for name in formula_like:
        assert names[name].data_type == "s"  # text, never a formula

    prs = Presentation(io.BytesIO(export_account(big, fmt="pptx", lang="zh-hans")))
    texts = []
    charted = 0
    for slide in prs.slides:  # the org chart may span slides (a team per slide when it cannot fit at 10 pt)
        ids = Counter(s.shape_id for s in slide.shapes)
        assert max(ids.values()) == 1  # every shape its own id
        boxes = {s.shape_id for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE}
        ends = [
            int(el.get("id"))
            for s in slide.shapes
            if s.name.startswith("Connector")
            for el in s._element.xpath(".//a:stCxn | .//a:endCxn")
        ]
        assert set(ends) <= boxes  # connectors join cards of their own slide
        charted += bool(ends)
        texts += [
            s.text_frame.text.replace("\n", "").replace("\x0b", "") for s in slide.shapes if s.has_text_frame
        ]
    assert charted > 1  # the org chart did not fit one slide: each slide's connectors stay on it
    everything = "\n".join(texts)
    missing = [p["name"] for p in data["people"] if p["name"] not in everything]
    assert not missing, missing[:5]
