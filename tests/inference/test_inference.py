from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from battlemap.inference import customer_domains_for, infer, person_json
from battlemap.inference.relations import RelationSettings, relationships
from battlemap.io.mail.records import Address, MessageRecord, Signature
from tests.inference.orggen import generate_org


@pytest.mark.parametrize(("spans", "seed"), [((4, 3, 4), 1), ((3, 5), 2), ((5, 4, 3), 3), ((2, 2, 2, 2), 5)])
def test_it_ranks_the_head_of_a_generated_organisation_first_and_finds_most_managers(spans, seed):
    org = generate_org(spans=spans, seed=seed)
    result = infer(org.records, customer_domains=["acme.example"])
    assert result.people[0].email == org.top
    by = result.by_email()
    found = sum(
        1
        for p, boss in org.manager.items()
        if by[p].manager_candidates[:1] and by[p].manager_candidates[0].email == boss
    )
    assert found / len(org.manager) >= 0.8
    assert by[org.top].manager_candidates == ()


def test_managers_outrank_their_reports_and_decision_likelihood_follows(seed=4):
    org = generate_org(spans=(6, 6), seed=seed)
    by = infer(org.records, customer_domains=["acme.example"]).by_email()
    below = [p for p, boss in org.manager.items() if boss in org.manager]
    assert all(by[org.manager[p]].rank < by[p].rank for p in below)
    assert by[org.top].decision_likelihood > max(by[p].decision_likelihood for p in below)
    assert all(0.0 <= p.decision_likelihood <= 1.0 for p in by.values())


def _mail(uid, when, sender, to, subject="hello"):
    return MessageRecord(
        uid=uid,
        kind="email",
        occurred_at=when,
        sender=Address(sender),
        to=tuple(Address(t) for t in to),
        subject=subject,
    )


def test_relationship_is_stronger_for_recent_two_way_contact_and_names_who_holds_it():
    now = datetime(2025, 6, 1, tzinfo=UTC)
    records = [
        _mail("1", now - timedelta(days=2), "alice@ours.example", ["close@cust.example"]),
        _mail("2", now - timedelta(days=1), "close@cust.example", ["alice@ours.example"]),
        _mail("3", now - timedelta(days=1), "close@cust.example", ["bob@ours.example", "alice@ours.example"]),
        _mail("4", now - timedelta(days=200), "bob@ours.example", ["cold@cust.example"]),
    ]
    ties = relationships(
        records,
        {"close@cust.example", "cold@cust.example"},
        {"alice@ours.example", "bob@ours.example"},
        now,
        RelationSettings(),
    )
    assert ties["close@cust.example"].score > ties["cold@cust.example"].score
    by = infer(records, our_domains=["ours.example"], now=now).by_email()
    # four messages are below the evidence floor: the score is not shown, who holds the tie still is
    assert by["close@cust.example"].relationship.score is None
    assert by["close@cust.example"].relationship.held_by == ("alice@ours.example", "bob@ours.example")
    assert by["cold@cust.example"].relationship.reciprocal is False
    assert "alice@ours.example" not in by  # our side is never a customer person


def test_customer_domains_come_from_known_people_else_the_most_common_other_domain():
    when = datetime(2025, 1, 1, tzinfo=UTC)
    records = [
        _mail(str(i), when, "a@ours.example", ["x@big.example", "y@small.example", "z@big.example"])
        for i in range(3)
    ]
    assert customer_domains_for(records, ["ours.example"]) == ("big.example",)
    assert customer_domains_for(records, ["ours.example"], ["boss@small.example"]) == ("small.example",)


def test_evidence_is_given_in_words_and_the_json_has_every_field():
    org = generate_org(spans=(3, 3), seed=9)
    result = infer(org.records, customer_domains=["acme.example"])
    top = person_json(result.people[0])
    assert top["seniority"]["rank"] == 1 and top["seniority"]["score"] == 100
    assert any("distinct colleagues" in line for line in top["seniority"]["evidence"])
    assert set(top) >= {
        "email",
        "name",
        "seniority",
        "decision_maker",
        "manager_candidates",
        "influence",
        "relationship",
    }
    report = person_json(result.people[-1])
    candidates = report["manager_candidates"]
    assert candidates and all(0 < c["probability"] <= 1 for c in candidates)
    assert sum(c["probability"] for c in candidates) <= 1.0


def test_authority_is_positive_and_unique_on_a_plain_reporting_tree():
    import networkx as nx

    from battlemap.inference.features import regularised_hits

    tree = nx.DiGraph()
    for boss, report in [("ceo", "a"), ("ceo", "b"), ("a", "a1"), ("a", "a2"), ("b", "b1"), ("b", "b2")]:
        tree.add_edge(report, boss)  # reports write up ...
        tree.add_edge(boss, report)  # ... and hear back: a degenerate case for plain HITS
    people = sorted(tree)
    _hubs, first = regularised_hits(tree, people)
    _hubs, again = regularised_hits(tree, list(reversed(people)))
    assert all(v > 0 for v in first.values())
    assert first == pytest.approx(again)
    assert first["a"] > first["a1"] and first["b"] > first["b2"]


def _signed_mail(titles_in_order: list[str]) -> list[MessageRecord]:
    """李娜 writes to 王建国 once a day, signing with each title in turn; he answers without a signature."""
    li, wang = Address("li@hd.example", "李娜"), Address("wang@hd.example", "王建国")
    start = datetime(2025, 3, 3, 9, tzinfo=UTC)
    records = []
    for day, title in enumerate(titles_in_order):
        when = start + timedelta(days=day)
        records.append(
            MessageRecord(f"l{day}", "email", when, li, (wang,), signature=Signature(li.email, title))
        )
        records.append(MessageRecord(f"w{day}", "email", when + timedelta(hours=1), wang, (li,)))
    return records


def test_when_signatures_disagree_the_title_signed_most_often_counts():
    """The last reply used to decide: one signature with the boss's 总经理 (a quote read as hers, or an old
    post) made a 采购专员 a chief executive (issue 15)."""
    result = infer(
        _signed_mail(["采购专员", "采购专员", "总经理", "采购专员", "总经理"]),
        customer_domains=["hd.example"],
    )
    li = result.by_email()["li@hd.example"]
    assert (li.signature_title, li.title_level) == ("采购专员", 1)
    texts = [e.text("en") for e in li.evidence]
    assert "title found in a signature: 采购专员, level 1 of 8" in texts
    assert not any("总经理" in t for t in texts)
    assert sum("signature" in t for t in texts) == 1  # said once, with its level


def test_when_signatures_tie_the_latest_counts():
    result = infer(
        _signed_mail(["采购专员", "采购经理", "采购经理", "采购专员"]), customer_domains=["hd.example"]
    )
    assert result.by_email()["li@hd.example"].signature_title == "采购专员"
    result = infer(_signed_mail(["采购专员", "采购经理"]), customer_domains=["hd.example"])
    assert result.by_email()["li@hd.example"].signature_title == "采购经理"


@pytest.mark.parametrize("stored", ["Please forward to the CEO", "林主任：本周POC进展如下……"])
def test_a_stored_signature_title_that_is_a_sentence_is_not_a_title(stored):
    """Items ingested by an older reader keep what it read ("Please forward to the CEO", a tester's greeting
    line "林主任：本周POC进展如下……"): not a title now, so no level from it."""
    result = infer(_signed_mail([stored] * 3), customer_domains=["hd.example"])
    li = result.by_email()["li@hd.example"]
    assert (li.signature_title, li.title_level) == ("", None)
