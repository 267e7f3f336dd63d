"""After "Make the links" the send form keeps what was sent (kind, deal, language, days) so a second batch goes out
as the first did — a reviewer's page came back as decision factors, no deal, 中文 — and each link's mailto: subject
is in the questionnaire's language, not the seller's."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.urls import reverse

from battlemap.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def _send_form(html: str) -> str:
    return html.split('class="sendform"')[1].split("</form>")[0]


def _selected(form: str, name: str) -> str:
    select = form.split(f'name="{name}"')[1].split("</select>")[0]
    return re.search(r'<option value="([^"]*)"[^>]*selected', select)[1]


def test_the_send_form_keeps_what_was_sent_for_the_next_batch(owner_client, world):
    url = reverse("survey_send", args=["guodian"])
    data = {"kind": "satisfaction", "deal": world.cn_deal.pk, "people": [world.cn_boss.pk], "language": "en",
            "days": 9}  # fmt: skip
    response = owner_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = _send_form(response.content.decode())
    assert _selected(form, "kind") == "satisfaction"
    assert _selected(form, "deal") == str(world.cn_deal.pk)
    assert _selected(form, "language") == "en"
    assert re.search(r'name="days" value="9"', form)
    assert not re.search(r'name="people" value="\d+"[^>]*checked', form)  # a new batch: new people


@pytest.mark.parametrize(
    ("language", "subject"), [("zh-hans", "一份简短的问卷"), ("en", "A short questionnaire")]
)
def test_the_mail_subject_is_in_the_questionnaires_language(owner_client, world, language, subject):
    Person.objects.filter(pk=world.cn_boss.pk).update(email="boss@example.com")
    data = {"kind": "satisfaction", "people": [world.cn_boss.pk], "language": language, "days": 14}
    seller = "zh-hans" if language == "en" else "en"  # the seller reads the other language
    response = owner_client.post(reverse("survey_send", args=["guodian"]), data, HTTP_ACCEPT_LANGUAGE=seller)
    mailto = re.search(r'href="(mailto:[^"]+)"', response.content.decode())[1]
    assert unquote(mailto.split("subject=")[1].split("&")[0]) == subject


def test_the_mail_goes_to_the_person_alone_whatever_their_address_holds(owner_client, world):
    """A quoted local part is a valid address (`"?cc=spy@evil.example&body="@corp.com`, from a CRM file or a mail
    header): written into the mailto: as it was, a mail client read a Cc: to spy@evil.example, who got the
    customer's personal link. Percent-encoded (RFC 6068), it is one recipient and the headers are ours."""
    address = '"?cc=spy@evil.example&x=,other@evil.example"@corp.com'
    Person.objects.filter(pk=world.cn_boss.pk).update(email=address)
    data = {"kind": "satisfaction", "people": [world.cn_boss.pk], "language": "en", "days": 14}
    response = owner_client.post(reverse("survey_send", args=["guodian"]), data)
    mailto = html.unescape(re.search(r'href="mailto:([^"]+)"', response.content.decode())[1])
    to, _, headers = mailto.partition("?")  # as a mail client reads it: recipients, then name=value pairs
    assert unquote(to) == address
    assert "," not in to  # one recipient
    assert [pair.split("=")[0] for pair in headers.split("&")] == ["subject", "body"]
