"""An import confirmed after a colleague changed the map is not written over their change without a word: a
team's trial typed a title and a phone after the preview (which named no value to replace), and the confirm
replaced both with the file's, telling the importer only afterwards and the colleague never."""

from __future__ import annotations

import io

from battlemap.core.history_stamp import authored_by
from battlemap.people.models import Person
from battlemap.people.services import person_update
from tests import factories as f

FILE = b"Name,Title,Phone\nGrace Lee,Maintenance Manager,+44 20 7000 1111\n"


def _preview(client, world):
    upload = io.BytesIO(FILE)
    upload.name = "people.csv"
    return client.post(f"/accounts/{world.en.slug}/io/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")


def test_a_confirm_after_a_colleagues_edit_shows_the_preview_again_naming_what_it_would_replace(
    owner_client, world
):
    grace = f.person(account=world.en, name="Grace Lee")
    preview = _preview(owner_client, world)
    assert preview.status_code == 200
    with authored_by(world.teammate):  # bob, on the account's team
        grace = person_update(person=grace, version=grace.version, title="Head of Maintenance (Bob)")
    url = f"/accounts/{world.en.slug}/io/import/confirm/"
    again = owner_client.post(url, preview.context["form"], HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 409
    page = again.content.decode()
    assert "The map changed since this preview" in page
    # who changed what, named: "2026-12-04 15:52 · bob · Grace Lee"
    edits = again.context["map_edits"]["changes"]
    assert [(e["by"], e["label"]) for e in edits] == [("bob", "Grace Lee")]
    assert "bob · Grace Lee" in page
    assert (
        "Head of Maintenance (Bob)" in page
    )  # the value the file would now replace, named before the import
    assert Person.objects.get(pk=grace.pk).title == "Head of Maintenance (Bob)"  # nothing written
    done = owner_client.post(url, again.context["form"], HTTP_ACCEPT_LANGUAGE="en")  # confirmed on this map
    assert done.status_code == 200
    assert Person.objects.get(pk=grace.pk).title == "Maintenance Manager"


def test_a_confirm_on_the_map_the_preview_saw_imports_at_once(owner_client, world):
    preview = _preview(owner_client, world)
    done = owner_client.post(f"/accounts/{world.en.slug}/io/import/confirm/", preview.context["form"])
    assert done.status_code == 200
    assert Person.objects.get(account=world.en, name="Grace Lee").title == "Maintenance Manager"


def test_the_preview_names_the_colleague_by_their_name(owner_client, world):
    """The changes feed gives the API a username; the page names a colleague as every page does (core.text.user_name)."""
    world.teammate.first_name, world.teammate.last_name = "Bob", "Li"
    world.teammate.save()
    grace = f.person(account=world.en, name="Grace Lee")
    preview = _preview(owner_client, world)
    with authored_by(world.teammate):
        person_update(person=grace, version=grace.version, title="Head of Maintenance (Bob)")
    again = owner_client.post(
        f"/accounts/{world.en.slug}/io/import/confirm/", preview.context["form"], HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Bob Li · Grace Lee" in again.content.decode()
