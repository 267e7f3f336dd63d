"""Export and erase one person from the web, the API and the CLI: the account owner's and the administrators'
(a teammate and a manager, who may see the account, are refused with 403; outsiders get 404); anonymous users go to the login
page (web) or get 401 (API); a wrong confirmation names its field."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from battlemap.people.models import Person
from tests import factories as f
from tests.privacy.subject import EMAIL, NAME, NOTES, make_subject
from tests.privacy.test_erase import database_dump, found


@pytest.fixture
def subject(world):
    return make_subject(world)


def _urls(person):
    base = f"/accounts/guodian/people/{person.pk}"
    return f"{base}/export/", f"{base}/erase/"


# --- web --------------------------------------------------------------------------------------------


def test_web_owner_downloads_everything_about_the_person(world, subject, client):
    client.force_login(world.owner)
    page = client.get(f"/accounts/guodian/people/{subject.person.pk}/")
    assert 'id="personal-data"' in page.content.decode()
    response = client.get(_urls(subject.person)[0])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["name"] == NAME and data["person"]["notes"] == NOTES
    assert {"Ottilie Q.", NAME} <= {row["name"] for row in data["history"]}
    assert [m["as"] for m in data["mail_records"]] == [["from"], ["to"]]
    assert {s["email"] for s in data["suggestions"]} == {EMAIL, "hans@guodian.example"}
    assert len(data["comments"]) == 2 and len(data["interactions"]) == 1
    assert data["deal_roles"][0]["roles"] == ["influencer"]
    assert data["action_items"][0]["text"].startswith("Call ")


def test_web_erase_asks_for_the_name_then_erases(world, subject, client):
    client.force_login(world.owner)
    export, erase = _urls(subject.person)
    page = client.get(erase)
    assert page.status_code == 200 and 'name="confirm"' in page.content.decode()
    wrong = client.post(erase, {"confirm": "someone else"})
    assert wrong.status_code == 422
    assert 'id="field-confirm"' in wrong.content.decode() and "has-error" in wrong.content.decode()
    assert Person.objects.get(pk=subject.person.pk).name == NAME
    done = client.post(erase, {"confirm": NAME})
    assert done.status_code == 302 and done["Location"] == "/accounts/guodian/people/"
    assert found(database_dump()) == []


@pytest.mark.parametrize("who", ["teammate", "manager", "outsider"])
def test_web_only_the_owner_may(world, subject, client, who):
    client.force_login(getattr(world, who))
    # a reader of the account is told no; an outsider learns nothing
    status = 404 if who == "outsider" else 403
    for url in _urls(subject.person):
        assert client.get(url).status_code == status
    assert client.post(_urls(subject.person)[1], {"confirm": NAME}).status_code == status
    assert Person.objects.get(pk=subject.person.pk).name == NAME
    if who != "outsider":  # they see the person, not the buttons
        assert (
            'id="personal-data"'
            not in client.get(f"/accounts/guodian/people/{subject.person.pk}/").content.decode()
        )


def test_web_an_administrator_may(world, subject, client):
    client.force_login(f.user("root", is_superuser=True))
    assert client.get(_urls(subject.person)[0]).status_code == 200


def test_web_anonymous_goes_to_the_login_page(subject, client):
    for url in _urls(subject.person):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(_urls(subject.person)[1], {"confirm": NAME}).status_code == 302
    assert Person.objects.get(pk=subject.person.pk).name == NAME


def test_a_script_in_the_name_renders_as_text(world, client):
    evil = f.person(account=world.cn, name="<script>alert(1)</script>")
    client.force_login(world.owner)
    body = client.get(_urls(evil)[1]).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


# --- API --------------------------------------------------------------------------------------------


def test_api_export_and_erase(world, subject, owner_api):
    pk = subject.person.pk
    data = owner_api.get(f"/api/people/{pk}/export").json()
    assert data["person"]["email"] == EMAIL
    bad = owner_api.post(f"/api/people/{pk}/erase", {"confirm": "nope"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "confirm"
    missing = owner_api.post(f"/api/people/{pk}/erase", {})
    assert missing.status_code == 422
    done = owner_api.post(f"/api/people/{pk}/erase", {"confirm": NAME})
    assert done.status_code == 200 and done.json()["placeholder"] is True
    assert found(database_dump()) == []


def test_api_outsiders_viewers_and_anonymous(world, subject, outsider_api, manager_api, anon_api):
    pk = subject.person.pk
    for api, status in ((outsider_api, 404), (manager_api, 403)):
        assert api.get(f"/api/people/{pk}/export").status_code == status
        assert api.post(f"/api/people/{pk}/erase", {"confirm": NAME}).status_code == status
    assert anon_api.get(f"/api/people/{pk}/export").status_code == 401
    assert anon_api.post(f"/api/people/{pk}/erase", {"confirm": NAME}).status_code == 401
    assert Person.objects.get(pk=pk).name == NAME


# --- CLI --------------------------------------------------------------------------------------------


def test_cli_export_and_erase(world, subject, capsys, tmp_path):
    pk = subject.person.pk
    call_command("person-export", "guodian", str(pk))
    assert json.loads(capsys.readouterr().out)["person"]["name"] == NAME
    call_command("person-export", "guodian", str(pk), "-o", str(tmp_path / "p.json"), "--user", "alice")
    assert json.loads((tmp_path / "p.json").read_text())["person"]["phone"]
    with pytest.raises(CommandError, match="--yes"):
        call_command("person-erase", "guodian", str(pk))
    with pytest.raises(CommandError, match="'bob' (may not do this on|不能对) 'guodian'"):
        call_command("person-erase", "guodian", str(pk), "--yes", "--user", "bob")
    with pytest.raises(CommandError, match="客户 'guodian' 中没有人员 999999"):
        call_command("person-export", "guodian", "999999")
    call_command("person-erase", "guodian", str(pk), "--yes", "--user", "alice")
    assert found(database_dump()) == []
