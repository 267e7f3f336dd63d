"""Paste-to-add at its limit: the preview reads up to PASTE_MAX_ROWS people, and adding them all, as the preview's
form sends them, is taken. (A fresh trial: 200 people pasted, previewed and ticked met "Too much sent at once" — the
add form sent 1,804 fields, past the 1,000 a request held — and nothing was added.)"""

from __future__ import annotations

import html as htmllib
import re

import pytest
from django.urls import reverse

from battlemap.people.models import Person
from battlemap.people.selectors_paste import PASTE_MAX_ROWS


def _add_form_fields(page: str) -> list[tuple[str, str]]:
    """Every field the preview's add form sends as a browser would: its inputs (ticked boxes only) and textareas."""
    form = next(f for f in re.findall(r"<form\b.*?</form>", page, re.S) if 'name="pick"' in f)
    fields = []
    for tag in re.findall(r"<input\b[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and ('type="checkbox"' not in tag or "checked" in tag):
            fields.append((name[1], htmllib.unescape(value[1] if value else "")))
    fields += [
        (n, htmllib.unescape(t))
        for n, t in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', form)
    ]
    return fields


@pytest.mark.django_db
def test_the_most_people_a_paste_reads_are_all_added_in_one_go(owner_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    text = "Name\tTitle\n" + "\n".join(f"Person{n:03d} Example\tEngineer" for n in range(PASTE_MAX_ROWS))
    page = owner_client.post(
        url, {"step": "preview", "text": text}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    fields = _add_form_fields(page)
    assert sum(1 for name, _ in fields if name == "pick") == PASTE_MAX_ROWS
    body = {}
    for name, value in fields:
        body.setdefault(name, []).append(value)
    response = owner_client.post(url, body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302, response.content.decode()[:500]
    assert Person.objects.filter(account=world.en, title="Engineer").count() == PASTE_MAX_ROWS
