"""A handover is an access change: the account's audit log shows it once, naming the old and the new owner,
whichever road handed it over (the web's form, the API, the CLI)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from battlemap.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _audit_page(client, user) -> str:
    client.force_login(user)  # the new owner: the old one no longer reads the log
    page = client.get("/accounts/guodian/audit/")
    assert page.status_code == 200
    return re.sub(r"\s+", " ", page.content.decode())


def _entries(world) -> list[str]:
    with translation.override("en"):
        return [e.detail for e in AuditEntry.objects.filter(account=world.cn, action="access")]


def test_a_handover_on_the_web_is_in_the_audit_log(client, world):
    client.force_login(world.owner)
    response = client.post("/accounts/guodian/handover/", {"to": world.teammate.pk, "note": "moving north"})
    assert response.status_code == 302
    assert "负责人 alice → bob" in _audit_page(client, world.teammate)
    assert _entries(world) == ["owner alice → bob"]


def test_a_handover_over_the_api_is_in_the_audit_log(client, world, owner_api):
    response = owner_api.post("/api/accounts/guodian/handover", {"to": "bob", "note": "moving north"})
    assert response.status_code == 200
    assert "负责人 alice → bob" in _audit_page(client, world.teammate)
    assert _entries(world) == ["owner alice → bob"]


def test_a_handover_from_the_cli_is_in_the_audit_log(world):
    call_command("handover", "guodian", "--to", "bob", "--note", "moving north")
    assert _entries(world) == ["owner alice → bob"]
