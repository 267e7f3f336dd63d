"""What a reporting line and a seniority figure need before they read as findings (tester B2): "93%" on one
message, a managing director under a colleague the titles say nothing of, a "likely manager" who never wrote to
the person, and seniority 100 with decision maker 85% at confidence 0.18."""

from __future__ import annotations

from battlemap.inference import infer, person_json
from battlemap.inference.engine import LINE_CAP, LOW_CONFIDENCE, MIN_LINE_MESSAGES, _calibrated
from battlemap.inference.explain import reporting_line
from battlemap.inference.model import SeniorityModel
from battlemap.inference.relations import levels_below, outranks
from battlemap.inference.results import ManagerCandidate
from tests.inference.test_evidence_floor import DOMAIN, _archive

# a calibration that reads every line as certain: only the floor can hold it down
CERTAIN = SeniorityModel(
    weights={"authority": 1.0}, manager_threshold=0.75, manager_coefficients=(0, 0, 0, 0),
    manager_intercept=10.0, manager_calibrated=True,
)  # fmt: skip


def test_a_line_on_one_message_is_capped_below_any_suggestion():
    [line] = _calibrated(
        (ManagerCandidate("legal@x", 0.6, 1, (0.6, 0.2, 0.5, 0.7), from_manager=1),), CERTAIN
    )
    assert line.probability == LINE_CAP < CERTAIN.manager_threshold
    shown, why = reporting_line(
        "md@x", (line,), 0.75, {}, {"md@x": 3, "legal@x": 1}, {"legal@x": "Tana"}, MIN_LINE_MESSAGES
    )
    assert shown is None
    assert why[0].text("en") == (
        f"not enough evidence for a reporting line: 1 message with Tana, {MIN_LINE_MESSAGES} needed"
    )
    assert "汇报线证据不足" in why[0].text("zh-hans")


def test_a_manager_who_never_wrote_to_the_person_is_no_line():
    [line] = _calibrated(
        (ManagerCandidate("chair@x", 0.6, 12, (0.6, 0.2, 0.9, 2.5), from_manager=0),), CERTAIN
    )
    assert line.probability == LINE_CAP
    shown, why = reporting_line(
        "sec@x", (line,), 0.75, {}, {"sec@x": 4, "chair@x": 1}, {"chair@x": "Chen"}, MIN_LINE_MESSAGES
    )
    assert shown is None and why[0].code == "line_one_way"
    [both_ways] = _calibrated(
        (ManagerCandidate("cfo@x", 0.6, 12, (0.6, 0.2, 0.9, 2.5), from_manager=4),), CERTAIN
    )
    assert both_ways.probability > 0.99


def test_a_person_of_known_title_takes_an_unknown_manager_only_above_a_higher_title():
    standing = {"md@x": 0.8, "legal@x": 0.9, "vp@x": 0.7, "ceo@x": 0.85}
    levels = {"md@x": 6, "vp@x": 5}
    above = levels_below(standing, levels)
    assert above == {"legal@x": 6, "ceo@x": 6}
    assert not outranks("legal@x", "md@x", standing, levels, 0.05, above)  # nobody above level 6 below her
    assert outranks("legal@x", "vp@x", standing, levels, 0.05, above)  # a managing director stands below her
    levels["cfo@x"], standing["cfo@x"] = 7, 0.88
    assert outranks("legal@x", "md@x", standing, levels, 0.05, levels_below(standing, levels))


def test_a_figure_on_little_mail_says_it_is_a_guess_in_both_languages():
    busy = [(a, b) for _ in range(6) for a in range(4) for b in range(4) if a != b]  # 72 among p0..p3
    quiet = [(4, 0), (0, 4), (4, 1), (4, 0), (1, 4), (4, 0)]  # p4: 6 messages
    people = {
        p.email: p
        for p in infer(
            _archive([(a, [b], False) for a, b in busy + quiet], 5), customer_domains=[DOMAIN]
        ).people
    }
    quiet_one, busy_one = people[f"p4@{DOMAIN}"], people[f"p0@{DOMAIN}"]
    assert quiet_one.confidence < LOW_CONFIDENCE <= busy_one.confidence
    en, zh = person_json(quiet_one, language="en"), person_json(quiet_one, language="zh-hans")
    guess = "low confidence (0.18): 6 messages among colleagues, so the figures are a guess"
    assert guess in en["seniority"]["evidence"] and guess in en["decision_maker"]["evidence"]
    assert any("置信度低" in line for line in zh["decision_maker"]["evidence"])
    assert not any("low confidence" in line for line in person_json(busy_one)["seniority"]["evidence"])


def test_the_quiet_head_everyone_writes_up_to_stays_the_manager_of_titled_executives():
    standing = {"ceo@x": 0.99, "cfo@x": 0.9, "cto@x": 0.85}
    levels = {"cfo@x": 6, "cto@x": 6}
    assert not outranks("ceo@x", "cfo@x", standing, levels, 0.05, levels_below(standing, levels))
    assert outranks("ceo@x", "cfo@x", standing, levels, 0.05, levels_below(standing, levels, heads=["ceo@x"]))


def test_a_manager_named_last_comma_first_is_named_as_in_the_person_column():
    """A mail trial: under "likely manager Li Na 78%" the evidence read "6 messages with Li, Na" (Outlook's
    display name as written)."""
    from dataclasses import replace

    from battlemap.io.mail.records import Address
    from tests.inference.orggen import generate_org

    org = generate_org(spans=(3, 4), seed=11, days=60)
    boss = org.manager[org.people[-1]]

    def renamed(address):
        return Address(address.email, "Li, Na") if address.email == boss else address

    records = [replace(r, sender=renamed(r.sender), to=tuple(renamed(a) for a in r.to)) for r in org.records]
    people = {p.email: p for p in infer(records, customer_domains=["acme.example"]).people}
    assert people[boss].name == "Li Na"
    lines = [p for p in people.values() if p.reports_to is not None and p.reports_to.email == boss]
    assert lines, "the generated organisation gives the manager's reports their line"
    said = " ".join(e.text("en") for p in lines for e in p.reports_to_evidence)
    assert "Li Na" in said and "Li, Na" not in said
