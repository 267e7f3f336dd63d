"""A new-person suggestion's card says what the person was seen in: "Evidence · 1 meeting" / "依据 · 1 场会议" for
one met only in the calendar, "2 messages, 1 meeting" / "2 封邮件、1 场会议" for one in both — the card read
"1 message" right above "only seen in 1 meeting" (the count held meetings, the header named mail). A pending one
made before takes the inference's current words when it runs again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import mail_ingest, suggestion_accept, suggestions_refresh
from battlemap.users.services import token_create

pytestmark = pytest.mark.django_db
DOMAIN = "guodian.example"
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:seen-1\r\nDTSTART:20261120T020000Z\r\nDTEND:20261120T030000Z\r\n"
    "SUMMARY:方案交流\r\nORGANIZER;CN=Sam:mailto:sam@ours.example\r\n"
    f"ATTENDEE;CN=田新:mailto:tian.x@{DOMAIN}\r\nATTENDEE;CN=王芳:mailto:wang.f@{DOMAIN}\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _mail(i: int, sender: str, to: str) -> str:
    return (
        f"From {sender} Mon Nov 16 09:00:00 2026\nFrom: {sender}\nTo: {to}\n"
        f"Date: Mon, 1{i} Nov 2026 09:00:00 +0800\nSubject: 方案\nMessage-ID: <seen-{i}@x>\n\n好的\n\n"
    )


@pytest.fixture
def seen(world, tmp_path):
    """田新 in the meeting alone; 王芳 in it and in two messages with our seller."""
    (tmp_path / "m.ics").write_text(CALENDAR, encoding="utf-8")
    mbox = _mail(1, "sam@ours.example", f"wang.f@{DOMAIN}") + _mail(2, f"wang.f@{DOMAIN}", "sam@ours.example")
    (tmp_path / "m.mbox").write_text(mbox, encoding="utf-8")
    paths = [tmp_path / "m.ics", tmp_path / "m.mbox"]
    mail_ingest(account=world.cn, paths=paths, our_domains=["ours.example"], customer_domains=[DOMAIN])
    suggestions_refresh(result=account_inference(world.cn))
    return world


def _cards(client, world, language: str) -> dict[str, str]:
    """{e-mail: the card's evidence header} of the mail page's suggestions."""
    page = client.get(
        f"/accounts/{world.cn.slug}/mail/", headers={"Accept-Language": language}
    ).content.decode()
    table = page.split('id="suggestions"')[1].split("</table>")[0]
    cards = re.findall(r'<tbody class="mail-item">(.*?)</tbody>', table, re.S)
    heads = {}
    for card in cards:
        email = re.search(r"[\w.]+@" + re.escape(DOMAIN), card).group(0)
        heads[email] = re.search(r'<span class="evidence-head">(.*?)</span>', card, re.S).group(1)
    return heads


@pytest.mark.parametrize(
    ("language", "met_only", "both"),
    [
        ("en", "Evidence · 1 meeting", "Evidence · 2 messages, 1 meeting"),
        ("zh-hans", "依据 · 1 场会议", "依据 · 2 封邮件、1 场会议"),
    ],
)
def test_the_card_counts_meetings_as_meetings(seen, client, language, met_only, both):
    client.force_login(seen.owner)
    heads = _cards(client, seen, language)
    assert heads[f"tian.x@{DOMAIN}"] == met_only
    assert heads[f"wang.f@{DOMAIN}"] == both


def test_the_api_counts_messages_and_meetings_apart(seen):
    from tests.api.conftest import Api

    api = Api(Client(), token_create(user=seen.owner, name="test").secret)
    items = api.get(f"/api/accounts/{seen.cn.slug}/mail/suggestions").json()["items"]
    counts = {s["email"]: (s["messages"], s["meetings"]) for s in items}
    assert counts == {f"tian.x@{DOMAIN}": (0, 1), f"wang.f@{DOMAIN}": (2, 1)}


def test_a_pending_person_made_before_takes_the_current_words(seen, client):
    """As one made before the meetings were counted apart: "only 1 message seen", 1 message."""
    tian = Suggestion.objects.get(account=seen.cn, kind="person", email=f"tian.x@{DOMAIN}")
    Suggestion.objects.filter(pk=tian.pk).update(
        message_count=1, meeting_count=0, evidence=[{"code": "few_messages", "params": {"count": 1}}]
    )
    client.force_login(seen.owner)
    assert _cards(client, seen, "en")[f"tian.x@{DOMAIN}"] == "Evidence · 1 message"
    suggestions_refresh(result=account_inference(seen.cn))
    page = client.get(f"/accounts/{seen.cn.slug}/mail/", headers={"Accept-Language": "en"}).content.decode()
    assert _cards(client, seen, "en")[f"tian.x@{DOMAIN}"] == "Evidence · 1 meeting"
    card = page.split(f"tian.x@{DOMAIN}")[1].split("</tbody>")[0]
    assert "only seen in 1 meeting" in card and "only 1 message seen" not in card


HISTORY = {  # language: (田新's, met only in the meeting; 王芳's, in it and in two messages)
    "en": (
        "inferred from 1 meeting, accepted by alice",
        "inferred from 2 messages, 1 meeting, accepted by alice",
    ),
    "zh-hans": ("根据 1 场会议推断，由 alice 采纳", "根据 2 封邮件、1 场会议推断，由 alice 采纳"),
}


def test_an_accepted_person_s_history_says_what_they_were_seen_in(seen, client):
    client.force_login(seen.owner)
    people = {
        email: suggestion_accept(
            suggestion=Suggestion.objects.get(account=seen.cn, kind=Suggestion.Kind.PERSON, email=email),
            user=seen.owner,
        )
        for email in (f"tian.x@{DOMAIN}", f"wang.f@{DOMAIN}")
    }
    for language, (met_only, both) in HISTORY.items():
        pages = {
            email: client.get(
                f"/accounts/{seen.cn.slug}/people/{person.pk}/", headers={"Accept-Language": language}
            ).content.decode()
            for email, person in people.items()
        }
        assert met_only in pages[f"tian.x@{DOMAIN}"] and "1 messages" not in pages[f"tian.x@{DOMAIN}"]
        assert both in pages[f"wang.f@{DOMAIN}"]
