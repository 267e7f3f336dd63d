"""Bidi controls typed into a name (`Evil\\u202eRLO name`) reversed the page text after it (the timeline's
"· 已创建" read backwards). Unclosed embeddings, overrides and isolates are cleaned on the way in, in the
one place text is cleaned (core.text.clean_control through core.text_fields.clean_text_fields), and a name
inside a sentence is rendered isolated (<bdi>; links and bold text isolate by the stylesheet)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

from battlemap.core.text import clean_control
from battlemap.people.models import Person

RLO = "\u202e"


def test_unclosed_bidi_controls_go_and_closed_ones_stay():
    assert clean_control(f"Evil{RLO}RLO name") == "EvilRLO name"
    assert clean_control("\u202c\u2069stray closers") == "stray closers"
    arabic = "Ali \u2067محمد\u2069 2"  # an isolate closed again: harmless, kept
    assert clean_control(arabic) == arabic
    assert clean_control(f"x{RLO}y\u202c z") == f"x{RLO}y\u202c z"
    assert clean_control(f"a{RLO}\nb\u202c") == "a\nb"  # a line ends every embedding
    assert clean_control("a\u2066b\u202ec\u2069d") == "a\u2066bc\u2069d"  # left open inside an isolate


def test_the_person_form_and_the_api_store_the_name_without_the_override(owner_client, owner_api, world):
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]), {"name": f"Evil{RLO}RLO name", "status": "active"}
    )
    assert response.status_code == 302
    assert Person.objects.filter(account=world.cn, name="EvilRLO name").exists()
    created = owner_api.post("/api/accounts/guodian/people", {"name": f"Api{RLO}x", "title": f"CIO{RLO}"})
    assert created.status_code == 201 and (created.json()["name"], created.json()["title"]) == ("Apix", "CIO")


def test_the_timeline_isolates_names_even_from_rows_stored_before(owner_client, world):
    Person.history.filter(id=world.cn_boss.pk).update(name=f"Old{RLO}name")  # written before the cleaning
    html = owner_client.get(reverse("account_timeline", args=[world.cn.slug])).content.decode()
    entry = re.search(rf"<strong><bdi>[^<]*Old{RLO}name</bdi></strong>( · <bdi>[^<]+</bdi>)?", html)
    assert entry and entry.group(1)  # the name and the kind of change each in their own isolate
    css = Path("battlemap/core/static/battlemap/app.css").read_text()
    assert "a, strong, bdi { unicode-bidi: isolate; }" in css
