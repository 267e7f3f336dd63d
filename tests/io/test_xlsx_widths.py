"""The workbook's columns were as wide as their titles, not their contents: a Chinese workbook's 邮箱 column (a
two-character title) was 8 characters for 27-character e-mails, and no sheet had a filter (export trial, sixth
round). Columns now fit their widest cell, a Chinese character counted two, within bounds; tables filter."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from battlemap.io.export import export_account
from battlemap.io.export.xlsx_book import MAX_WIDTH
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_columns_fit_their_contents_and_tables_filter(world, lang):
    f.person(
        account=world.cn,
        name="欧阳文静",
        title="集团信息化管理部副总经理",
        email="ouyang.wenjing@guodian-group.example",
    )
    book = load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang=lang)))
    people = book.worksheets[0]
    header = {c.value: c.column_letter for c in people[1]}
    email = header["邮箱" if lang == "zh-hans" else "Email"]
    title = header["职位" if lang == "zh-hans" else "Title"]
    assert people.column_dimensions[email].width >= len("ouyang.wenjing@guodian-group.example")
    assert people.column_dimensions[title].width >= 2 * len("集团信息化管理部副总经理")
    assert all(people.column_dimensions[c].width <= MAX_WIDTH + 1 for c in header.values())
    assert people.auto_filter.ref == f"A1:{people[1][-1].column_letter}{people.max_row}"
