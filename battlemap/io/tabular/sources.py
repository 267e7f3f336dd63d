"""Which tool a people file comes from, told by its headers (`source_of`): Salesforce, HubSpot, Zoho CRM,
Pipedrive, Dynamics 365, Outlook, WeCom, DingTalk, Feishu or Google Contacts — each by its own headers
(SIGNATURES) — else a table with Chinese headers or one of its own; and what the summary and the upload page
call each (SOURCE_LABELS, SOURCES_READ). `columns.recognise` tells a file's source with it.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from .headers import header_key

# Each tool's own headers, which a generic table does not have (姓名, 职务, 部门, 工号 or 直属上级 are
# everyone's): a file is said to come from a tool when SIGNATURE_MIN of them are there, else it is a
# table with Chinese headers (CHINESE_HEADERS) or a table of its own.
SIGNATURES = {
    "salesforce": {"reportstoid", "accountid", "opportunityid", "contactid", "isprimary", "ownerid"}
    | {header_key(h) for h in ("Opportunity: Opportunity ID", "Contact: Contact ID", "Account: Account ID")},
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
    # Zoho CRM's contacts (Record Id and Contact Owner are HubSpot's too: it read as HubSpot)
    "zoho": {
        header_key(h)
        for h in (
            "Reporting To",
            "Skype ID",
            "Email Opt Out",
            "Vendor Name",
            "Asst Phone",
            "Mailing Zip",
            "Secondary Email",
            "Last Activity Time",
        )
    },  # fmt: skip
    "pipedrive": {
        header_key(h)
        for h in (
            "Person - Owner",
            "Person - Label",
            "Person - Organization",
            "Person - Add time",
            "Person - Visible to",
            "Person - Open deals",
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
            # in German and French
            "Weitere Vornamen",
            "Telefon geschäftlich",
            "E-Mail-Adresse",
            "E-Mail: Angezeigter Name",
            "Name des/der Vorgesetzten",
            "Deuxième prénom",
            "Téléphone (bureau)",
            "Tél. mobile",
            "Adresse de messagerie",
            "Nom complet de l'adresse de messagerie",
        )
    },  # fmt: skip
    "wecom": {
        header_key(h) for h in ("账号", "别名", "座机", "对外职务", "企业邮箱", "个人邮箱", "激活状态")
    },
    "dingtalk": {
        header_key(h) for h in ("直属主管", "直属主管工号", "入职时间", "主部门", "员工UserID", "办公地点")
    },
    "feishu": {header_key(h) for h in ("用户 ID", "直属上级用户 ID", "人员类型", "工作城市", "英文名")},
    "google": {
        header_key(h)
        for h in (
            "E-mail 1 - Value",
            "Phone 1 - Value",
            "Organization Name",
            "Organization 1 - Name",
            "Group Membership",
            "Labels",
            "File As",
            "Given Name Yomi",
            "Phonetic First Name",
        )
    },  # fmt: skip
}
SIGNATURE_MIN = 2
CHINESE_HEADERS = {
    header_key(h) for h in ("姓名", "职位", "职务", "部门", "上级", "角色", "态度", "影响力", "关系")
}
# What the summary says the file is (`ColumnMap.source`; `vcard`: importer._mapping_and_table)
SOURCE_LABELS = {
    "salesforce": pgettext_lazy("import source", "Salesforce"),
    "hubspot": pgettext_lazy("import source", "HubSpot"),
    "zoho": pgettext_lazy("import source", "Zoho CRM"),
    "pipedrive": pgettext_lazy("import source", "Pipedrive"),
    "dynamics": pgettext_lazy("import source", "Microsoft Dynamics 365"),
    "outlook": pgettext_lazy("import source", "Outlook contacts"),
    "wecom": pgettext_lazy("import source", "WeCom member list"),
    "dingtalk": pgettext_lazy("import source", "DingTalk roster"),
    "feishu": pgettext_lazy("import source", "Feishu / Lark member list"),
    "google": pgettext_lazy("import source", "Google Contacts"),
    "vcard": pgettext_lazy("import source", "contact cards (vCard)"),  # told by the reader, not the headers
    "chinese": pgettext_lazy("import source", "a table with Chinese headers"),
    "custom": pgettext_lazy("import source", "a table with headers of its own"),
}

# What the import reads, as the upload page and `battlemap import --help` say it: the tools of SIGNATURES and
# SOURCE_LABELS (tests/io/test_import_copy.py holds them to it), or any table with a header row.
SOURCES_READ = pgettext_lazy(
    "import source",
    "a contact export of Salesforce, HubSpot, Zoho CRM, Pipedrive, Microsoft Dynamics 365, Outlook or Google "
    "Contacts, a member "
    "export of WeCom, "
    "DingTalk or Feishu / Lark, or any spreadsheet with a header row",
)


def source_of(keys: set[str]) -> str:
    """The tool a file comes from (its own headers), else `chinese` or `custom`."""
    scores = {name: len(signature & keys) for name, signature in SIGNATURES.items()}
    best = max(scores, key=lambda n: scores[n])
    if scores[best] >= SIGNATURE_MIN:
        return best
    return "chinese" if len(CHINESE_HEADERS & keys) >= SIGNATURE_MIN else "custom"
