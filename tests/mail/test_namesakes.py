"""A meeting attendee whose name is that of several people on the map (two 李强): not attached to either,
said so in the ingest's summary, and suggested as a new person under their own name with a warning."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import translation

from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.selectors.suggestions import map_notes, pending_suggestions
from battlemap.mail.services import mail_ingest, suggestions_refresh
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

NOW = datetime(2026, 11, 30, tzinfo=UTC)
# no ORGANIZER, as a tester's Google export of an all-day visit: the attendee's name must still be kept
MEETING = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:n1\r\nDTSTART:20261125T020000Z\r\n"
    "SUMMARY:现场拜访\r\nATTENDEE;PARTSTAT=ACCEPTED;CN=王销售:mailto:wang.sales@ours.example\r\n"
    "ATTENDEE;PARTSTAT=ACCEPTED;CN=李强:mailto:li.qiang@guodian.cn\r\n"
    "ATTENDEE;PARTSTAT=ACCEPTED;CN=张伟:mailto:zhangwei@guodian.cn\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_an_attendee_named_like_two_people_is_said_and_suggested_under_their_name(world, tmp_path):
    account = f.account(owner=world.owner, slug="gd", name="国电")
    f.person(account=account, name="李强", title="信息中心主任")
    f.person(account=account, name="李强", title="采购员")
    f.person(account=account, name="张伟", email="zhangwei@guodian.cn")
    path = tmp_path / "meeting.ics"
    path.write_text(MEETING, encoding="utf-8")
    report = mail_ingest(
        account=account, paths=[path], our_domains=["ours.example"], customer_domains=["guodian.cn"], now=NOW
    )
    assert report.namesakes == {"李强 <li.qiang@guodian.cn>"}
    assert "several people on the map: 李强 <li.qiang@guodian.cn>" in summary_of(report)
    suggestions_refresh(result=account_inference(account))
    (suggestion,) = Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON)
    assert suggestion.name == "李强"  # the attendee's name, not "li.qiang"
    notes = map_notes(account_inference(account), list(pending_suggestions(account)))
    assert "2 people named 李强" in notes[suggestion.pk]
    with translation.override("zh-hans"):
        assert "李强 <li.qiang@guodian.cn>" in summary_of(report) and "同名" in summary_of(report)
        zh_notes = map_notes(account_inference(account), list(pending_suggestions(account)))
        assert "已有 2 位名为 李强" in zh_notes[suggestion.pk]
