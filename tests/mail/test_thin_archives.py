"""The mail page, the CLI's JSON and accept-all on a thin, fresh archive (issue 15's evidence floor): no
score below the floor, no impossible percentage, no system mailbox as a person, no empty batch."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from battlemap.mail.models import IngestRun, Suggestion
from battlemap.mail.services import suggestions_accept_above
from tests.mail.thin import DOMAIN, ingest_thin

pytestmark = pytest.mark.django_db
SCORES = (("seniority", "score"), ("seniority", "confidence"), ("decision_maker", "likelihood"),
          ("relationship", "score"), ("influence", "bridging"))  # fmt: skip


@pytest.fixture
def thin(world, tmp_path):
    ingest_thin(world.cn, tmp_path)
    return world


def _url(world, suffix: str = "") -> str:
    return f"/accounts/{world.cn.slug}/mail/{suffix}"


def _people_table(page: str) -> str:
    return page.split('id="inferred-people"')[1].split("</table>")[0]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_page_shows_no_score_below_the_floor_and_says_why(thin, client, language):
    client.force_login(thin.owner)
    page = client.get(_url(thin), headers={"Accept-Language": language}).content.decode()
    table = _people_table(page)
    with translation.override(language):
        assert translation.gettext("confidence") not in table  # no "(confidence 0.03)"
        relationship = re.escape(translation.gettext("Relationship with us"))
    cells = re.findall(rf'data-label="{relationship}">([^<]*)<', table)
    assert cells and all(cell.strip() == "—" for cell in cells), cells  # not 37–41
    # the evidence says why, and what it counts: not the 5 items read, only mail among the customer's people
    floor = re.compile(
        r"not enough evidence: (\d+) messages? among the customer&#x27;s people, 20 needed for scores"
        if language == "en"
        else r"证据不足：客户内部人员之间共 (\d+) 封邮件，至少需要 20 封才给出评分"
    )
    counts = {int(n) for n in floor.findall(page)}
    # the two mails between colleagues: 王建明 → 刘国强, 刘国强 → 孙婷 (not the OA notice, nor 陈静's mail to
    # herself and our seller: it reaches no colleague)
    assert counts == {2}, counts
    assert "in the archive" not in page and "归档中仅" not in page
    assert not re.search(r"\d+\s*%", table)  # no comparison with the others below the floor
    # no rank (an arbitrary order below the floor) and no line counting zero, in the table or the suggestions
    ranks = re.findall(r'<tbody class="mail-item">\s*<tr>\s*<td>([^<]*)</td>', table)
    assert ranks and set(ranks) == {"—"}, ranks
    assert not re.search(r"seniority rank|职级排名", page)
    assert not re.search(r"(?<![\d.])0 (distinct colleague|位不同同事)", page)


def test_the_cli_json_gives_null_for_every_score_below_the_floor(thin):
    out = StringIO()
    call_command("mail-infer", thin.cn.slug, "--json", stdout=out)
    people = json.loads(out.getvalue())["people"]
    assert people
    for person in people:
        for group, key in SCORES:
            assert person[group][key] is None, (person["email"], group, key)
        assert person["manager_candidates"] == [] and person["reports_to"] is None
        assert person["seniority"]["rank"] is None  # below the floor an order is arbitrary: no rank
        assert any("not enough evidence" in line for line in person["seniority"]["evidence"])
        assert not [e for e in person["decision_maker"]["evidence"] if e.startswith("seniority rank")]
    text = StringIO()
    call_command("mail-infer", thin.cn.slug, stdout=text)
    assert "relationship -" in text.getvalue()
    rows = [line for line in text.getvalue().splitlines() if "relationship" in line]
    assert rows and all(line.lstrip().startswith("-.") for line in rows), rows  # "  -. 王建明 …", not "  1."
    # the dashes said why, once, as the page and --json say it (they were dashes and nothing else)
    said = [line for line in text.getvalue().splitlines() if line.startswith("Not enough evidence")]
    assert said == ["Not enough evidence: 2 messages among the customer's people, 20 needed for scores"], said
    assert text.getvalue().index(said[0]) < text.getvalue().index("relationship -")  # before the dashes


def test_system_mailboxes_are_not_people_and_an_outlook_name_is_one_person(thin):
    suggested = {s.email: s for s in Suggestion.objects.filter(account=thin.cn, kind="person")}
    assert f"noreply@{DOMAIN}" not in suggested  # "OA System" is a machine
    zhang = suggested[f"zhang.wei@{DOMAIN}"]
    assert zhang.name == "Zhang Wei"  # Outlook's "Zhang, Wei": one person, the order match_name keys on
    assert (zhang.message_count, zhang.meeting_count) == (0, 1)  # the meeting they attended: not "0 messages"
    assert all(s.message_count + s.meeting_count >= 1 for s in suggested.values())


def test_accept_all_on_a_fresh_archive_accepts_nothing_makes_no_batch_and_says_why(thin, client):
    assert set(Suggestion.objects.filter(account=thin.cn).values_list("kind", flat=True)) == {"person"}
    report = suggestions_accept_above(account=thin.cn, user=thin.owner, percent=80)
    assert report.batch is None and report.done == [] and "Nothing was accepted" in report.nothing
    assert "new people pending are not accepted in a batch" in report.nothing
    client.force_login(thin.owner)
    page = client.post(_url(thin, "accept-above/"), {"percent": "80"}, follow=True).content.decode()
    assert "Nothing was accepted: no reporting line or decision maker is suggested from 80% up." in page
    assert "undo the batch below" not in page and 'id="accept-batches"' not in page
    assert not Suggestion.history.filter(account_id=thin.cn.pk, history_change_reason__contains="#").exists()
    zh = client.post(
        _url(thin, "accept-above/"), {"percent": "80"}, headers={"Accept-Language": "zh-hans"}, follow=True
    ).content.decode()
    assert "未接受任何建议" in zh


def test_accept_all_when_every_line_waits_for_a_new_person_names_them(thin, client):
    line = Suggestion.objects.create(
        account=thin.cn, kind="reports_to", email=f"sun.t@{DOMAIN}", name="孙婷", value=f"liu.gq@{DOMAIN}",
        probability=0.9,
    )  # fmt: skip
    report = suggestions_accept_above(account=thin.cn, user=thin.owner, percent=80)
    assert report.batch is None and [s.pk for s, _reason in report.skipped] == [line.pk]
    assert "Accept the suggested person 孙婷 first." in report.nothing  # named, not by address
    assert Suggestion.objects.get(pk=line.pk).state == "pending"
    with translation.override("zh-hans"):
        chinese = suggestions_accept_above(account=thin.cn, user=thin.owner, percent=80).nothing
    assert chinese.startswith("未接受任何建议") and "。 " not in chinese and "孙婷" in chinese


def test_accept_all_outsider_anonymous_and_bad_input(thin, client):
    client.force_login(thin.outsider)
    assert client.post(_url(thin, "accept-above/"), {"percent": "80"}).status_code == 404
    client.logout()
    response = client.post(_url(thin, "accept-above/"), {"percent": "80"})
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(thin.owner)
    page = client.post(_url(thin, "accept-above/"), {"percent": "x"}, follow=True).content.decode()
    assert "From (%): Enter a whole number." in page  # the field named
    assert "Nothing was accepted" not in page


@pytest.mark.parametrize(
    ("content", "english", "chinese"),
    [
        (
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VCALENDAR\n",
            "BEGIN:VEVENT has no END",
            "BEGIN:VEVENT 缺少对应的 END",
        ),
        (b"hello world\n", "it does not start with BEGIN:VCALENDAR", "文件开头不是 BEGIN:VCALENDAR"),
    ],
)
def test_an_unreadable_calendar_is_explained_in_the_readers_language(
    world, client, content, english, chinese
):
    client.force_login(world.owner)
    client.post(_url(world, "upload/"), {"files": SimpleUploadedFile("eu_weekly.ics", content)})
    run = IngestRun.objects.get(account=world.cn)
    assert run.status == "failed"
    with translation.override("en"):
        assert english in run.summary_text
    with translation.override("zh-hans"):
        summary = run.summary_text
    assert chinese in summary
    assert "Found no components" not in summary and "Content line" not in summary  # not the library's words


def test_accept_all_is_offered_only_when_it_has_something_to_take(thin, client):
    client.force_login(thin.owner)
    page = client.get(_url(thin, "")).content.decode()
    assert 'id="suggestions"' in page and 'id="accept-above"' not in page  # new people only
    Suggestion.objects.create(
        account=thin.cn, kind="reports_to", email=f"sun.t@{DOMAIN}", name="孙婷", value=f"liu.gq@{DOMAIN}",
        probability=0.9,
    )  # fmt: skip
    assert 'id="accept-above"' in client.get(_url(thin, "")).content.decode()


def test_a_line_counting_zero_stored_by_an_older_suggestion_is_not_shown(thin):
    """Person suggestions keep the evidence they were made with: one stored before zero counts were dropped
    still says "writes to 0 distinct colleagues"; the page and the API leave that line out."""
    from battlemap.mail.selectors.suggestions import evidence_lines

    stored = Suggestion.objects.filter(account=thin.cn, kind="person").first()
    stored.evidence = [
        {"code": "receives_from_count", "params": {"count": 0}},
        {"code": "writes_to", "params": {"count": 0}},
        {"code": "writes_to", "params": {"count": 2}},
    ]
    assert evidence_lines(stored, "en") == ["writes to 2 distinct colleagues"]
    assert evidence_lines(stored, "zh-hans") == ["给 2 位不同同事发过邮件"]
