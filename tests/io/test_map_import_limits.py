"""A map file is loaded within bounds (io/mapformat/limits.py): size, nesting depth, people, influence
links, interactions and the format's keys are checked before anything is written, each refusal naming the
limit and its setting (web and `import-map`); the web import runs as a job only its uploader sees; a
reporting chain and nested departments load in time proportional to their length."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from battlemap.accounts.models import Account, OrgUnit
from battlemap.io.mapformat.limits import nesting_deeper_than, read_map
from battlemap.io.mapformat.load import MapImportError, map_import
from tests import factories as f


def _map(
    slug: str = "fresh", *, people: int = 3, links: int = 0, interactions: int = 0, chain: bool = False
) -> dict:
    return {
        "format_version": 1,
        "account": {"slug": slug, "name": f"Map {slug}", "lifecycle": "prospect", "portrait": {}},
        "org_units": [{"id": n, "name": f"部{n}", "parent": n - 1 if chain and n > 1 else None}
                      for n in range(1, people + 1)] if chain else [],
        "people": [{"id": n, "name": f"人{n}", "reports_to": n - 1 if chain and n > 1 else None,
                    "org_unit": n if chain else None} for n in range(1, people + 1)],
        "influence_links": [{"from": 1, "to": 2, "kind": "advises", "strength": 1} for _ in range(links)],
        "external_factors": [],
        "decision_bodies": [],
        "deals": [],
        "interactions": [{"id": n, "date": "2026-01-05T10:00:00+08:00", "kind": "meeting", "participants": [1]}
                         for n in range(interactions)],
    }  # fmt: skip


def _bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


DEEP = b'{"format_version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
UNKNOWN_DEEP = json.loads(json.dumps(_map()))
UNKNOWN_DEEP["people"][0]["portrait"] = {"mood": "calm"}

CASES = [  # (what, settings, file bytes, words of the refusal)
    ("size", {"MAP_IMPORT_MAX_MB": 0}, _bytes(_map()), "MAP_IMPORT_MAX_MB"),
    ("people", {"MAP_IMPORT_MAX_PEOPLE": 2}, _bytes(_map(people=3)), "MAP_IMPORT_MAX_PEOPLE"),
    ("links", {"MAP_IMPORT_MAX_LINKS": 1}, _bytes(_map(links=2)), "MAP_IMPORT_MAX_LINKS"),
    ("interactions", {"MAP_IMPORT_MAX_INTERACTIONS": 1}, _bytes(_map(interactions=2)), "MAP_IMPORT_MAX_INTERACTIONS"),
    ("depth", {}, DEEP, "MAP_IMPORT_MAX_DEPTH"),
    ("unknown key", {}, _bytes(UNKNOWN_DEEP), "people 1.portrait.mood"),
]  # fmt: skip


@pytest.mark.parametrize("what, bounds, raw, words", CASES, ids=[c[0] for c in CASES])
def test_the_command_refuses_a_map_past_a_limit_naming_it(db, tmp_path, what, bounds, raw, words):
    f.user("alice")
    path = tmp_path / "map.json"
    path.write_bytes(raw)
    with override_settings(**bounds), pytest.raises(CommandError, match=re.escape(words)):
        call_command("import-map", str(path), "--owner", "alice")
    assert not Account.all_objects.exists()


@pytest.mark.parametrize("what, bounds, raw, words", CASES, ids=[c[0] for c in CASES])
def test_the_web_refuses_a_map_past_a_limit_naming_the_file_and_the_setting(
    client, db, what, bounds, raw, words
):
    client.force_login(f.user("newbie"))
    with override_settings(**bounds):
        response = client.post(reverse("account_import"), {"file": SimpleUploadedFile("map.json", raw)})
    html = response.content.decode()
    assert response.status_code == 422
    assert re.search(r'class="field has-error" id="field-file">.*?class="errorlist"', html, re.S)
    assert words in html
    assert not Account.all_objects.exists()


def test_a_refusal_speaks_chinese_too(db):
    with translation.override("zh-hans"), override_settings(MAP_IMPORT_MAX_PEOPLE=2):
        with pytest.raises(MapImportError) as refused:
            read_map(_bytes(_map(people=3)))
    assert "MAP_IMPORT_MAX_PEOPLE" in str(refused.value) and "人" in str(refused.value)


def test_a_refusal_is_put_together_in_the_language_it_is_read_in(db):
    """A background job reads the one refusal once per language (core.multilingual)."""
    with translation.override("zh-hans"), override_settings(MAP_IMPORT_MAX_PEOPLE=2):
        with pytest.raises(MapImportError) as refused:
            read_map(_bytes(_map(people=3)))
    with translation.override("en"):
        assert str(refused.value).startswith("The map has more than 2 people, the limit of one map import")


def test_deep_json_is_not_a_valid_map_and_no_crash(db):
    assert nesting_deeper_than(DEEP, 12) and not nesting_deeper_than(_bytes(_map()), 12)
    assert not nesting_deeper_than(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[["}', 3)  # brackets in text are text
    with translation.override("en"):
        with pytest.raises(MapImportError, match="not a valid map"):
            read_map(DEEP)
        with pytest.raises(MapImportError, match="not a JSON file"):
            read_map(b"[" * 100_000)  # unbalanced: the parser refuses it, without a RecursionError
        with pytest.raises(MapImportError, match="line 2, column 13"):
            read_map(b'{"format_version": 1,\n "people": [oops]}')  # where to look
        with pytest.raises(MapImportError, match="more than 4,300 digits"):
            read_map(b'{"format_version": 1, "n": ' + b"9" * 100_000 + b"}")


def test_the_uploader_follows_the_job_to_the_new_account(client, db):
    owner = f.user("newbie")
    client.force_login(owner)
    response = client.post(reverse("account_import"), {"file": SimpleUploadedFile("m.json", _bytes(_map()))})
    job = response["Location"]
    assert response.status_code == 302 and job.startswith("/accounts/import/job/")
    response = client.get(job)
    assert response.status_code == 302 and response["Location"] == "/accounts/fresh/"
    assert Account.objects.get(slug="fresh").owner == owner


def test_a_job_page_is_404_to_another_user_and_login_for_anonymous(client, db):
    client.force_login(f.user("newbie"))
    job = client.post(reverse("account_import"), {"file": SimpleUploadedFile("m.json", _bytes(_map()))})[
        "Location"
    ]
    client.force_login(f.user("outsider"))
    assert client.get(job).status_code == 404
    assert client.get("/accounts/import/job/nosuchtoken/").status_code == 404
    client.logout()
    response = client.get(job)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_map_failing_in_the_worker_says_why_and_writes_nothing(client, db):
    data = _map()
    data["people"][1]["reports_to"] = 99  # found only by the loader
    client.force_login(f.user("newbie"))
    job = client.post(reverse("account_import"), {"file": SimpleUploadedFile("m.json", _bytes(data))})[
        "Location"
    ]
    page = client.get(job, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-status="failed"' in html
    assert "people 2.reports_to: no person with id 99" in html
    assert "people 2.reports_to：没有 id 为 99 的人员" in _job_page(client, job, "zh-hans")
    assert not Account.all_objects.exists()


def _chain_cost(n: int, slug: str, monkeypatch) -> tuple[int, int]:
    """(queries, reads of a department's parent) of loading a chain of `n` people in `n` nested units."""
    reads = Counter()
    original = ForwardManyToOneDescriptor.__get__

    def counting(self, instance, cls=None):
        if isinstance(instance, OrgUnit) and self.field.name == "parent":
            reads["parent"] += 1
        return original(self, instance, cls)

    monkeypatch.setattr(ForwardManyToOneDescriptor, "__get__", counting)
    with CaptureQueriesContext(connection) as queries:
        account = map_import(data=_map(slug, people=n, chain=True), owner=f.user(f"u-{slug}"))
    monkeypatch.setattr(ForwardManyToOneDescriptor, "__get__", original)
    deepest = account.people.get(name=f"人{n}")
    assert deepest.reports_to.name == f"人{n - 1}" and deepest.org_unit.parent.name == f"部{n - 1}"
    return len(queries), reads["parent"]


def test_a_reporting_chain_loads_in_time_proportional_to_its_length(db, monkeypatch):
    small = _chain_cost(150, "c150", monkeypatch)
    large = _chain_cost(300, "c300", monkeypatch)
    assert large[0] <= 2.2 * small[0]  # queries: linear
    assert large[1] <= 2.2 * small[1]  # a new department no longer walks up the whole chain


def test_progress_counts_the_parts_of_the_map(db):
    seen = []
    map_import(
        data=_map(people=4, interactions=2), owner=f.user("alice"), progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (7, 7) and [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_a_department_still_cannot_move_under_its_own_child(db):
    """A new department skips the walk up its parents (it cannot close a loop); a moved one does not."""
    from django.core.exceptions import ValidationError

    from battlemap.accounts.services import org_unit_update

    account = f.account(owner=f.user("alice"))
    top = f.org_unit(account=account, name="top")
    child = f.org_unit(account=account, name="child", parent=top)
    grandchild = f.org_unit(account=account, name="grandchild", parent=child)
    with pytest.raises(ValidationError) as refused:
        org_unit_update(unit=top, version=top.version, parent=grandchild)
    assert "parent" in refused.value.message_dict


def _job_page(client, job: str, lang: str) -> str:
    html = client.get(job, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    return html.split('class="problems"')[1].split("</ul>")[0]


def test_a_map_refused_in_the_worker_reads_in_the_language_of_whoever_opens_the_job(client, db):
    """The uploader used Chinese; the loader's refusal (a service's rule, met in the bulk of people) is kept
    in every language, so the job page reads English to an English reader and Chinese to a Chinese one."""
    data = _map()
    data["people"][1]["email"] = "not-an-email"  # found only by the loader, in the bulk of people
    client.force_login(f.user("newbie"))
    upload = {"file": SimpleUploadedFile("m.json", _bytes(data))}
    job = client.post(reverse("account_import"), upload, HTTP_ACCEPT_LANGUAGE="zh-hans")["Location"]
    english, chinese = _job_page(client, job, "en"), _job_page(client, job, "zh-hans")
    assert "Battlemap cannot load this map: people 2: email: Enter a valid email address." in english
    assert "i18n" not in english and not re.search(r"[\u4e00-\u9fff]", english)
    # in the product's words, the e-mail too (Django's own 输入一个有效的 Email 地址 left "Email" in English)
    assert "无法载入这份地图文件：people 2：email：请输入有效的邮箱地址。" in chinese
    assert "Battlemap" not in chinese and "Enter a valid" not in chinese
    assert not Account.all_objects.exists()


def test_a_dead_workers_map_job_reads_in_the_language_of_whoever_opens_it(client, db, settings):
    from django_tasks_db.models import DBTaskResult

    from battlemap.ops.services import fail_dead_tasks

    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(f.user("newbie"))
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        upload = {"file": SimpleUploadedFile("m.json", _bytes(_map()))}
        job = client.post(reverse("account_import"), upload, HTTP_ACCEPT_LANGUAGE="zh-hans")["Location"]
        DBTaskResult.objects.ready().get().claim("ghost")  # a worker took it, then died
        assert fail_dead_tasks() == 1
        english, chinese = _job_page(client, job, "en"), _job_page(client, job, "zh-hans")
    assert "The background worker loading this map stopped before it finished" in english
    assert "i18n" not in english and not re.search(r"[\u4e00-\u9fff]", english)
    assert "The background worker" not in chinese and re.search(r"[\u4e00-\u9fff]", chinese)
