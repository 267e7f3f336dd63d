"""The import-done page's "Undo this import" (io.views.import_undo): the owner undoes it, an outsider gets 404,
anonymous goes to log in, a refusal (409) names the person changed since — in both languages."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from battlemap.io.mapformat import export_map
from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person
from battlemap.people.services import person_update
from tests.io.files import CHINESE, csv_bytes
from tests.web_deals.test_double_submit_all import _token_of_form

pytestmark = pytest.mark.django_db


def _import(world):
    before = export_map(world.cn)
    result = people_import(
        account=world.cn, data=csv_bytes(CHINESE, "utf-8"), filename="people.csv", user=world.owner
    )
    return before, reverse("io:import_undo", args=[world.cn.slug, result.import_id])


def test_the_import_done_page_offers_the_undo_and_it_gives_back_the_map(owner_client, world):
    before = export_map(world.cn)
    url = reverse("io:import", args=[world.cn.slug])
    upload = io.BytesIO(csv_bytes(CHINESE, "utf-8"))
    upload.name = "people.csv"
    preview = owner_client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    confirm = reverse("io:import_confirm", args=[world.cn.slug])
    body = {**preview.context["form"], "form_token": _token_of_form(preview.content.decode(), confirm, url)}
    done = owner_client.post(confirm, body, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 200 and "Undo this import" in done.content.decode()
    undo = reverse("io:import_undo", args=[world.cn.slug, done.context["import_id"]])
    assert f'action="{undo}"' in done.content.decode()
    undone = owner_client.post(undo, HTTP_ACCEPT_LANGUAGE="en")
    assert undone.status_code == 200 and "Import of people.csv undone" in undone.content.decode()
    assert export_map(world.cn) == before


def test_the_undo_page_speaks_chinese(owner_client, world):
    _before, undo = _import(world)
    with translation.override("zh-hans"):
        page = owner_client.post(undo, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "已撤销 people.csv 的导入" in page and "它新增的 2 人已删除" in page  # 刘芳 and 刘䶮


def test_a_refusal_names_the_person_changed_since_and_keeps_everything(owner_client, world):
    _before, undo = _import(world)
    fang = Person.objects.get(account=world.cn, name="刘芳")
    person_update(person=fang, version=fang.version, title="采购总监")
    kept = export_map(world.cn)
    en = owner_client.post(undo, HTTP_ACCEPT_LANGUAGE="en")
    assert (
        en.status_code == 409 and "刘芳" in en.content.decode() and "cannot be undone" in en.content.decode()
    )
    zh = owner_client.post(undo, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 409 and "刘芳" in zh.content.decode() and "无法撤销" in zh.content.decode()
    assert export_map(world.cn) == kept
    # the person named is a link to their page, where the later edit can be corrected or reverted
    page = reverse("person", args=[world.cn.slug, fang.pk])
    assert f'<a href="{page}">刘芳</a>' in en.content.decode()


def test_an_outsider_gets_404_and_nothing_is_undone(client, world):
    _before, undo = _import(world)
    client.force_login(world.outsider)
    assert client.post(undo).status_code == 404
    assert Person.objects.filter(account=world.cn, name="刘芳").exists()


def test_anonymous_is_sent_to_log_in(client, world):
    _before, undo = _import(world)
    response = client.post(undo)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Person.objects.filter(account=world.cn, name="刘芳").exists()


def test_an_unknown_import_is_404(owner_client, world):
    assert (
        owner_client.post(reverse("io:import_undo", args=[world.cn.slug, "20200101000000000000"])).status_code
        == 404
    )


def test_a_background_imports_job_page_offers_the_undo_too(owner_client, world, tmp_path):
    before = export_map(world.cn)
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(CHINESE, "utf-8"))
    out = io.StringIO()
    call_command("import", str(path), "--account", world.cn.slug, "--background", "--no-wait", stdout=out)
    page = owner_client.get(
        f"/accounts/{world.cn.slug}/io/import/job/{out.getvalue().strip()}/"
    ).content.decode()
    undo = re.search(r'<form method="post" action="([^"]+/undo/)"', page)
    assert undo is not None, page
    assert owner_client.post(undo.group(1)).status_code == 200
    assert export_map(world.cn) == before


def test_the_cli_import_prints_its_id_and_undo_import_takes_it_back(world, tmp_path):
    before = export_map(world.cn)
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(CHINESE, "utf-8"))
    out = io.StringIO()
    call_command("import", str(path), "--account", world.cn.slug, "--lang", "en", stdout=out)
    said = re.search(r"Import id: (\d+) \(undo it whole: battlemap undo-import (\S+) (\d+)\)", out.getvalue())
    assert said is not None, out.getvalue()
    assert said.group(1) == said.group(3) and said.group(2) == world.cn.slug
    undone = io.StringIO()
    call_command("undo-import", world.cn.slug, said.group(1), "--lang", "en", stdout=undone)
    assert (
        "Import of people.csv undone" in undone.getvalue()
        and "2 people it added, removed." in undone.getvalue()
    )
    assert export_map(world.cn) == before
    with pytest.raises(CommandError, match="undone already"):
        call_command("undo-import", world.cn.slug, said.group(1), "--lang", "en")
    with pytest.raises(CommandError, match="no import of that id"):
        call_command("undo-import", world.cn.slug, "123", "--lang", "en")


def test_undo_import_refuses_naming_the_person_changed_since_and_whom_the_user_may_not_edit(world, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(CHINESE, "utf-8"))
    out = io.StringIO()
    call_command("import", str(path), "--account", world.cn.slug, stdout=out)
    import_id = re.search(r"undo-import \S+ (\d+)", out.getvalue()).group(1)
    fang = Person.objects.get(account=world.cn, name="刘芳")
    person_update(person=fang, version=fang.version, title="采购总监")
    with pytest.raises(CommandError, match="刘芳"):
        call_command("undo-import", world.cn.slug, import_id, "--lang", "en")
    with pytest.raises(CommandError):
        call_command("undo-import", world.cn.slug, import_id, "--user", world.outsider.username)
    assert Person.objects.get(pk=fang.pk).title == "采购总监"
