"""LinkedIn's Connections.csv, as an operations admin brought a seller's network to the map: a "Notes:" preamble
above the header, and names as people write them on their profiles — credentials after a comma in Last Name (`Wong,
PMP`), pronouns in brackets (`Huang (He/Him)`), an emoji (`周琳 🌱`). They were stored in the names: the map's Mei
Wong and 周琳 were not found, and second ones came in as `Mei Wong, PMP` and `Lin Zhou 周琳 🌱`."""

from __future__ import annotations

import pytest

from battlemap.io.matching import clean_name
from battlemap.io.tabular.services import people_import

from .hdny import it_centre, people_of

pytestmark = pytest.mark.django_db

CONNECTIONS = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will '
    "only see email addresses for connections who have allowed their connections to see or download their email "
    'address using this setting https://www.linkedin.com/psettings/privacy/email."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    'Mei,"Wong, PMP",https://www.linkedin.com/in/meiwong,,华东省能源投资集团,"Director, IT Operations",03 Feb 2025\r\n'
    "Kevin,Huang (He/Him),https://www.linkedin.com/in/khuang,,华东省能源投资集团,Architect,04 Feb 2025\r\n"
    "Lin,Zhou 周琳 🌱,https://www.linkedin.com/in/zhoulin,,华东省能源投资集团,CFO,05 Feb 2025\r\n"
    'Jianhua,"Liu, Ph.D., CPA",https://www.linkedin.com/in/ljh,,华东省能源投资集团,CIO,05 Feb 2025\r\n'
)


@pytest.fixture
def account(db):
    return it_centre({"name": "Mei Wong", "title": "IT Manager"}, {"name": "周琳", "title": "财务部经理"})


def test_linkedin_names_lose_credentials_pronouns_and_emoji_and_find_the_maps_people(account):
    people_import(account=account, data=CONNECTIONS.encode("utf-8"), filename="Connections.csv")

    assert people_of(account, ("name", "title")) == [
        ("Mei Wong", "Director, IT Operations"),
        ("周琳", "CFO"),
        ("Kevin Huang", "Architect"),
        ("Jianhua Liu", "CIO"),
    ]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("王芳（她/她的）", "王芳"),
        ("Anna Lee, MBA", "Anna Lee"),
        ("Zhang, Wei", "Zhang, Wei"),  # family name, given name: no credential
        ("张伟 (IT)", "张伟 (IT)"),  # a bracket that tells two 张伟 apart
        ("🌱", "🌱"),  # nothing left: as written
    ],
)
def test_the_same_rule_holds_on_every_road_a_name_comes_by(written, name):
    assert clean_name(written) == name
