"""A dry run in a worker — `battlemap import --dry-run --background`, or the API's dry run past
IMPORT_BACKGROUND_ROWS — imports nothing: the command queues it and says how to follow it, and its job page says
the dry run is done, nothing imported, and what importing the file would do (never "Import done")."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from battlemap.people.models import Person
from tests.api.conftest import _client_for
from tests.ops.test_jobs import DB_QUEUE, _run_queued

pytestmark = pytest.mark.django_db

PEOPLE = "姓名,职务\n张伟,经理\n刘洋,工程师\n李明,信息中心副主任\n"  # 李明 is on the map with another title


@pytest.fixture
def owner_api(world):
    return _client_for(world.owner)


def _file(tmp_path) -> str:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return str(path)


def _import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _said(lang: str, text: str, **params) -> str:
    with translation.override(lang):
        return _(text) % params if params else _(text)


def _would(lang: str) -> str:
    with translation.override(lang):
        return ngettext(
            "Importing the file would create %(created)s person, update %(updated)s, leave %(unchanged)s as "
            "they are and skip %(skipped)s.",
            "Importing the file would create %(created)s people, update %(updated)s, leave %(unchanged)s as "
            "they are and skip %(skipped)s.",
            2,
        ) % {"created": 2, "updated": 1, "unchanged": 0, "skipped": 0}


def _new_people(world) -> int:
    return Person.objects.filter(account=world.cn, name__in=["张伟", "刘洋"]).count()


def test_the_command_queues_a_dry_run_and_says_how_to_follow_it(world, tmp_path, owner_client, owner_api):
    with override_settings(TASKS=DB_QUEUE):
        out, err = _import(
            _file(tmp_path),
            "--account",
            world.cn.slug,
            "--dry-run",
            "--background",
            "--no-wait",
            "--lang",
            "en",
        )
    token = out.strip()
    assert re.fullmatch(r"[0-9a-f]{32}", token), out
    page = f"/accounts/{world.cn.slug}/io/import/job/{token}/"
    api = f"/api/accounts/{world.cn.slug}/imports/{token}"
    assert _said("en", "Dry run job %(job)s queued: it checks the file and writes nothing.", job=token) in err
    assert page in err and f"GET {api}" in err
    assert owner_client.get(page, HTTP_ACCEPT_LANGUAGE="en").context["state"]["status"] == "queued"
    _run_queued()
    job = owner_api.get(api, headers={"Accept-Language": "en"}).json()
    assert job["status"] == "done" and job["dry_run"] is True
    assert job["result"]["dry_run"] is True and job["result"]["created"] == 2
    assert _new_people(world) == 0  # checked and counted, nothing written


def test_the_command_follows_its_dry_run_and_prints_its_summary(world, tmp_path):
    out, err = _import(
        _file(tmp_path), "--account", world.cn.slug, "--dry-run", "--background", "--lang", "en"
    )
    lines = out.splitlines()
    assert lines[0] == _said("en", "Dry run: nothing was written.")
    assert (
        _said(
            "en", "People: %(c)s created, %(u)s updated, %(n)s unchanged, %(s)s skipped", c=2, u=1, n=0, s=0
        )
        in lines
    )
    assert "queued" in err and _new_people(world) == 0


def test_the_command_still_imports_in_the_background_without_dry_run(world, tmp_path):
    out, err = _import(_file(tmp_path), "--account", world.cn.slug, "--background", "--lang", "en")
    assert _said("en", "Dry run: nothing was written.") not in out
    assert "Import job" in err and _new_people(world) == 2


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_job_page_of_a_dry_run_says_it_imported_nothing_and_what_it_would_do(
    world, tmp_path, owner_client, lang
):
    out, _err = _import(_file(tmp_path), "--account", world.cn.slug, "--dry-run", "--background", "--no-wait")
    page = owner_client.get(
        f"/accounts/{world.cn.slug}/io/import/job/{out.strip()}/", HTTP_ACCEPT_LANGUAGE=lang
    )
    text = page.content.decode()
    assert page.context["state"]["status"] == "done"
    assert _said(lang, "Dry run done: nothing was imported") in text
    assert _said(lang, "Import done") not in text
    assert _would(lang) in text
    assert _said(lang, "Dry run: nothing was written.") in text  # then the summary, as the command prints it
    assert f'href="/accounts/{world.cn.slug}/io/import/"' in text  # where to import it for real
    assert _new_people(world) == 0


def test_the_job_page_of_an_import_still_says_import_done(world, tmp_path, owner_client):
    out, _err = _import(_file(tmp_path), "--account", world.cn.slug, "--background", "--no-wait")
    page = owner_client.get(
        f"/accounts/{world.cn.slug}/io/import/job/{out.strip()}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert (
        _said("en", "Import done") in text and _said("en", "Dry run done: nothing was imported") not in text
    )
    assert "would create" not in text and _new_people(world) == 2


def test_the_job_page_of_an_api_dry_run_in_a_deal_says_the_roles_it_would_write(
    world, owner_client, owner_api
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    roles = "姓名,职务,角色\n张伟,经理,决策者\n".encode()
    started = owner_api.client.post(
        f"/api/accounts/{world.cn.slug}/import",
        {"file": SimpleUploadedFile("roles.csv", roles), "deal": str(world.cn_deal.pk), "background": "true"},
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert started.status_code == 202 and started.json()["dry_run"] is True
    page = owner_client.get(
        f"/accounts/{world.cn.slug}/io/import/job/{started.json()['id']}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert _said("en", "Dry run done: nothing was imported") in text
    assert (
        _said(
            "en",
            "Roles in the deal: %(created)s would be created, %(updated)s updated.",
            created=1,
            updated=0,
        )
        in text
    )
    assert not world.cn_deal.roles.filter(person__name="张伟").exists()
