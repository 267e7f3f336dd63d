"""Zoho CRM and Pipedrive contact exports imported on the demo account 华东省能源投资集团 (hdny), as a
sales-operations reviewer brought them: Zoho's Reporting To was dropped among the ignored columns, the file said to
be HubSpot's, and its Skype ID warned of as a manager or id column."""

from __future__ import annotations

import pytest

from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.table import ReadError

from .demo_people import import_and_read, others_unchanged, summary
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


# 孙浩, new on the map, as both files give him
SUN_HAO = {
    "name": "孙浩", "title": "运维部经理", "email": "sunhao@hdny.com.cn", "phone": "+86 138 1234 5678",
    "external": False, "organisation": "", "org_unit__name": None, "reports_to__name": None,
}  # fmt: skip


def test_zohos_reporting_to_is_the_manager_written_given_name_first(hdny):
    before, after, result = import_and_read(hdny, csv_bytes(ZOHO, "utf-8"), "zoho_nofull.csv")

    assert after["孙浩"] == SUN_HAO | {"org_unit__name": "信息中心", "reports_to__name": "赵磊"}
    assert after["许文博"] == before["许文博"] | {"title": "首席架构师", "phone": "+86 139 0505 0005"}
    assert after["赵磊"]["reports_to__name"] == "王建明"
    assert after["王建明"]["reports_to__name"] == "刘卫东"
    assert after["蒋立新"]["external"] is True
    assert others_unchanged(before, after, ("孙浩", "许文博", "赵磊", "王建明", "蒋立新"))
    lines = summary(result)
    assert result.recognised["manager"] == "Reporting To"
    assert lines[0] == "Read 5 rows (CSV, encoding UTF-8); recognised as: Zoho CRM"
    assert not [line for line in lines if "Skype ID" in line and "Warning" in line]
    assert result.suspicious_columns == []


# the reviewer's pipedrive_persons.csv
PIPEDRIVE = [
    ["Person - ID", "Person - Name", "Person - First name", "Person - Last name", "Person - Label",
     "Person - Organization", "Person - Email - Work", "Person - Email - Home", "Person - Phone - Work",
     "Person - Phone - Mobile", "Person - Owner", "Person - Job title", "Person - Add time", "Person - Visible to"],
    ["101", "王建明", "建明", "王", "Decision maker", "华东省能源投资集团", "wangjianming@hdny.com.cn", "",
     "+86 139 0101 0001", "", "Demo User", "信息中心主任", "2026-11-03 14:05:00", "Owner's visibility group"],
    ["102", "孙浩", "浩", "孙", "Hot lead", "华东省能源投资集团", "sunhao@hdny.com.cn", "", "", "+86 138 1234 5678",
     "Demo User", "运维部经理", "2026-11-04 10:00:00", "Owner's visibility group"],
    ["103", "Kevin Li", "Kevin", "Li", "Partner", "德勤管理咨询", "kevin.li@consulting.example", "",
     "+86 21 6141 8888", "", "Demo User", "合伙人", "2026-11-04 10:02:00", "Entire company"],
]  # fmt: skip


def test_pipedrives_person_columns_are_read_its_owner_is_ours(hdny):
    before, after, result = import_and_read(hdny, csv_bytes(PIPEDRIVE, "utf-8"), "pipedrive_persons.csv")

    assert after["孙浩"] == SUN_HAO
    assert (after["Kevin Li"]["external"], after["Kevin Li"]["organisation"]) == (True, "德勤管理咨询")
    assert after["王建明"] == before["王建明"] | {"phone": "+86 139 0101 0001"}
    assert others_unchanged(before, after, ("孙浩", "Kevin Li", "王建明"))
    assert summary(result)[0] == "Read 3 rows (CSV, encoding UTF-8); recognised as: Pipedrive"
    assert result.recognised["company"] == "Person - Organization"
    assert "Person - Owner" in result.ignored_columns and "manager" not in result.recognised


def test_a_file_without_a_name_column_is_refused_listing_its_columns(hdny):
    rows = [["Kontakt", "Firma", "Telefon"], ["王建明", "华东省能源投资集团", "13901010001"]]
    with pytest.raises(ReadError) as refused:
        people_import(account=hdny, data=csv_bytes(rows, "utf-8"), filename="kontakte.csv")
    assert file_message(refused.value, "en") == (
        "No column holds the people's names (e.g. Name, 姓名, First Name / Last Name) in the header read (row 1), "
        "whose columns are “Kontakt”, “Firma”, “Telefon”. Choose the name column in the preview's column menu, or "
        'name it in a mapping file ([columns] "<the header>" = "name", docs/import.md).'
    )
