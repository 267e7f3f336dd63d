"""A script asks for the import's answer in Chinese — `?lang=zh` (zh-hans, zh-CN), a `lang` form field, or
`Accept-Language: zh-CN` — and reads its summary, warnings and problems in Chinese, within the request and in
the 202 job's status alike, as `?lang=` does on the other routes; even when the token user reads English."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext as _

from battlemap.users.models import Profile
from tests import factories as f

pytestmark = pytest.mark.django_db

# 刘洋 is on the map with another e-mail: the file's 刘洋 comes in as a new person, with a warning by row.
PEOPLE = "姓名,职务,邮箱\n张伟,经理,zhang@example.com\n刘洋,工程师,liu.other@example.com\n".encode()
BAD = "姓名,职务,邮箱\n张伟,经理,not-an-email\n".encode()
IMPORT = "/api/accounts/guodian/import"


@pytest.fixture
def reads_english(world):
    """alice reads the site in English (her profile), so only what the call asks can make it Chinese."""
    Profile.objects.update_or_create(user=world.owner, defaults={"language": "en"})
    f.person(account=world.cn, name="刘洋", title="工程师", email="liu@example.com")


def _post(api, url: str = IMPORT, data: bytes = PEOPLE, headers: dict | None = None, **form):
    headers = {**(headers or {}), "Authorization": f"Bearer {api.token}"}
    return api.client.post(url, {"file": SimpleUploadedFile("people.csv", data), **form}, headers=headers)


def _get(api, url: str, headers: dict | None = None):
    return api.client.get(url, headers={**(headers or {}), "Authorization": f"Bearer {api.token}"})


def _said(lang: str, text: str) -> str:
    with translation.override(lang):
        return _(text)


DRY_RUN_ZH = _said("zh-hans", "Dry run: nothing was written.")
DRY_RUN_EN = _said("en", "Dry run: nothing was written.")


def _cli(world, tmp_path, lang: str, data: bytes = PEOPLE) -> tuple[list[str], list[str]]:
    """What `battlemap import --dry-run --lang …` prints for the same file: (its summary lines, its problems)."""
    file = tmp_path / "people.csv"
    file.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import",
            str(file),
            "--account",
            world.cn.slug,
            "--dry-run",
            "--lang",
            lang,
            stdout=out,
            stderr=err,
        )
    except CommandError:
        pass
    problems = [line for line in err.getvalue().splitlines() if not line.startswith("battlemap import: ")]
    return out.getvalue().splitlines(), problems  # its progress (ops.progress) left out


@pytest.mark.parametrize(
    ("url", "headers", "form"),
    [
        (f"{IMPORT}?lang=zh", {}, {}),
        (f"{IMPORT}?lang=zh-hans", {}, {}),
        (f"{IMPORT}?lang=zh-CN", {"Accept-Language": "en"}, {}),
        (IMPORT, {"Accept-Language": "zh-CN"}, {}),
        (IMPORT, {}, {"lang": "zh"}),
    ],
    ids=["lang=zh", "lang=zh-hans", "lang=zh-CN over the header", "Accept-Language zh-CN", "form field"],
)
def test_the_summary_and_warnings_come_in_the_asked_chinese(
    world, owner_api, reads_english, tmp_path, url, headers, form
):
    answer = _post(owner_api, url, headers=headers, **form)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["summary"][0] == DRY_RUN_ZH != DRY_RUN_EN
    assert body["summary"] == _cli(world, tmp_path, "zh")[0]
    english = _post(owner_api, f"{IMPORT}?lang=en").json()
    assert body["warnings"] and english["warnings"] and body["warnings"] != english["warnings"]
    assert all(any(w in line for line in body["summary"]) for w in body["warnings"])


def test_without_lang_the_token_users_language_answers(world, owner_api, reads_english, tmp_path):
    body = _post(owner_api).json()
    assert body["summary"][0] == DRY_RUN_EN
    assert body["summary"] == _cli(world, tmp_path, "en")[0]


def test_the_problems_of_a_refused_file_and_the_detail_are_in_the_asked_language(
    world, owner_api, reads_english, tmp_path
):
    chinese = _post(owner_api, f"{IMPORT}?lang=zh", data=BAD, dry_run="false")
    english = _post(owner_api, f"{IMPORT}?lang=en", data=BAD, dry_run="false")
    assert chinese.status_code == english.status_code == 422
    zh, en = chinese.json(), english.json()
    assert [e["field"] for e in zh["errors"]] == [e["field"] for e in en["errors"]] == ["rows.2.email"]
    assert [e["message"] for e in zh["errors"]] == _cli(world, tmp_path, "zh", BAD)[1]
    assert [e["message"] for e in en["errors"]] == _cli(world, tmp_path, "en", BAD)[1]
    assert zh["errors"] != en["errors"]
    assert zh["detail"] != en["detail"]
    assert chinese["Content-Language"] == "zh-hans"
    assert not world.cn.people.filter(name="张伟").exists()


def test_the_job_status_says_its_answer_in_the_language_each_reader_asks(
    world, owner_api, reads_english, tmp_path
):
    started = _post(owner_api, f"{IMPORT}?lang=zh", background="true")
    assert started.status_code == 202
    url = started.json()["status_url"]
    chinese = _get(owner_api, f"{url}?lang=zh").json()
    assert chinese["status"] == "done"
    assert chinese["result"]["summary"] == _cli(world, tmp_path, "zh")[0]
    assert chinese["result"]["summary"][0] == DRY_RUN_ZH
    by_header = _get(owner_api, url, headers={"Accept-Language": "zh-CN"}).json()
    assert by_header["result"]["summary"] == chinese["result"]["summary"]
    english = _get(owner_api, url).json()  # the token user's English: the job kept every language
    assert english["result"]["summary"] == _cli(world, tmp_path, "en")[0]
    assert english["result"]["warnings"] != chinese["result"]["warnings"]


def test_a_failed_jobs_problems_are_in_the_asked_language(world, owner_api, reads_english, tmp_path):
    url = _post(owner_api, data=BAD, background="true", dry_run="false").json()["status_url"]
    zh = _get(owner_api, f"{url}?lang=zh-hans").json()
    en = _get(owner_api, f"{url}?lang=en").json()
    assert zh["status"] == en["status"] == "failed"
    assert [p["field"] for p in zh["problems"]] == [p["field"] for p in en["problems"]] == ["rows.2.email"]
    assert [p["message"] for p in zh["problems"]] == _cli(world, tmp_path, "zh", BAD)[1]
    assert [p["message"] for p in en["problems"]] == _cli(world, tmp_path, "en", BAD)[1]
    assert zh["problems"] != en["problems"]


def test_an_unknown_lang_is_refused_naming_lang_and_imports_nothing(world, owner_api, reads_english):
    for answer in (
        _post(owner_api, f"{IMPORT}?lang=fr", dry_run="false"),
        _post(owner_api, dry_run="false", lang="fr"),
    ):
        assert answer.status_code == 422
        assert [e["field"] for e in answer.json()["errors"]] == ["lang"]
    assert not world.cn.people.filter(name="张伟").exists()
