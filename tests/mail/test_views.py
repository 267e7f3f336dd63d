from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from battlemap.mail.models import IngestRun, MailItem, Suggestion
from battlemap.people.models import Person
from tests.inference import archives


def _url(world, suffix=""):
    return f"/accounts/{world.cn.slug}/mail/{suffix}"


def test_it_shows_the_ranking_and_suggestions_to_the_owner(ingested, client):
    client.force_login(ingested.owner)
    page = client.get(_url(ingested))
    assert page.status_code == 200
    text = page.content.decode()
    assert "jorg@guodian.example" in text and "Jörg Müller" in text
    assert 'id="inferred-people"' in text and 'id="suggestions"' in text


def test_outsiders_get_404_everywhere(ingested, client):
    client.force_login(ingested.outsider)
    suggestion = Suggestion.objects.filter(account=ingested.cn).first()
    assert client.get(_url(ingested)).status_code == 404
    upload = SimpleUploadedFile("cal.ics", archives.ICS.encode())
    assert client.post(_url(ingested, "upload/"), {"files": upload}).status_code == 404
    assert client.post(_url(ingested, f"{suggestion.pk}/decide/"), {"decision": "accept"}).status_code == 404
    assert Suggestion.objects.get(pk=suggestion.pk).state == "pending"


def test_a_viewer_may_look_but_not_upload_or_decide(world, client):
    # carol manages alice's team; the English account has no team, so she may only view it
    suggestion = Suggestion.objects.create(
        account=world.en, kind="person", email="x@northwind.example", name="X"
    )
    client.force_login(world.manager)
    page = client.get(f"/accounts/{world.en.slug}/mail/")
    assert page.status_code == 200 and 'name="decision"' not in page.content.decode()
    assert 'enctype="multipart/form-data"' not in page.content.decode()
    decide = client.post(f"/accounts/{world.en.slug}/mail/{suggestion.pk}/decide/", {"decision": "accept"})
    assert decide.status_code == 403
    upload = SimpleUploadedFile("cal.ics", archives.ICS.encode())
    assert client.post(f"/accounts/{world.en.slug}/mail/upload/", {"files": upload}).status_code == 403
    assert Suggestion.objects.get(pk=suggestion.pk).state == "pending"


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(_url(world))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_upload_ingests_and_proposes(world, client):
    client.force_login(world.owner)
    upload = SimpleUploadedFile("cal.ics", archives.ICS.encode())
    response = client.post(_url(world, "upload/"), {"files": upload, "our_domains": "ours.example"})
    assert response.status_code == 302
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "done" and run.files == ["cal.ics"]
    assert MailItem.objects.filter(account=world.cn).count() == 1
    proposed = set(Suggestion.objects.filter(account=world.cn, kind="person").values_list("email", flat=True))
    assert proposed == {"li.ming@guodian.example"}  # 王建国 is matched by name, not proposed again
    assert "1 new" in client.get(_url(world)).content.decode()


def test_an_unreadable_upload_writes_nothing_and_says_why(world, client):
    client.force_login(world.owner)
    upload = SimpleUploadedFile("broken.csv", b"date,from,to\nnot a date,a@x.example,b@x.example\n")
    client.post(_url(world, "upload/"), {"files": upload})
    run = IngestRun.objects.get(account=world.cn)
    with translation.override("en"):
        summary = run.summary_text
    assert run.status == "failed" and "broken.csv" in summary and "row 2" in summary
    assert not MailItem.objects.filter(account=world.cn).exists()
    # the page names the file as uploaded and its own option, not the command line's
    assert "000-" not in summary and "/" not in summary.split("broken.csv")[0]
    # nothing else was readable: ticking "ingest the readable files" would ingest nothing, so it is not offered
    assert "--skip-bad" not in summary and "Ingest the readable files if some are not" not in summary


def test_a_failed_ingest_reads_in_the_language_of_whoever_looks(world, client, settings):
    # the worker writes in the server's default language (Chinese here); an English viewer reads English
    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(world.owner)
    upload = SimpleUploadedFile("laughs.ics", b"not a calendar")
    client.post(_url(world, "upload/"), {"files": upload})
    assert IngestRun.objects.get(account=world.cn).status == "failed"
    chinese = client.get(
        _url(world), headers={"Accept-Language": "zh-hans"}
    ).content.decode()  # and its flash
    english = client.get(_url(world), headers={"Accept-Language": "en"}).content.decode()
    assert "Unreadable files, nothing was ingested: laughs.ics" in english
    assert "文件无法读取" not in english and "i18n" not in english
    assert "文件无法读取，未导入任何内容：laughs.ics" in chinese and "Unreadable files" not in chinese


def test_an_upload_without_a_file_is_the_form_again_naming_the_field(world, client):
    # a tester's findings: no file part, or a file the upload handler drops by its name, answered 500
    client.force_login(world.owner)
    for name in (None, "", ".", "..", "../"):
        parts = ['--B\r\nContent-Disposition: form-data; name="our_domains"\r\n\r\nours.example\r\n']
        if name is not None:
            parts.append(
                f'--B\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                "Content-Type: text/calendar\r\n\r\n" + archives.ICS + "\r\n"
            )
        body = ("".join(parts) + "--B--\r\n").encode()
        response = client.post(_url(world, "upload/"), body, content_type="multipart/form-data; boundary=B")
        assert response.status_code == 400, name
        assert response.context["form"].errors["files"] == ["This field is required."], name
    assert not IngestRun.objects.exists()


def test_bad_domains_are_rejected_with_the_field_named(world, client):
    client.force_login(world.owner)
    upload = SimpleUploadedFile("cal.ics", archives.ICS.encode())
    response = client.post(_url(world, "upload/"), {"files": upload, "our_domains": "not a domain!"})
    assert response.status_code == 400
    assert "Not a domain" in response.content.decode()
    assert not MailItem.objects.exists()


def test_accept_and_reject_from_the_panel(ingested, client):
    client.force_login(ingested.owner)
    jorg = Suggestion.objects.get(account=ingested.cn, kind="person", email="jorg@guodian.example")
    client.post(_url(ingested, f"{jorg.pk}/decide/"), {"decision": "accept"})
    assert Person.objects.filter(account=ingested.cn, email="jorg@guodian.example").exists()
    other = Suggestion.objects.filter(account=ingested.cn, state="pending").first()
    if other is not None:
        client.post(_url(ingested, f"{other.pk}/decide/"), {"decision": "reject"})
        assert Suggestion.objects.get(pk=other.pk).state == "rejected"


def test_names_with_markup_render_as_text(world, client, tmp_path):
    from battlemap.mail.services import mail_ingest

    path = tmp_path / "x.csv"
    path.write_text(
        'date,from,to,subject\n2025-03-01,"""<script>alert(1)</script>"" <evil@guodian.example>",alice@ours.example,"<script>alert(2)</script>"\n',
        encoding="utf-8",
    )
    mail_ingest(account=world.cn, paths=[path], our_domains=["ours.example"])
    client.force_login(world.owner)
    text = client.get(_url(world)).content.decode()
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text


def test_the_panel_reads_like_an_account_page_names_managers_and_notes_the_maps_answer(ingested, client):
    import re

    from battlemap.deals.models import StakeholderRole

    client.force_login(ingested.owner)
    boss = Person.objects.get(account=ingested.cn, name="王建国")  # matched to mail by name
    other = Person.objects.create(account=ingested.cn, name="另一位上级", email="other@guodian.example")
    Person.objects.filter(pk=boss.pk).update(reports_to=other)
    deal_id = ingested.cn_deal.pk  # a pending decision-maker suggestion for someone else than the map's
    Suggestion.objects.create(
        account=ingested.cn,
        kind="decision_maker",
        email="jorg@guodian.example",
        name="Jörg Müller",
        value=str(deal_id),
        probability=0.7,
    )
    StakeholderRole.objects.update_or_create(
        deal_id=deal_id, person=boss, defaults={"roles": ["decision_maker"]}
    )
    text = client.get(_url(ingested)).content.decode()
    # the account's head and tabs, the mail tab current
    assert 'class="maphead"' in text
    assert re.search(r'<a href="[^"]*/mail/[^"]*"\s+aria-current="page"', text)
    # where the map holds a different answer, the page says so, by name
    assert f"The map already names {boss.name} as decision maker in this deal." in text
    # (this small archive is below inference's evidence floor, so it proposes no manager: the "reports to"
    # note and managers shown by name cannot appear here; not checked on a larger archive yet)
    assert 'class="evidence-row"' in text and "<li>" in text  # evidence in its own wrapped row


def test_the_upload_asks_the_day_month_order_a_gbk_log_does_not_settle_and_names_its_encoding(world, client):
    # 03/04 and 05/06/2026 are past dates read either way: the file alone cannot say which
    log = (
        "date,from,to,subject\n"
        "03/04/2026 10:00,王建国 <wang@guodian.example>,alice <alice@ours.example>,技术交流\n"
        "05/06/2026 09:30,alice <alice@ours.example>,王建国 <wang@guodian.example>,方案评审\n"
    ).encode("gbk")
    client.force_login(world.owner)
    client.post(
        _url(world, "upload/"), {"files": SimpleUploadedFile("log.csv", log), "our_domains": "ours.example"}
    )
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "failed" and "row 2" in run.summary and "dmy or mdy" in run.summary
    assert not MailItem.objects.filter(account=world.cn).exists()
    response = client.post(
        _url(world, "upload/"),
        {"files": SimpleUploadedFile("log.csv", log), "our_domains": "ours.example", "date_order": "dmy"},
    )
    assert response.status_code == 302
    run = IngestRun.objects.filter(account=world.cn).latest("pk")
    assert run.status == "done" and "log.csv GB18030" in run.summary
    assert "000" not in run.summary  # the file as the user named it, not as it was saved
    days = sorted(
        timezone.localtime(i.occurred_at).date().isoformat()
        for i in MailItem.objects.filter(account=world.cn)
    )
    assert days == ["2026-04-03", "2026-06-05"]
    assert "技术交流" in set(MailItem.objects.filter(account=world.cn).values_list("subject", flat=True))
    # a made-up order names the field
    response = client.post(
        _url(world, "upload/"), {"files": SimpleUploadedFile("log.csv", log), "date_order": "ymd"}
    )
    assert response.status_code == 400 and "date_order" in response.context["form"].errors


def test_a_calendar_with_a_huge_title_is_refused_as_too_large_naming_the_limit(world, client):
    """A tester's 28 MB SUMMARY (folded into 13-character lines) was refused as "no messages or meetings
    found"; it is too large, and the page says so with the limit."""
    from battlemap.io.mail.calendar import MAX_LINE_BYTES

    folded = b"\r\n lolololololol" * (MAX_LINE_BYTES // 13 + 10)
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20261101T100000Z\r\n"
        b"ORGANIZER:mailto:a@ours.example\r\nSUMMARY:lol" + folded + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    client.force_login(world.owner)
    client.post(_url(world, "upload/"), {"files": SimpleUploadedFile("laughs.ics", ics)})
    run = IngestRun.objects.get(account=world.cn)
    with translation.override("en"):
        english = run.summary_text
    with translation.override("zh-hans"):
        chinese = run.summary_text
    assert run.status == "failed" and not MailItem.objects.filter(account=world.cn).exists()
    assert "laughs.ics: too large: SUMMARY on line 7 is 1.0 MB, more than the limit of 1 MB" in english
    assert "no messages or meetings found" not in english
    assert "过大" in chinese and "1 MB" in chinese


def test_the_header_says_what_was_ingested_and_what_the_inference_read(world, client, tmp_path):
    # a tester saw "Drawn from 0 messages and meetings" over 6 ingested meetings: meetings our side organised
    # are ingested (and count as met) but say nothing about ranks inside the customer
    from battlemap.mail.services import mail_ingest

    path = tmp_path / "ours.ics"
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:m{i}\r\nDTSTART:2026110{i}T020000Z\r\nSUMMARY:Review {i}\r\n"
        "ORGANIZER:mailto:alice@ours.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:li.ming@guodian.example\r\n"
        "END:VEVENT\r\n"
        for i in range(1, 7)
    )
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n", encoding="utf-8")
    mail_ingest(
        account=world.cn, paths=[path], our_domains=["ours.example"], customer_domains=["guodian.example"]
    )
    client.force_login(world.owner)
    text = client.get(_url(world)).content.decode()
    assert "Ingested: messages 0, meetings 6." in text
    assert "read from the 0 items sent by the customer" in text
    with translation.override("zh-hans"):
        text = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "已导入：邮件 0 封，会议 6 场。" in text


def test_with_nothing_ingested_the_page_shows_only_the_empty_state_in_both_languages(world, client):
    client.force_login(world.owner)
    english = client.get(_url(world), headers={"Accept-Language": "en"}).content.decode()
    chinese = client.get(_url(world), headers={"Accept-Language": "zh-hans"}).content.decode()
    assert "Nothing ingested yet: upload a mail export or a calendar file below." in english
    assert "尚未导入任何内容：请在下方上传邮件导出或日历文件。" in chinese
    for page in (english, chinese):
        assert 'id="drawn-from"' not in page
    assert "Ingested: messages 0" not in english and "已导入：邮件 0 封" not in chinese
    client.post(
        _url(world, "upload/"),
        {"files": SimpleUploadedFile("cal.ics", archives.ICS.encode()), "our_domains": "ours.example"},
    )
    english = client.get(_url(world), headers={"Accept-Language": "en"}).content.decode()
    chinese = client.get(_url(world), headers={"Accept-Language": "zh-hans"}).content.decode()
    assert "Ingested: messages 0, meetings 1." in english and "已导入：邮件 0 封，会议 1 场。" in chinese
    assert "Nothing ingested yet" not in english and "尚未导入任何内容" not in chinese
