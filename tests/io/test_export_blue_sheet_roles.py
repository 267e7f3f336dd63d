"""The Blue Sheet of the review deck and PDF shows each person's buying roles beside the name, as the web's
Blue Sheet does ("Buying roles"): a champion the Blue Sheet calls a coach is not read as our coach role."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation

from battlemap.accounts.models import Account
from battlemap.io.export import export_account
from battlemap.io.labels import roles_text
from battlemap.maps import account_analysis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_blue_sheet_shows_buying_roles_beside_the_person(demo, lang):
    deal = Account.objects.get(slug="hdny").deals.order_by("pk").first()
    judged = next(d for d in account_analysis(account=deal.account, lang=lang)["deals"] if d["id"] == deal.pk)
    with translation.override(lang):
        head = [
            pgettext("export", "Person"),
            pgettext("export", "Roles"),
            pgettext("export", "Buying influence"),
        ]
        expected = {b["name"]: roles_text(b["roles"]) for b in judged["blue_sheet"]}
    assert any(expected.values())
    prs = Presentation(io.BytesIO(export_account(deal.account, fmt="pptx", deal_id=deal.pk, lang=lang)))
    seen: dict[str, str] = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            table = shape.table
            cells = [[c.text for c in row.cells] for row in table.rows]
            if head[2] in cells[0]:
                assert cells[0][:3] == head
                seen |= {row[0]: row[1] for row in cells[1:]}
    assert seen == expected
    pdf = export_account(deal.account, fmt="pdf", deal_id=deal.pk, lang=lang)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    line = next(ln for ln in text.decode().splitlines() if head[2] in ln and head[0] in ln)
    assert line.index(head[0]) < line.index(head[1]) < line.index(head[2])
