"""Contacts imported from vCard files (.vcf) as sellers export them — an iPhone's "share contact", an Android
phone's vCard 2.1 in quoted-printable, Outlook's card, Google Contacts' export — through the one import path: the
cards are the rows of the table every format gives (io/tabular/vcards.py), so matching, the company rule and the
limits are the import's own. A card without a name is refused naming it; nothing is written."""

from __future__ import annotations

import base64
import io
import time

import pytest
from django.utils import translation

from battlemap.io.tabular.columns import recognise
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.readers import ReadError, read_table
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.io.tabular.vcards import VCARD_HEADERS
from battlemap.people.models import Person
from battlemap.users.models import Profile
from tests import factories as f


def _crlf(text: str) -> bytes:
    return text.strip("\n").replace("\n", "\r\n").encode("utf-8") + b"\r\n"


def _qp(text: str, charset: str = "utf-8") -> str:
    return "".join(f"={b:02X}" for b in text.encode(charset))


PHOTO = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40).decode()
IPHONE = _crlf(
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.4//EN\n"
    "N:刘;建华;;;\n"
    "FN:刘建华\n"
    "ORG:国电智慧能源集团;信息中心;运维部\n"
    "TITLE:运维部经理\n"
    "TEL;type=CELL;type=VOICE;type=pref:138 0013 8000\n"
    "TEL;type=WORK;type=VOICE:010-6512 3456\n"
    "TEL;type=WORK;type=FAX:010-6512 3499\n"
    "item1.EMAIL;type=INTERNET:liujh@home.example\n"
    "item1.X-ABLabel:_$!<Other>!$_\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:liujh@gdze.example\n"
    "ADR;type=WORK:;;复兴路 8 号;北京;;100038;中国\n"
    "BDAY:1978-05-04\n"
    "NOTE:2024 年展会认识\\n关注运维成本\\, 偏好现场演示\n"
    "X-SOCIALPROFILE;type=wechat:liujh_ops\n"
    f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO[:60]}\n"
    + "".join(f" {PHOTO[i : i + 74]}\n" for i in range(60, len(PHOTO), 74))
    + "END:VCARD"
)

# An Android phone's export (vCard 2.1): Chinese in quoted-printable UTF-8, the name split over soft line breaks
ANDROID = _crlf(
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('欧阳')};{_qp('文静')};;;\n"
    f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('欧阳')}=\n{_qp('文')}=E9=\n=9D=99\n"
    f"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('国电智慧能源集团')};{_qp('采购部')}\n"
    f"TITLE;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:{_qp('采购主管', 'gbk')}\n"
    "TEL;CELL:13900139000\n"
    "TEL;WORK:010-65120000\n"
    "EMAIL;HOME:ouyang@gdze.example\n"
    "END:VCARD"
)

# Outlook's "Save as vCard" of one contact: ORG as company;department, TITLE, a work and a mobile phone
OUTLOOK = _crlf(
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "N;LANGUAGE=en-us:Lee;Grace\n"
    "FN:Grace Lee\n"
    "ORG:Northwind Logistics;Maintenance\n"
    "TITLE:Maintenance Manager\n"
    "TEL;WORK;VOICE:+44 20 7000 1111\n"
    "TEL;CELL;VOICE:+44 7700 900123\n"
    "ADR;WORK;PREF:;;1 Dock Road;London;;E16 1AA;United Kingdom\n"
    "EMAIL;PREF;INTERNET:grace.lee@northwind.example\n"
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\n"
    "REV:20260301T101010Z\n"
    "END:VCARD"
)

# Google Contacts' export (vCard 3.0): several cards, one of a consultant of another company, one N-only card
GOOGLE = _crlf(
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Tom Baker\n"
    "N:Baker;Tom;;;\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:tom.baker@northwind.example\n"
    "TEL;TYPE=CELL:+44 7700 900456\n"
    "ORG:Northwind Logistics;Finance\n"
    "TITLE:CFO Office Lead\n"
    "CATEGORIES:myContacts\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Priya Shah\n"
    "N:Shah;Priya;;;\n"
    "EMAIL;TYPE=INTERNET:priya@acme-consulting.example\n"
    "ORG:Acme Consulting\n"
    "TITLE:Logistics Consultant\n"
    "NOTE:Advises the board on the\n"
    "  tender\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N:Wong;Mei;;;\n"
    "TEL;TYPE=WORK:+44 20 7000 2222\n"
    "ORG:Northwind Logistics;IT\n"
    "END:VCARD"
)

NAMELESS = _crlf(
    "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Smith\nORG:Northwind Logistics\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nTEL;TYPE=CELL:+44 7700 900999\nEMAIL:x@northwind.example\nEND:VCARD"
)


def _person(account, name):
    return Person.objects.select_related("org_unit").get(account=account, name=name)


def test_the_vcard_columns_are_headers_the_import_knows():
    columns = recognise(list(VCARD_HEADERS) + ["Phone 2", "E-mail 2"])
    assert not columns.ignored
    assert set(columns.fields) == {
        "name", "last_name", "first_name", "company", "department", "title", "duties", "manager", "phone", "email",
        "notes",
    }  # fmt: skip
    assert columns.fallbacks == {"phone": [11], "email": [12]}


def test_an_iphone_card_imports_its_phones_preferred_email_department_and_note_not_its_photo(world):
    result = people_import(account=world.cn, data=IPHONE, filename="刘建华.vcf")
    assert (result.created, result.cards, result.header_row) == (1, 1, 0)
    person = _person(world.cn, "刘建华")
    assert person.title == "运维部经理"
    assert person.org_unit.name == "运维部" and person.org_unit.parent.name == "信息中心"
    assert not person.external  # the account's own company
    assert person.phone == "138 0013 8000 / 010-6512 3456"  # the preferred first; the fax left out
    assert person.email == "liujh@gdze.example"  # the preferred one: a person keeps one
    assert person.notes == "2024 年展会认识\n关注运维成本, 偏好现场演示"
    with translation.override("en"):
        lines = "\n".join(summary_lines(result))
    assert "Read as contact cards (vCard): 1, one row each" in lines and "Header: row" not in lines


def test_an_android_21_card_reads_its_quoted_printable_chinese_split_over_soft_line_breaks(world):
    people_import(account=world.cn, data=ANDROID, filename="00001.vcf")
    person = _person(world.cn, "欧阳文静")
    assert person.title == "采购主管"  # CHARSET=GBK
    assert person.org_unit.name == "采购部"
    assert (person.phone, person.email) == ("13900139000 / 010-65120000", "ouyang@gdze.example")


def test_an_outlook_card_through_the_web_preview_and_confirm(owner_client, world):
    upload = io.BytesIO(OUTLOOK)
    upload.name = "Grace Lee.vcf"
    url = f"/accounts/{world.en.slug}/io/import/"
    preview = owner_client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert preview.status_code == 200
    assert preview.context["headers"] == ["Name", "Last name", "First name", "Company", "Department",
                                          "Title", "Phone", "Phone 2", "Email"]  # fmt: skip
    done = owner_client.post(f"{url}confirm/", preview.context["form"], HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 200
    grace = _person(world.en, "Grace Lee")
    assert (grace.title, grace.org_unit.name, grace.external) == ("Maintenance Manager", "Maintenance", False)
    assert grace.phone == "+44 20 7000 1111 / +44 7700 900123"
    assert grace.email == "grace.lee@northwind.example"


def test_a_cards_columns_are_named_in_the_users_language(owner_client, world):
    """A card's columns are no file's header: a Chinese page names them as its field menu does (姓名, 公司 …),
    not Name, Company, Job Title; checking again with other columns still reads the card's own."""
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "zh-hans"})
    upload = io.BytesIO(OUTLOOK)
    upload.name = "Grace Lee.vcf"
    url = f"/accounts/{world.en.slug}/io/import/"
    preview = owner_client.post(url, {"file": upload})
    assert preview.status_code == 200
    assert preview.context["headers"] == [
        "姓名",
        "姓",
        "名",
        "公司",
        "部门",
        "职位",
        "电话",
        "电话 2",
        "邮箱",
    ]
    page = preview.content.decode()
    assert "Job Title" not in page.replace('value="Job Title"', "") and 'aria-label="职位"' in page
    form = {**preview.context["form"], "header": preview.context["table"].headers}
    form["field"] = [field for _l, _h, _s, field in preview.context["header_fields"]]
    again = owner_client.post(f"{url}recheck/", form)
    assert again.status_code == 200 and again.context["headers"][5] == "职位"


def test_the_upload_offers_vcf_files(owner_client, world):
    page = owner_client.get(f"/accounts/{world.en.slug}/io/import/", HTTP_ACCEPT_LANGUAGE="en")
    assert ".vcf" in page.context["accept"].split(",")
    assert "vCard" in page.content.decode()


def test_a_file_cut_short_and_an_unreadable_value_are_refused_by_card_and_line():
    with pytest.raises(ReadError) as cut:
        read_table(OUTLOOK[: OUTLOOK.index(b"END:VCARD")], "grace.vcf")
    assert file_message(cut.value, "en").startswith("Card 1 (from line 1) has no END:VCARD")
    bad = OUTLOOK.replace(b"TITLE:", b"TITLE;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:")
    with pytest.raises(ReadError) as unreadable:
        read_table(bad, "grace.vcf")
    assert file_message(unreadable.value, "en").startswith("Card 1, line 6: the TITLE value cannot be read")


def test_a_utf16_file_and_a_gbk_file_read_alike():
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;芳;;;\r\nTITLE:财务总监\r\nEND:VCARD\r\n"
    for data in (card.encode("utf-16"), card.encode("gbk")):
        table = read_table(data, "王芳.vcf")
        assert (table.headers, table.rows) == (["Name", "Last Name", "First Name", "Job Title"],
                                               [["", "王", "芳", "财务总监"]])  # fmt: skip


def test_hostile_files_are_refused_or_read_within_bounds(settings):
    settings.IMPORT_MAX_ROWS = 3
    # counted before any card is read: the fifth card's unreadable value is never reached
    many = (
        b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n" * 4
        + b"BEGIN:VCARD\r\nFN;CHARSET=klingon;QUOTED-PRINTABLE:=41\r\n"
    )
    with pytest.raises(ReadError) as refused:
        read_table(many, "many.vcf")
    assert "limit_rows" in str(refused.value) and refused.value.params["row"] == 4
    settings.IMPORT_MAX_ROWS = 100_000
    settings.IMPORT_MAX_CELLS = 100  # one card of 40 phones would widen the 10 others' rows to 41 columns
    phones = b"BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n" * 10 + b"BEGIN:VCARD\r\nFN:b\r\n"
    phones += b"TEL:13800138000\r\n" * 40 + b"END:VCARD\r\n"
    with pytest.raises(ReadError) as wide:
        read_table(phones, "phones.vcf")
    assert str(wide.value) == "limit_cells:100" and wide.value.params["row"] == 11
    settings.IMPORT_MAX_CELLS = 4_000_000
    settings.IMPORT_MAX_CELL_CHARS = 1000
    note = _crlf("BEGIN:VCARD\nFN:a\nEND:VCARD\nBEGIN:VCARD\nFN:b\nNOTE:" + "长" * 20_000 + "\nEND:VCARD")
    with pytest.raises(ReadError) as long_note:
        read_table(note, "note.vcf")
    assert file_message(long_note.value, "en").startswith("Row 2: a cell holds more than 1000 characters")
    # a 7 MB photo is passed over, never joined; a thousand cards nested in one are nothing of it
    photo = (
        b"BEGIN:VCARD\r\nFN:Big Photo\r\nPHOTO;ENCODING=b:" + b"QUFB\r\n " * 1_000_000 + b"\r\nEND:VCARD\r\n"
    )
    nested = b"BEGIN:VCARD\r\nFN:Nest\r\n" + b"BEGIN:VCARD\r\nFN:In\r\n" * 1000 + b"END:VCARD\r\n" * 1001
    assert read_table(photo, "photo.vcf").rows == [["Big Photo"]]
    assert read_table(nested, "nest.vcf").rows == [["Nest"]]
    # a line of many parameters and an open quote: matched forward once (vobject's grammar took minutes)
    started = time.monotonic()
    with pytest.raises(ReadError, match="vcard_value"):
        read_table(b"BEGIN:VCARD\r\nFN;a" + b";a" * 5000 + b';"\r\nEND:VCARD\r\n', "quote.vcf")
    assert time.monotonic() - started < 5


def test_a_card_of_the_accounts_people_updates_them(world):
    f.person(account=world.en, name="Grace Lee", title="Engineer")
    result = people_import(account=world.en, data=OUTLOOK, filename="grace.vcf")
    assert (result.created, result.updated) == (0, 1)
    assert _person(world.en, "Grace Lee").title == "Maintenance Manager"
