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


# A seller's own archive where no one address is in nearly every message (review h2c #2): a team address of ours on
# copy of every message, or the seller writing from two aliases, with five people of the customer.
SAM, SAM_TOO, TEAM = "sam@ours.example", "sam.seller@ours.example", "sales-team@ours.example"
NORTHWIND = [f"{n}@northwind.example" for n in ("grace", "james", "aisha", "tom", "li")]


def _sellers(seller: list[str], cc: tuple[str, ...] = ()) -> list[MessageRecord]:
    """20 messages, half from the seller (`seller[i % len]`), half to them, each with one customer person."""
    records = []
    for i in range(20):
        ours, theirs = Address(seller[(i // 2) % len(seller)]), Address(NORTHWIND[i % 5])
        sender, to = (ours, theirs) if i % 2 else (theirs, ours)
        records.append(
            MessageRecord(
                uid=f"s{i}",
                kind="email",
                occurred_at=None,
                sender=sender,
                to=(to,),
                cc=tuple(map(Address, cc)),
            )
        )
    return records


def test_a_team_address_on_copy_of_every_message_leaves_ours_the_one_domain_beside_the_known_customers():
    owner = mailbox_owner(_sellers([SAM], cc=(TEAM,)), customer=["northwind.example"])
    assert (owner.domain, owner.rule, set(owner.addresses)) == ("ours.example", "domain", {SAM, TEAM})


def test_a_seller_writing_from_two_aliases_leaves_ours_the_one_domain_beside_the_known_customers():
    owner = mailbox_owner(_sellers([SAM, SAM_TOO]), customer=["northwind.example"])
    assert (owner.domain, owner.rule, set(owner.addresses)) == ("ours.example", "domain", {SAM, SAM_TOO})


def test_aliases_or_a_team_address_with_the_customer_unknown_make_their_domain_ours():
    for records in (_sellers([SAM], cc=(TEAM,)), _sellers([SAM, SAM_TOO])):
        owner = mailbox_owner(records)
        assert (owner.domain, owner.rule) == ("ours.example", "aliases")


def test_aliases_on_both_sides_with_the_customer_unknown_say_nothing_of_whose_mailbox_it_is():
    # two of ours and two of theirs, each in half the messages: either side's archive
    records = [
        MessageRecord(
            uid=f"b{i}",
            kind="email",
            occurred_at=None,
            sender=Address([SAM, SAM_TOO][i % 2]),
            to=(Address(NORTHWIND[(i // 2) % 2]),),
        )
        for i in range(20)
    ]
    assert mailbox_owner(records).domain == ""


def test_a_customers_archive_of_two_people_mostly_among_themselves_makes_nothing_ours():
    # their two addresses cover every message, but only 6 of 20 go outside: their own archive, not a seller's
    pairs = [(NORTHWIND[i % 2], NORTHWIND[2 + i % 3]) for i in range(14)]
    pairs += [(NORTHWIND[i % 2], SAM) for i in range(6)]
    assert mailbox_owner(_archive(pairs)) == MailboxOwner(unsure="northwind.example")
