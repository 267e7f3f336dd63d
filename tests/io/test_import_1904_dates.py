"""A workbook saved in the 1904 date system (Excel for Mac before 2011, Apple Numbers, or "Use 1904 date system"
ticked) whose leaving days are typed as plain numbers (a column left as General, or pasted from another sheet):
each serial counts from 1904-01-01. Read from 1899-12-30, as a Windows workbook's are, every day came in four years
and a day early (2025-03-05 stored as 2021-03-04), without a word."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from battlemap.io.tabular.services import people_import

from .hdny import it_centre, people_of

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 5)


def _workbook(epoch: dt.datetime | None) -> bytes:
    """A Numbers-style leaver list: a note sheet before it, a title row, one leaving day formatted as a date and
    one typed as its serial (General) — in the workbook's own date system."""
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    wb.active.title = "说明"
    wb.active["A1"] = "由 Numbers 导出"
    ws = wb.create_sheet("离职名单")
    ws.append(["华东能源 离职名单"])
    ws.append(["姓名", "职务", "部门", "手机", "离职日期"])
    ws.append(["马骏", "采购经理", "信息中心", "13800138031", DAY])
    ws["E3"].number_format = "yyyy-mm-dd"
    serial = (DAY - (epoch or dt.datetime(1899, 12, 30)).date()).days
    ws.append(["何静", "会计", "信息中心", "13800138032", serial])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def account(db):
    return it_centre({"name": "刘建华", "title": "信息中心主任", "phone": "13800138001"})


@pytest.mark.parametrize("epoch", [CALENDAR_MAC_1904, None], ids=["1904", "1900"])
def test_a_leaving_day_typed_as_a_serial_counts_from_the_workbooks_own_epoch(account, epoch):
    people_import(account=account, data=_workbook(epoch), filename="离职名单.xlsx")

    left = {name: day for name, day in people_of(account, ("name", "left_on"))}
    assert left["马骏"] == DAY  # a date cell
    assert left["何静"] == DAY  # a plain number: 44259 in 1904, 45721 in 1900
