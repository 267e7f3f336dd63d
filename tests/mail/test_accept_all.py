"""The page's "accept all from N%" and its undo from history (the service and the web view)."""

from __future__ import annotations

import html

import pytest
from django.utils import translation

from battlemap.core.reasons import reason_text
from battlemap.deals.models import StakeholderRole
from battlemap.mail.models import Suggestion
from battlemap.mail.services import suggestion_accept, suggestions_accept_above, suggestions_undo_batch
from battlemap.people.services import person_update
from tests.mail.proposals import propose_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(world):
    return propose_lines(world)


def test_accept_all_from_a_percentage_then_undo_restores_the_map(lines):
    world, li, zhao, (line, decider, weak) = lines
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert {s.pk for s in report.done} == {line.pk, decider.pk}
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss
    role = StakeholderRole.objects.get(deal=world.cn_deal, person=zhao)
    assert role.roles == ["decision_maker"]
    with translation.override("en"):
        assert "from 80% up" in reason_text(li.history.latest().history_change_reason)
    assert Suggestion.objects.get(pk=weak.pk).state == "pending"  # 40% stays for a person to decide

    undone = suggestions_undo_batch(account=world.cn, user=world.owner, batch=report.batch)
    assert {s.pk for s in undone.done} == {line.pk, decider.pk}
    li.refresh_from_db()
    assert li.reports_to is None
    assert not StakeholderRole.objects.filter(deal=world.cn_deal, person=zhao).exists()
    assert set(Suggestion.objects.filter(account=world.cn).values_list("state", flat=True)) == {"pending"}
    with translation.override("en"):
        assert reason_text(li.history.latest().history_change_reason).startswith("undo of: accepted all")


def test_undo_of_an_unknown_batch_names_the_batch(lines):
    world, *_ = lines
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        suggestions_undo_batch(account=world.cn, user=world.owner, batch="no such batch")
    assert "batch" in error.value.message_dict


def test_the_page_accepts_all_and_undoes_from_its_history(lines, client):
    world, li, zhao, _made = lines
    client.force_login(world.owner)
    page = client.get(f"/accounts/{world.cn.slug}/mail/").content.decode()
    assert 'id="accept-above"' in page
    response = client.post(f"/accounts/{world.cn.slug}/mail/accept-above/", {"percent": "80"})
    assert response.status_code == 302
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss
    page = client.get(f"/accounts/{world.cn.slug}/mail/").content.decode()
    assert 'id="accept-batches"' in page
    assert "2 suggestions accepted by alice" in page  # said in the viewer's language, not the raw batch name
    # what an undo takes back, one line a suggestion (the trial: the history said only "4 suggestions")
    items = page.split('class="batch-items"')[1].split("</details>")[0]
    assert f"{li.name} → {world.cn_boss.name}" in items and f"{zhao.name} → {world.cn_deal.name}" in items
    batch = Suggestion.history.filter(account_id=world.cn.pk, state="accepted").latest().history_change_reason
    response = client.post(f"/accounts/{world.cn.slug}/mail/undo/", {"batch": batch})
    assert response.status_code == 302
    li.refresh_from_db()
    assert li.reports_to is None
    assert 'id="accept-batches"' not in client.get(f"/accounts/{world.cn.slug}/mail/").content.decode()


def test_the_page_accept_all_refuses_bad_input_naming_the_field(lines, client):
    world, li, *_ = lines
    client.force_login(world.owner)
    response = client.post(f"/accounts/{world.cn.slug}/mail/accept-above/", {"percent": "150"}, follow=True)
    assert "From (%)" in response.content.decode()
    li.refresh_from_db()
    assert li.reports_to is None
    response = client.post(f"/accounts/{world.cn.slug}/mail/undo/", {"batch": ""}, follow=True)
    assert "Batch" in response.content.decode()


def test_the_page_accept_all_outsider_404_anonymous_login(lines, client):
    world, li, *_ = lines
    assert client.post(f"/accounts/{world.cn.slug}/mail/accept-above/", {"percent": "0"}).status_code == 302
    client.force_login(world.outsider)
    assert client.post(f"/accounts/{world.cn.slug}/mail/accept-above/", {"percent": "0"}).status_code == 404
    assert client.post(f"/accounts/{world.cn.slug}/mail/undo/", {"batch": "x #1"}).status_code == 404
    li.refresh_from_db()
    assert li.reports_to is None


def test_accept_all_leaves_a_manager_set_by_hand_since_the_suggestion(lines):
    """The line was suggested while 李明 had no manager; someone has set one since: accept-all does not
    overwrite it, it leaves the line pending and says why."""
    from battlemap.people.services import person_update

    world, li, zhao, (line, decider, _weak) = lines
    li = person_update(person=li, version=li.version, reports_to=zhao)
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert [s.pk for s in report.done] == [decider.pk]
    assert [s.pk for s, _reason in report.skipped] == [line.pk]
    assert "李明 already reports to 赵磊" in report.skipped[0][1]
    li.refresh_from_db()
    assert li.reports_to == zhao
    assert Suggestion.objects.get(pk=line.pk).state == "pending"


def test_undo_restores_a_role_exactly_and_keeps_what_was_changed_after_the_batch(lines):
    """赵磊 was an influencer and supporter before the batch made him a decision maker too: undo gives back
    exactly that. A role the batch created and someone then gave an attitude keeps the attitude and loses
    only the decision-maker role; a line changed after the batch is kept and named."""
    from battlemap.deals.services import (
        stakeholder_role_create,
        stakeholder_role_delete,
        stakeholder_role_update,
    )
    from battlemap.people.services import person_update

    world, li, zhao, (line, decider, _weak) = lines
    role = stakeholder_role_create(
        deal=world.cn_deal, person=zhao, roles=["influencer"], attitude="supporter", influence=4
    )
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    role.refresh_from_db()
    assert role.roles == ["decision_maker", "influencer"]
    suggestions_undo_batch(account=world.cn, user=world.owner, batch=report.batch)
    role.refresh_from_db()
    assert (role.roles, role.attitude, role.influence) == (["influencer"], "supporter", 4)
    li.refresh_from_db()
    assert li.reports_to is None

    stakeholder_role_delete(role=role)  # now a batch that creates the role, which someone then edits
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    made = StakeholderRole.objects.get(deal=world.cn_deal, person=zhao)
    stakeholder_role_update(role=made, version=made.version, attitude="advocate")
    li.refresh_from_db()
    person_update(person=li, version=li.version, reports_to=zhao)
    undone = suggestions_undo_batch(account=world.cn, user=world.owner, batch=report.batch)
    made.refresh_from_db()
    assert (made.roles, made.attitude) == ([], "advocate")
    li.refresh_from_db()
    assert li.reports_to == zhao  # changed after the batch: kept
    assert [s.pk for s, _reason in undone.skipped] == [line.pk]
    assert "李明's manager was changed after the batch" in undone.skipped[0][1]


def test_an_undone_batch_is_gone_even_when_a_later_batch_accepts_its_lines_again(lines):
    """Undo, then accept all again: the first batch is no longer listed nor undoable (its undo would take
    back the second batch's lines); the second batch's undo takes them back."""
    from django.core.exceptions import ValidationError

    from battlemap.mail.selectors.batches import accept_all_batches

    world, li, _zhao, (line, _decider, _weak) = lines
    first = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    suggestions_undo_batch(account=world.cn, user=world.owner, batch=first.batch)
    second = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert accept_all_batches(world.cn) == [second.batch]
    with pytest.raises(ValidationError) as error:
        suggestions_undo_batch(account=world.cn, user=world.owner, batch=first.batch)
    assert "batch" in error.value.message_dict
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss
    suggestions_undo_batch(account=world.cn, user=world.owner, batch=second.batch)
    li.refresh_from_db()
    assert li.reports_to is None
    assert accept_all_batches(world.cn) == []


def _manager_changed_after_the_batch(lines):  # noqa: ANN001, ANN202
    """Accept all from 80% (李明 → 王建国 and 赵磊 as decision maker), then someone moves 李明 under 赵磊."""
    from battlemap.people.services import person_update

    world, li, zhao, made = lines
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    li.refresh_from_db()
    person_update(person=li, version=li.version, reports_to=zhao)
    return report


def test_an_undo_that_keeps_a_line_changed_since_leaves_that_suggestion_accepted_not_pending(lines):
    """The map moved on: the kept line is not 'pending again' (it is named once, as kept), and the batch is
    gone afterwards (nothing left of it to undo)."""
    from battlemap.mail.selectors.batches import accept_all_batches

    world, li, zhao, (line, decider, _weak) = lines
    report = _manager_changed_after_the_batch(lines)
    undone = suggestions_undo_batch(account=world.cn, user=world.owner, batch=report.batch)
    assert [s.pk for s in undone.done] == [decider.pk]
    assert [s.pk for s, _reason in undone.skipped] == [line.pk]
    assert Suggestion.objects.get(pk=line.pk).state == "accepted"
    assert Suggestion.objects.get(pk=decider.pk).state == "pending"
    li.refresh_from_db()
    assert li.reports_to == zhao
    assert accept_all_batches(world.cn) == []


def test_the_api_undo_lists_a_kept_line_only_as_skipped(lines):
    from django.test import Client

    from battlemap.users.services import token_create
    from tests.api.conftest import Api

    world, _li, _zhao, (line, decider, _weak) = lines
    report = _manager_changed_after_the_batch(lines)
    api = Api(Client(), token_create(user=world.owner, name="test").secret)
    response = api.post(f"/api/accounts/{world.cn.slug}/mail/suggestions/undo", {"batch": report.batch})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["suggestions"] == [decider.pk]
    assert [s["id"] for s in data["skipped"]] == [line.pk]
    assert "李明's manager was changed after the batch" in data["skipped"][0]["reason"]


@pytest.mark.parametrize(
    ("language", "pending", "kept"),
    [
        (
            "en",
            "Undone: 1 suggestion is pending again.",
            "1 line kept: 李明's manager was changed after the batch",
        ),
        ("zh-hans", "已撤销：1 条建议重新变为待定。", "保留 1 条汇报线：李明 的上级在该批次之后被修改过"),
    ],
)
def test_the_page_says_how_many_are_pending_again_and_how_many_kept(lines, client, language, pending, kept):
    world, *_ = lines
    report = _manager_changed_after_the_batch(lines)
    client.force_login(world.owner)
    with translation.override(language):
        response = client.post(
            f"/accounts/{world.cn.slug}/mail/undo/",
            {"batch": report.batch},
            follow=True,
            headers={"Accept-Language": language},
        )
    page = html.unescape(response.content.decode())
    assert pending in page
    assert kept in page


def test_a_suggestion_whose_figures_are_a_guess_is_left_to_be_decided_alone(lines):
    """A decision maker suggested on little mail says its figures are a guess (inference.engine.LOW_CONFIDENCE):
    accept-all leaves it pending and says why, whatever its probability."""
    world, li, zhao, (line, decider, weak) = lines
    Suggestion.objects.filter(pk=decider.pk).update(
        evidence=[*decider.evidence, {"code": "low_confidence", "params": {"count": 6, "confidence": "0.18"}}]
    )
    with translation.override("en"):
        report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert {s.pk for s in report.done} == {line.pk}
    assert [(s.pk, "a guess" in why) for s, why in report.skipped] == [(decider.pk, True)]
    assert Suggestion.objects.get(pk=decider.pk).state == "pending"


def test_a_line_read_from_a_person_whose_figures_are_a_guess_is_left_alone_too(world, tmp_path):
    """A mail trial: accept-all took 89–92% reporting lines of people at confidence 0.18 and 0.33 — only a
    decision maker carried the guess. A line now carries its person's `low_confidence` too."""
    from dataclasses import replace

    from battlemap.inference.evidence import Evidence
    from battlemap.mail.cache import account_inference
    from battlemap.mail.selectors import AccountInference
    from battlemap.mail.services import mail_ingest, suggestions_refresh
    from tests import factories as f
    from tests.inference.orggen import generate_org
    from tests.mail.proposals import org_csv

    org = generate_org(spans=(3, 4), seed=11, days=60)
    account = f.account(owner=world.owner, slug="acme")
    mail_ingest(account=account, paths=[org_csv(org, tmp_path / "org.csv")])
    result = account_inference(account)
    lined = next(p for p in result.inference.people if p.reports_to is not None)
    guess = Evidence("low_confidence", {"count": 6, "confidence": "0.18"})
    people = tuple(
        replace(p, evidence=(*p.evidence, guess)) if p is lined else p for p in result.inference.people
    )
    suggestions_refresh(
        result=AccountInference(account, replace(result.inference, people=people), result.people)
    )
    for person in Suggestion.objects.filter(account=account, kind="person"):  # the lines need their people
        suggestion_accept(suggestion=person, user=world.owner)
    line = Suggestion.objects.get(account=account, kind="reports_to", email=lined.email)
    assert "low_confidence" in [e["code"] for e in line.evidence]
    report = suggestions_accept_above(account=account, user=world.owner, percent=0)
    assert line.pk in {s.pk for s, _why in report.skipped} and line.pk not in {s.pk for s in report.done}


def test_the_page_accept_of_one_line_leaves_a_manager_set_since_the_page_was_shown(lines, client):
    """A team's trial: accept-all left a manager set by hand, the row's own Accept replaced it without a word.
    The row sends back the manager the page showed; a line is accepted only over that one."""
    import re

    from battlemap.people.services import person_update

    world, li, zhao, (line, _decider, _weak) = lines
    client.force_login(world.owner)
    page = client.get(f"/accounts/{world.cn.slug}/mail/").content.decode()
    form = page.split(f"/mail/{line.pk}/decide/")[1].split("</form>")[0]
    seen = re.search(r'name="manager_seen" value="([^"]*)"', form)[1]
    assert seen == ""  # no manager on the map when the page was shown
    li = person_update(person=li, version=li.version, reports_to=zhao)  # a colleague, meanwhile
    decide = f"/accounts/{world.cn.slug}/mail/{line.pk}/decide/"
    answer = client.post(decide, {"decision": "accept", "manager_seen": seen}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 302
    said = client.get(f"/accounts/{world.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "manager on the map was changed since this page was shown" in html.unescape(said)
    li.refresh_from_db()
    assert li.reports_to == zhao and Suggestion.objects.get(pk=line.pk).state == "pending"
    client.post(decide, {"decision": "accept", "manager_seen": str(zhao.pk)})  # decided again, on the map now
    li.refresh_from_db()
    assert li.reports_to == world.cn_boss


def test_undo_takes_back_a_line_whose_person_had_their_e_mail_corrected_since(lines):
    """A user who corrects a person's e-mail after accept-all and then undoes it: the line the batch set goes
    too (it stayed on the map while its suggestion was said to be pending again)."""
    world, li, _zhao, (line, _decider, _weak) = lines
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    li.refresh_from_db()
    person_update(person=li, version=li.version, email="liming@guodian.example")
    undone = suggestions_undo_batch(account=world.cn, user=world.owner, batch=report.batch)
    li.refresh_from_db()
    assert li.reports_to is None and li.email == "liming@guodian.example"
    assert line.pk in {s.pk for s in undone.done}


def test_undo_takes_back_a_decision_maker_whose_person_had_their_e_mail_corrected_since(lines):
    """The same for a decision maker the batch made: the role stayed on the deal while the undo said its
    suggestion was pending again."""
    world, _li, zhao, (_line, decider, _weak) = lines
    report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    zhao.refresh_from_db()
    person_update(person=zhao, version=zhao.version, email="zhaolei@guodian.example")
    undone = suggestions_undo_batch(account=world.cn, user=world.owner, batch=report.batch)
    assert not StakeholderRole.objects.filter(deal=world.cn_deal, person=zhao).exists()
    assert decider.pk in {s.pk for s in undone.done}
