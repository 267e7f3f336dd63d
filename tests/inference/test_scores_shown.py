"""The seniority score a seller reads (0..100) tells people apart: a team whose members all mail the whole team
made each of them "the quiet head" (nobody answers one-to-one), and with their titles known all five read 100 —
the architect ranked 5 of 5 too; the anchoring's tiebreak could show -1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from battlemap.inference import infer, person_json
from battlemap.io.mail.records import Address, MessageRecord

START = datetime(2026, 9, 1, 9, tzinfo=UTC)
TEAM = ["chen@cr.example", "li@cr.example", "wang@cr.example", "zhao@cr.example", "sun@cr.example"]
TITLES = dict(zip(TEAM, ["总经理", "信息中心主任", "采购经理", "财务经理", "IT 架构师"], strict=True))


def _weekly_reports_to_all() -> list[MessageRecord]:
    return [
        MessageRecord(
            f"w{day}-{i}@x",
            "email",
            START + timedelta(days=day, minutes=i),
            Address(sender),
            tuple(Address(o) for o in TEAM if o != sender),
            subject=f"周报 {day}",
        )
        for day in range(6)
        for i, sender in enumerate(TEAM)
    ]


def test_a_team_mailing_everyone_alike_is_told_apart_by_its_titles_not_all_scored_100():
    result = infer(
        _weekly_reports_to_all(),
        our_domains=["ours.example"],
        customer_domains=["cr.example"],
        known_titles=TITLES,
    )
    scores = {p.email: p.seniority_score for p in result.people}
    assert all(0 <= s <= 100 for s in scores.values()), scores
    # the titles order them, and the scores say so: 总经理 > 主任 > 经理 > 架构师
    assert (
        scores["chen@cr.example"]
        > scores["li@cr.example"]
        > scores["wang@cr.example"]
        > scores["sun@cr.example"]
    )
    assert scores["sun@cr.example"] < 50  # the architect ranked 5 of 5 does not read as senior
    said = " ".join(" ".join(person_json(p, language="en")["seniority"]["evidence"]) for p in result.people)
    assert "write to them far more than they write back" not in said  # nobody is "the quiet head" of peers


def test_no_score_falls_below_0_where_titles_place_the_junior_below_the_mail():
    records, n = [], 0
    boss, staff = TEAM[0], TEAM[1:]
    for day in range(12):
        for (
            s
        ) in staff:  # the seller writes to each, the boss copied; each answers the seller, the boss copied
            n += 2
            when = START + timedelta(days=day, hours=n % 5)
            records.append(
                MessageRecord(
                    f"m{n}@x",
                    "email",
                    when,
                    Address("seller@ours.example"),
                    (Address(s),),
                    cc=(Address(boss),),
                )
            )
            records.append(
                MessageRecord(
                    f"m{n + 1}@x",
                    "email",
                    when + timedelta(hours=1),
                    Address(s),
                    (Address("seller@ours.example"),),
                    cc=(Address(boss),),
                    in_reply_to=f"m{n}@x",
                )
            )
    result = infer(
        records, our_domains=["ours.example"], customer_domains=["cr.example"], known_titles=TITLES
    )
    scores = {p.email: p.seniority_score for p in result.people}
    assert min(scores.values()) >= 0 and max(scores.values()) == 100, scores
    assert result.people[0].email == boss


def test_mail_that_tells_nobody_apart_leaves_the_known_titles_their_own_places():
    """Scores that tie (the mail says nothing) are ½ each, not 1 each (five top people); with five known titles
    the anchoring then has no mail scale to keep, and a level takes its fixed place."""
    import numpy as np

    from battlemap.inference.features import LEVEL_PERCENTILE, anchored_standing
    from battlemap.inference.model import unit_scale

    assert unit_scale(np.array([3.0, 3.0, 3.0])).tolist() == [0.5, 0.5, 0.5]
    assert unit_scale(np.array([3.0])).tolist() == [1.0]  # one person alone is the top
    levels = dict(zip(TEAM, [7, 4, 2, 2, 1], strict=True))
    placed = anchored_standing(np.full(5, 0.5), TEAM, levels)
    assert placed.tolist() == [LEVEL_PERCENTILE[v] for v in levels.values()]
