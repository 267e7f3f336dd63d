"""Recognise the columns of a people file: Salesforce, HubSpot and Chinese spreadsheets.

Headers are compared case- and space-insensitively; a mapping file can add any other header.
The table of recognised headers is in docs/import.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import pgettext_lazy

# field -> headers that mean it (normalised with `header_key`)
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": (
        "id",
        "external id",  # Battlemap's own XLSX export
        "contactid",
        "recordid",
        "contact id",
        "hubspot id",
        "外部编号",
        "编号",
        "crm编号",
        "联系人id",
        # WeCom / Feishu member exports: the member's account (直属上级 may name it)
        "账号",
        "帐号",
        "成员账号",
        "userid",
        "user id",
        "用户id",
        "成员id",
        "员工userid",
    ),
    # an employee number (DingTalk 工号): the external id when the file has no account column
    "employee_no": (
        "工号",
        "员工编号",
        "员工工号",
        "人员编号",
        "employee id",
        "employee number",
        "employeeid",
    ),
    "name": (
        "name",
        "full name",
        "fullname",
        "contact name",
        "姓名",
        "名字",
        "联系人",
        "联系人姓名",
        "成员姓名",
        "员工姓名",
        "全名",  # Dynamics 365 in Chinese
    ),  # fmt: skip
    "first_name": ("firstname", "first name", "名"),
    "last_name": ("lastname", "last name", "姓"),
    "title": ("title", "job title", "jobtitle", "position", "职位", "职务", "岗位", "头衔", "职称"),
    "department": (
        "department",
        "dept",
        "部门",
        "所属部门",
        "所在部门",
        "部门路径",
        "部门全路径",
        "部门名称",
        "所属组织",
    ),  # fmt: skip
    "main_department": ("主部门", "主属部门", "主要部门", "main department", "primary department"),
    "email": (
        "email",
        "e-mail",
        "email address",
        "邮箱",
        "电子邮箱",
        "电子邮件",
        "邮件",
        "企业邮箱",
        "个人邮箱",  # WeCom: a member without a company mailbox
        "电子邮件地址",  # Outlook contacts exported in Chinese: E-mail Address
        "工作邮箱",
        "work email",
        "business email",
    ),  # fmt: skip
    "phone": (
        "phone",
        "phone number",
        "mobile",
        "mobilephone",
        "mobile phone",
        "mobile phone number",
        "business phone",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "联系电话",
        "mobile number",
        "商务电话",  # Dynamics 365 in Chinese: Business Phone, Mobile Phone
        "移动电话",
        "办公电话",
    ),
    "company": (
        "company",
        "company name",
        "account name",
        "accountname",
        "associated company",
        "parent customer",
        "公司",
        "公司名称",
        "单位",
        "所在单位",
        "客户名称",
        "上级客户",  # Dynamics 365 in Chinese: Parent Customer
    ),
    "account_external_id": ("accountid",),
    "reports_to_id": ("reportstoid", "reports to id", "reports to: contact id", "reports to contact id"),
    "manager": (
        "manager",
        "reports to",
        "reportsto",
        "manager email",
        "manager name",
        "manager's name",  # Outlook contacts: Manager's Name / 经理姓名
        "reports to: full name",  # a Salesforce contacts report
        "reports to: name",
        "经理姓名",
        "上级",
        "直属上级",
        "汇报对象",
        "上级邮箱",
        "直属主管",
        "直属领导",
        "直接上级",
        "汇报上级",
        "上级领导",
        "主管",
        "leader",
        "上级账号",
        "直属上级账号",
        "上级id",
        "直属上级id",
        "直属上级userid",
        "经理",  # Dynamics 365 in Chinese: Manager
        "direct manager",  # Feishu / Lark and HR exports in English
        "line manager",
        "supervisor",
        *(
            MANAGER_ID_HEADERS := (
                "上级工号",
                "直属上级工号",
                "直属主管工号",
                "直属上级用户id",
                "直属主管userid",
                "直属主管id",
            )
        ),
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
    # Battlemap's own export: who is outside the customer (yes / 是), and the organisation they belong to
    "external": ("external", "外部人员"),
    "organisation": ("organisation", "organization", "所属机构"),
    "deal_id": ("deal id", "作战地图商机编号"),  # the deal of the row's roles (Battlemap's own export)
}

FIELDS = tuple(HEADER_ALIASES)


# Traditional characters of the headers above, read as their simplified forms (Big5 files from Taiwan and
# Hong Kong: 職務, 部門, 手機, 郵箱, 直屬主管, 員工編號 …)
TRADITIONAL = str.maketrans(
    "職務門機郵電級屬號員編稱關態響聯絡單帳資負責話備註狀離識強購決導屬類組織戶碼頭銜彙報層領",
    "职务门机邮电级属号员编称关态响联络单账资负责话备注状离识强购决导属类组织户码头衔汇报层领",
)


def header_key(header: str) -> str:
    """Case-, space-, underscore- and colon-insensitive form of a header (full-width and traditional
    characters read as half-width and simplified)."""
    text = unicodedata.normalize("NFKC", header.strip().lstrip("\ufeff")).translate(TRADITIONAL)
    return re.sub(r"[\s_\-:：()（）]+", "", text).casefold()


_MANAGER_IDS = {header_key(h) for h in MANAGER_ID_HEADERS}
# Battlemap's own XLSX export names each person by the map's id ("Battlemap id" / "作战地图编号"): read as the
# person of that id on this map (`map_id`), never stored as a CRM's id — it tells two 张伟 of the sheet apart,
# so the People sheet imports back unchanged.
OWN_EXPORT_IDS = ("battlemap id", "作战地图编号")
_LOOKUP: dict[str, str] = {header_key(a): f for f, aliases in HEADER_ALIASES.items() for a in aliases}
_LOOKUP |= {header_key(h): "map_id" for h in OWN_EXPORT_IDS}

# Each tool's own headers, which a generic table does not have (姓名, 职务, 部门, 工号 or 直属上级 are
# everyone's): a file is said to come from a tool when SIGNATURE_MIN of them are there, else it is a
# table with Chinese headers (CHINESE_HEADERS) or a table of its own.
SIGNATURES = {
    "salesforce": {"reportstoid", "accountid", "opportunityid", "contactid", "isprimary", "ownerid"},
    "hubspot": {
        header_key(h)
        for h in (
            "Record ID",
            "Buying Role",
            "Associated Company",
            "Contact owner",
            "Lifecycle Stage",
            "Lead Status",
        )
    },  # fmt: skip
    "dynamics": {
        "donotmodifycontact",
        "donotmodifyrowchecksum",
        "donotmodifymodifiedon",
        "parentcustomer",
        "请勿修改联系人",
        "请勿修改行校验和",
        "上级客户",
    },
    "outlook": {
        header_key(h)
        for h in (
            "Middle Name",
            "Suffix",
            "Business Phone",
            "Mobile Phone",
            "E-mail Address",
            "E-mail Display Name",
            "Manager's Name",
            "Business Street",
            "Assistant's Name",
            "中间名",
            "后缀",
            "称谓",
            "电子邮件地址",
            "经理姓名",
            "商务电话",
            "移动电话",
            "助理姓名",
        )
    },  # fmt: skip
    "wecom": {
        header_key(h) for h in ("账号", "别名", "座机", "对外职务", "企业邮箱", "个人邮箱", "激活状态")
    },
    "dingtalk": {
        header_key(h) for h in ("直属主管", "直属主管工号", "入职时间", "主部门", "员工UserID", "办公地点")
    },
    "feishu": {header_key(h) for h in ("用户 ID", "直属上级用户 ID", "人员类型", "工作城市", "英文名")},
}
SIGNATURE_MIN = 2
CHINESE_HEADERS = {
    header_key(h) for h in ("姓名", "职位", "职务", "部门", "上级", "角色", "态度", "影响力", "关系")
}
# What the summary says the file is (`ColumnMap.source`)
SOURCE_LABELS = {
    "salesforce": pgettext_lazy("import source", "Salesforce"),
    "hubspot": pgettext_lazy("import source", "HubSpot"),
    "dynamics": pgettext_lazy("import source", "Microsoft Dynamics 365"),
    "outlook": pgettext_lazy("import source", "Outlook contacts"),
    "wecom": pgettext_lazy("import source", "WeCom member list"),
    "dingtalk": pgettext_lazy("import source", "DingTalk roster"),
    "feishu": pgettext_lazy("import source", "Feishu / Lark member list"),
    "chinese": pgettext_lazy("import source", "a table with Chinese headers"),
    "custom": pgettext_lazy("import source", "a table with headers of its own"),
}

# What the import reads, as the upload page and `battlemap import --help` say it: the tools of SIGNATURES and
# SOURCE_LABELS (tests/io/test_import_copy.py holds them to it), or any table with a header row.
SOURCES_READ = pgettext_lazy(
    "import source",
    "a contact export of Salesforce, HubSpot, Microsoft Dynamics 365 or Outlook, a member export of WeCom, "
    "DingTalk or Feishu / Lark, or any spreadsheet with a header row",
)


def source_of(keys: set[str]) -> str:
    """The tool a file comes from (its own headers), else `chinese` or `custom`."""
    scores = {name: len(signature & keys) for name, signature in SIGNATURES.items()}
    best = max(scores, key=lambda n: scores[n])
    if scores[best] >= SIGNATURE_MIN:
        return best
    return "chinese" if len(CHINESE_HEADERS & keys) >= SIGNATURE_MIN else "custom"


# Dynamics 365 "Export to Excel": hidden columns `(Do Not Modify) <Entity>` (the record's id),
# `(Do Not Modify) Row Checksum` and `(Do Not Modify) Modified On` (read as nothing, without a warning).
DYNAMICS_PREFIXES = ("donotmodify", "请勿修改")  # English and Chinese (`(请勿修改)联系人`) exports
DYNAMICS_QUIET = {
    "donotmodifyrowchecksum",
    "donotmodifymodifiedon",
    "请勿修改行校验和",
    "请勿修改修改时间",
    "请勿修改修改日期",
}
# an ignored column whose header reads like one of these is named in a warning (a reporting line, a
# department or an id that the import would otherwise drop silently)
SUSPECT_RE = re.compile(
    r"上级|主管|领导|汇报|经理|manager|reports|leader|supervisor|部门|department|dept|组织|编号|账号|帐号|工号|(^|\W|_)id$|id$",
    re.IGNORECASE,
)


# A Salesforce report names a column by its object: "Contact: Full Name", "Account: Account Name" (联系人：职务).
# Only with the colon: "Account Manager" is our own rep, never the person's manager.
REPORT_PREFIX = re.compile(r"^\s*(?:contact|account|联系人)\s*[:：]\s*(.+)$", re.IGNORECASE)


def _field_of(key: str, lookup: dict[str, str], header: str = "") -> str | None:
    if key in lookup:
        return lookup[key]
    if key.startswith(DYNAMICS_PREFIXES):
        return "quiet" if key in DYNAMICS_QUIET else "external_id"
    if (found := REPORT_PREFIX.match(header)) and lookup.get(header_key(found[1])) not in (None, "quiet"):
        return lookup[header_key(found[1])]
    return None


def header_score(cells: list[str]) -> int:
    """How many different fields a row of cells names: the header is the row that names the most."""
    return len(
        {
            f
            for c in cells
            if c and (f := _field_of(header_key(str(c)), _LOOKUP, str(c))) not in (None, "quiet")
        }
    )


@dataclass
class ColumnMap:
    fields: dict[str, int]  # field -> column index
    headers: list[str]
    ignored: list[str] = field(default_factory=list)
    source: str = "custom"  # salesforce / hubspot / dynamics / wecom / dingtalk / feishu / chinese / custom
    suspicious: list[str] = field(
        default_factory=list
    )  # ignored headers that read like a manager, unit or id
    # field -> further columns of it, read in a row whose first column is empty (Business Phone empty,
    # Mobile Phone given)
    fallbacks: dict[str, list[int]] = field(default_factory=dict)
    # one header over several columns that give one field (`职务`, `职务`): (header, field, the columns, 0-based);
    # the first is read, and the import refuses the file when the others hold other values (importer)
    duplicates: list[tuple[str, str, list[int]]] = field(default_factory=list)

    def header_of(self, field_name: str) -> str:
        return self.headers[self.fields[field_name]]

    def field_at(self, index: int) -> str:
        """The field column `index` gives (also as a second phone, or a duplicated header), else "ignore"."""
        for fld, i in self.fields.items():
            if i == index:
                return fld
        for fld, others in self.fallbacks.items():
            if index in others:
                return fld
        return next((fld for _h, fld, cols in self.duplicates if index in cols), "ignore")


# Fields that several columns of one file may give, each row taking the first non-empty one.
FALLBACK_FIELDS = ("phone", "email")
# A header that also names something else: Outlook's "Title" is the honorific (Dr., Mr.) beside its
# "Job Title" — it gives the field only when no other column of the file does.
WEAK_HEADERS = {header_key("Title"): "title", header_key("称谓"): "title"}


def recognise(
    headers: list[str],
    extra: dict[str, str] | None = None,
    by_column: dict[int, tuple[str, str]] | None = None,
) -> ColumnMap:
    """Map headers to fields; `extra` (header -> field, from a mapping file) wins over the built-in table, and
    `by_column` (0-based column -> (its header, field), the preview's choice for a header the file repeats)
    over both, for a column that still has that header."""
    lookup = dict(_LOOKUP)
    for header, fld in (extra or {}).items():
        lookup[header_key(header)] = fld
    found: dict[str, int] = {}
    fallbacks: dict[str, list[int]] = {}
    ignored: list[str] = []
    keys = [header_key(h) for h in headers]
    fields_of = [_field_of(key, lookup, h) if key else None for key, h in zip(keys, headers, strict=True)]
    for index, (header, fld) in (by_column or {}).items():
        if 0 <= index < len(headers) and headers[index] == header:
            fields_of[index] = fld
    strong = {f for key, f in zip(keys, fields_of, strict=True) if f and WEAK_HEADERS.get(key) != f}
    for index, key in enumerate(keys):
        fld = fields_of[index]
        if fld == "quiet":
            continue
        if fld in strong and WEAK_HEADERS.get(key) == fld and key not in {header_key(h) for h in extra or {}}:
            ignored.append(headers[index])  # "Title" beside "Job Title": the honorific
            continue
        if fld in FALLBACK_FIELDS and fld in found:
            fallbacks.setdefault(fld, []).append(index)
            continue
        if fld == "manager" and key in _MANAGER_IDS and "manager" in found:
            # a manager's id or employee number tells two 张伟 apart: it wins over a manager name column
            previous = found["manager"]
            if keys[previous] not in _MANAGER_IDS:
                found["manager"] = index
                ignored.append(headers[previous])
                continue
        if fld and fld != "ignore" and fld not in found:
            found[fld] = index
        elif headers[index]:
            ignored.append(headers[index])
    if "employee_no" in found and "external_id" not in found:
        found["external_id"] = found.pop("employee_no")
    duplicates = _duplicates(keys, fields_of, headers)
    source = source_of(set(keys))
    chosen = {header_key(h): f for h, f in (extra or {}).items() if f == "ignore"}
    # a repeated header is read as one column or refused with its own message (importer): never "not used"
    repeated = {header for header, _fld, _cols in duplicates}
    suspicious = [
        h for h in ignored if SUSPECT_RE.search(h) and header_key(h) not in chosen and h not in repeated
    ]
    return ColumnMap(
        fields=found,
        headers=list(headers),
        ignored=ignored,
        source=source,
        suspicious=suspicious,
        fallbacks=fallbacks,
        duplicates=duplicates,
    )


def _duplicates(
    keys: list[str], fields_of: list[str | None], headers: list[str]
) -> list[tuple[str, str, list[int]]]:
    """The headers the file repeats over columns that give one field (not a phone or e-mail, of which each
    row takes the first filled one): (header, field, columns)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (key, fld) in enumerate(zip(keys, fields_of, strict=True)):
        if key and fld not in (None, "ignore", "quiet") and fld not in FALLBACK_FIELDS:
            groups.setdefault((key, fld), []).append(index)
    return [(headers[cols[0]], fld, cols) for (_key, fld), cols in groups.items() if len(cols) > 1]
