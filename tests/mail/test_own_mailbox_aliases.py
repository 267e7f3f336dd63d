"""A seller's own archive where no one address is in nearly every message (review h2c #2): every message also on
copy to a team address of ours, or the seller writing from two aliases. It gave 0 interactions, every message "the
customer's internal mail", though the customer's domain was known from the account's people; now the one other
domain in nearly every message is ours (with the customer's unknown: the one domain whose addresses together are,
mostly with another domain). A customer's own archive still makes nothing ours (tests/mail/test_own_mailbox.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from battlemap.interactions.models import Interaction
from battlemap.mail.selectors.records import mail_domains
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

pytestmark = pytest.mark.django_db
SAM, SAM_TOO, TEAM = "sam@ours.example", "sam.seller@ours.example", "sales-team@ours.example"
NORTHWIND = [f"{n}@northwind.example" for n in ("grace.lee", "james.w", "aisha.khan", "tom.b", "li.wei")]


def _sellers_mbox(path: Path, seller: list[str], cc: str = "") -> Path:
    """20 messages, one a day, half from the seller (`seller[i % len]` by pairs), half to them, each with one of
    five northwind people; each on copy to `cc` if given."""
    messages = []
    for i in range(20):
        ours, theirs = seller[(i // 2) % len(seller)], NORTHWIND[i % 5]
        sender, to = (ours, theirs) if i % 2 else (theirs, ours)
        messages.append(
            f"From {sender} Tue Sep  1 09:00:00 2026\nFrom: {sender}\nTo: {to}\n"
            + (f"Cc: {cc}\n" if cc else "")
            + f"Date: Tue, {i + 1:02d} Sep 2026 09:00:00 +0000\nSubject: Fleet rollout {i}\n"
            f"Message-ID: <{path.stem}-{i}@x>\n\nSee the plan.\n\n"
        )
    path.write_text("".join(messages), encoding="utf-8")
    return path


def _northwind(world, slug: str):  # noqa: ANN001, ANN202
    account = f.account(owner=world.owner, slug=slug)
    for email in NORTHWIND[:2]:
        f.person(account=account, email=email)
    return account


@pytest.mark.parametrize(
    ("seller", "cc", "named"),
    [([SAM], TEAM, f"({TEAM}, {SAM})"), ([SAM, SAM_TOO], "", f"({SAM_TOO}, {SAM})")],
    ids=["team-cc", "two-aliases"],
)
def test_a_sellers_archive_with_the_customer_known_makes_the_other_domain_ours(
    world, tmp_path, seller, cc, named
):
    account = _northwind(world, "nw")
    assert not world.owner.email  # nothing but the archive says which side is ours
    report = mail_ingest(
        account=account, paths=[_sellers_mbox(tmp_path / "sam.mbox", seller, cc)], user=world.owner
    )
    assert mail_domains(account) == (["ours.example"], ["northwind.example"])
    assert Interaction.objects.filter(account=account).count() == 20
    assert f"ours.example is ours: it is in nearly every message {named} and is not the customer's" in (
        summary_of(report)
    )
    with translation.override("zh-hans"):
        assert "ours.example 是我方域名：几乎每封邮件都有它（" in summary_of(report)


@pytest.mark.parametrize(
    ("seller", "cc"), [([SAM], TEAM), ([SAM, SAM_TOO], "")], ids=["team-cc", "two-aliases"]
)
def test_a_sellers_archive_with_the_customer_unknown_makes_the_aliases_domain_ours(
    world, tmp_path, seller, cc
):
    account = f.account(owner=world.owner, slug="nw-new")  # no people yet, no domains given
    report = mail_ingest(
        account=account, paths=[_sellers_mbox(tmp_path / "sam.mbox", seller, cc)], user=world.owner
    )
    assert mail_domains(account) == (["ours.example"], ["northwind.example"])
    assert Interaction.objects.filter(account=account).count() == 20
    assert "ours.example is ours: its addresses" in summary_of(report)
    assert "are together in nearly every message, most of them with another domain" in summary_of(report)
