"""An ingest whose customer people are none of them on the map yet says so, and how many of them it suggests —
`battlemap mail-ingest` said "created 2 interactions with 0 participants", which read as a failed ingest."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from battlemap.mail.models import Suggestion
from tests.inference.archives import write_mbox

pytestmark = pytest.mark.django_db

TO_STRANGERS = (
    "From: Alice Seller <alice@ours.example>\n"
    "To: =?utf-8?b?6ZmI5rOi?= <chen.bo.new@guodian.example>, Zhou Fang <zhou.fang.new@guodian.example>\n"
    "Date: Mon, 03 Mar 2025 09:15:00 +0800\nSubject: Kick-off\nMessage-ID: <k{n}@ours.example>\n\nHello\n"
)


def _ingest(world, path, language: str) -> str:
    out = StringIO()
    with translation.override(language):
        call_command(
            "mail-ingest", str(path), "--account", world.cn.slug, "--our-domain", "ours.example", stdout=out
        )
    return out.getvalue()


def test_an_ingest_of_people_not_on_the_map_says_they_are_not_and_how_many_are_suggested(world, tmp_path):
    mbox = write_mbox(tmp_path / "a.mbox", (TO_STRANGERS.format(n=1), TO_STRANGERS.format(n=2)))
    printed = _ingest(world, mbox, "en")
    assert Suggestion.objects.filter(account=world.cn, kind="person").count() == 2
    assert "0 participants" not in printed
    assert "2 interactions created, attached to no one yet: none of the customer's people" in printed
    assert "2 new people are suggested from it on the mail page" in printed
    again = write_mbox(tmp_path / "b.mbox", (TO_STRANGERS.format(n=3),))
    printed = _ingest(world, again, "zh-hans")  # suggested before: not said to be suggested again
    assert "尚未关联任何人" in printed and "新联系人" not in printed
