"""The mail API: ingest an archive (dry run or apply) and decide suggestions (list, accept, reject,
accept all from N%, undo), through the one gate: owner works, outsider 404, anonymous 401, bad input 422."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from battlemap.mail.models import MailItem, Suggestion
from tests.inference import archives
from tests.mail import signed
from tests.mail.calendars import meeting_ics
from tests.mail.proposals import propose_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(world):
    return propose_lines(world)


def _ics() -> SimpleUploadedFile:
    return SimpleUploadedFile("cal.ics", archives.ICS.encode(), content_type="text/calendar")


def _ingest(api, slug="guodian", dry_run=True, **form):
    headers = {"Authorization": f"Bearer {api.token}"} if api.token else {}
    body = {
        "files": SimpleUploadedFile("cal.ics", archives.ICS.encode(), content_type="text/calendar"),
        "dry_run": "true" if dry_run else "false",
        **form,
    }
    return api.client.post(f"/api/accounts/{slug}/mail/ingest", body, headers=headers)


def test_api_ingest_dry_run_reports_and_stores_nothing_then_apply_stores(world, owner_api):
    response = _ingest(owner_api, our_domains="ours.example")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["dry_run"] is True and data["read"] >= 1 and data["new"] == data["read"]
    assert not MailItem.objects.filter(account=world.cn).exists()
    response = _ingest(owner_api, dry_run=False, our_domains="ours.example")
    assert response.status_code == 200, response.content
    assert MailItem.objects.filter(account=world.cn).count() == response.json()["new"] >= 1


def test_api_ingest_bad_input_names_the_field(world, owner_api):
    response = _ingest(owner_api, our_domains="not a domain!")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["our_domains"]
    headers = {"Authorization": f"Bearer {owner_api.token}"}
    broken = SimpleUploadedFile("broken.csv", b"message_id,date,from\n1,not a date,x@y.example\n")
    response = owner_api.client.post("/api/accounts/guodian/mail/ingest", {"files": broken}, headers=headers)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["files"]
    message = response.json()["errors"][0]["message"]
    # the file as the user named it: no server folder, no number the upload put before it
    assert "broken.csv" in message and "/" not in message.split("broken.csv")[0] and "000" not in message
    junk = SimpleUploadedFile("junk.bin", b"\x00\x01 binary")
    response = owner_api.client.post(
        "/api/accounts/guodian/mail/ingest",
        {"files": junk},
        headers={**headers, "Accept-Language": "zh-hans"},
    )
    message = response.json()["errors"][0]["message"]
    assert "junk.bin" in message and "not a mail" not in message  # the reason said in Chinese
    response = owner_api.client.post(
        "/api/accounts/guodian/mail/ingest",
        {"files": [SimpleUploadedFile("junk.bin", b"\x00\x01 binary"), _ics()], "skip_bad": "true"},
        headers={**headers, "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 200, response.content
    assert [b["path"] for b in response.json()["bad_files"]] == ["junk.bin"]
    assert "not a mail" not in response.json()["bad_files"][0]["reason"]


def test_api_ingest_outsider_404_anonymous_401(world, outsider_api, anon_api):
    assert _ingest(outsider_api, dry_run=False).status_code == 404
    assert _ingest(anon_api, dry_run=False).status_code == 401
    assert not MailItem.objects.filter(account=world.cn).exists()


def test_api_lists_accepts_and_rejects_suggestions(lines, owner_api):
    world, li, zhao, (line, decider, weak) = lines
    listed = owner_api.get("/api/accounts/guodian/mail/suggestions?min_probability=0.5")
    assert listed.status_code == 200
    assert [s["id"] for s in listed.json()["items"]] == [line.pk, decider.pk]
    accepted = owner_api.post(f"/api/accounts/guodian/mail/suggestions/{line.pk}/accept")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss
    again = owner_api.post(f"/api/accounts/guodian/mail/suggestions/{line.pk}/accept")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "state"
    rejected = owner_api.post(f"/api/accounts/guodian/mail/suggestions/{weak.pk}/reject")
    assert rejected.status_code == 200 and rejected.json()["state"] == "rejected"


def test_api_accept_above_and_undo(lines, owner_api):
    world, li, zhao, (line, decider, weak) = lines
    response = owner_api.post("/api/accounts/guodian/mail/suggestions/accept-above", {"percent": 80})
    assert response.status_code == 200, response.content
    batch = response.json()["batch"]
    assert set(response.json()["suggestions"]) == {line.pk, decider.pk}
    response = owner_api.post("/api/accounts/guodian/mail/suggestions/undo", {"batch": batch})
    assert response.status_code == 200 and set(response.json()["suggestions"]) == {line.pk, decider.pk}
    li.refresh_from_db()
    assert li.reports_to is None


def test_api_suggestions_bad_input_outsider_anonymous(lines, owner_api, outsider_api, anon_api):
    world, li, zhao, (line, *_rest) = lines
    bad = owner_api.post("/api/accounts/guodian/mail/suggestions/accept-above", {"percent": 101})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "percent"
    bad = owner_api.get("/api/accounts/guodian/mail/suggestions?state=maybe")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "state"
    bad = owner_api.post("/api/accounts/guodian/mail/suggestions/undo", {"batch": "nothing"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "batch"
    for api, status in ((outsider_api, 404), (anon_api, 401)):
        assert api.get("/api/accounts/guodian/mail/suggestions").status_code == status
        assert api.post(f"/api/accounts/guodian/mail/suggestions/{line.pk}/accept").status_code == status
        assert api.post(f"/api/accounts/guodian/mail/suggestions/{line.pk}/reject").status_code == status
        assert (
            api.post("/api/accounts/guodian/mail/suggestions/accept-above", {"percent": 0}).status_code
            == status
        )
        assert (
            api.post("/api/accounts/guodian/mail/suggestions/undo", {"batch": "x #1"}).status_code == status
        )
    li.refresh_from_db()
    assert li.reports_to is None and Suggestion.objects.get(pk=line.pk).state == "pending"
    assert owner_api.post("/api/accounts/guodian/mail/suggestions/999999/accept").status_code == 404


def test_api_accept_above_on_a_fresh_archive_makes_no_empty_batch(
    world, owner_api, outsider_api, anon_api, tmp_path
):
    """Every suggestion a new person: nothing is accepted, `batch` is null and `detail` says why and what to do."""
    from tests.mail.thin import ingest_thin

    ingest_thin(world.cn, tmp_path)
    response = owner_api.post("/api/accounts/guodian/mail/suggestions/accept-above", {"percent": 80})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["batch"] is None and data["suggestions"] == [] and data["skipped"] == []
    assert (
        data["detail"].startswith("未接受任何建议") and "不会被批量接受" in data["detail"]
    )  # the site's language
    assert (
        owner_api.post("/api/accounts/guodian/mail/suggestions/accept-above", {"percent": -1}).status_code
        == 422
    )
    for api, status in ((outsider_api, 404), (anon_api, 401)):
        assert (
            api.post("/api/accounts/guodian/mail/suggestions/accept-above", {"percent": 80}).status_code
            == status
        )
    assert not Suggestion.objects.filter(account=world.cn).exclude(state="pending").exists()


def test_api_ingest_with_bodies_after_headers_only_reads_the_signatures(world, owner_api):
    def post(**form):  # noqa: ANN003, ANN202
        files = SimpleUploadedFile("liu.mbox", signed.MBOX.encode(), content_type="application/mbox")
        body = {"files": files, "dry_run": "false", "our_domains": "ours.example", **form}
        headers = {"Authorization": f"Bearer {owner_api.token}"}
        return owner_api.client.post(f"/api/accounts/{world.cn.slug}/mail/ingest", body, headers=headers)

    assert post().json()["new"] == 4
    data = post(bodies="true").json()
    assert (data["new"], data["duplicates"]) == (0, 4)
    assert signed.SIGNED in signed.liu_evidence(world.cn)


def test_api_ingest_counts_a_meeting_changed_since_as_updated_dry_run_and_apply(world, owner_api):
    # the same meeting exported again (SEQUENCE 1): 李明 now declined
    def post(answer: str, sequence: int, dry_run: bool):  # noqa: ANN202
        ics = meeting_ics(
            uid="review-1@ours.example",
            start=datetime(2026, 11, 2, 2, tzinfo=UTC),
            attendees=[
                ("wang.jianguo@guodian.example", "王建国", "ACCEPTED"),
                ("li.ming@guodian.example", "Li, Ming", answer),
            ],
            organiser=("alice@ours.example", "Alice Seller"),
            sequence=sequence,
        )
        body = {
            "files": SimpleUploadedFile("review.ics", ics, content_type="text/calendar"),
            "dry_run": "true" if dry_run else "false",
            "our_domains": "ours.example",
        }
        headers = {"Authorization": f"Bearer {owner_api.token}"}
        response = owner_api.client.post("/api/accounts/guodian/mail/ingest", body, headers=headers)
        assert response.status_code == 200, response.content
        return response.json()

    first = post("ACCEPTED", 0, dry_run=False)
    assert (first["new"], first["updated"]) == (1, 0)
    for dry_run in (True, False):
        data = post("DECLINED", 1, dry_run=dry_run)
        assert (data["new"], data["duplicates"], data["updated"]) == (0, 0, 1), data
        assert "1 场此前已导入的会议有了变动" in data["summary"]  # the owner reads Chinese
    item = MailItem.objects.get(account=world.cn, uid="review-1@ours.example")
    assert ["li.ming@guodian.example", "Li, Ming", "declined"] in item.recipients
    again = post("DECLINED", 1, dry_run=True)  # read once more, unchanged
    assert (again["duplicates"], again["updated"]) == (1, 0)


def test_api_ingest_counts_the_new_people_left_out_in_its_own_field(world, owner_api, settings):
    """Past MAIL_NEW_PEOPLE_PER_RUN the new people not suggested were counted only inside `summary` (trial 24)."""
    settings.MAIL_NEW_PEOPLE_PER_RUN = 2
    mbox = "\n".join(
        f"From p{n}@guodian.example Sat Nov  7 10:00:00 2026\nFrom: p{n}@guodian.example\nTo: sam@ours.example\n"
        f"Subject: re {n}\nDate: Sat, 7 Nov 2026 10:{n:02d}:00 +0800\nMessage-ID: <{n}.left@guodian.example>\n\nhi\n"
        for n in range(5)
    )
    response = owner_api.client.post(
        "/api/accounts/guodian/mail/ingest",
        {
            "files": SimpleUploadedFile("archive.mbox", mbox.encode()),
            "dry_run": "false",
            "our_domains": "ours.example",
            "customer_domains": "guodian.example",
        },
        headers={"Authorization": f"Bearer {owner_api.token}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["people_left_out"] == 3
    assert _ingest(owner_api).json()["people_left_out"] == 0  # a dry run suggests nobody


def test_a_skipped_member_of_a_zip_is_named_in_its_archive_as_a_refusal_names_it(world, owner_api):
    """A mail trial: with skip_bad, `bad_files` and the summary said `contacts.eml` where the refusal said
    `mixed_bad.zip/导出/contacts.eml` — with several archives a user could not tell which; and the Chinese summary
    used "; " and "( )"."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("导出/contacts.eml", "BEGIN:VCARD\nFN:Li\nEND:VCARD\n")
        archive.writestr("导出/ok.ics", _ics().read().decode())
    upload = SimpleUploadedFile("mixed_bad.zip", buffer.getvalue())
    response = owner_api.client.post(
        "/api/accounts/guodian/mail/ingest",
        {"files": upload, "skip_bad": "true"},
        headers={"Authorization": f"Bearer {owner_api.token}", "Accept-Language": "zh-hans"},
    )
    assert response.status_code == 200, response.content
    assert [b["path"] for b in response.json()["bad_files"]] == ["mixed_bad.zip/导出/contacts.eml"]
    summary = response.json()["summary"]
    assert "已跳过：mixed_bad.zip/导出/contacts.eml：" in summary and "(" not in summary.split("已跳过")[1]


def test_the_runs_say_their_summaries_in_the_language_asked(world, owner_api):
    """A mail trial: `?lang=` was refused on …/mail/ingests, as on no other route that answers in words."""
    from battlemap.core.multilingual import in_every_language
    from battlemap.mail.models import IngestRun

    run = IngestRun.objects.create(
        account=world.cn,
        status="done",
        summary=in_every_language(lambda: _("Ingest failed: %(error)s") % {"error": "x"}),
    )
    for lang, said in (("en", "Ingest failed"), ("zh", "导入失败")):
        listed = owner_api.get(f"/api/accounts/guodian/mail/ingests?lang={lang}")
        one = owner_api.get(f"/api/accounts/guodian/mail/ingests/{run.pk}?lang={lang}")
        assert listed.status_code == one.status_code == 200
        assert said in listed.json()["items"][0]["summary"] and said in one.json()["summary"]
    assert owner_api.get("/api/accounts/guodian/mail/ingests?lang=fr").status_code == 422
