"""After a stale-edit refusal the person's page keeps what the user typed, and its header and history
show the record as it is now (before: the htmx answer swapped only the form, and the header still read
the title of when the page was loaded)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from battlemap.people.services import person_update


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_a_stale_person_edit_shows_the_current_record_beside_the_kept_input(owner_client, world, htmx):
    person = world.cn.people.get(name="李明")
    seen = person.version
    person_update(person=person, version=seen, title="CIO tab1")  # another tab saved first
    body = {"name": "李明", "title": "CIO tab2", "status": "active", "version": seen}
    headers = {"HX-Request": "true"} if htmx else {}
    response = owner_client.post(reverse("person", args=[world.cn.slug, person.pk]), body, headers=headers)
    html = response.content.decode()
    assert response.status_code == 409
    head = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "CIO tab1" in head  # the header: the record as it is now
    assert re.search(
        r'name="title"[^>]*value="CIO tab2"|value="CIO tab2"[^>]*name="title"', html
    )  # kept input
    assert "CIO tab1" in re.search(r'id="history-title".*', html, re.S).group(0)  # the history has the change
    if htmx:  # the whole content is swapped, not only the form
        assert (response["HX-Retarget"], response["HX-Reselect"], response["HX-Reswap"]) == (
            "#main",
            "#main",
            "outerHTML",
        )
    assert Person.objects.get(pk=person.pk).title == "CIO tab1"
