"""The evidence floor and the sentences around it (issue 15): below the floor no number that reads as a score
(seniority, confidence, decision maker, relationship, bridging, manager probabilities), no rank (an arbitrary
order there) and no comparison with the others; no line that counts zero ("receives mail from 0 colleagues");
at any size no impossible percentage ("more than 100%", "more than 0%", "top 0%"), in either language."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from battlemap.inference import infer, person_json
from battlemap.io.mail.records import Address, MessageRecord, is_system_mailbox
from battlemap.io.names import display_name

DOMAIN = "c.example"
START = datetime(2026, 9, 1, 9, tzinfo=UTC)
COMPARISONS = {"receives_from", "receives_from_most", "well_connected_senders", "bridges"}
PERCENT = re.compile(r"(\d+)\s*%")
IMPOSSIBLE = re.compile(r"(more than|多于)\s*(100|0)\s*%|(top|前)\s*0\s*%")


def _archive(messages: list[tuple[int, list[int], bool]], people: int) -> list[MessageRecord]:
    """(sender, recipients, our seller in copy) over people p0..p{people-1} of the customer."""
    return [
        MessageRecord(
            f"m{i}@x",
            "email",
            START + timedelta(hours=i),
            Address(f"p{sender % people}@{DOMAIN}", f"P{sender % people}"),
            tuple(Address(f"p{r % people}@{DOMAIN}") for r in recipients)
            + ((Address("sam@ours.example"),) if seller else ()),
            subject="Re: 项目" if i % 2 else "项目",
        )
        for i, (sender, recipients, seller) in enumerate(messages)
    ]


def _check_sentences(result) -> list[str]:  # noqa: ANN001
    lines = []
    for person in result.people:
        for language in ("en", "zh-hans"):
            shown = person_json(person, language=language)
            lines += shown["seniority"]["evidence"] + shown["decision_maker"]["evidence"]
            lines += shown["reports_to_evidence"]
    for line in lines:
        assert not IMPOSSIBLE.search(line), line
        assert all(0 <= int(n) <= 100 for n in PERCENT.findall(line)), line
        assert "{" not in line, line  # every placeholder filled
    return lines


def _inferred(messages: list[tuple[int, list[int], bool]], people: int):  # noqa: ANN202
    result = infer(_archive(messages, people), our_domains=["ours.example"], customer_domains=[DOMAIN])
    _check_sentences(result)
    return result.people


message = st.tuples(
    st.integers(0, 3), st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True), st.booleans()
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.integers(1, 4), messages=st.lists(message, min_size=1, max_size=5))
def test_tiny_archives_show_no_score_and_no_comparison(people, messages):
    for person in _inferred(messages, people):
        assert person.seniority_score is None and person.decision_likelihood is None
        assert person.confidence is None and person.relationship.score is None
        assert person.influence.bridging is None
        assert person.manager_candidates == () and person.reports_to is None
        assert person.rank is None  # below the floor an order is arbitrary: no "rank 1 of 4"
        assert "seniority_rank" not in {e.code for e in person.decision_evidence}
        assert not COMPARISONS & {e.code for e in person.evidence}, [e.code for e in person.evidence]
        assert all(e.says_something for e in person.evidence)  # no "receives mail from 0 colleagues"
        assert {e.code for e in person.evidence} & {
            "archive_too_small",
            "archive_too_few_people",
            "not_enough_evidence",
        }
        shown = person_json(person)
        assert shown["relationship"]["score"] is None and shown["seniority"]["confidence"] is None
        assert shown["seniority"]["rank"] is None
        for language in ("en", "zh-hans"):
            lines = person_json(person, language=language)["seniority"]["evidence"]
            assert not [line for line in lines if re.search(r"(?<![\d.])0 (distinct|位不同)", line)], lines


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.integers(3, 5), messages=st.lists(message, min_size=20, max_size=40))
def test_above_the_floor_every_percentage_is_possible(people, messages):
    found = _inferred(messages, people)
    ranked = [p.rank for p in found if p.rank is not None]
    assert ranked == list(range(1, len(ranked) + 1))  # ranks 1..n among those scored, listed first
    for person in found:
        if person.seniority_score is None:  # this person below the floor: still no comparison, no rank
            assert not COMPARISONS & {e.code for e in person.evidence}
            assert person.rank is None
        else:
            assert person.confidence is not None and person.relationship.score is not None
            assert person.rank is not None
            assert f"seniority rank {person.rank} of {len(ranked)}" in [
                e.text() for e in person.decision_evidence
            ]


def test_the_most_sought_after_is_above_anyone_else_and_the_least_is_not_compared():
    pairs = [
        (0, [2], True),
        (1, [2], False),
        (3, [2], False),
        (0, [1], False),
        (3, [1], True),
        (2, [0], False),
    ] * 4
    by = infer(_archive(pairs, 4), our_domains=["ours.example"], customer_domains=[DOMAIN]).by_email()
    top = [e.text("zh-hans") for e in by[f"p2@{DOMAIN}"].evidence]
    assert "收到 3 位不同同事的邮件，多于归档中其他任何人" in top
    least = [e.text("en") for e in by[f"p3@{DOMAIN}"].evidence]
    assert "writes to 2 distinct colleagues" in least
    assert not [line for line in least if line.startswith("receives mail")], least  # from nobody: no line


def test_a_sentence_stored_before_the_fix_reads_sanely():
    """Suggestions store evidence codes with their numbers: an old "more than 100%" is said as it is said now."""
    from battlemap.inference.evidence import Evidence

    assert Evidence("receives_from", {"count": 4, "share": "100%"}).text() == (
        "receives mail from 4 distinct colleagues, more than anyone else seen"
    )
    assert Evidence("receives_from", {"count": 3, "share": "0%"}).text("zh-hans") == "收到 3 位不同同事的邮件"
    assert not Evidence(
        "receives_from", {"count": 0, "share": "0%"}
    ).says_something  # a stored zero: not shown


def test_system_mailboxes_are_one_rule_and_outlook_names_lose_their_comma():
    for address in ("noreply@x.cn", "no-reply@x.cn", "do_not_reply@x.cn", "MAILER-DAEMON@x.cn",
                    "oa-notification@x.cn", "notifications@x.cn", "postmaster@x.cn", "system@x.cn"):  # fmt: skip
        assert is_system_mailbox(address), address
    for address in ("wang.jm@x.cn", "li.na@x.cn", "sysadmin@x.cn", "norah@x.cn", "zhang.wei@x.cn"):
        assert not is_system_mailbox(address), address
    assert display_name("Zhang, Wei") == "Zhang Wei" and display_name("王，建明") == "王建明"
    assert display_name("王建明") == "王建明" and display_name("A, B, C") == "A, B, C"
    records = [
        MessageRecord(
            f"n{i}@x", "email", START, Address(f"noreply@{DOMAIN}", "OA System"), (Address(f"p1@{DOMAIN}"),)
        )  # fmt: skip
        for i in range(3)
    ]
    assert {p.email for p in infer(records, customer_domains=[DOMAIN]).people} == {f"p1@{DOMAIN}"}


def test_an_unquoted_outlook_last_first_name_is_one_person_not_half_a_name():
    """Outlook writes "Zhang, Wei <zhang.wei@…>" unquoted; the comma must not cut the surname off."""
    from battlemap.io.mail.headers import parse_addresses

    found = parse_addresses(
        "Zhang, Wei <zhang.wei@x.cn>, Li, Na <li.na@x.cn>, Sam <sam@ours.example>, a@x.cn"
    )
    assert [(a.email, a.name) for a in found] == [
        ("zhang.wei@x.cn", "Zhang, Wei"),
        ("li.na@x.cn", "Li, Na"),
        ("sam@ours.example", "Sam"),
        ("a@x.cn", ""),
    ]
    assert display_name(found[0].name) == "Zhang Wei"


def test_a_conversation_of_two_is_below_the_floor_whoever_else_is_in_the_mail():
    """The floor counts people who write to a colleague, not people in the mail: 40 messages between a and b
    and one from a to c are one conversation; a nearly symmetric one says nothing about who reports to whom."""
    pairs = [(0, [1], False), (1, [0], False)] * 20 + [(0, [2], False)]
    people = _inferred(pairs, 3)
    for person in people:
        assert person.seniority_score is None and person.decision_likelihood is None
        assert person.manager_candidates == () and person.reports_to is None
        assert [e.code for e in person.reports_to_evidence] == ["archive_too_few_people"]
    a = next(p for p in people if p.email == f"p0@{DOMAIN}")
    assert "not enough evidence: 2 of the customer's people write to each other, 3 needed for scores" in [
        e.text("en") for e in a.evidence
    ]


def test_mail_only_to_our_side_is_not_mail_among_the_customers_people():
    """Messages from the customer's people to our seller alone do not fill the floor's 20 messages."""
    inside = [(0, [1], False), (1, [2], False), (2, [0], False)] * 3  # 9 among themselves
    to_us = [(k % 3, [], True) for k in range(30)]
    people = _inferred(inside + to_us, 3)
    assert all(p.seniority_score is None for p in people)
    assert "archive_too_small" in {e.code for e in people[0].evidence}
