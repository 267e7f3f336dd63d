"""The exported org charts (PDF page 2, PPTX, PNG) as the web org chart shows the account: the decision
bodies (◆) are drawn, not only named in the legend, and people without reporting lines stand in a grid,
not in one tall column of tiny cards."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.cache import cache
from pptx import Presentation

from battlemap.io.export import export_account
from battlemap.io.export.orgchart import BOX_H, layout
from battlemap.process.services import body_create, body_role_create
from tests import factories as f

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def _deck_shapes(account) -> list:  # noqa: ANN001
    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", lang="zh-hans")))
    return [shape for slide in deck.slides for shape in slide.shapes]


@needs_poppler
def test_a_decision_body_is_a_card_on_every_exported_org_chart(world):
    body = body_create(account=world.cn, name="党委会", kind="party_committee", members=[world.cn_boss])
    body_role_create(deal=world.cn_deal, body=body, roles=["decision_maker"])
    cache.clear()
    cards = [s for s in _deck_shapes(world.cn) if s.name == f"decision body {body.pk}"]
    assert len(cards) == 1 and "党委会" in cards[0].text_frame.text and "◆" in cards[0].text_frame.text
    assert "决策" in cards[0].text_frame.text  # the badge of the role it holds in the deal
    pdf = export_account(world.cn, fmt="pdf", lang="zh-hans")
    page = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-", "-"], input=pdf, capture_output=True)
    assert "党委会" in page.stdout.decode()


def test_people_without_reporting_lines_stand_in_a_grid_about_as_wide_as_tall():
    people = [{"id": i, "name": f"P{i}", "reports_to": None} for i in range(25)]
    lay = layout(people)
    columns = {x for x, _y in lay.boxes.values()}
    assert len(columns) == 5 and len(lay.boxes) == 25
    assert 1 <= lay.width / lay.height <= 2.5  # was 1 column: 0.9 wide, 14.9 tall
    # beside a tree, in the same grid
    tree = [{"id": "boss", "name": "B", "reports_to": None}, {"id": "a", "name": "A", "reports_to": "boss"}]
    lay = layout(tree + people, ["body"])
    assert lay.height < 5 and lay.bodies["body"][1] + BOX_H == pytest.approx(lay.height)


def test_the_deck_gives_25_people_without_managers_readable_cards(world):
    for i in range(24):
        f.person(account=world.en, name=f"Person {i:02d}", title="Engineer")
    cache.clear()
    cards = [s for s in _deck_shapes(world.en) if s.name.startswith("person ")]
    assert len(cards) == 25
    assert min(c.height for c in cards) >= min(c.width for c in cards) * 0.3  # not slivers in one column
    assert len({c.left for c in cards}) >= 4
