"""A seller's own mailbox uploaded with no domains known (review h4 #1): the commonest domain in it is ours, not
the customer's, for the seller's one address is in every message; a customer's own archive, its domain in every
message too but none of its people, makes nothing ours (review h1b #1); suggestions about our own people are withdrawn and refused once our domain is known. A person
accepted from mail and deleted since is suggested again (#2); accept-all from N% takes what the page shows at
N% (#3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.cache import account_inference
from battlemap.mail.models import MailDomains, Suggestion
from battlemap.mail.selectors.records import mail_domains
from battlemap.mail.services import (
    SuggestionError,
    mail_ingest,
    suggestion_accept,
    suggestions_accept_above,
    suggestions_refresh,
)
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.people.services import person_delete
from tests import factories as f

pytestmark = pytest.mark.django_db
OURS, THEIRS = "ourco.example", "jnjm.example"
SELLER = f"wu.xiaoming@{OURS}"
CUSTOMER = [f"li.na@{THEIRS}", f"zhao.lei@{THEIRS}", f"sun.lei@{THEIRS}"]
COLLEAGUES = [f"ma.jun@{OURS}", f"gao.peng@{OURS}"]


def _mbox(path: Path, pairs: list[tuple[str, str | list[str]]]) -> Path:
    """An mbox of one message a day from 1 September 2026, each (sender, recipients)."""
    path.write_text(
        "".join(
            f"From {sender} Tue Sep  1 09:00:00 2026\nFrom: {sender}\n"
            f"To: {to if isinstance(to, str) else ', '.join(to)}\n"
            f"Date: Tue, {i + 1:02d} Sep 2026 09:00:00 +0800\nSubject: 方案澄清 {i}\n"
            f"Message-ID: <{path.stem}-{i}@x>\n\n.\n\n"
            for i, (sender, to) in enumerate(pairs)
        ),
        encoding="utf-8",
    )
    return path


def _seller_mailbox(folder: Path) -> Path:
    """20 messages, every one the seller's: 8 to the customer (a colleague on cc), 7 from them, 5 among us."""
    pairs: list[tuple[str, str | list[str]]] = []
    for i in range(20):
        if i < 8:
            pairs.append((SELLER, [CUSTOMER[i % 3], COLLEAGUES[i % 2]]))
        elif i < 15:
            pairs.append((CUSTOMER[i % 3], [SELLER, CUSTOMER[(i + 1) % 3]]))
        else:
            pairs.append((COLLEAGUES[i % 2], [SELLER]))
    return _mbox(folder / "wu_outlook.mbox", pairs)


def test_a_sellers_own_mailbox_makes_its_domain_ours_and_suggests_no_colleague(world, tmp_path):
    account = f.account(owner=world.owner, slug="seller")
    report = mail_ingest(account=account, paths=[_seller_mailbox(tmp_path)], user=world.owner)
    suggestions_refresh(result=account_inference(account))
    assert mail_domains(account) == ([OURS], [THEIRS])
    # the owner's address is named: it is what the rule read (review h1b #1: a domain alone is no owner)
    assert f"{OURS} is ours: {SELLER}, the mailbox's owner, is in nearly every message" in summary_of(report)
    people = set(Suggestion.objects.filter(account=account, kind="person").values_list("email", flat=True))
    assert people and not {e for e in people if e.endswith(OURS)}
    assert Interaction.objects.filter(account=account).exists()  # our mail with the customer counts


def test_a_customers_own_archive_makes_no_domain_ours(world, tmp_path):
    mbox = _mbox(tmp_path / "inside.mbox", [(CUSTOMER[i % 3], CUSTOMER[(i + 1) % 3]) for i in range(20)])
    account = f.account(owner=world.owner, slug="inside")
    mail_ingest(account=account, paths=[mbox])
    assert mail_domains(account) == ([], [THEIRS])


HDNY = [f"{n}@hdny.example" for n in ("ljh", "wf", "cj", "zm", "sq")]
OUR_SELLER = "li@ourco.example"


def _customers_archive(folder: Path) -> Path:
    """A customer contact's forwarded project folder (review h1b #1): 14 messages among five of its people, 4 of
    theirs to our seller, 2 from a competitor. Their domain is in every message, no one of them in nearly all."""
    pairs = [(HDNY[i % 5], HDNY[(i + 2) % 5]) for i in range(14)]
    pairs += [(HDNY[i], OUR_SELLER) for i in range(4)] + [("rep@rival.example", HDNY[3])] * 2
    return _mbox(folder / "cust.mbox", pairs)


def test_a_customers_forwarded_archive_takes_no_domain_as_ours_and_says_how_to_give_it(world, tmp_path):
    account = f.account(owner=world.owner, slug="hb2")
    assert not world.owner.email  # nothing else says which side is ours
    report = mail_ingest(account=account, paths=[_customers_archive(tmp_path)], user=world.owner)
    suggestions_refresh(result=account_inference(account))
    assert mail_domains(account) == ([], ["hdny.example"])  # nothing guessed is remembered as ours
    summary = summary_of(report)
    assert "hdny.example is in nearly every message but no one address is" in summary
    assert "give our domains (Our domains on the upload form, --our-domain to mail-ingest" in summary
    assert not Interaction.objects.filter(account=account).exists()  # no mail "with us" among their people
    people = set(Suggestion.objects.filter(account=account, kind="person").values_list("email", flat=True))
    assert people and people <= set(HDNY)  # the customer's people, never our seller


def test_suggestions_at_a_domain_now_ours_are_withdrawn_and_refused(world, tmp_path):
    account = f.account(owner=world.owner, slug="seller")
    mail_ingest(account=account, paths=[_seller_mailbox(tmp_path)], our_domains=["other.example"])
    MailDomains.objects.filter(account=account).update(ours=["other.example"], customer=[])
    colleague = Suggestion.objects.create(account=account, kind="person", email=COLLEAGUES[0], name="马骏")
    mail_ingest(account=account, paths=[_seller_mailbox(tmp_path)], our_domains=[OURS])  # corrected
    with pytest.raises(SuggestionError, match=f"{COLLEAGUES[0]} is at one of our own domains"):
        suggestion_accept(suggestion=colleague, user=world.owner)
    assert not account.people.filter(email=COLLEAGUES[0]).exists()
    suggestions_refresh(result=account_inference(account))
    assert not Suggestion.objects.filter(pk=colleague.pk).exists()


def test_a_person_accepted_from_mail_and_deleted_is_suggested_again(world):
    account = world.cn
    boss = f.person(account=account, name="王喆", email=f"wang.zhe@{THEIRS}")
    new = Suggestion.objects.create(account=account, kind="person", email=CUSTOMER[0], name="李娜")
    line = Suggestion.objects.create(
        account=account, kind="reports_to", email=CUSTOMER[0], name="李娜", value=boss.email, probability=0.9
    )
    person = suggestion_accept(suggestion=new, user=world.owner)
    person_delete(person=person)
    new.refresh_from_db()
    assert new.state == Suggestion.State.PENDING  # the page and the API list it to accept again
    with pytest.raises(SuggestionError, match="Accept the suggested person 李娜 first"):
        suggestion_accept(suggestion=line, user=world.owner)
    suggestion_accept(suggestion=new, user=world.owner)
    assert suggestion_accept(suggestion=line, user=world.owner).reports_to == boss


@pytest.mark.parametrize("probability", [0.8268, 0.825])
def test_accept_all_from_a_percent_takes_the_lines_the_page_shows_at_it(world, client, probability):
    account = world.cn
    boss = f.person(account=account, name="王喆", email=f"wang.zhe@{THEIRS}")
    zhao = f.person(account=account, name="赵磊", email=CUSTOMER[1])
    line = Suggestion.objects.create(
        account=account,
        kind="reports_to",
        email=zhao.email,
        name="赵磊",
        value=boss.email,
        probability=probability,
    )
    client.force_login(world.owner)
    assert "83%" in client.get(f"/accounts/{account.slug}/mail/").content.decode()
    report = suggestions_accept_above(account=account, user=world.owner, percent=83)
    assert [s.pk for s in report.done] == [line.pk]
    zhao.refresh_from_db()
    assert zhao.reports_to == boss


def test_a_contacts_own_mailbox_of_mail_inside_their_company_takes_nothing_as_ours(world, tmp_path):
    mbox = _mbox(tmp_path / "ljh.mbox", [(HDNY[0], HDNY[1 + i % 4]) for i in range(12)])  # nobody outside
    account = f.account(owner=world.owner, slug="ljh")
    report = mail_ingest(account=account, paths=[mbox], user=world.owner)
    assert mail_domains(account) == ([], ["hdny.example"])
    assert f"{HDNY[0]} is in nearly every message, but nearly all of them stay inside hdny.example" in (
        summary_of(report)
    )
