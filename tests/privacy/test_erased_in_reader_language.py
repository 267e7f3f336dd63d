"""An erased person reads in the reader's language, whoever erased them and in whichever language: erased
in Chinese, the deal room, This week and the review PDF read "Erased person" and "[erased]" in English;
erased in English, they read "已删除的人员" and "[已删除]" in Chinese. Nothing of the eraser's language is
stored (people/erased.py)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from battlemap.io.export import export_account
from battlemap.people.erased import NAME, TEXT
from battlemap.people.models import Person
from battlemap.people.services.erase import person_erase
from tests import factories as f
from tests.privacy.test_erase import database_dump

READS = {
    # reader's language: the placeholder, the action item naming them, what the other language would say
    "en": ("Erased person", "please meet [erased] this week", ("已删除",)),
    "zh-hans": ("已删除的人员", "please meet [已删除] this week", ("Erased person", "[erased]")),
}


def _pdf_text(account, lang: str) -> str:
    pdf = export_account(account, fmt="pdf", lang=lang)
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize(("erased_in", "read_in"), [("zh-hans", "en"), ("en", "zh-hans")])
def test_the_erased_person_reads_in_the_readers_language(world, owner_client, erased_in, read_in):
    f.action(
        deal=world.cn_deal, person=world.cn_boss, owner=world.owner, due=timezone.localdate(),
        text="please meet 王建国 this week",
    )  # fmt: skip
    with translation.override(erased_in):
        person_erase(person=world.cn_boss, by=world.owner)
    dump = database_dump()
    assert NAME in dump and TEXT in dump  # stored in no language
    assert "已删除" not in dump and "Erased person" not in dump and "[erased]" not in dump

    name, action, foreign = READS[read_in]
    owner_client.post(reverse("set_language"), {"language": read_in, "next": "/"})
    room = owner_client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    week = owner_client.get(reverse("home")).content.decode()
    pdf = _pdf_text(world.cn, read_in)
    assert name in room and action in room
    assert action in week
    assert name in pdf and action in pdf
    for text in (room, week, pdf):
        assert not [word for word in foreign if word in text]
    with translation.override(read_in):
        assert str(Person.objects.get(pk=world.cn_boss.pk)) == name


def test_the_placeholder_edited_in_one_language_stays_in_none(world):
    placeholder = person_erase(person=world.cn_boss, by=world.owner)
    with translation.override("en"):
        placeholder = Person.objects.get(pk=placeholder.pk)
        assert placeholder.name == "Erased person"
        placeholder.title = "总经理"
        placeholder.save()
    assert Person.objects.filter(pk=placeholder.pk, name=NAME).exists()
    with translation.override("zh-hans"):
        assert Person.objects.get(pk=placeholder.pk).name == "已删除的人员"


def test_json_and_mail_texts_read_the_mark_in_the_readers_language(world):
    from battlemap.mail.models import MailItem, Suggestion

    MailItem.objects.create(
        account=world.cn, uid="<m9@guodian>", sender_email="li@guodian.example", sender_name="李明",
        subject="请王建国确认", recipients=[["wang@guodian.example", "王建国", "to"]],
    )  # fmt: skip
    Suggestion.objects.create(
        account=world.cn, kind="reports_to", email="li@guodian.example", name="李明", value="x@guodian.example",
        evidence=[{"code": "cc_pattern", "params": {"names": ["王建国", "李明"]}}],
    )  # fmt: skip
    with translation.override("zh-hans"):
        person_erase(person=world.cn_boss, by=world.owner)
    with translation.override("en"):
        assert MailItem.objects.get(uid="<m9@guodian>").subject == "请[erased]确认"
        assert Suggestion.objects.get().evidence[0]["params"]["names"] == ["[erased]", "李明"]
    with translation.override("zh-hans"):
        assert Suggestion.objects.get().evidence[0]["params"]["names"] == ["[已删除]", "李明"]


def test_the_api_map_of_an_erased_person_reads_in_each_callers_language(world, owner_api):
    """The map's JSON is cached per map state: it was cached in whichever language asked first."""
    person_erase(person=world.cn_boss, by=world.owner)
    url = f"/api/accounts/{world.cn.slug}/map"
    names = {}
    for language in ("zh-hans", "en", "zh-hans"):
        response = owner_api.get(url, headers={"Accept-Language": language})
        assert response.status_code == 200
        names.setdefault(language, set()).update(p["name"] for p in response.json()["people"])
    assert "已删除的人员" in names["zh-hans"] and "Erased person" not in names["zh-hans"]
    assert "Erased person" in names["en"] and "已删除的人员" not in names["en"]
