"""A mapping file's errors (io/tabular/mappingfile.py) are said in the viewer's language — the web preview
in the user's, the API in Accept-Language's, the CLI in --lang's, a background job's stored in every
language — naming the key at fault and listing the allowed codes (with their labels in Chinese). A mapping
file saved in GB18030 is read like any import file (io.text.decode), not garbled."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.io.jobs import job_state
from battlemap.io.tabular.jobs import import_people_task, stash
from battlemap.io.tabular.mappingfile import MappingError, load_mapping
from battlemap.people.models import Person
from battlemap.users.models import Profile
from tests.api.conftest import _client_for

from .files import CHINESE, csv_bytes

pytestmark = pytest.mark.django_db

BAD_ROLE = b'[values.roles]\n"Sponsor" = ["boss"]\n'


def _error(text, lang: str) -> str:
    with translation.override(lang):
        with pytest.raises(MappingError) as caught:
            load_mapping(text)
        return str(caught.value)


@pytest.mark.parametrize(
    "text, zh, en",
    [
        (
            '[columns]\n"Nom" = "nom"\n',
            'columns."Nom"：未知字段“nom”（应为以下之一：外部编号（external_id）',
            'columns."Nom": unknown field "nom" (one of external_id, employee_no',
        ),
        (
            BAD_ROLE,
            'values.roles."Sponsor"：未知角色“boss”（应为以下之一：决策者（decision_maker）、',
            'values.roles."Sponsor": unknown role "boss" (one of decision_maker, influencer,',
        ),
        (
            '[values.attitude]\n"Fan" = "fanatic"\n',
            "未知态度“fanatic”（应为以下之一：强烈支持（advocate）",
            'unknown attitude "fanatic" (one of advocate, supporter',
        ),
        (
            '[values.influence]\n"A" = 9\n',
            'values.influence."A"：必须是 1 到 5 之间的整数',
            "must be a whole number 1-5",
        ),
        (
            '[values.relationship]\n"c" = 7\n',
            "0 到 4 之间的整数（无（0）",
            "whole number 0-4 (none (0), acquainted (1)",
        ),
        ("[foo]\n", "未知的节 [foo]", "unknown section [foo]"),
        ("[values.colour]\n", "未知的表 [values.colour]", "unknown table [values.colour]"),
        ("columns = 3\n", "[columns] 必须是一个表", "[columns] must be a table"),
        ("[columns\n", "第 1 行第 9 列不是有效的 TOML", "not valid TOML at line 1, column 9"),
    ],
)
def test_every_mapping_error_in_both_languages(text, zh, en):
    assert zh in _error(text, "zh-hans")
    assert en in _error(text, "en")


def test_message_takes_a_language_and_keeps_the_codes():
    with pytest.raises(MappingError) as caught:
        load_mapping(BAD_ROLE)
    assert "未知角色" in caught.value.message("zh-hans") and "把关者（gatekeeper）" in caught.value.message(
        "zh-hans"
    )
    assert caught.value.message("en").endswith("coach, gatekeeper)")


def test_a_gb18030_mapping_file_is_read_not_garbled(owner_client, world):
    rows = [["姓名全称", "职位"], ["赵敏", "采购总监"]]
    upload = io.BytesIO(csv_bytes(rows, "utf-8"))
    upload.name = "people.csv"
    mapping = io.BytesIO('[columns]\n"姓名全称" = "name"\n'.encode("gb18030"))
    mapping.name = "mapping.toml"
    url = f"/accounts/{world.cn.slug}/io/import/"
    preview = owner_client.post(url, {"file": upload, "mapping": mapping})
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert owner_client.post(f"{url}confirm/", preview.context["form"]).status_code == 200
    assert Person.objects.get(account=world.cn, name="赵敏").title == "采购总监"


@pytest.mark.parametrize("language, said", [("zh-hans", "未知角色“boss”"), ("en", 'unknown role "boss"')])
def test_the_web_preview_says_it_in_the_users_language(owner_client, world, language, said):
    Profile.objects.update_or_create(user=world.owner, defaults={"language": language})
    upload = io.BytesIO(csv_bytes(CHINESE, "utf-8"))
    upload.name = "people.csv"
    mapping = io.BytesIO(BAD_ROLE)
    mapping.name = "mapping.toml"
    response = owner_client.post(
        f"/accounts/{world.cn.slug}/io/import/", {"file": upload, "mapping": mapping}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert said in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert not Person.objects.filter(account=world.cn, name="刘芳").exists()


@pytest.mark.parametrize("language, said", [("zh-hans", "未知角色“boss”"), ("en", 'unknown role "boss"')])
def test_the_api_names_the_mapping_field_in_the_asked_language(world, language, said):
    owner_api = _client_for(world.owner)
    body = {
        "file": SimpleUploadedFile("people.csv", csv_bytes(CHINESE, "utf-8"), content_type="text/csv"),
        "mapping": SimpleUploadedFile("m.toml", BAD_ROLE, content_type="application/toml"),
    }
    headers = {"Authorization": f"Bearer {owner_api.token}", "Accept-Language": language}
    response = owner_api.client.post(f"/api/accounts/{world.cn.slug}/import", body, headers=headers)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "mapping" and said in error["message"]


def test_the_cli_says_it_in_lang(world, tmp_path):
    data, bad = tmp_path / "p.csv", tmp_path / "m.toml"
    data.write_bytes(csv_bytes(CHINESE, "utf-8"))
    bad.write_bytes(BAD_ROLE)
    with pytest.raises(CommandError, match="未知角色“boss”"):
        call_command("import", str(data), "--account", "guodian", "--mapping", str(bad), "--lang", "zh")
    with pytest.raises(CommandError, match='unknown role "boss"'):
        call_command("import", str(data), "--account", "guodian", "--mapping", str(bad), "--lang", "en")


def test_a_background_job_keeps_the_mapping_error_in_every_language(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    token = stash(csv_bytes(CHINESE, "utf-8"), account_id=world.cn.pk, user_id=world.owner.pk)
    form = {"filename": "people.csv", "mapping": BAD_ROLE.decode(), "token": token}
    import_people_task.enqueue(token, form, world.cn.pk, world.owner.pk, "en")
    state = job_state(token)
    assert state["status"] == "failed"
    stored = state["problems"]["i18n"]
    assert stored["zh-hans"][0].startswith("映射文件") and "未知角色“boss”" in stored["zh-hans"][0]
    assert stored["en"][0].startswith("Mapping file") and 'unknown role "boss"' in stored["en"][0]
