"""A tender's bid evaluation committee, and whoever sits on it, is "not to be met" in `battlemap analyze`'s coverage
table — where it said "no" before, a gap beside every other unmet holder —, read from the analysis' `sealed`."""

from __future__ import annotations

import pytest

from battlemap.analysis import analyze
from battlemap.analysis.report import analysis_json
from battlemap.analysis.textreport import text_report
from battlemap.look import NEVER_MET_COLOUR, look_for, person_looks

from .test_sealed_body import chaired_tender
from .test_tender import VICE, hospital_tender


def _line(report: str, name: str, lang: str) -> str:
    """`name`'s line of the coverage table (between its heading and the win-win's)."""
    heading = "-- 角色覆盖 --" if lang != "en" else "-- Coverage --"
    coverage = report.split(heading)[1].split("\n-- ")[0]
    return next(line for line in coverage.splitlines() if name in line)


@pytest.mark.parametrize(
    ("lang", "sealed"),
    [("zh-hans", "不应约见：招标要在纸面上赢"), ("en", "not to be met: the tender is won on paper")],
)
def test_the_text_report_says_the_committee_and_its_members_are_not_to_be_met(lang, sealed):
    data = analysis_json(analyze(chaired_tender(), lang=lang))
    holders = {h["name"]: h for row in data["deals"][0]["coverage"] for h in row["people"]}
    assert holders["赵副院长"]["sealed"] and not holders["钱科长"]["sealed"]
    report = text_report(data, lang)
    assert sealed in _line(report, "赵副院长", lang)  # met nobody: "no" before, beside every gap
    assert sealed not in _line(report, "钱科长", lang)
    body = text_report(analysis_json(analyze(hospital_tender(), lang=lang)), lang)
    assert sealed in _line(body, "评标委员会", lang)


def test_a_key_person_on_the_committee_gets_no_never_met_mark_on_the_charts():
    """赵副院长, influence 5 and never met, sits on the deciding 评标委员会: no "!" nor red outline (the web org chart,
    the exported charts and cards all read `person_looks`), while an unmet key person elsewhere keeps them."""
    snap = chaired_tender()
    data = analysis_json(analyze(snap, lang="en"))
    deal = data["deals"][0]
    assert VICE in deal["key_people"]
    roles = {
        sh.person_id: {"roles": list(sh.roles), "attitude": sh.attitude} for sh in snap.deals[0].stakeholders
    }
    look = person_looks(data, roles, deal_id=deal["id"], lang="en")[VICE]
    assert not look.never_met and "!" not in look.tag() and look.border != NEVER_MET_COLOUR
    assert look_for(attitude="neutral", roles=("influencer",), key=True, met=False).tag().endswith("!")
