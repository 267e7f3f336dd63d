"""A new deal with open flags and nothing earned yet has health 0, and the open flags' penalty, cut to nothing by
that floor, said as such — the room read "no penalty" beside three open flags (new-user trial, 2026-12-03)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from battlemap.maps import account_analysis
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_open_flags_cut_by_the_floor_say_what_was_due_not_no_penalty(owner_client, world):
    deal = f.deal(account=world.cn, name="智慧交通一期")
    health = next(d for d in account_analysis(account=world.cn, lang="en")["deals"] if d["id"] == deal.pk)[
        "health"
    ]
    flags = next(p for p in health["parts"] if p["name"] == "open_flags")
    assert health["score"] == 0 and flags["points"] < 0 and flags["shown"] == 0  # the case
    room = owner_client.get(
        reverse("deal", args=[world.cn.slug, deal.pk]), headers={"Accept-Language": "en"}
    ).content.decode()
    due = round(-flags["points"])
    assert f"−{due} due" in room  # what the flags would take off, in the score's cell…
    assert (
        '<tr class="floor-note"><td colspan="3">Nothing left to take off: the health stops at 0.</td></tr>'
        in room
    )
    assert "no penalty" not in room  # …and why it took nothing, on a line of its own


@pytest.mark.parametrize(
    ("part", "said"),
    [
        (
            {"points": -14.0, "shown": 0, "weight": 0.0},
            "−14 due, nothing left to take off: the health stops at 0",
        ),
        ({"points": -14.0, "shown": -8, "weight": 0.0}, "−8 of 14 due: the health stops at 0"),
        ({"points": -14.0, "shown": -14, "weight": 0.0}, "−14 points"),
        ({"points": 0.0, "shown": 0, "weight": 0.0}, "no penalty"),
        ({"points": 12.4, "shown": 13, "weight": 40.0}, "13 / 40"),
    ],
)
def test_each_part_is_said_with_what_it_took_off(part, said):
    from django.utils import translation

    from battlemap.core.templatetags.numbers import health_part_score

    with translation.override("en"):
        assert health_part_score(part) == said
