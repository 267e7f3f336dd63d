"""Every road of the command line into an account is marked so in its audit log, and `battlemap jobs` names the
command line as the one who asked for a task it queued without --user — as the timeline does (命令行). An
operator's trial: `import --background` and `mail-ingest` left entries without the "· 命令行" the other CLI
imports carry, and `jobs` listed "-" as the user of a background import started on the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import translation

from tests.ops.test_jobs import DB_QUEUE, _run_queued
from tests.privacy.test_audit import details


def _listed(task: str, lang: str) -> str:
    out = io.StringIO()
    with translation.override(lang):
        call_command("jobs", stdout=out)
    return next(line for line in out.getvalue().splitlines() if f"\t{task}\t" in line)


@pytest.mark.parametrize(("lang", "command_line"), [("en", "command line"), ("zh-hans", "命令行")])
def test_a_background_import_from_the_command_line_is_marked_so(world, tmp_path, lang, command_line):
    people = tmp_path / "people.csv"
    people.write_text("姓名,职位\n张伟,工程师\n", encoding="utf-8")
    with override_settings(TASKS=DB_QUEUE):
        call_command("import", str(people), "--account", world.cn.slug, "--background", "--no-wait",
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
        # who asked for it, before it runs and after
        assert f"\timport_people_task\t{world.cn.slug}\t{command_line}\t" in _listed(
            "import_people_task", lang
        )
        _run_queued()
        assert f"\timport_people_task\t{world.cn.slug}\t{command_line}\t" in _listed(
            "import_people_task", lang
        )
    assert details(world.cn, "import", lang) == [
        ("", f"{'people file, 1 row' if lang == 'en' else '人员文件，1 行'} · {command_line}")
    ]


def test_a_background_import_with_user_lists_that_user(world, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("姓名,职位\n张伟,工程师\n", encoding="utf-8")
    with override_settings(TASKS=DB_QUEUE):
        call_command("import", str(people), "--account", world.cn.slug, "--background", "--no-wait",
                     "--user", world.owner.username, stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
        assert f"\t{world.cn.slug}\t{world.owner.username}\t" in _listed("import_people_task", "en")
        _run_queued()
    assert details(world.cn, "import") == [(world.owner.username, "people file, 1 row · command line")]


def test_a_mail_ingest_from_the_command_line_is_marked_so(world, tmp_path):
    from tests.mail.test_ingest_progress import _mbox

    mbox = tmp_path / "inbox.mbox"
    mbox.write_bytes(_mbox(1))
    call_command("mail-ingest", str(mbox), "--account", world.cn.slug, "--our-domain", "ours.example",
                 stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    (entry,) = details(world.cn, "import")
    assert entry[1].endswith(" · command line")
    assert details(world.cn, "import", "zh-hans")[0][1].endswith(" · 命令行")


@pytest.mark.parametrize(("route", "form"), [("ingest", {"dry_run": "false"}), ("ingests", {})])
def test_a_mail_ingest_through_the_api_is_marked_so(world, owner_api, route, form):
    """Within the request, and in a worker (the tests' tasks run at once)."""
    from tests.api.test_in_request_bounds import _post

    response = _post(
        owner_api, f"/api/accounts/{world.cn.slug}/mail/{route}", our_domains="ours.example", **form
    )
    assert response.status_code in (200, 202), response.content
    (entry,) = details(world.cn, "import")
    assert entry == (world.owner.username, entry[1]) and entry[1].endswith(" · API")
