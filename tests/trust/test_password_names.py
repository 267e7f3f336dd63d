"""A password may not contain the user's name (docs/security.md, Passwords): "rep2rep2rep2" for user rep2 passed
Django's similarity check (a ratio of 0.5 < 0.7). Refused on every road that sets a password — the password
page, `battlemap createuser`, the admin's new-user and set-password forms — in the user's language."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from battlemap.users.services import profile_language_set
from tests import factories as f

pytestmark = pytest.mark.django_db

GOOD = "Wide-river-42"


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "The password may not contain the user name."), ("zh-hans", "密码不能包含用户名。")],
)
def test_the_password_page_refuses_the_username_repeated(client, language, said):
    rep2 = f.user("rep2", password=GOOD)
    profile_language_set(user=rep2, language=language)
    client.force_login(rep2)
    page = client.post(
        "/settings/password/",
        {"old_password": GOOD, "new_password1": "rep2rep2rep2", "new_password2": "rep2rep2rep2"},
    )
    assert page.status_code == 400 and said in page.content.decode()
    rep2.refresh_from_db()
    assert rep2.check_password(GOOD)


def test_createuser_refuses_it(settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match="--password: .*user name"):
        call_command("createuser", "rep2", "--password", "rep2rep2rep2")
    with pytest.raises(CommandError, match="--password: .*e-mail"):
        call_command("createuser", "ann", "--password", "x-Tommy.Lee-9", "--email", "tommy.lee@example.com")
    assert not User.objects.exists()


@pytest.fixture
def admin_client(settings):
    settings.LANGUAGE_CODE = "en"
    client = Client()
    client.force_login(f.user("root", is_superuser=True, is_staff=True))
    return client


def test_the_admin_refuses_it_for_a_new_user_and_a_new_password(admin_client):
    page = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "rep2",
            "usable_password": "true",
            "password1": "REP2rep2rep2",
            "password2": "REP2rep2rep2",
        },
    )
    assert page.status_code == 200 and "The password may not contain the user name." in page.content.decode()
    assert not User.objects.filter(username="rep2").exists()
    rep2 = f.user("rep2", password=GOOD)
    page = admin_client.post(
        f"/admin/auth/user/{rep2.pk}/password/", {"password1": "xrep2rep2rep2", "password2": "xrep2rep2rep2"}
    )
    assert page.status_code == 200 and "The password may not contain the user name." in page.content.decode()
    rep2.refresh_from_db()
    assert rep2.check_password(GOOD)


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("Zhang-Wei-2024", True),  # the last name "Zhang", another case
        ("xx-weiming-77", True),  # the first name
        ("mail-zw.sales-1", True),  # the e-mail's local part
        ("Wide-river-42", False),
    ],
)
def test_first_and_last_name_and_the_e_mail_count_too(password, refused):
    user = User(username="zw1", first_name="Weiming", last_name="zhang", email="zw.sales@example.com")
    if refused:
        with pytest.raises(ValidationError) as refusal:
            password_validation.validate_password(password, user)
        assert "password_contains_name" in [e.code for e in refusal.value.error_list]
    else:
        password_validation.validate_password(password, user)


def test_short_names_do_not_count():
    password_validation.validate_password("Wide-ab-river-42", User(username="ab", first_name="Wi"))
