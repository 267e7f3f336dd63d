"""An action item without an owner or a due day reads alike on every page of the review: the deck's slide 1
(Next steps), its "Open action items" slides, and a closed deal's first page, which lists what was left open.
Before, slide 1 said "nobody yet" / "no date" and the later slides and a closed deal's page left the cells
empty: two tables of one deck told the same item two ways (`io.export.rows.action_table` now reads the rows of
`next_step_table`)."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from pptx import Presentation
from pypdf import PdfReader

from battlemap.deals.models import ActionItem
from battlemap.io.export import export_account
from tests import factories as f
from tests.exports import table_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_an_item_without_owner_or_day_says_so_on_every_table_of_the_deck(lang):
    owner = f.user("rep")
    account = f.account(owner=owner, slug="acme", name="Acme")
    deal = f.deal(account=account)
    ActionItem.objects.create(deal=deal, text="Call the CFO back")
    ActionItem.objects.create(deal=deal, text="Send the quote", owner=owner, due="2031-01-05")
    with translation.override(lang):
        nobody, no_date = pgettext("export", "nobody yet"), pgettext("export", "no date")

    deck = Presentation(io.BytesIO(export_account(account, fmt="pptx", deal_id=deal.pk, lang=lang)))
    rows = [row for row in table_rows(deck) if row[0] == "Call the CFO back"]
    assert len(rows) == 2  # slide 1's next steps, and the open action items' slide
    assert all(row[2:] == [nobody, no_date] for row in rows), rows
    sent = [row for row in table_rows(deck) if row[0] == "Send the quote"]
    assert len(sent) == 2 and all(row[3] == "2031-01-05" and nobody not in row for row in sent)

    deal.status = "lost"
    deal.save()
    pdf = PdfReader(io.BytesIO(export_account(account, fmt="pdf", deal_id=deal.pk, lang=lang)))
    first = pdf.pages[0].extract_text()
    assert "Call the CFO back" in first and nobody in first and no_date in first
