"""One e-mail is one person's on an account, compared as io.matching.email_key on every road — also for
letters beyond A–Z, which SQLite's lower() leaves as they are (Ü ≠ ü there)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.mail.selectors.people import person_index
from battlemap.people.models import Person
from battlemap.people.services import person_create
from tests import factories as f

from .files import csv_bytes


@pytest.fixture
def account(db):
    return f.account(owner=f.user("c"), slug="buero", name="Büro GmbH")


@pytest.mark.parametrize(
    "first, second",
    [("Ana@BÜRO.de", "ana@büro.de"), ("elodie@ÉCOLE.fr", "ELODIE@école.fr"), ("ana@x.com", "ANA@X.COM")],
)
def test_a_second_person_with_the_same_e_mail_in_another_case_is_refused(account, first, second):
    person_create(account=account, name="Ana One", email=first)
    with pytest.raises(ValidationError) as exc:
        person_create(account=account, name="Ana Two", email=second)
    assert "email" in exc.value.message_dict and "Ana One" in exc.value.message_dict["email"][0]
    [person] = Person.objects.filter(account=account)
    assert person_index(account).by_email[person.email.lower()].name == "Ana One"


def test_a_file_giving_a_new_person_the_e_mail_of_another_in_another_case_is_refused_by_row(account):
    person_create(account=account, name="Jürgen Müller", email="J.MUELLER@BÜRO.DE")
    rows = [["Name", "Email"], ["Søren Ørsted", "j.mueller@büro.de"]]
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=csv_bytes(rows, "utf-8"), filename="people.csv")
    [problem] = exc.value.problems
    assert (problem.row, problem.column) == (2, "email") and "Jürgen Müller" in problem.message("en")
    assert Person.objects.filter(account=account).count() == 1


def test_an_unchanged_e_mail_of_a_person_is_theirs_not_taken(account):
    person = person_create(account=account, name="Ana One", email="Ana@BÜRO.de")
    person.full_clean()  # saving the person again does not find their own e-mail "taken"
