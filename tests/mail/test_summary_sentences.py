"""What an ingest says, read as a seller reads it: Chinese sentences follow one another without the space an
English one takes ("…作战地图上。 已在邮件页…" had one), and each count is said once (the new people were said,
then "新增 2 条建议" of the same two) — on the upload page's run, from the API and from `mail-ingest`, of Outlook
.msg files of people not on the map yet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from battlemap.mail.models import IngestRun, Suggestion
from battlemap.mail.services import IngestReport
from battlemap.mail.services.ingest_summary import summary_of
from battlemap.users.services import token_create
from tests.mail.outlook_files import outlook_msg

pytestmark = pytest.mark.django_db

SELLER = ("吴晓明", "wu.xiaoming@ours.example")
NEW = (("陈立新", "chen.lixin@guodian.example"), ("孙悦", "sun.yue@guodian.example"))
TO = 1


def _messages(first: int = 0) -> list[tuple[str, bytes]]:
    """The seller's mail to two of the customer's people the map does not have yet, and their answers."""
    sent = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)
    files = []
    for n in range(first, first + 3):
        for name, address in NEW:
            when = sent + timedelta(days=n)
            files.append(
                (
                    f"{n}-{address}.msg",
                    outlook_msg(
                        subject=f"平台方案第{n}轮",
                        sender=(name, address),
                        recipients=((SELLER[0], SELLER[1], TO),),
                        sent=when,
                        message_id=f"<{n}.{address}>",
                    ),
                )
            )
    return files


def _read_as_a_seller(text: str, count: int, language: str) -> None:
    if language == "zh-hans":
        assert "。 " not in text, text
        assert f"已在邮件页建议新增 {count} 位联系人" in text and "条建议" not in text, text
    else:
        assert f"{count} new people are suggested from it on the mail page" in text, text
        assert "new suggestion" not in text and ".  " not in text, text


def test_the_upload_page_says_each_sentence_and_count_once_in_both_languages(world, client):
    client.force_login(world.owner)
    client.post(
        f"/accounts/{world.cn.slug}/mail/upload/",
        {
            "files": [SimpleUploadedFile(name, data) for name, data in _messages()],
            "our_domains": "ours.example",
            "customer_domains": "guodian.example",
        },
    )
    run = IngestRun.objects.get(account=world.cn)
    assert Suggestion.objects.filter(account=world.cn, kind="person").count() == 2
    for language in ("zh-hans", "en"):
        with translation.override(language):
            _read_as_a_seller(run.summary_text, 2, language)


def test_the_api_and_the_command_say_it_as_the_page_does(world, client, tmp_path):
    token = token_create(user=world.owner, name="test").secret
    with translation.override("en"):
        response = client.post(
            f"/api/accounts/{world.cn.slug}/mail/ingest",
            {
                "files": [SimpleUploadedFile(name, data) for name, data in _messages()],
                "dry_run": "false",
                "our_domains": "ours.example",
                "customer_domains": "guodian.example",
            },
            headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
        )
    assert response.status_code == 200, response.content
    _read_as_a_seller(response.json()["summary"], 2, "en")
    Suggestion.objects.filter(account=world.cn).delete()  # suggested again by the command's run
    for name, data in _messages(first=10):
        (tmp_path / name).write_bytes(data)
    out = StringIO()
    with translation.override("zh-hans"):
        call_command("mail-ingest", str(tmp_path), "--account", world.cn.slug, "--our-domain", "ours.example",
                     "--customer-domain", "guodian.example", stdout=out)  # fmt: skip
    _read_as_a_seller(out.getvalue(), 2, "zh-hans")


@pytest.mark.parametrize(
    ("language", "said", "not_said"),
    [
        ("en", "2 new people are suggested from it on the mail page: accept each who", "5 new suggestions"),
        ("en", "3 more new suggestions are there too (titles, reporting lines or decision makers).", "。"),
        ("zh-hans", "已在邮件页建议新增 2 位联系人", "新增 5 条建议"),
        ("zh-hans", "邮件页另有 3 条新建议", "。 "),
    ],
)
def test_the_other_suggestions_are_counted_apart_from_the_people(language, said, not_said):
    report = IngestReport(read=4, new=4, interactions=4, people_suggested=2, suggestions_made=5)
    with translation.override(language):
        text = summary_of(report)
    assert said in text and not_said not in text, text


def test_a_run_that_suggests_nothing_new_says_so_once(world):
    report = IngestReport(read=4, new=4, interactions=4, participants=2, suggestions_made=0)
    with translation.override("zh-hans"):
        text = summary_of(report)
    assert "新增 0 条建议。客户域名" in text, text
