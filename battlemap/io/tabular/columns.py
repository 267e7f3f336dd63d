"""Recognise the columns of a people file: Salesforce, HubSpot and Chinese spreadsheets.

Headers are compared case- and space-insensitively; a mapping file can add any other header.
The table of recognised headers is in docs/import.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# field -> headers that mean it (normalised with `header_key`)
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": (
        "id",
        "contactid",
        "recordid",
        "contact id",
        "hubspot id",
        "外部编号",
        "编号",
        "crm编号",
        "联系人id",
    ),
    "name": ("name", "full name", "fullname", "contact name", "姓名", "名字", "联系人", "联系人姓名"),
    "first_name": ("firstname", "first name", "名"),
    "last_name": ("lastname", "last name", "姓"),
    "title": ("title", "job title", "jobtitle", "职位", "职务", "岗位", "头衔"),
    "department": ("department", "dept", "部门", "所属部门"),
    "email": ("email", "e-mail", "email address", "邮箱", "电子邮箱", "电子邮件", "邮件"),
    "phone": (
        "phone",
        "phone number",
        "mobile",
        "mobilephone",
        "mobile phone",
        "mobile phone number",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "联系电话",
    ),
    "company": (
        "company",
        "company name",
        "account name",
        "accountname",
        "associated company",
        "公司",
        "公司名称",
        "单位",
        "所在单位",
        "客户名称",
    ),
    "account_external_id": ("accountid",),
    "reports_to_id": ("reportstoid", "reports to id"),
    "manager": (
        "manager",
        "reports to",
        "reportsto",
        "manager email",
        "manager name",
        "上级",
        "直属上级",
        "汇报对象",
        "上级邮箱",
    ),
    "roles": ("role", "roles", "buying role", "buyingrole", "contact role", "角色", "采购角色", "关键角色"),
    "attitude": ("attitude", "态度"),
    "influence": ("influence", "影响力"),
    "relationship": ("relationship", "relationship strength", "关系", "关系强度"),
    "opportunity_id": ("opportunityid", "opportunity id", "商机编号"),
    "is_primary": ("isprimary", "is primary", "primary", "主要联系人"),
    "status": ("status", "状态", "在职状态"),
    "left_on": ("left on", "leftdate", "离职日期"),
    "notes": ("notes", "description", "备注", "说明"),
}

FIELDS = tuple(HEADER_ALIASES)


def header_key(header: str) -> str:
    """Case-, space-, underscore- and colon-insensitive form of a header."""
    return re.sub(r"[\s_\-:：()（）]+", "", header.strip().lstrip("\ufeff")).casefold()


_LOOKUP: dict[str, str] = {header_key(a): f for f, aliases in HEADER_ALIASES.items() for a in aliases}

SIGNATURES = {
    "salesforce": {
        "reportstoid",
        "accountid",
        "firstname",
        "lastname",
        "opportunityid",
        "contactid",
        "isprimary",
    },
    "hubspot": {"recordid", "buyingrole", "companyname", "jobtitle"},
    "chinese": {
        header_key(h) for h in ("姓名", "职位", "职务", "部门", "上级", "角色", "态度", "影响力", "关系")
    },
}


@dataclass
class ColumnMap:
    fields: dict[str, int]  # field -> column index
    headers: list[str]
    ignored: list[str] = field(default_factory=list)
    source: str = "custom"  # salesforce / hubspot / chinese / custom

    def header_of(self, field_name: str) -> str:
        return self.headers[self.fields[field_name]]


def recognise(headers: list[str], extra: dict[str, str] | None = None) -> ColumnMap:
    """Map headers to fields; `extra` (header -> field, from a mapping file) wins over the built-in table."""
    lookup = dict(_LOOKUP)
    for header, fld in (extra or {}).items():
        lookup[header_key(header)] = fld
    found: dict[str, int] = {}
    ignored: list[str] = []
    keys = [header_key(h) for h in headers]
    for index, key in enumerate(keys):
        fld = lookup.get(key)
        if fld and fld != "ignore" and fld not in found:
            found[fld] = index
        elif headers[index]:
            ignored.append(headers[index])
    keyset = set(keys)
    scores = {name: len(sig & keyset) for name, sig in SIGNATURES.items()}
    best = max(scores, key=lambda n: scores[n])
    source = best if scores[best] else "custom"
    return ColumnMap(fields=found, headers=list(headers), ignored=ignored, source=source)
