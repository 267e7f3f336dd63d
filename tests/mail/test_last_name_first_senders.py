"""A mail display name written Outlook's "File As" way, last name first (`"Stone, Oliver" <o.stone@…>`), finds the
map's Oliver Stone (a person typed in by hand, without an e-mail) as the people import's manager cell does
(`matching.written_name_keys`): the mail joins him, and no second person "Stone Oliver" is suggested beside him.
When the map holds both orders (an Oliver Stone and a Stone Oliver), the mail joins neither and the summary says
so. The archive is what Thunderbird keeps: an mbox whose body lines starting with "From " are quoted `>From`."""

from __future__ import annotations

from datetime import UTC, datetime

from battlemap.interactions.models import Interaction
from battlemap.io.matching import name_orders, other_order
from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.selectors.suggestions import map_notes, pending_suggestions
from battlemap.mail.services import mail_ingest, suggestions_refresh
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _message(n: int, sender: str, to: str) -> str:
    return (
        f"From - Mon Nov  {n} 09:00:00 2026\r\nX-Mozilla-Status: 0001\r\nX-Mozilla-Status2: 00000000\r\n"
        f"From: {sender}\r\nTo: {to}\r\nSubject: Rollout plan {n}\r\n"
        f"Date: Mon, {n} Nov 2026 09:00:00 +0000\r\nMessage-ID: <m{n}@northwind.example>\r\n"
        "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n\r\n"
        ">From the steering meeting: the rollout starts in week 2.\r\n\r\n"
    )


def _mbox(tmp_path):
    oliver = '"Stone, Oliver" <o.stone@northwind.example>'
    sam = "Sam Seller <sam@ourco.example>"
    text = "".join(_message(n, *((oliver, sam) if n % 2 else (sam, oliver))) for n in range(1, 7))
    path = tmp_path / "Inbox"  # Thunderbird's folder file has no extension
    path.write_bytes(text.encode())
    return path


def _ingest(account, path, **kwargs):
    return mail_ingest(
        account=account,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=["northwind.example"],
        now=NOW,
        **kwargs,
    )


def test_stone_comma_oliver_joins_the_maps_oliver_stone_and_is_not_suggested_again(world, tmp_path):
    account = f.account(owner=world.owner, slug="nw-mail", name="Northwind")
    oliver = f.person(account=account, name="Oliver Stone", title="CIO")
    path = _mbox(tmp_path)
    dry = _ingest(account, path, dry_run=True)
    assert dry.interactions == 6 and dry.participants == 6
    _ingest(account, path)
    interactions = Interaction.objects.filter(account=account)
    assert interactions.count() == 6
    assert all(list(i.participants.values_list("person", flat=True)) == [oliver.pk] for i in interactions)
    suggestions_refresh(result=account_inference(account))
    assert not Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON).exists()
    assert account.people.count() == 1
    again = _ingest(account, path)
    assert again.interactions == 0 and Interaction.objects.filter(account=account).count() == 6


def test_both_orders_on_the_map_join_neither_and_the_summary_names_the_address(world, tmp_path):
    account = f.account(owner=world.owner, slug="nw-mail2", name="Northwind")
    f.person(account=account, name="Oliver Stone")
    f.person(account=account, name="Stone Oliver")
    report = _ingest(account, _mbox(tmp_path))
    assert not Interaction.objects.filter(account=account, participants__person__isnull=False).exists()
    assert "several people on the map: Stone, Oliver <o.stone@northwind.example>" in summary_of(report)
    suggestions_refresh(result=account_inference(account))
    (suggestion,) = Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON)
    notes = map_notes(account_inference(account), list(pending_suggestions(account)))
    assert "2 people named Stone Oliver" in notes[suggestion.pk]


def test_the_import_and_the_mail_read_a_name_by_one_rule():
    assert name_orders("Stone, Oliver") == ["stone oliver", "oliver stone"]
    assert name_orders("王芳") == ["王芳"]
    assert other_order("Stone Oliver") == "Oliver Stone" and other_order("王 芳") is None
