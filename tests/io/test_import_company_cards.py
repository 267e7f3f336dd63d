"""An address book exported whole (an iPhone's or macOS Contacts' "Export vCard", Outlook, Google Contacts) holds
companies' cards beside people's: the switchboard, a supplier — Apple marks them `X-ABShowAs:COMPANY`, vCard 4.0
`KIND:org`, others give an FN that is the ORG and no name in N. Each came in as a person named after the company
(`华东省能源投资集团 总机`, with the switchboard's number), without a word."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines

from .hdny import it_centre, people_of

pytestmark = pytest.mark.django_db


def _crlf(text: str) -> bytes:
    return text.strip("\n").replace("\n", "\r\n").encode("utf-8") + b"\r\n"


CARDS = _crlf(
    "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\nN:;;;;\nFN:华东省能源投资集团 总机\n"
    "ORG:华东省能源投资集团;\nitem1.TEL;type=pref:021-6888 0000\nitem1.X-ABLabel:总机\nX-ABShowAs:COMPANY\n"
    "END:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:周;敏;;;\nFN:周敏\nORG:华东省能源投资集团;信息中心\nTITLE:工程师\n"
    "TEL;type=CELL:13800138041\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:省电力设计院\nORG:省电力设计院\nTEL;VALUE=uri:tel:+86-571-8888-0000\n"
    "END:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Northwind Supplies\nORG:Northwind Supplies\nTEL:+1 206 555 0100\n"
    "END:VCARD\n"
)


@pytest.fixture
def account(db):
    return it_centre({"name": "刘建华", "title": "信息中心主任"})


def test_a_companys_card_is_passed_over_and_named_not_imported_as_a_person(account):
    result = people_import(account=account, data=CARDS, filename="通讯录.vcf")

    assert people_of(account, ("name", "phone")) == [("刘建华", ""), ("周敏", "13800138041")]
    with translation.override("en"):
        lines = summary_lines(result)
    assert (
        "Cards of a company, not of a person, passed over: 1: “华东省能源投资集团 总机”; 3: “省电力设计院”; "
        "4: “Northwind Supplies”." in lines
    )
