"""The account XLSX's flags-and-actions sheet: a flag's severity in the Severity column, an action item's
lateness in its Done cell — the sheet put "overdue" (已逾期) in the Severity column of action items (third
trial)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from battlemap.io.export import export_account
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_late_action_item_says_so_in_its_done_cell_not_as_a_severity(world, lang):
    f.action(deal=world.cn_deal, text="送 ROI 测算", due=timezone.localdate() - timedelta(days=2))
    f.action(deal=world.cn_deal, text="约技术交流", due=timezone.localdate() + timedelta(days=5))
    book = load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang=lang)))
    with translation.override(lang):
        sheet = book[pgettext("export", "Flags and actions")]
        item = pgettext("export", "Action item")
        late, no, severity = (
            pgettext("export", "no, overdue"),
            pgettext("export", "no"),
            pgettext("export", "Severity"),
        )
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    head = rows[0]
    done = {r[head.index(severity) + 1]: r[-1] for r in rows[1:] if r[1] == item}
    assert done == {"送 ROI 测算": late, "约技术交流": no}
    assert not any(r[head.index(severity)] for r in rows[1:] if r[1] == item)
