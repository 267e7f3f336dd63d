"""The PDF lays the influence circle out at up to six sizes to find the largest whose list of unlabelled dots
and legend fit under it, and each layout of a crowded circle tries several numbers of people per full ring: a
circle of 2,000 people was a fifth of the PDF's time. When the number chosen is one already tried (one full
ring), its layout is kept, not laid out again: the same circle (positions, labels, the list under it). No
timings: passes counted."""

from __future__ import annotations

from dataclasses import asdict

from battlemap.accounts import charts
from battlemap.accounts.charts import LIMIT_SHARES, circle_layout
from tests.web_accounts.test_chart_labels import _crowd


def test_a_crowded_circle_is_laid_out_once_per_number_of_people_tried(monkeypatch):
    analysis = _crowd(3000)
    for person in analysis["people"]:  # one full ring (with two, each may keep its own number: a new layout)
        person["ring"] = "organisation"
    rings, dots = circle_layout(analysis, font=14)
    passes = []
    real = charts._circle_pass
    monkeypatch.setattr(charts, "_circle_pass", lambda *a: (passes.append(a[-1]), real(*a))[1])
    again_rings, again_dots = circle_layout(analysis, font=14)
    assert len(passes) == 1 + len(
        LIMIT_SHARES
    )  # the first, then one per share tried (the chosen was laid again)
    assert len({tuple(sorted(limits.items())) for limits in passes}) == len(passes)
    assert [asdict(r) for r in again_rings] == [asdict(r) for r in rings]
    assert [asdict(d) for d in again_dots] == [asdict(d) for d in dots]
    assert any(r.more for r in rings) and any(
        d.listed for d in dots
    )  # crowded: "+N more" and a list under it
    organisation = [d for d in dots if d.ring == "organisation" and d.kind == "person"]
    assert sum(d.show_label for d in organisation) >= 0.75 * len(organisation)  # not a crowd of nameless dots
