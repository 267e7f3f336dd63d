"""Zoho CRM and Pipedrive contact exports imported on the demo account 华东省能源投资集团 (hdny), as a
sales-operations reviewer brought them: Zoho's Reporting To was dropped among the ignored columns, the file said to
be HubSpot's, and its Skype ID warned of as a manager or id column."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.services import people_import

from .demo_people import people, summary
from .files import csv_bytes

pytestmark = pytest.mark.django_db

# the reviewer's zoho_nofull.csv, its empty mailing and tag columns left out
ZOHO_HEADER = [
    "Record Id", "Contact Owner", "Lead Source", "First Name", "Last Name", "Account Name", "Vendor Name", "Email",
    "Title", "Department", "Phone", "Mobile", "Reporting To", "Email Opt Out", "Skype ID", "Created By",
    "Created Time", "Mailing Zip", "Salutation",
]  # fmt: skip
ZOHO = [
    ZOHO_HEADER,
    ["zcrm_001", "Demo User", "Trade Show", "建明", "王", "华东省能源投资集团", "", "wangjianming@hdny.com.cn",
     "信息中心主任", "信息中心", "+86 139 0101 0001", "", "卫东 刘", "false", "", "Demo User", "2026-11-03 14:05:00",
     "200120", "Mr."],
    ["zcrm_002", "Demo User", "Trade Show", "磊", "赵", "华东省能源投资集团", "", "zhaolei@hdny.com.cn",
     "信息中心副主任", "信息中心", "+86 21 6888 0001", "", "建明 王", "false", "", "Demo User",
     "2026-11-03 14:06:00", "200120", "Mr."],
    ["zcrm_003", "Demo User", "Cold Call", "浩", "孙", "华东省能源投资集团", "", "sunhao@hdny.com.cn", "运维部经理",
     "信息中心", "", "+86 138 1234 5678", "磊 赵", "false", "", "Demo User", "2026-11-04 10:00:00", "", "Mr."],
    ["zcrm_004", "Demo User", "Partner", "立新", "蒋", "省电力设计院", "", "jianglixin@zjepdi.cn", "总工程师", "", "",
     "", "", "false", "", "Demo User", "2026-11-04 10:01:00", "", "Mr."],
    ["zcrm_006", "Demo User", "Trade Show", "文博", "许", "华东省能源投资集团", "", "", "首席架构师", "信息中心",
     "+86 139 0505 0005", "", "建明 王", "false", "", "Demo User", "2026-11-05 16:30:00", "", "Mr."],
]  # fmt: skip


def test_zohos_reporting_to_is_the_manager_written_given_name_first(hdny):
    before = people(hdny)
    result = people_import(account=hdny, data=csv_bytes(ZOHO, "utf-8"), filename="zoho_nofull.csv")

    after = people(hdny)
    assert after["孙浩"] == {
        "name": "孙浩", "title": "运维部经理", "email": "sunhao@hdny.com.cn", "phone": "+86 138 1234 5678",
        "external": False, "organisation": "", "org_unit__name": "信息中心", "reports_to__name": "赵磊",
    }  # fmt: skip
    assert after["许文博"] == before["许文博"] | {"title": "首席架构师", "phone": "+86 139 0505 0005"}
    assert after["赵磊"]["reports_to__name"] == "王建明"
    assert after["王建明"]["reports_to__name"] == "刘卫东"
    assert after["蒋立新"]["external"] is True
    changed = ("孙浩", "许文博", "赵磊", "王建明", "蒋立新")
    assert {n: p for n, p in after.items() if n not in changed} == {
        n: p for n, p in before.items() if n not in changed
    }
    lines = summary(result)
    assert result.recognised["manager"] == "Reporting To"
    assert lines[0] == "Read 5 rows (CSV, encoding UTF-8); recognised as: Zoho CRM"
    assert not [line for line in lines if "Skype ID" in line and "Warning" in line]
    assert result.suspicious_columns == []
