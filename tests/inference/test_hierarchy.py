"""Inference v2: titles anchor levels, reporting lines form one consistent tree, thin evidence shows no
score, and the same archive gives the same JSON byte for byte in any process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from battlemap.inference import infer, person_json
from battlemap.inference.engine import MIN_LINE_MESSAGES, below_line_floor
from battlemap.inference.model import load_default_model
from battlemap.inference.relations import LINE_SIGNALS, RelationSettings
from battlemap.inference.results import MIN_CANDIDATE
from battlemap.io.mail.records import Address, MessageRecord, Signature
from tests.inference.orggen import generate_org, generate_quiet_top_org

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = "corp.example"


def _check_tree(org, result, titles: bool) -> None:  # noqa: ANN001
    by = result.by_email()
    rank = {p.email: p.rank for p in result.people}
    top = result.people[0]
    assert top.manager_candidates == () and top.reports_to is None
    reports: dict[str, int] = {}
    for person in result.people:
        if not person.manager_candidates:
            continue
        boss = by[person.manager_candidates[0].email]
        reports[boss.email] = reports.get(boss.email, 0) + 1
        assert rank[boss.email] < rank[person.email], "a manager must outrank the report"
        if titles and boss.title_level is not None and person.title_level is not None:
            assert boss.title_level > person.title_level, "no sideways or downward line by title"
        if person.reports_to is not None:
            assert person.reports_to == person.manager_candidates[0]
    threshold = load_default_model().manager_threshold
    for (
        person
    ) in result.people:  # a line is shown only from the threshold up, with its evidence; else why not
        codes = [e.code for e in person.reports_to_evidence]
        if person.seniority_score is None:  # below the evidence floor: the floor is the reason
            assert (
                codes in (["not_enough_evidence"], ["archive_too_small"], ["archive_too_few_people"])
                and person.reports_to is None
            )
        elif person is top:
            assert codes == ["top_person"]
        elif person.reports_to is None:
            first = person.manager_candidates[0] if person.manager_candidates else None
            best = first.probability if first else 0.0
            expected = "no_manager_candidate" if best < MIN_CANDIDATE else "no_manager_evidence"
            if first and best >= MIN_CANDIDATE and below_line_floor(first):  # the line's own floor says why
                expected = "line_few_messages" if first.messages < MIN_LINE_MESSAGES else "line_one_way"
            assert codes == [expected], "below the threshold: 'not enough evidence', no line"
            assert best < threshold
        else:
            assert threshold <= person.reports_to.probability <= 1
            assert "manager_messages" in codes
    assert max(reports.values(), default=0) <= RelationSettings().max_reports
    for person in result.people:  # following the lines always ends at someone without a manager
        seen = set()
        current = person
        while current.manager_candidates:
            assert current.email not in seen, "cycle"
            seen.add(current.email)
            current = by[current.manager_candidates[0].email]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=3),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_reporting_lines_form_one_tree_on_generated_organisations(spans, seed):
    org = generate_org(spans=tuple(spans), seed=seed, days=30, domain=DOMAIN)
    _check_tree(org, infer(org.records, customer_domains=[DOMAIN]), titles=False)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.tuples(
        st.integers(min_value=2, max_value=4), st.integers(min_value=1, max_value=3), st.integers(1, 3)
    ),
    seed=st.integers(min_value=0, max_value=10_000),
    chinese=st.booleans(),
)
def test_with_signature_titles_no_line_points_sideways_or_down(spans, seed, chinese):
    org = generate_quiet_top_org(spans=spans, seed=seed, days=30, signatures=True, chinese=chinese)
    result = infer(org.records, customer_domains=[DOMAIN])
    _check_tree(org, result, titles=True)
    if any(r.sender.email == org.top for r in org.records):  # a signature shows the title only if they wrote
        assert result.people[0].email == org.top  # the chief executive's title puts them first


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.tuples(
        st.integers(min_value=3, max_value=5), st.integers(min_value=1, max_value=3), st.integers(1, 3)
    ),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_without_titles_lines_of_a_quiet_top_organisation_still_form_one_tree(spans, seed):
    org = generate_quiet_top_org(spans=spans, seed=seed, days=30)
    _check_tree(org, infer(org.records, customer_domains=[DOMAIN]), titles=False)


@pytest.mark.parametrize("spans", [(4, 2, 1), (5, 3, 4)])
def test_a_quiet_chief_executive_is_found_by_the_mail_alone_and_busy_colleagues_take_no_reports(spans):
    """No signatures, no titles: the chief executive writes rarely and only to the C-level, while a busy CIO
    and busy directors write to everyone. Everyone the chief executive deals with writes up to them, so they
    rank first; lines follow who reports up (starts the messages), not who writes most."""
    org = generate_quiet_top_org(spans=spans, seed=11, days=120)
    result = infer(org.records, customer_domains=[DOMAIN])
    by = result.by_email()
    assert by[org.top].rank == 1
    assert "written_up_to" in [e.code for e in by[org.top].evidence]
    right = sum(
        1
        for p, boss in org.manager.items()
        if by[p].manager_candidates and by[p].manager_candidates[0].email == boss
    )
    assert right / len(org.manager) >= 0.8
    shown = [p for p in org.manager if by[p].reports_to is not None]
    assert shown and sum(by[p].reports_to.email == org.manager[p] for p in shown) / len(shown) >= 0.8


def test_the_shipped_line_calibration_reads_the_signals_the_tree_gives():
    """If model.json and relations.LINE_SIGNALS drift apart, line probabilities silently fall back to raw
    shares and the threshold means nothing: every line must carry the signals the shipped calibration reads,
    and its probability must be the calibrated one."""
    model = load_default_model()
    assert model.manager_calibrated and len(model.manager_coefficients) == len(LINE_SIGNALS)
    org = generate_quiet_top_org(spans=(4, 2, 1), seed=11, days=60)
    lines = [
        p.manager_candidates[0]
        for p in infer(org.records, customer_domains=[DOMAIN]).people
        if p.manager_candidates
    ]
    assert lines
    for line in lines:
        assert len(line.signals) == len(LINE_SIGNALS)
        named = dict(zip(LINE_SIGNALS, line.signals, strict=True))
        assert 0.0 < named["share"] < 1.0
        assert line.probability == pytest.approx(model.line_probability(line))


def test_a_title_on_the_map_anchors_a_quiet_chief_executive_and_disagreement_is_evidence():
    org = generate_quiet_top_org(spans=(4, 2, 2), seed=5, days=60)
    plain = infer(org.records, customer_domains=[DOMAIN]).by_email()
    known = {org.top: "总经理", "c0@corp.example": "Chief Financial Officer"}
    anchored = infer(org.records, customer_domains=[DOMAIN], known_titles=known).by_email()
    assert anchored[org.top].rank == 1
    # the mail alone finds them too: every colleague they deal with writes up to them
    assert plain[org.top].rank == 1
    assert "written_up_to" in [e.code for e in plain[org.top].evidence]
    codes = [e.code for e in anchored[org.top].evidence]
    assert "title_level_map" in codes
    assert anchored["c0@corp.example"].title_level == 6

    signed = [
        MessageRecord(
            r.uid,
            r.kind,
            r.occurred_at,
            r.sender,
            r.to,
            r.cc,
            r.subject,
            r.in_reply_to,
            signature=Signature(r.sender.email, "Engineer") if r.sender.email == org.top else None,
        )
        for r in org.records
    ]
    both = infer(signed, customer_domains=[DOMAIN], known_titles=known).by_email()
    assert both[org.top].rank == 1  # the map's title counts first
    disagree = [e for e in both[org.top].evidence if e.code == "titles_disagree"]
    assert disagree and "总经理" in disagree[0].text("en") and "Engineer" in disagree[0].text("en")


def test_a_three_message_archive_shows_no_score():
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    records = [
        MessageRecord(
            f"m{i}@x", "email", start + timedelta(hours=i), Address(a), (Address(b),), subject="hello"
        )
        for i, (a, b) in enumerate(
            [
                ("a@cust.example", "b@cust.example"),
                ("b@cust.example", "c@cust.example"),
                ("c@cust.example", "a@cust.example"),
            ]
        )
    ]
    result = infer(records, customer_domains=["cust.example"])
    assert result.people
    for person in result.people:
        assert person.seniority_score is None and person.decision_likelihood is None
        assert person.reports_to is None
        assert "archive_too_small" in [e.code for e in person.evidence]
        assert [e.code for e in person.reports_to_evidence] == [
            "archive_too_small"
        ]  # not "best candidate 0%"
        shown = person_json(person)
        assert shown["seniority"]["score"] is None and shown["decision_maker"]["likelihood"] is None
        assert any("not enough evidence" in line for line in shown["seniority"]["evidence"])


def test_plenty_of_mail_between_two_people_says_too_few_people_not_too_few_messages():
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    pair = [("a@cust.example", "b@cust.example"), ("b@cust.example", "a@cust.example")]
    records = [
        MessageRecord(f"m{i}@x", "email", start + timedelta(hours=i), Address(a), (Address(b),), subject="hi")
        for i, (a, b) in enumerate(pair * 15)  # 30 messages: enough mail, but between two people
    ]
    result = infer(records, customer_domains=["cust.example"])
    for person in result.people:
        assert person.seniority_score is None
        floor = [e for e in person.evidence if e.code.startswith("archive_")]
        assert [e.code for e in floor] == ["archive_too_few_people"]
        assert floor[0].text() == (
            "not enough evidence: 2 of the customer's people write to each other, 3 needed for scores"
        )
        assert floor[0].text("zh-hans") == "证据不足：客户内部只有 2 人互相通信，至少需要 3 人才给出评分"


def test_shares_in_the_evidence_are_of_the_people_seen():
    """Above the floor, "more than N% of the others" counts the others with fewer senders (a tie is not
    "more"), the most sought-after is "more than anyone else" (not "more than 100%"), nobody is "more than 0%",
    and "top N%" is of the people seen (the first of four is in the top 25%, not the top 1%)."""
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    pairs = [("a", "c"), ("b", "c"), ("d", "c"), ("a", "b"), ("d", "b"), ("c", "a")] * 4
    records = [
        MessageRecord(
            f"m{i}@x",
            "email",
            start + timedelta(hours=i),
            Address(f"{a}@c.example"),
            (Address(f"{b}@c.example"),),
        )
        for i, (a, b) in enumerate(pairs)
    ]
    by = infer(records, customer_domains=["c.example"]).by_email()
    assert all(p.seniority_score is not None for p in by.values())  # above the floor: compared
    texts = {p.split("@")[0]: [e.text("en") for e in by[p].evidence] for p in by}
    assert "receives mail from 3 distinct colleagues, more than anyone else seen" in texts["c"]
    assert "receives mail from 2 distinct colleagues (more than 67% of the others do)" in texts["b"]
    assert "receives mail from 1 distinct colleague (more than 33% of the others do)" in texts["a"]
    assert not [t for t in texts["d"] if t.startswith("receives mail")]  # from nobody: a zero says nothing
    everything = " ".join(t for lines in texts.values() for t in lines)
    assert "top 1%" not in everything and "100%" not in everything and "more than 0%" not in everything
    assert "the people who write to them are themselves widely written to (top 25%)" in texts["c"]
    assert "writes to 1 distinct colleague" in texts["b"] and "writes to 2 distinct colleagues" in texts["a"]


def test_a_person_with_few_messages_in_a_large_archive_gets_no_score():
    org = generate_org(spans=(3, 3), seed=2, days=30, domain=DOMAIN)
    start = org.records[-1].occurred_at
    extra = MessageRecord("late@x", "email", start, Address("p1@" + DOMAIN), (Address("new@" + DOMAIN),))
    by = infer([*org.records, extra], customer_domains=[DOMAIN]).by_email()
    assert by["new@" + DOMAIN].seniority_score is None
    assert "not_enough_evidence" in [e.code for e in by["new@" + DOMAIN].evidence]
    assert by[org.top].seniority_score is not None


SCRIPT = """
import json, sys
from battlemap.inference import infer, person_json
from tests.inference.orggen import generate_quiet_top_org
org = generate_quiet_top_org(spans=(4, 2, 2), seed=9, days=40, signatures=True)
result = infer(org.records, customer_domains=["corp.example"])
sys.stdout.write(json.dumps([person_json(p) for p in result.people], sort_keys=True, ensure_ascii=False))
"""


def test_two_processes_with_different_hash_seeds_give_identical_json():
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, check=True, timeout=300
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])[0]["email"] == "ceo@corp.example"


@pytest.mark.parametrize("seed", [21, 22, 23])
@pytest.mark.parametrize("signatures", [False, True])
def test_a_chief_executive_sending_notices_to_the_deputies_stays_on_top(seed, signatures):
    """Issue 15: the quiet chief executive sends his deputies a 总经理办公会通知 every few days. A notice to
    several colleagues at once is an announcement, not writing back: he stays in the top 3 and is never
    offered as a deputy's report — headers only, and when everyone signs but him."""
    org = generate_quiet_top_org(
        spans=(4, 2, 1), seed=seed, days=120, signatures=signatures, chinese=True, top_signs=False
    )
    assert sum(r.subject.startswith("总经理办公会通知") for r in org.records) >= 20
    by = infer(org.records, customer_domains=[DOMAIN]).by_email()
    assert by[org.top].rank <= 3
    assert not by[org.top].manager_candidates and by[org.top].reports_to is None
    right = sum(
        1
        for p, boss in org.manager.items()
        if by[p].manager_candidates and by[p].manager_candidates[0].email == boss
    )
    assert right / len(org.manager) >= 0.8
