"""What a people file's headers mean: every header the import recognises, by the field it gives (the table of
docs/import.md), and the one key headers are compared on (`header_key`: case, spaces, underscores, colons,
brackets, full-width and traditional characters aside). `columns` recognises a file's columns with them.
"""

from __future__ import annotations

import re
import unicodedata

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
    # Given Name, Additional Name, Family Name: Google Contacts' export before 2024
    # Outlook's contacts export in German and French writes its headers in the user's language (Vorname, Prénom …)
    "first_name": ("firstname", "first name", "名", "given name", "vorname", "prénom"),
    # Outlook's Middle Name (中间名 in Chinese) and Salesforce's MiddleName: after the given name (rows.py)
    "middle_name": (
        "middlename",
        "middle name",
        "中间名",
        "additional name",
        "weitere vornamen",
        "deuxième prénom",
    ),
    "last_name": ("lastname", "last name", "姓", "family name", "nachname", "nom"),
    "title": (
        "title",
        "job title",
        "jobtitle",
        "position",
        "职位",
        "职务",
        "岗位",
        "头衔",
        "职称",
        "organization title",  # Google Contacts (Organization 1 - Title before 2024)
        "organization 1 - title",
        "titre",  # Outlook in French (the first of its two Titre columns is the honorific: columns.HONORIFIC_FIRST)
    ),
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
        "organization department",  # Google Contacts (Organization 1 - Department before 2024)
        "organization 1 - department",
        "abteilung",  # Outlook in German and French
        "service",
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
        "办公邮箱",  # DingTalk and HR rosters: 办公邮箱 / 公司邮箱 beside 手机号
        "公司邮箱",
        "单位邮箱",
        "邮箱地址",
        "work email",
        "business email",
        "email - work",  # Pipedrive: Person - Email - Work (its Home e-mail is not the contact's at work)
        "e-mail - value",  # Google Contacts: E-mail 1 - Value, E-mail 2 - Value (columns.NUMBERED)
        "e-mail-adresse",  # Outlook in German (E-Mail 2: Adresse) and French (Adresse de messagerie 2)
        "adresse de messagerie",
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
        "primary phone",  # Outlook contacts: Primary Phone, Other Phone (主要电话, 其他电话 in Chinese)
        "other phone",
        "主要电话",
        "其他电话",
        "phone - work",  # Pipedrive: Person - Phone - Work, Person - Phone - Mobile
        "phone - mobile",
        "phone - value",  # Google Contacts: Phone 1 - Value, Phone 2 - Value (columns.NUMBERED)
        # Outlook in German and French: the business, mobile, main and other phones (Telefon Firma / Téléphone
        # société, the switchboard, and a home phone are not the person's)
        "telefon geschäftlich",
        "mobiltelefon",
        "haupttelefon",
        "weiteres telefon",
        "téléphone (bureau)",
        "tél. mobile",
        "téléphone principal",
        "téléphone (autre)",
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
        # the contact's account in Chinese CRMs (销售易 / Neocrm: 所属客户) and rosters; not 客户 alone, which a
        # sheet also uses for a yes/no or a customer grade: read as a company, 是 would make people external
        "所属客户",
        "客户全称",
        "所属公司",
        "所在公司",
        "单位名称",
        "工作单位",
        "所属单位",
        "企业名称",
        "organization name",  # Google Contacts (Organization 1 - Name before 2024)
        "organization 1 - name",
        "firma",  # Outlook in German and French
        "société",
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
        "reporting to",  # Zoho CRM: the manager's name, given name first as Zoho shows it ("磊 赵")
        "经理姓名",
        "name des/der vorgesetzten",  # Outlook in German: Manager's Name
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
    "roles": (
        "role",
        "roles",
        "buying role",
        "buyingrole",
        "contact role",
        "角色",
        "采购角色",
        "关键角色",
        "联系人角色",  # 纷享销客 (Fxiaoke): 决策人, 影响者, 采购者, 使用者, 技术把关人, 普通联系人
    ),  # fmt: skip
    # a yes/no column of whether the person is a decision maker (纷享销客's 关键决策人 是/否): yes adds the role
    "key_decision_maker": ("关键决策人", "是否关键决策人", "是否决策人", "key decision maker"),
    "attitude": ("attitude", "态度"),
    "influence": ("influence", "影响力"),
    "relationship": ("relationship", "relationship strength", "关系", "关系强度"),
    "opportunity_id": ("opportunityid", "opportunity id", "商机编号"),
    "is_primary": ("isprimary", "is primary", "primary", "主要联系人"),
    # Salesforce's IsDeleted: Data Loader's Export All writes deleted and merged-away records too (rows.py)
    "is_deleted": ("isdeleted", "is deleted"),
    # DingTalk's roster and Feishu's people export say it as 员工状态 / 人员状态 (试用, 正式, 待离职, 离职)
    "status": ("status", "状态", "在职状态", "员工状态", "人员状态", "employee status", "employment status"),
    # a leaver list (DingTalk's and Feishu's 离职员工 export: 离职时间, 最后工作日; HR exports: Termination Date)
    "left_on": (
        "left on",
        "leftdate",
        "离职日期",
        "离职时间",
        "离职日",
        "最后工作日",
        "last working day",
        "termination date",
        "leaving date",
        "date left",
    ),
    # 附注: Outlook contacts exported in Chinese; Notizen in German
    "notes": ("notes", "description", "备注", "说明", "附注", "notizen"),
    # a person's portrait (Battlemap's own XLSX export writes them; seed 000's 职责 / 关注点 / 个人赢点)
    "duties": ("duties", "responsibilities", "职责"),
    "concerns": ("concerns", "关注点"),
    "personal_win": ("personal win", "个人收益", "个人赢点"),
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


# Ids a CRM keeps of its own records, none the person's manager, unit or id: passed over without the warning of a
# column that reads like one (columns.SUSPECT_RE) — Salesforce Data Loader's MasterRecordId (the record a merged-away
# duplicate went into), CreatedById and LastModifiedById (our colleagues), IndividualId (its privacy record) and
# JigsawContactId (Data.com's)
CRM_RECORD_IDS = {
    header_key(h)
    for h in ("MasterRecordId", "CreatedById", "LastModifiedById", "IndividualId", "JigsawContactId")
}
MANAGER_IDS = {header_key(h) for h in MANAGER_ID_HEADERS}  # keys of the manager columns that hold an id
# Battlemap's own XLSX export names each person by the map's id ("Battlemap id" / "作战地图编号"): read as the
# person of that id on this map (`map_id`), never stored as a CRM's id — it tells two 张伟 of the sheet apart,
# so the People sheet imports back unchanged.
OWN_EXPORT_IDS = ("battlemap id", "作战地图编号")
# header key -> the field it gives
LOOKUP: dict[str, str] = {header_key(a): f for f, aliases in HEADER_ALIASES.items() for a in aliases}
LOOKUP |= {header_key(h): "map_id" for h in OWN_EXPORT_IDS}
# ... and its People sheet's dotted-line managers ("Dotted line" / "虚线汇报"): passed over without a warning (a
# dotted line is drawn on the map, not imported), so the sheet imports back saying nothing of it
OWN_EXPORT_QUIET = ("dotted line", "虚线汇报")
LOOKUP |= {header_key(h): "quiet" for h in OWN_EXPORT_QUIET}
# Who owns the record in our CRM — our colleague, never the contact's manager (`recognise` reads them as nothing;
# a header ending in "owner" is one too: Contact Owner, Person - Owner). Beside one, 所属部门 (the record's
# owning unit in 销售易 / 纷享销客) is that colleague's unit — 华东大客户部 — not the contact's department.
OWNER_HEADERS = ("负责人", "创建人", "所有人", "拥有者", "销售负责人", "客户负责人", "跟进人", "created by")
OWNER_KEYS = {header_key(h) for h in OWNER_HEADERS}
OWNER_UNITS = {header_key("所属部门")}


def is_owner_key(key: str) -> bool:
    """Whether a header (its `header_key`) names the record's owner in our CRM: 负责人, 创建人, Contact Owner."""
    return key in OWNER_KEYS or key.endswith("owner")
