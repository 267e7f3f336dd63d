"""Recognise the columns of a people file: Salesforce, HubSpot and Chinese spreadsheets — which tool a file
comes from (`sources.source_of`), which column gives which field, which ignored column to warn of.

Headers are compared case- and space-insensitively (`headers.header_key`); what each recognised header means is
`headers.HEADER_ALIASES` (the table of docs/import.md); a mapping file can add any other header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .headers import (  # noqa: F401 - importable from here, as before the split
    CRM_RECORD_IDS,
    FIELDS,
    HEADER_ALIASES,
    LOOKUP,
    MANAGER_ID_HEADERS,
    MANAGER_IDS,
    OWN_EXPORT_IDS,
    OWNER_UNITS,
    TRADITIONAL,
    header_key,
    is_owner_key,
)
from .sources import source_of

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
# ... but not one of our owner (负责人所属部门, Owner ID: our colleague's unit and user id) nor a messaging account
# (Skype ID, 微信号): neither is the person's manager, unit or record id
NOT_SUSPECT_RE = re.compile(
    r"负责人|创建人|修改人|所有人|拥有者|跟进人|owner|created by|modified by|skype|wechat|weixin|微信|qq|whatsapp",
    re.IGNORECASE,
)

# an ignored column whose header reads like buying roles: the summary names it when rows give no role in the deal
ROLE_LIKE_RE = re.compile(r"角色|决策|role", re.IGNORECASE)


# A Salesforce report names a column by its object: "Contact: Full Name", "Account: Account Name", "Opportunity:
# Opportunity ID" (联系人：职务, 业务机会：业务机会 ID). Only with the colon: "Account Manager" is our own rep, never the
# person's manager.
REPORT_PREFIX = re.compile(
    r"^\s*(?P<object>contact|account|opportunity|联系人|客户|业务机会|商机)\s*[:：]\s*(?P<field>.+)$",
    re.IGNORECASE,
)
# The fields a column of each object may give (None: any — the contact is the person): an account's phone or an
# opportunity's name is not the person's. `Opportunity: ID`, the object's own record id, is that object's id.
OBJECT_FIELDS: dict[str, set[str] | None] = {
    "contact": None,
    "account": {"company", "account_external_id"},
    "opportunity": {"opportunity_id"},
}
OBJECTS = {"contact": "contact", "联系人": "contact", "account": "account", "客户": "account"}
OBJECTS |= {"opportunity": "opportunity", "业务机会": "opportunity", "商机": "opportunity"}
# Pipedrive names a column by its object with a dash: "Person - Name", "Person - Email - Work", "Organization -
# Name", "Deal - Title"; a person's Organization is their company, an organization's Name the company
EXPORT_PREFIX = re.compile(r"^\s*(?P<object>person|organization|deal)\s+-\s+(?P<field>.+)$", re.IGNORECASE)
OBJECTS |= {"person": "contact", "organization": "account", "deal": "opportunity"}
OBJECT_COMPANY = {("contact", "organization"), ("account", "name")}
OBJECT_IDS = {"contact": "external_id", "account": "account_external_id", "opportunity": "opportunity_id"}
# A record's own id ("ID": a Data Loader export of OpportunityContactRole, the role record's; "Record ID") is the
# person's only when no column names the contact's id (`ContactId`, `Contact: Contact ID`): `recognise` passes
# over it then (listed as not used, without a warning).
RECORD_IDS = {header_key(h) for h in ("ID", "Record ID")}
CONTACT_IDS = {header_key(h) for h in ("ContactId", "联系人ID")}


def _report_column(header: str) -> tuple[str, str] | None:
    """(object, the header after its prefix) of a report's `Object: Field` header, else None."""
    found = REPORT_PREFIX.match(header) or EXPORT_PREFIX.match(header)
    return (OBJECTS[found["object"].casefold()], found["field"]) if found else None


# A numbered phone or e-mail column (`Business Phone 2`, `E-mail 2 Address`, 手机1, 电话2, 邮件1: Outlook and Chinese
# CRM exports) gives the field its header gives without the number — one more number of the row, or the address
# read when the first is empty (FALLBACK_FIELDS). They were listed as not used, and a person lost every phone.
NUMBERED = re.compile(r"\d+")


def _field_of(key: str, lookup: dict[str, str], header: str = "") -> str | None:
    if key in lookup:
        return lookup[key]
    if (unnumbered := NUMBERED.sub("", key)) != key and lookup.get(unnumbered) in FALLBACK_FIELDS:
        return lookup[unnumbered]
    if key.startswith(DYNAMICS_PREFIXES):
        return "quiet" if key in DYNAMICS_QUIET else "external_id"
    if (report := _report_column(header)) is not None:
        obj, rest = report
        fld = OBJECT_IDS[obj] if header_key(rest) in RECORD_IDS else lookup.get(header_key(rest))
        if (obj, header_key(rest)) in OBJECT_COMPANY:
            fld = "company"
        allowed = OBJECT_FIELDS[obj]
        if fld not in (None, "quiet") and (allowed is None or fld in allowed):
            return fld
    return None


def _contact_id(key: str, header: str) -> bool:
    """Whether a column names the contact's id (`ContactId`, `Contact: Contact ID`, `Contact: ID`)."""
    if key in CONTACT_IDS:
        return True
    report = _report_column(header)
    return report is not None and report[0] == "contact" and header_key(report[1]) in CONTACT_IDS | RECORD_IDS


def header_fields(cells: list[str]) -> set[str]:
    """The different fields a row of cells names."""
    return {
        f for c in cells if c and (f := _field_of(header_key(str(c)), LOOKUP, str(c))) not in (None, "quiet")
    }


def header_score(cells: list[str]) -> int:
    """How many different fields a row of cells names: the header is the row that names the most."""
    return len(header_fields(cells))


@dataclass
class ColumnMap:
    fields: dict[str, int]  # field -> column index
    headers: list[str]
    ignored: list[str] = field(default_factory=list)
    source: str = "custom"  # a key of sources.SIGNATURES (salesforce, hubspot, zoho …), chinese or custom
    suspicious: list[str] = field(
        default_factory=list
    )  # ignored headers that read like a manager, unit or id
    # field -> further columns of it, read in a row whose first column is empty (Business Phone empty,
    # Mobile Phone given)
    fallbacks: dict[str, list[int]] = field(default_factory=dict)
    # one header over several columns that give one field (`职务`, `职务`): (header, field, the columns, 0-based);
    # the first is read, and the import refuses the file when the others hold other values (importer)
    duplicates: list[tuple[str, str, list[int]]] = field(default_factory=list)
    # (所属部门, 负责人): a unit column left out as our owner's unit beside the owner column (headers.OWNER_UNITS)
    owner_units: list[tuple[str, str]] = field(default_factory=list)

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
# Outlook in French names both its honorific (M., Mme: its first column) and the job title "Titre": of several
# columns of such a header, the first is the honorific, not read (nor a repeated header to refuse)
HONORIFIC_FIRST = {header_key("Titre")}


def recognise(
    headers: list[str],
    extra: dict[str, str] | None = None,
    by_column: dict[int, tuple[str, str]] | None = None,
) -> ColumnMap:
    """Map headers to fields; `extra` (header -> field, from a mapping file) wins over the built-in table, and
    `by_column` (0-based column -> (its header, field), the preview's choice for a header the file repeats)
    over both, for a column that still has that header."""
    lookup = dict(LOOKUP)
    for header, fld in (extra or {}).items():
        lookup[header_key(header)] = fld
    found: dict[str, int] = {}
    fallbacks: dict[str, list[int]] = {}
    ignored: list[str] = []
    keys = [header_key(h) for h in headers]
    honorifics = {keys.index(key) for key in HONORIFIC_FIRST if keys.count(key) > 1}
    fields_of = [_field_of(key, lookup, h) if key else None for key, h in zip(keys, headers, strict=True)]
    for index, (header, fld) in (by_column or {}).items():
        if 0 <= index < len(headers) and headers[index] == header:
            fields_of[index] = fld
    strong = {f for key, f in zip(keys, fields_of, strict=True) if f and WEAK_HEADERS.get(key) != f}
    record_ids = set()  # the record's own ID beside a contact id column: not the person's
    if any(_contact_id(key, h) for key, h in zip(keys, headers, strict=True)):
        mapped = {header_key(h) for h in extra or {}} | {
            header_key(h) for h, _f in (by_column or {}).values()
        }
        record_ids = {i for i, key in enumerate(keys) if key in RECORD_IDS and key not in mapped}
    mapped_keys = {header_key(h) for h in extra or {}}
    chosen_columns = {
        i for i, (h, _f) in (by_column or {}).items() if 0 <= i < len(headers) and headers[i] == h
    }
    owner = next((h for key, h in zip(keys, headers, strict=True) if is_owner_key(key)), None)
    owner_units: list[tuple[str, str]] = []
    for index, key in enumerate(keys):
        fld = fields_of[index]
        if fld == "quiet":
            continue
        if owner and key in OWNER_UNITS and key not in mapped_keys and index not in chosen_columns:
            ignored.append(headers[index])  # 华东大客户部: our colleague's unit, never the contact's
            owner_units.append((headers[index], owner))
            continue
        if index in record_ids:
            ignored.append(headers[index])
            continue
        if (
            (fld in strong and WEAK_HEADERS.get(key) == fld or index in honorifics)
            and key not in mapped_keys
            and (index not in chosen_columns)
        ):
            ignored.append(
                headers[index]
            )  # "Title" beside "Job Title", Outlook's first "Titre": the honorific
            fields_of[index] = None
            continue
        if fld in FALLBACK_FIELDS and fld in found:
            fallbacks.setdefault(fld, []).append(index)
            continue
        if fld == "manager" and key in MANAGER_IDS and "manager" in found:
            # a manager's id or employee number tells two 张伟 apart: it wins over a manager name column
            previous = found["manager"]
            if keys[previous] not in MANAGER_IDS:
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
    # nor is the record's own ID beside a contact id column an id of the person dropped
    said = repeated | {headers[i] for i in record_ids} | {h for h, _owner in owner_units}
    suspicious = [
        h
        for h in ignored
        if SUSPECT_RE.search(h)
        and not NOT_SUSPECT_RE.search(h)
        and header_key(h) not in chosen.keys() | CRM_RECORD_IDS
        and h not in said
    ]
    return ColumnMap(
        fields=found,
        headers=list(headers),
        ignored=ignored,
        source=source,
        suspicious=suspicious,
        fallbacks=fallbacks,
        duplicates=duplicates,
        owner_units=owner_units,
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
