"""The mail page as a tester on a fresh clone read it (issue 15): the reasons of every reporting line,
candidates worth showing with a rejected one marked, suggestions most likely first in percent, flash messages
with names, the inference cached between loads, and the API's deal names."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest
from django.utils import translation

from battlemap.inference.explain import reporting_line
from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import mail_ingest, suggestions_refresh
from battlemap.mail.services.ingest_summary import summary_of
from tests import factories as f
from tests.mail.proposals import org_csv, propose_lines

pytestmark = pytest.mark.django_db


def _text(response) -> str:  # noqa: ANN001
    """The page's words as a reader sees them: no tags (names are isolated in <bdi>), entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def _said_after(client, world, action: str, data: dict, language: str) -> str:  # noqa: ANN001
    """The owner posts `data` to the mail page's `action` in `language`: the words of the page it returns to."""
    client.force_login(world.owner)
    url = f"/accounts/{world.cn.slug}/mail/{action}"
    return _text(client.post(url, data, follow=True, headers={"Accept-Language": language}))


@pytest.fixture
def org_account(world, tmp_path):
    """An account whose generated organisation's mail is above the evidence floor, its head on the map."""
    from tests.inference.orggen import generate_org

    org = generate_org(spans=(3, 4), seed=11, days=60)
    account = f.account(owner=world.owner, slug="acme")
    f.deal(account=account, name="Platform")
    f.person(account=account, name="Head", email=org.top)
    mail_ingest(account=account, paths=[org_csv(org, tmp_path / "org.csv")])
    suggestions_refresh(result=account_inference(account))
    return world, account


def test_the_page_gives_the_reasons_of_every_reporting_line(org_account, client):
    from battlemap.mail.selectors import line_evidence

    world, account = org_account
    result = account_inference(account)
    top = result.inference.people[0]
    below = [p for p in result.inference.people if p.reports_to is None and p is not top]
    client.force_login(world.owner)
    text = _text(client.get(f"/accounts/{account.slug}/mail/"))
    assert "the most senior person found: no manager suggested" in text
    for person in below:  # people below the threshold: the best candidate and what is needed
        for line in line_evidence(person):
            assert line in text


def test_a_person_without_any_candidate_reads_no_candidate_on_the_page_and_in_the_json(org_account):
    from battlemap.mail.selectors import inferred_json, line_evidence

    _world, account = org_account
    result = account_inference(account)
    person = result.inference.people[-1]
    lonely = replace(
        person,
        manager_candidates=(),
        reports_to=None,
        reports_to_evidence=reporting_line(person.email, (), 0.75, {}, {person.email: 2}, {})[
            1
        ],  # as the engine says it
    )
    assert line_evidence(lonely) == ["not enough evidence for a reporting line: no candidate, 75% needed"]
    assert line_evidence(lonely, "zh-hans") == ["汇报线证据不足：没有候选人，需要 75%"]
    people = list(result.inference.people)
    people[-1] = lonely
    result.inference = replace(result.inference, people=tuple(people))
    entry = inferred_json(result)["people"][-1]
    assert entry["reports_to_evidence"] == [
        "not enough evidence for a reporting line: no candidate, 75% needed"
    ]


def test_likely_manager_hides_candidates_below_one_percent_and_marks_a_rejected_line(org_account, client):
    world, account = org_account
    result = account_inference(account)
    shown = [
        p
        for p in result.inference.people
        if p.manager_candidates and p.manager_candidates[0].probability > 0.5
    ]
    person = shown[0]
    top = person.manager_candidates[0]
    assert any(c.probability < 0.01 for p in result.inference.people for c in p.manager_candidates)
    Suggestion.objects.update_or_create(
        account=account, kind="reports_to", email=person.email, value=top.email,
        defaults={"state": "rejected", "probability": top.probability},
    )  # fmt: skip
    client.force_login(world.owner)
    page = client.get(f"/accounts/{account.slug}/mail/").content.decode()
    table = page[page.index('id="inferred-people"') :]
    assert '<span class="muted">0%</span>' not in table  # no "Kevin Chen 0.00"
    assert re.search(r"<s>[^<]+</s> <span class=\"muted\">\d+% · rejected</span>", table)
    with translation.override("zh-hans"):
        zh = client.get(f"/accounts/{account.slug}/mail/", headers={"Accept-Language": "zh-hans"})
    assert "· 已驳回</span>" in zh.content.decode()


def test_suggestions_on_the_page_are_most_likely_first_in_percent_as_the_api_lists_them(lines_world, client):
    world, li, zhao, (line, decider, weak) = lines_world
    client.force_login(world.owner)
    page = client.get(f"/accounts/{world.cn.slug}/mail/").content.decode()
    table = page[page.index('id="suggestions"') : page.index("</table>", page.index('id="suggestions"'))]
    forms = re.findall(r"/mail/(\d+)/decide/", table)
    assert forms == [str(line.pk), str(decider.pk), str(weak.pk)]  # 90%, 85%, 40%
    assert "90%" in table and "85%" in table and "40%" in table and "(0.9" not in table


@pytest.fixture
def lines_world(world):
    return propose_lines(world)


@pytest.mark.parametrize(
    ("language", "said"), [("en", "Rejected: 赵磊 reports to 李明"), ("zh-hans", "已驳回：赵磊 汇报给 李明")]
)
def test_a_decision_is_said_with_names_not_addresses(lines_world, client, language, said):
    world, li, zhao, (_line, _decider, weak) = lines_world
    text = _said_after(client, world, f"{weak.pk}/decide/", {"decision": "reject"}, language)
    assert said in text
    assert "zhao@guodian.example li.ming" not in text


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "3 left pending: Accept the suggested person 孙磊 first."),
        ("zh-hans", "3 条仍待定：请先采纳建议联系人 孙磊。"),
    ],
)
def test_accept_all_names_a_person_three_lines_wait_for_once(lines_world, client, language, said):
    world, *_ = lines_world
    Suggestion.objects.create(account=world.cn, kind="person", email="sunlei@guodian.example", name="孙磊")
    for n in range(3):
        person = f.person(account=world.cn, name=f"工程师{n}", email=f"e{n}@guodian.example")
        Suggestion.objects.create(
            account=world.cn, kind="reports_to", email=person.email, name=person.name,
            value="sunlei@guodian.example", probability=0.95,
        )  # fmt: skip
    text = _said_after(client, world, "accept-above/", {"percent": "80"}, language)
    assert said in text
    assert text.count(said) == 1
    assert "sunlei@guodian.example first" not in text and "sunlei@guodian.example。" not in text


def test_the_inference_is_cached_until_the_mail_or_the_people_change(org_account, monkeypatch, tmp_path):
    import battlemap.inference as inference
    from battlemap.mail.services import suggestion_accept
    from tests.inference import archives

    _world, account = org_account
    runs = []
    real = inference.infer
    monkeypatch.setattr(inference, "infer", lambda *a, **k: runs.append(1) or real(*a, **k))
    first = account_inference(account)
    again = account_inference(account)
    assert [p.email for p in again.inference.people] == [p.email for p in first.inference.people]
    line = Suggestion.objects.filter(account=account, kind="reports_to", state="pending").first()
    if line is not None and account.people.filter(email__iexact=line.value).exists():
        suggestion_accept(suggestion=line, user=_world.owner)  # a reporting line: not read by the inference
    account_inference(account)
    assert len(runs) <= 1  # computed at most once (the fixture's refresh may have cached it already)
    before = len(runs)
    f.person(account=account, name="新人", email="new.person@example.org")  # a person: read by the inference
    account_inference(account)
    assert len(runs) == before + 1
    mail_ingest(account=account, paths=[archives.write_ics(tmp_path / "cal.ics")])  # new mail
    account_inference(account)
    assert len(runs) == before + 2


def test_customer_domains_are_not_guessed_from_external_people(world, tmp_path):
    from battlemap.mail.models import MailDomains

    account = f.account(owner=world.owner, slug="acme")
    f.person(account=account, name="王建国", email="wang.jianguo@guodian.example")
    f.person(account=account, name="顾问", email="adviser@consulting.example", external=True)
    path = tmp_path / "log.csv"
    path.write_text(
        "date,from,to,cc,subject,message_id\n"
        + "".join(
            f"2025-03-0{d} 10:00,adviser@consulting.example,p{d}@consulting.example,alice@ours.example,x,c{d}\n"
            for d in range(1, 8)
        )
        + "2025-03-08 10:00,wang.jianguo@guodian.example,alice@ours.example,,y,g1\n",
        encoding="utf-8",
    )
    report = mail_ingest(account=account, paths=[path], our_domains=["ours.example"])
    assert report.customer_domains == ["guodian.example"]
    assert MailDomains.objects.get(account=account).customer == ["guodian.example"]


def test_the_api_names_a_decision_makers_deal_and_keeps_its_id(lines_world):
    from django.test import Client

    from battlemap.users.services import token_create
    from tests.api.conftest import Api

    world, _li, _zhao, (_line, decider, _weak) = lines_world
    api = Api(Client(), token_create(user=world.owner, name="test").secret)
    items = api.get(f"/api/accounts/{world.cn.slug}/mail/suggestions").json()["items"]
    assert [s["id"] for s in items] == [_line.pk, decider.pk, _weak.pk]  # most likely first
    entry = next(s for s in items if s["id"] == decider.pk)
    assert entry["value"] == str(world.cn_deal.pk)
    assert entry["deal"] == {"id": world.cn_deal.pk, "name": "物联网平台"}
    assert next(s for s in items if s["id"] == _line.pk)["deal"] is None


@pytest.mark.parametrize(("language", "said"), [("en", "the file is empty"), ("zh-hans", "文件是空的")])
def test_an_empty_mbox_is_said_to_be_empty(world, tmp_path, language, said):
    from battlemap.mail.services import IngestError, ingest_error_message

    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    with translation.override(language):
        with pytest.raises(IngestError) as refused:
            mail_ingest(account=world.cn, paths=[path])
        message = ingest_error_message(refused.value)
    assert said in message
    assert "From " not in message


@pytest.mark.parametrize(
    ("counts", "en", "zh"),
    [
        (
            {"read": 12, "new": 12, "interactions": 10, "participants": 1},
            "12 items read: 12 new, 0 already ingested; 10 interactions with 1 participant created.",
            "共读取 12 条：新增 12 条，0 条此前已导入；创建了 10 条互动记录，涉及 1 位参与人。",
        ),
        (
            {"read": 1, "new": 1, "interactions": 1, "participants": 3},
            "1 item read: 1 new, 0 already ingested; 1 interaction with 3 participants created.",
            "共读取 1 条：新增 1 条，0 条此前已导入；创建了 1 条互动记录，涉及 3 位参与人。",
        ),
    ],
)
def test_the_ingest_summary_counts_in_the_number_each_count_takes(counts, en, zh):
    """The trial read "10 interactions with 1 participants created"."""
    from battlemap.mail.services.ingest_report import IngestReport

    report = IngestReport(**counts)
    with translation.override("en"):
        assert summary_of(report).startswith(en)
    with translation.override("zh-hans"):
        assert summary_of(report).startswith(zh)
