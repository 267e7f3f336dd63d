"""The admin is the administrators' (superusers') only. Django lets any staff user in with the model permissions
given to them: a trial gave a sales manager staff status with "view person", "add user" and "change user" (so he
could add colleagues) — he read every account's people past the app's access gate and ticked "Superuser status"
on himself. Staff status and model permissions now open nothing, and the user form no longer offers them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from battlemap.people.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_staff_user_with_model_permissions_is_kept_out_of_the_admin(client, world):
    wangli = f.user("wangli", is_staff=True)
    wangli.user_permissions.set(
        Permission.objects.filter(codename__in=["view_person", "add_user", "change_user"])
    )
    f.person(account=world.cn, name="王秘密")
    client.force_login(wangli)
    for url in (
        reverse("admin:index"),
        reverse("admin:people_person_changelist"),
        reverse("admin:auth_user_change", args=[wangli.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        assert "王秘密" not in response.content.decode()
    response = client.post(
        reverse("admin:auth_user_change", args=[wangli.pk]),
        {"username": "wangli", "is_active": "on", "is_superuser": "on"},
    )
    wangli.refresh_from_db()
    assert response.status_code == 302 and not wangli.is_superuser


def test_a_superuser_uses_the_admin_and_its_user_form_shows_what_counts(client, world):
    root = f.user("root", is_superuser=True)  # no staff status: it opens nothing and is not needed
    client.force_login(root)
    assert client.get(reverse("admin:people_person_changelist")).status_code == 200
    assert Person.objects.exists()
    page = client.get(reverse("admin:auth_user_change", args=[root.pk])).content.decode()
    assert 'name="is_superuser"' in page and 'name="is_active"' in page
    assert 'name="is_staff"' not in page and 'name="user_permissions"' not in page
    assert 'name="groups"' not in page
