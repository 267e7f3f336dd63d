"""A person mail shows no name for (an address alone, as a CSV activity log or an exported mailbox writes them)
is named alike all over the mail page (a new user's trial, issue 15): the new-person card said "wangjianguo" —
the name accepting writes — while the table's row and its "Likely manager" column said "wangjianguo@thin.cn"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.mail.models import Suggestion

pytestmark = pytest.mark.django_db


def test_the_table_names_a_new_person_as_their_suggestion_does(read, owner_client):
    account, _org = read
    person = Suggestion.objects.filter(account=account, kind="person").order_by("pk").first()
    assert person.name == person.email.partition("@")[0]  # no name in the mail: the local part
    html = owner_client.get(
        reverse("mail", args=[account.slug]), headers={"Accept-Language": "en"}
    ).content.decode()
    table = html[html.index("<th>#</th>") :]
    assert f"<td>{person.name}<span" in table  # the row's heading
    assert f"<td>{person.email}<span" not in table
    # a line to them as the manager names them so too: the suggestion's card and the "Likely manager" column
    line = Suggestion.objects.filter(account=account, kind="reports_to", value=person.email).first()
    assert line is not None
    assert f'<td>{person.name} <span class="muted">' in html  # the card: "p1 83%"
    assert f'{person.email} <span class="muted">' not in html
