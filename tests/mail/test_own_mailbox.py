"""A seller's own mailbox uploaded with no domains known (review h4 #1): the commonest domain in it is ours, not
the customer's; suggestions about our own people are withdrawn and refused once our domain is known. A person
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
from battlemap.people.services import person_delete
from tests import factories as f

pytestmark = pytest.mark.django_db
OURS, THEIRS = "ourco.example", "jnjm.example"
SELLER = f"wu.xiaoming@{OURS}"
CUSTOMER = [f"li.na@{THEIRS}", f"zhao.lei@{THEIRS}", f"sun.lei@{THEIRS}"]
COLLEAGUES = [f"ma.jun@{OURS}", f"gao.peng@{OURS}"]


def _seller_mailbox(folder: Path) -> Path:
    """20 messages, every one the seller's: 8 to the customer (a colleague on cc), 7 from them, 5 among us."""
    messages = []
    for i in range(20):
        if i < 8:
            sender, to = SELLER, [CUSTOMER[i % 3], COLLEAGUES[i % 2]]
        elif i < 15:
            sender, to = CUSTOMER[i % 3], [SELLER, CUSTOMER[(i + 1) % 3]]
        else:
            sender, to = COLLEAGUES[i % 2], [SELLER]
        messages.append(
            f"From {sender} Tue Sep  1 09:00:00 2026\nFrom: {sender}\nTo: {', '.join(to)}\n"
            f"Date: Tue, {i + 1:02d} Sep 2026 09:00:00 +0800\nSubject: MES {i}\n"
            f"Message-ID: <seller-{i}@x>\n\n.\n\n"
        )
    mbox = folder / "wu_outlook.mbox"
    mbox.write_text("".join(messages), encoding="utf-8")
    return mbox


def test_a_sellers_own_mailbox_makes_its_domain_ours_and_suggests_no_colleague(world, tmp_path):
    account = f.account(owner=world.owner, slug="seller")
    report = mail_ingest(account=account, paths=[_seller_mailbox(tmp_path)], user=world.owner)
    suggestions_refresh(result=account_inference(account))
    assert mail_domains(account) == ([OURS], [THEIRS])
    assert f"{OURS} is ours: it is in nearly every message" in report.summary()
    people = set(Suggestion.objects.filter(account=account, kind="person").values_list("email", flat=True))
    assert people and not {e for e in people if e.endswith(OURS)}
    assert Interaction.objects.filter(account=account).exists()  # our mail with the customer counts


def test_a_customers_own_archive_makes_no_domain_ours(world, tmp_path):
    mbox = tmp_path / "inside.mbox"
    mbox.write_text(
        "".join(
            f"From a@x Tue Sep  1 09:00:00 2026\nFrom: {CUSTOMER[i % 3]}\nTo: {CUSTOMER[(i + 1) % 3]}\n"
            f"Date: Tue, {i + 1:02d} Sep 2026 09:00:00 +0800\nSubject: s{i}\nMessage-ID: <in-{i}@x>\n\n.\n\n"
            for i in range(20)
        ),
        encoding="utf-8",
    )
    account = f.account(owner=world.owner, slug="inside")
    mail_ingest(account=account, paths=[mbox])
    assert mail_domains(account) == ([], [THEIRS])


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
