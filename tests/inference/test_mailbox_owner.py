"""Whose mailbox an archive is (`inference.domains.mailbox_owner`): one address in nearly every message, not one
domain (review h1b #1: a customer's own archive has its domain in every message and made it ours)."""

from __future__ import annotations

from battlemap.inference.domains import MailboxOwner, mailbox_owner
from battlemap.io.mail.records import Address, MessageRecord


def _archive(pairs: list[tuple[str, str]]) -> list[MessageRecord]:
    return [
        MessageRecord(uid=f"m{i}", kind="email", occurred_at=None, sender=Address(a), to=(Address(b),))
        for i, (a, b) in enumerate(pairs)
    ]


def test_a_sellers_one_address_in_every_message_makes_its_domain_ours():
    seller, customer = "wu@ourco.com", ["li@jnjm.cn", "zhao@jnjm.cn", "sun@jnjm.cn"]
    pairs = [(seller, customer[i % 3]) for i in range(12)] + [("ma@ourco.com", seller)] * 4
    assert mailbox_owner(_archive(pairs)) == MailboxOwner(address=seller, domain="ourco.com")


def test_a_customers_archive_with_its_domain_everywhere_and_no_one_in_nearly_all_makes_nothing_ours():
    people = [f"{n}@hdny.cn" for n in ("ljh", "wf", "cj", "zm", "sq")]
    pairs = [(people[i % 5], people[(i + 2) % 5]) for i in range(14)]
    pairs += [(people[i], "li@ourco.com") for i in range(4)] + [("rep@rival.cn", people[3])] * 2
    assert mailbox_owner(_archive(pairs)) == MailboxOwner(unsure="hdny.cn")


def test_two_people_in_every_message_say_nothing_of_whose_mailbox_it_is():
    # a thread between our seller and one contact: either could have forwarded it
    pairs = [("wu@ourco.com", "li@jnjm.cn"), ("li@jnjm.cn", "wu@ourco.com")] * 6
    assert mailbox_owner(_archive(pairs)).domain == ""


def test_the_customers_domain_once_known_leaves_the_seller_the_one_owner():
    pairs = [("wu@ourco.com", "li@jnjm.cn"), ("li@jnjm.cn", "wu@ourco.com")] * 6
    assert mailbox_owner(_archive(pairs), never=["jnjm.cn"]).domain == "ourco.com"


def test_one_person_writing_nearly_only_inside_their_company_is_nobody_known_to_be_ours():
    # a customer contact's own mailbox: them in every message, with their colleagues nearly always
    colleagues = ["wf@hdny.cn", "cj@hdny.cn", "zm@hdny.cn"]
    pairs = [("ljh@hdny.cn", colleagues[i % 3]) for i in range(10)] + [("rep@rival.cn", "ljh@hdny.cn")]
    assert mailbox_owner(_archive(pairs)) == MailboxOwner(address="ljh@hdny.cn", unsure="hdny.cn")
