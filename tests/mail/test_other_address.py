"""A name never matches a person on the map whose e-mail is another (tester: the chairman Liu Jianguo,
liu.jg@hdny.example, a decision maker, counted as met by a meeting with a `CN=Liu Jianguo` at
jianguo.liu@hdny.example — the flag gone, no suggestion). The people import's rule (`emails_differ`): two
e-mails make two people. The address is suggested as a new person, with a note naming the one on the map, and the
run's summary says so. A person on the map without an e-mail is still matched by name (nothing tells them apart)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.selectors.suggestions import map_notes, pending_suggestions
from battlemap.mail.services import mail_ingest, suggestions_refresh
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.maps import account_analysis
from tests import factories as f
from tests.mail.calendars import meeting_ics

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _hdny(world):  # noqa: ANN001, ANN202
    account = f.account(owner=world.owner, slug="hdny", name="HDNY")
    deal = f.deal(account=account, name="IoT platform", stage="evaluation")
    chairman = f.person(account=account, name="Liu Jianguo", email="liu.jg@hdny.example", title="Chairman")
    f.role(deal=deal, person=chairman, roles=["decision_maker"])
    return account, deal, chairman


def _meeting(tmp_path, *attendees):  # noqa: ANN001, ANN002, ANN202
    path = tmp_path / "namesake.ics"
    path.write_bytes(
        meeting_ics(uid="nm-1", start=datetime(2026, 11, 20, 2, tzinfo=UTC), attendees=list(attendees))
    )
    return path


def _ingest(account, path, customer: str = "hdny.example"):  # noqa: ANN001, ANN202
    return mail_ingest(
        account=account, paths=[path], our_domains=["ourco.example"], customer_domains=[customer], now=NOW
    )


def _flags(account, deal) -> set[str]:  # noqa: ANN001
    (analysis,) = account_analysis(account=account, lang="en", deal_id=deal.pk)["deals"]
    return {flag["code"] for flag in analysis["flags"]}


def test_a_namesake_at_another_address_is_not_the_decision_maker_and_is_suggested(world, tmp_path):
    account, deal, chairman = _hdny(world)
    path = _meeting(tmp_path, ("jianguo.liu@hdny.example", "Liu Jianguo", "ACCEPTED"))
    report = _ingest(account, path)
    assert "decision_maker_not_met" in _flags(account, deal)
    assert not Interaction.objects.filter(account=account, participants__person=chairman).exists()
    assert (
        "Named like a person on the map whose e-mail is another, so not taken as them: Liu Jianguo "
        "<jianguo.liu@hdny.example> (the map has liu.jg@hdny.example)."
    ) in summary_of(report)
    suggestions_refresh(result=account_inference(account))
    (suggestion,) = Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON)
    assert (suggestion.email, suggestion.name) == ("jianguo.liu@hdny.example", "Liu Jianguo")
    notes = map_notes(account_inference(account), list(pending_suggestions(account)))
    assert "The map already has Liu Jianguo with the e-mail liu.jg@hdny.example" in notes[suggestion.pk]


def test_a_chinese_namesake_in_a_message_is_not_attached_to_the_person_on_the_map(world, tmp_path):
    account = f.account(owner=world.owner, slug="t", name="T")
    zhang = f.person(account=account, name="张伟", email="zw@t.example")
    path = tmp_path / "m.eml"
    path.write_text(
        "From: 张伟 <zhang.wei2@t.example>\nTo: sam@ourco.example\nSubject: 报价\n"
        "Date: Wed, 4 Nov 2026 09:00:00 +0800\nMessage-ID: <zw2@t.example>\n\n见附件。\n",
        encoding="utf-8",
    )
    report = _ingest(account, path, "t.example")
    assert report.interactions == 1
    assert not Interaction.objects.filter(account=account, participants__person=zhang).exists()
    assert "张伟 <zhang.wei2@t.example> (the map has zw@t.example)" in summary_of(report)


def test_a_person_without_an_e_mail_is_still_matched_by_name(world, tmp_path):
    account, _deal, _chairman = _hdny(world)
    wang = f.person(account=account, name="Wang Fang", email="")
    path = _meeting(tmp_path, ("wang.fang@hdny.example", "Wang Fang", "ACCEPTED"))
    report = _ingest(account, path)
    assert Interaction.objects.filter(account=account, participants__person=wang).exists()
    assert "whose e-mail is another" not in summary_of(report)
