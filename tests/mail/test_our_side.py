"""An interaction with us needs someone of ours in it (tester B1): mail among the customer's own people, uploaded
with "our domains" left empty, had become 3,173 interactions "with us" — last contact 2002 on the coverage,
"9101 days since last contact" — while the mail page said their relationship with us was 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from battlemap.interactions.models import Interaction
from battlemap.mail.models import MailItem
from battlemap.mail.selectors.records import mail_domains
from battlemap.mail.services import mail_ingest
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f

pytestmark = pytest.mark.django_db
CUSTOMER = "enron.example"


def _message(i: int, sender: str, to: list[str]) -> str:
    return (
        f"From {sender} Tue Sep  1 09:00:00 2001\n"
        f"From: {sender}\nTo: {', '.join(to)}\n"
        f"Date: Tue, 0{i + 1} Sep 2001 09:00:00 +0000\nSubject: Trading note {i}\n"
        f"Message-ID: <our-side-{i}@{CUSTOMER}>\n\n.\n\n"
    )


def _archive(folder: Path) -> Path:
    """Three messages among the customer's people, one from our seller to them."""
    mbox = folder / "ena.mbox"
    among = [
        (f"phillip@{CUSTOMER}", [f"tana@{CUSTOMER}"]),
        (f"tana@{CUSTOMER}", [f"mark@{CUSTOMER}", f"phillip@{CUSTOMER}"]),
        (f"mark@{CUSTOMER}", [f"tana@{CUSTOMER}"]),
        ("wang.qiang@ourco.example", [f"mark@{CUSTOMER}"]),
    ]
    mbox.write_text("".join(_message(i, s, to) for i, (s, to) in enumerate(among)), encoding="utf-8")
    return mbox


def _ingest(world, tmp_path, user=None, **options):  # noqa: ANN001
    for local in ("phillip", "tana", "mark"):
        f.person(account=world.en, name=local.title(), email=f"{local}@{CUSTOMER}")
    return mail_ingest(account=world.en, paths=[_archive(tmp_path)], user=user, **options)


def test_without_our_domains_the_customers_own_mail_makes_no_interaction(world, tmp_path):
    report = _ingest(world, tmp_path)
    assert report.interactions == 0
    assert not Interaction.objects.filter(account=world.en).exists()
    assert report.skipped["internal"] == 4  # our seller's too: nobody of ours is known
    assert MailItem.objects.filter(account=world.en).count() == 4  # kept for inference
    assert "Our domains are not known" in summary_of(report)


def test_the_uploading_users_domain_is_ours(world, tmp_path):
    world.owner.email = "Wang.Qiang@OurCo.example"
    world.owner.save()
    report = _ingest(world, tmp_path, user=world.owner)
    (interaction,) = Interaction.objects.filter(account=world.en)
    assert interaction.summary == "Trading note 3"
    assert report.skipped["internal"] == 3
    assert mail_domains(world.en)[0] == ["ourco.example"]  # remembered: inference reads the same side
    assert "ourco.example is ours" in summary_of(report)


def test_a_public_mail_address_does_not_make_its_service_ours(world, tmp_path):
    world.owner.email = "wangqiang@qq.com"
    world.owner.save()
    report = _ingest(world, tmp_path, user=world.owner)
    assert report.interactions == 0 and report.our_domains == []


def test_with_our_domains_given_only_mail_with_us_is_an_interaction(world, tmp_path):
    report = _ingest(world, tmp_path, our_domains=["ourco.example"])
    assert report.interactions == 1 and report.skipped["internal"] == 3
    assert "Our domains are not known" not in summary_of(report)


def test_one_of_our_users_in_the_mail_makes_it_an_interaction_without_domains(world, tmp_path):
    world.teammate.email = "wang.qiang@ourco.example"
    world.teammate.save()
    report = _ingest(world, tmp_path)
    (interaction,) = Interaction.objects.filter(account=world.en)
    assert list(interaction.our_participants.values_list("user", flat=True)) == [world.teammate.pk]
    assert report.interactions == 1
