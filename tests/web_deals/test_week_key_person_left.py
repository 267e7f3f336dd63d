"""A key person of an open deal leaving (status "left", as the person page sets it) is news on This week, for the
rep and for his manager, in both languages: a new "Key person left" flag naming them, or — when that flag
already names someone who left before — the flag again, as worse, "now also names 王建国" (a seller's trial: a
decision maker left, "Key person left" only gained a person, and This week showed only health going up)."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pptx import Presentation

from battlemap.io.export import export_account
from battlemap.people.services import person_update
from tests import factories as f
from tests.exports import table_rows

pytestmark = pytest.mark.django_db


def _age_the_map(days: int, *, written_since: timedelta | None = None) -> None:
    """Pretend every record (or those written in the last `written_since`) was written `days` ago."""
    for model in apps.get_models():
        if hasattr(model, "history") and not model.__name__.startswith("Historical"):
            rows = model.history.all()
            if written_since is not None:
                rows = rows.filter(history_date__gt=timezone.now() - written_since)
            rows.update(history_date=timezone.now() - timedelta(days=days))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _flags(client, lang: str) -> str:
    html = client.get(reverse("home"), headers={"Accept-Language": lang}).content.decode()
    return _text(html[html.index('id="w-flags"') : html.index('id="w-stale"')])


def _leaves(person) -> None:
    person.refresh_from_db()
    person_update(person=person, version=person.version, status="left", left_on=timezone.localdate())


@pytest.fixture
def left_last_month(world):
    """李明, the deal's champion, left the customer last month: "Key person left" names him since."""
    li = world.cn.people.get(name="李明")
    f.role(deal=world.cn_deal, person=li, roles=["champion"], attitude="advocate", influence=4)
    _age_the_map(50)
    _leaves(li)
    _age_the_map(40, written_since=timedelta(minutes=5))
    return li


def test_a_decision_maker_leaving_names_him_again_on_this_week(client, world, left_last_month):
    client.force_login(world.owner)
    assert "王建国" not in _flags(client, "en")  # the same flags as a week ago
    _leaves(world.cn_boss)
    for user in (world.owner, world.manager):  # the rep and his manager
        client.force_login(user)
        en, zh = _flags(client, "en"), _flags(client, "zh-hans")
        assert "worse" in en and "now also names 王建国" in en and "物联网平台" in en
        assert "现在也涉及王建国" in zh


def test_a_decision_maker_leaving_is_on_what_changed_too(client, world, left_last_month):
    _leaves(world.cn_boss)
    client.force_login(world.owner)
    url = reverse("account_changes", args=[world.cn.slug])
    since = {"since": (timezone.localdate() - timedelta(days=7)).isoformat()}
    en = _text(client.get(url, since, headers={"Accept-Language": "en"}).content.decode())
    assert "Key person left · 李明, 王建国 have left the customer" in en and "now also names 王建国" in en
    zh = _text(client.get(url, since, headers={"Accept-Language": "zh-hans"}).content.decode())
    assert "现在也涉及王建国" in zh


def test_the_first_key_person_to_leave_is_a_new_flag_naming_him(client, world):
    _age_the_map(30)
    _leaves(world.cn_boss)
    for user in (world.owner, world.manager):
        client.force_login(user)
        en, zh = _flags(client, "en"), _flags(client, "zh-hans")
        assert "new 王建国 has left the customer but still holds a role in this deal." in en
        assert "新增 王建国已离开客户公司，但在这单中仍担任角色。" in zh


def test_a_decision_maker_leaving_is_in_the_review_deck(world, left_last_month):
    _leaves(world.cn_boss)
    for lang, line in (
        ("en", ["Worse red flag", "Key person left · now also names 王建国 (物联网平台)"]),
        ("zh-hans", ["加重的风险警示", "关键人已离职 · 现在也涉及王建国（物联网平台）"]),
    ):
        deck = Presentation(
            io.BytesIO(export_account(world.cn, fmt="pptx", deal_id=world.cn_deal.pk, lang=lang))
        )
        assert line in table_rows(deck)


def test_a_key_person_without_a_buying_role_leaving_is_news_too(client, world):
    """Influence 5 makes 李明 a key person of the deal (DESIGN: a decision maker, a champion, or influence 4 or
    more) though no buying role was ticked: his leaving raised nothing, and This week said nothing of it."""
    li = world.cn.people.get(name="李明")
    f.role(deal=world.cn_deal, person=li, roles=[], attitude="supporter", influence=5)
    _age_the_map(30)
    _leaves(li)
    client.force_login(world.manager)
    assert "李明 has left the customer" in _flags(client, "en")
    assert "李明已离开客户公司" in _flags(client, "zh-hans")


def test_a_decision_maker_leaving_is_a_worse_flag_in_the_analyze_command_too(world, left_last_month):
    """`battlemap analyze --since` lists the worse flags as What changed does (it listed only new and resolved)."""
    _leaves(world.cn_boss)
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    for lang, heading, note in (
        ("en", "-- Worse flags --", "now also names 王建国"),
        ("zh", "-- 加重的风险 --", "现在也涉及王建国"),
    ):
        out = io.StringIO()
        call_command("analyze", "guodian", "--lang", lang, "--since", week_ago, stdout=out)
        text = out.getvalue()
        assert heading in text, text
        worse = text[text.index(heading) :].splitlines()[1]
        assert "物联网平台" in worse and "key_person_left" in worse and note in worse, worse
