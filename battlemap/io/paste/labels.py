"""The labels a pasted cell is read by: a field's (`LABELS`, `label_kind`; a pasted table's header, `header_kind`),
and a labelled cell's kind (`labelled`: `手机：139…`, `T +49 89 …`, a fax, an address, a messaging account — the last
three no field of a person, listed as not kept). `cells.classify` reads a cell with them. Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.io.tabular.headers import LOOKUP, header_key

LABELS = {
    "name": ("name", "姓名", "名字", "联系人", "full name"),
    "title": ("title", "职位", "职务", "岗位", "头衔", "job title", "position"),
    "email": ("email", "e-mail", "mail", "e", "邮箱", "电子邮件", "邮件"),
    "phone": ("phone", "tel", "mobile", "cell", "电话", "手机", "座机", "手机号", "手机号码", "电话号码"),
    # the employer; a department is the person's org unit on this account's map, not their organisation
    "organisation": ("company", "organisation", "organization", "公司", "单位", "机构", "所属机构"),
    "department": ("department", "dept", "dept.", "division", "部门", "所属部门", "处室", "科室"),
    # the solid-line manager, by name (people.services.people_bulk_create finds them); read only when labelled
    "manager": (
        "manager",
        "reports to",
        "line manager",
        "supervisor",
        "boss",
        "上级",
        "直接上级",
        "直属上级",
        "上级领导",
        "汇报给",
        "汇报对象",
        "汇报上级",
    ),
    # a leaders page's or a table's duties (主持…工作, 分管…): the portrait's Duties
    "duties": (
        "duties",
        "responsibilities",
        "职责",
        "分管",
        "分管工作",
        "分工",
        "工作分工",
        "主要职责",
        "分管领域",
    ),
}
# A phone written with its label and no colon, as signatures do: "T +49 89 1234 5678", "M +49 170 …",
# "手机 139 1111 2222"; a fax ("F +49 …", "传真 …") is no number to call the person on.
_LABELLED_NUMBER = re.compile(r"^([^\W\d_]{1,8}\.?)\s*[:：]?\s*(\+?[\d(][\d\s()./-]{5,}\d)$")
PHONE_LABELS = tuple(
    "t m p d o tel tel. mob mob. mobile phone cell office direct 手机 电话 座机 移动电话 办公电话 联系电话".split()
)
FAX_LABELS = ("f", "fax", "fax.", "传真")
# An address on a business card or in a signature (`地址：…`, `Add: …`): no field of a person, listed as not kept
ADDRESS_LABELS = ("地址", "办公地址", "公司地址", "通讯地址", "add", "add.", "addr", "addr.", "address")
# A messaging account on a WeChat / WeCom contact card or a signature (`微信号：wubin_hd`, `QQ: 12345678`): no field
# of a person (it was taken for the organisation), listed as not kept
MESSENGER_LABELS = tuple(
    "微信 微信号 wechat weixin wx 企业微信 qq qq号 钉钉 钉钉号 飞书 skype whatsapp telegram line".split()
)


def label_kind(label: str) -> str | None:
    """The field a label names (`LABELS`: `手机` a phone, `E-mail` an e-mail, `部门` a department), else None."""
    label = label.strip().lower()
    for kind, words in LABELS.items():
        if label in words:
            return kind
    return None


# A people file's header fields (io.tabular.headers) the paste reads: a pasted member list reads as the file would
_FILE_FIELDS = {**{kind: kind for kind in LABELS}, "company": "organisation"}


def header_kind(header: str) -> str | None:
    """The field a column's header names in a pasted table: a label (`label_kind`), else a header a people file
    is imported by (`个人邮箱` an e-mail, `所属部门` a department); a header of no field the paste reads, None."""
    return label_kind(header) or _FILE_FIELDS.get(LOOKUP.get(header_key(header), ""))


_LABEL_PREFIX = re.compile(r"^\s*([\w\s.-]{1,14}?)\s*[:：]\s*(.+)$", re.UNICODE)


# A number as a business card's OCR reads it, a letter for a digit (`021-6l23 4567`, `l39 l234 5678`, `O21-…`)
_OCR_NUMBER = re.compile(r"^([^\W\d_]{1,8}\.?)\s*[:：]?\s*(\+?[\dlIOo(][\dlIOo\s()./-]{5,}[\dlIOo])$")
_OCR_DIGITS = str.maketrans("lIOo", "1100")
# An employee number on a DingTalk / WeCom card (`工号：00123`, `Employee ID: E-2291`): the label a people file's
# 工号 column has (io.tabular.headers' `employee_no`), and one word after it
_EMPLOYEE_NO = re.compile(r"^([^\W\d_]+(?:\s[^\W\d_]+)?)\s*[:：]?\s*([\w-]*\d[\w-]*)$")


def _numbered(cell: str) -> tuple[str, str] | None:
    """A phone or fax written with its label, with or without a colon (`T +49 89 …`, `传真 …`: `fax`), an OCR's letter
    inside it read as the digit it stands for (`Tel: 021-6l23 4567`: l, I as 1, O as 0; after a phone's or fax's
    label only, and only when some of it is digits); else None."""
    number = _LABELLED_NUMBER.match(cell) or _OCR_NUMBER.match(cell)
    label = number.group(1).lower() if number else ""
    if not number or not (label in PHONE_LABELS + FAX_LABELS or label_kind(label) == "phone"):
        return None
    value = number.group(2).strip()
    if sum(c.isdigit() for c in value) < 5:  # `Tel: lOOl-…`: no number an OCR misread
        return None
    return ("fax" if label in FAX_LABELS else "phone"), value.translate(_OCR_DIGITS)


def labelled(cell: str) -> tuple[str, str] | None:
    """(kind, value) for a cell its label names (`cells.classify`): a phone or fax written with its label (`_numbered`);
    an address, a messaging account, an employee number (`工号：00123`: none a field of a person, the cell whole); a
    field a label names (`部门：信息中心`: the department, its value); else None."""
    if number := _numbered(cell):
        return number
    employee = _EMPLOYEE_NO.match(cell)
    if employee and LOOKUP.get(header_key(employee.group(1))) == "employee_no":
        return "employee_no", cell
    label = _LABEL_PREFIX.match(cell)
    if label and label.group(1).strip().lower() in ADDRESS_LABELS:
        return "address", cell
    if label and label.group(1).strip().lower() in MESSENGER_LABELS:
        return "messenger", cell
    if label and (kind := label_kind(label.group(1))):
        return kind, label.group(2).strip()
    return None
