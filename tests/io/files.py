"""Build import files the way CRMs and spreadsheets write them (CSV in several encodings, XLSX)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import openpyxl

SALESFORCE = [
    [
        "Id",
        "AccountId",
        "FirstName",
        "LastName",
        "Title",
        "Department",
        "Email",
        "Phone",
        "ReportsToId",
        "Role",
    ],
    ["003A1", "001X", "建国", "王", "总经理", "总经办", "wang@sdny.cn", "13900000001", "", "Economic Buyer"],
    [
        "003A2",
        "001X",
        "明",
        "李",
        "信息中心主任",
        "信息中心",
        "li@sdny.cn",
        "13900000002",
        "003A1",
        "Technical Buyer;Influencer",
    ],
    [
        "003A3",
        "001X",
        "芳",
        "刘",
        "采购经理",
        "采购部",
        "liu@sdny.cn",
        "13900000003",
        "003A1",
        "Business User",
    ],
    ["003A4", "001X", "䶮", "刘", "工程师", "信息中心", "yan@sdny.cn", "", "003A2", ""],
]
HUBSPOT = [
    [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Job Title",
        "Company Name",
        "Buying Role",
        "Phone Number",
    ],
    [
        "501",
        "建国",
        "王",
        "wang@sdny.cn",
        "总经理",
        "山东能源",
        "Budget Holder;Decision Maker",
        "13900000001",
    ],
    ["502", "明", "李", "li@sdny.cn", "信息中心主任", "山东能源", "Champion;Influencer", "13900000002"],
    ["503", "芳", "刘", "liu@sdny.cn", "采购经理", "山东能源", "Blocker", ""],
    ["504", "伟", "吴", "wu@design.cn", "顾问", "省设计院", "Legal & Compliance", ""],
    ["505", "䶮", "刘", "yan@sdny.cn", "工程师", "山东能源", "End User", ""],
]
CHINESE = [
    ["姓名", "职位", "部门", "邮箱", "手机", "上级", "角色", "态度", "影响力", "关系"],
    ["王建国", "总经理", "总经办", "wang@sdny.cn", "13900000001", "", "决策者", "中立", "5", "认识"],
    [
        "李明",
        "信息中心主任",
        "信息中心",
        "li@sdny.cn",
        "13900000002",
        "王建国",
        "影响者、推荐者",
        "强烈支持",
        "4",
        "信任",
    ],
    [
        "刘芳",
        "采购经理",
        "采购部",
        "liu@sdny.cn",
        "13900000003",
        "wang@sdny.cn",
        "采购者",
        "怀疑",
        "3",
        "工作关系",
    ],
    ["刘䶮", "工程师", "信息中心", "yan@sdny.cn", "", "李明", "使用者；教练", "支持", "2", "2"],
]
HEADER_SETS = {"salesforce": SALESFORCE, "hubspot": HUBSPOT, "chinese": CHINESE}
NUMBER_RE = re.compile(r"^\d{6,}$")


def csv_bytes(rows: list[list[Any]], encoding: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    if encoding == "gbk":
        # GBK has no 䶮 (CJK extension A): a GBK file of these people spells the name differently
        return text.replace("䶮", "岩").encode("gbk")
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[Any]], numbers: bool = True, sheet: str = "Sheet1") -> bytes:
    """Write as Excel does when a user types digits: long digit strings become numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append([int(v) if numbers and isinstance(v, str) and NUMBER_RE.match(v) else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
