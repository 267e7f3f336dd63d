from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.core.reasons import reason_text
from battlemap.interactions.models import Participant
from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import (
    SuggestionError,
    suggestion_accept,
    suggestion_reject,
    suggestions_refresh,
)
from battlemap.people.models import Person
from tests.mail.proposals import org_csv


def _said(stored: str) -> str:
    with translation.override("en"):
        return reason_text(stored)


def _person_suggestion(world, email):
    return Suggestion.objects.get(account=world.cn, kind="person", email=email)


def test_unknown_customer_addresses_become_suggestions_not_people(ingested):
    world = ingested
    suggestion = _person_suggestion(world, "jorg@guodian.example")
    assert suggestion.name == "Jörg Müller" and suggestion.state == "pending"
    assert not Person.objects.filter(account=world.cn, email="jorg@guodian.example").exists()
    assert not Suggestion.objects.filter(
        email__endswith="@ours.example"
    ).exists()  # our side is never suggested


def test_accepting_writes_the_person_with_history_noting_the_source(ingested):
    world = ingested
    suggestion = _person_suggestion(world, "jorg@guodian.example")
    person = suggestion_accept(suggestion=suggestion, user=world.owner)
    assert person.account == world.cn and person.email == "jorg@guodian.example"
    with translation.override("en"):  # stored as a code, said in the reader's language
        reason = reason_text(person.history.latest().history_change_reason)
    assert suggestion.message_count == 1 and reason == "inferred from 1 message, accepted by alice"
    assert Participant.objects.filter(person=person, interaction__source="mail").exists()
    suggestion.refresh_from_db()
    assert suggestion.state == "accepted" and suggestion.decided_by == world.owner
    with pytest.raises(SuggestionError):
        suggestion_accept(suggestion=suggestion, user=world.owner)


def test_a_signature_title_is_suggested_for_a_known_person_without_one(ingested):
    world = ingested
    world.cn_boss.title = ""
    world.cn_boss.save()
    suggestions_refresh(result=account_inference(world.cn))
    title = Suggestion.objects.get(account=world.cn, kind="title")
    assert title.value == "总经理 General Manager"
    suggestion_accept(suggestion=title, user=world.owner)
    world.cn_boss.refresh_from_db()
    assert world.cn_boss.title == "总经理 General Manager"
    assert "accepted by alice" in _said(world.cn_boss.history.latest().history_change_reason)


def test_rejected_suggestions_stay_rejected_and_change_nothing(ingested):
    world = ingested
    suggestion = _person_suggestion(world, "jorg@guodian.example")
    suggestion_reject(suggestion=suggestion, user=world.owner)
    suggestions_refresh(result=account_inference(world.cn))
    assert Suggestion.objects.get(pk=suggestion.pk).state == "rejected"
    assert (
        Suggestion.objects.filter(account=world.cn, email="jorg@guodian.example", kind="person").count() == 1
    )
    assert not Person.objects.filter(email="jorg@guodian.example").exists()


def test_a_reporting_line_needs_both_people_on_the_map(ingested):
    world = ingested
    li_ming = Person.objects.get(account=world.cn, name="李明")
    li_ming.reports_to = None
    li_ming.save()

    def line_to(manager: str) -> Suggestion:
        return Suggestion.objects.create(
            account=world.cn, kind="reports_to", email="jorg@guodian.example", name="Jörg", value=manager
        )

    line = line_to("wang.jianguo@guodian.example")
    with pytest.raises(SuggestionError, match="Accept the suggested person Jörg first"):
        suggestion_accept(suggestion=line, user=world.owner)
    suggestion_accept(suggestion=_person_suggestion(world, "jorg@guodian.example"), user=world.owner)
    nobody = line_to("nobody@guodian.example")
    with pytest.raises(SuggestionError, match="nobody@guodian.example first"):
        suggestion_accept(suggestion=nobody, user=world.owner)  # an address that is no one on the map
    # 王建国 is on the map without an e-mail, and wang.jianguo@ writes as 王建国: the ingest took his mail for his
    # (no new-person suggestion), so the line goes to him (a mail trial: it asked for a suggestion that never was)
    assert world.cn_boss.email == ""
    person = suggestion_accept(suggestion=line, user=world.owner)
    assert person.reports_to == world.cn_boss


def test_likely_decision_makers_are_proposed_per_open_deal_and_accepting_sets_the_role(world, tmp_path):
    from battlemap.deals.models import StakeholderRole
    from battlemap.mail.services import mail_ingest
    from tests import factories as f
    from tests.inference.orggen import generate_org

    org = generate_org(spans=(3, 4), seed=11, days=60)
    path = org_csv(org, tmp_path / "org.csv")
    account = f.account(owner=world.owner, slug="acme")
    deal = f.deal(account=account, name="Platform")
    f.deal(account=account, name="Lost one", status="lost")
    head = f.person(account=account, name="Head", email=org.top)
    mail_ingest(account=account, paths=[path])
    suggestions_refresh(result=account_inference(account))
    proposed = Suggestion.objects.filter(account=account, kind="decision_maker")
    assert {s.value for s in proposed} == {str(deal.pk)}  # open deals only
    assert org.top in {s.email for s in proposed}
    suggestion = proposed.get(email=org.top)
    suggestion_accept(suggestion=suggestion, user=world.owner)
    role = StakeholderRole.objects.get(deal=deal, person=head)
    assert role.roles == ["decision_maker"]
    assert "accepted by alice" in _said(role.history.latest().history_change_reason)
    suggestions_refresh(result=account_inference(account))
    assert not Suggestion.objects.filter(
        account=account, kind="decision_maker", email=org.top, state="pending"
    ).exists()


@pytest.mark.django_db
def test_pending_lines_follow_the_inference_stale_ones_are_withdrawn(world, tmp_path):
    """A refresh gives an existing pending line the current probability, and withdraws a pending line the
    inference no longer makes (another manager now, or the person has one on the map), so "accept all from
    N%" never acts on a stale probability and nobody has two pending lines."""
    from battlemap.mail.services import mail_ingest
    from battlemap.people.services import person_update
    from tests import factories as f
    from tests.inference.orggen import generate_quiet_top_org

    org = generate_quiet_top_org(spans=(3, 2, 1), seed=4, days=60)
    people = {
        email: f.person(account=world.cn, name=email.split("@")[0], email=email) for email in org.people
    }
    path = org_csv(org, tmp_path / "org.csv")
    mail_ingest(account=world.cn, paths=[path], customer_domains=["corp.example"])
    suggestions_refresh(result=account_inference(world.cn))
    lines = Suggestion.objects.filter(account=world.cn, kind="reports_to", state="pending")
    assert lines.count() >= 2
    kept, other = lines.order_by("-probability")[:2]
    right = kept.probability
    Suggestion.objects.filter(pk=kept.pk).update(probability=0.2)  # as an older run left it
    wrong = Suggestion.objects.create(
        account=world.cn,
        kind="reports_to",
        email=kept.email,
        name=kept.name,
        value=org.people[-1],
        probability=0.99,
    )
    person_update(person=people[other.email], version=people[other.email].version, reports_to=people[org.top])

    suggestions_refresh(result=account_inference(world.cn))
    kept.refresh_from_db()
    assert kept.state == "pending" and kept.probability == pytest.approx(right)
    assert not Suggestion.objects.filter(pk__in=[wrong.pk, other.pk]).exists()
    assert Suggestion.history.filter(id=wrong.pk, history_type="-").exists()  # history keeps it
    assert (
        Suggestion.objects.filter(
            account=world.cn, kind="reports_to", email=kept.email, state="pending"
        ).count()
        == 1
    )


def test_a_title_typed_for_a_person_without_an_email_anchors_the_address_taken_for_theirs(ingested):
    """The same mail trial: 王建国 typed on the map as 董事长 without an e-mail; his mail (wang.jianguo@, written as
    王建国) is taken for his, and now his title is too — the inference's known titles held e-mails only."""
    world = ingested
    address = "wang.jianguo@guodian.example"

    def level():
        return account_inference(world.cn).inference.by_email()[address].title_level

    before = level()
    world.cn_boss.title = "董事长"
    world.cn_boss.save()
    assert world.cn_boss.email == "" and level() == 8 != before
