"""vCard files through the API's import (tests/io/test_import_vcards.py: the web's and the reader's): a Google
Contacts export of several cards lands whole; a card without a name refuses the file on `file`, naming the card,
and nothing is written — in the web preview too."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from battlemap.people.models import Person
from tests.io.test_import_vcards import GOOGLE, NAMELESS


def _person(account, name):
    return Person.objects.select_related("org_unit").get(account=account, name=name)


def test_a_google_export_of_several_cards_through_the_api(world, owner_api):
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"}
    upload = SimpleUploadedFile("contacts.vcf", GOOGLE)
    form = {"file": upload, "dry_run": "false"}
    response = owner_api.client.post(f"/api/accounts/{world.en.slug}/import", form, headers=headers)
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["created"], answer["cards"], answer["source"]) == (3, 3, "vcard")
    assert "Read 3 rows; recognised as: contact cards (vCard)" in answer["summary"]
    tom = _person(world.en, "Tom Baker")
    assert (tom.title, tom.org_unit.name, tom.phone) == ("CFO Office Lead", "Finance", "+44 7700 900456")
    priya = _person(world.en, "Priya Shah")  # another company: an outside person of it
    assert (priya.external, priya.organisation) == (True, "Acme Consulting")
    assert priya.notes == "Advises the board on the tender"  # a folded line is one
    mei = _person(world.en, "Mei Wong")  # N only, no FN: given name first, as the import joins them
    assert (mei.org_unit.name, mei.phone) == ("IT", "+44 20 7000 2222")


def test_a_card_without_a_name_is_refused_naming_it_on_the_api_and_the_web(world, owner_api, owner_client):
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "en"}
    form = {"file": SimpleUploadedFile("contacts.vcf", NAMELESS), "dry_run": "false"}
    response = owner_api.client.post(f"/api/accounts/{world.en.slug}/import", form, headers=headers)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "file"
    assert error["message"].startswith(
        "Cards without a name (no FN, and no family or given name in N): card 2 (line 6: “N:;;;;”)."
    )
    assert not Person.objects.filter(account=world.en, name="Anna Smith").exists()  # nothing written
    page = owner_client.post(
        f"/accounts/{world.en.slug}/io/import/",
        {"file": SimpleUploadedFile("contacts.vcf", NAMELESS)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert page.status_code == 400
    assert "第 2 张名片（第 6 行：“N:;;;;”）" in page.content.decode()
