"""A person with data everywhere the installation keeps any: edits in history, interactions, a deal role,
an influence link, action items, comments, mail records and suggestions — the subject of the privacy tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from battlemap.comments.services import comment_create
from battlemap.core.history_stamp import recorded
from battlemap.mail.models import MailItem, Suggestion
from battlemap.people import services as people
from tests import factories as f

NAME = "Ottilie Quarrington"
OLD_NAME = "Ottilie Q."
EMAIL = "ottilie.q@guodian.example"
OLD_EMAIL = "oq@old.example"
PHONE = "+86 139 1234 5678"
NOTES = "Plays go on Sundays with the minister's brother-in-law"
SECRETS = (NAME, OLD_NAME, EMAIL, OLD_EMAIL, PHONE, "13912345678", NOTES)


@dataclass
class Subject:
    person: object
    colleague: object  # reports to her
    earlier: object  # a moment before the last edits


def make_subject(world) -> Subject:
    cn = world.cn
    cn.history.update(history_date=timezone.now() - timezone.timedelta(days=60))  # the account is older
    with recorded(at=timezone.now() - timezone.timedelta(days=30)):
        person = people.person_create(
            account=cn, name=OLD_NAME, email=OLD_EMAIL, title="CIO", reports_to=world.cn_boss
        )
    earlier = timezone.now() - timezone.timedelta(days=10)
    person = people.person_update(
        person=person, version=person.version, name=NAME, email=EMAIL, phone=PHONE, notes=NOTES,
        personal_win="a promotion", duties="runs IT",
    )  # fmt: skip
    colleague = people.person_create(
        account=cn, name="Hans Brinker", reports_to=person, notes=f"Works for {NAME}, mobile 13912345678"
    )
    f.role(deal=world.cn_deal, person=person, roles=["influencer"], personal_win=f"{NAME} wants a budget")
    f.link(source=person, target=world.cn_boss, note="golf partner of 王建国")
    f.action(deal=world.cn_deal, person=person, text=f"Call {NAME} on {PHONE}")
    f.interaction(account=cn, people=[person, colleague], summary=f"Lunch with {NAME}; wrote to {EMAIL}")
    comment_create(account=cn, author=world.owner, person=person, body="She prefers tea")
    comment_create(account=cn, author=world.owner, deal=world.cn_deal, body=f"Ask {NAME} about the budget")
    MailItem.objects.create(
        account=cn, uid="<m1@guodian>", sender_email=EMAIL, sender_name=NAME, subject="Budget",
        recipients=[["boss@guodian.example", "王建国", "to"]], signature_phone=PHONE,
    )  # fmt: skip
    MailItem.objects.create(
        account=cn, uid="<m2@guodian>", sender_email="boss@guodian.example", sender_name="王建国",
        subject=f"Re: {NAME}'s plan", recipients=[[EMAIL, NAME, "to"], ["hans@guodian.example", "Hans", "cc"]],
    )  # fmt: skip
    Suggestion.objects.create(account=cn, kind="title", email=EMAIL, name=NAME, value="CTO", probability=0.7)
    Suggestion.objects.create(
        account=cn, kind="reports_to", email="hans@guodian.example", name="Hans", value=EMAIL, probability=0.6
    )
    return Subject(person, colleague, earlier)
