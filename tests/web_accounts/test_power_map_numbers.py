"""Every dot the power map lists under it ("Not labelled on the chart: …") carries its number on the chart.

A reviewer's 22-person deal: the list read "郝文轩 - 教练 · [1] 贺文英 ? 采购 教练 · 贾秀兰 - 教练 把关 · [2] …",
郝文轩's and 贾秀兰's dots two of a cluster of skeptics with no number beside them, so the reader could not tell
which dot was theirs. A number now goes over its zone's edge, or further off joined by a leader line, before
a dot is left without one (`chart_labels.place_labels`)."""

from __future__ import annotations

import random

import pytest

from battlemap.accounts.powermap import power_points


def _crowd(people: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    rows = [
        {
            "name": "郝文轩"[: rnd.choice((2, 3))] + str(i),
            "attitude": rnd.choice(("skeptic", "skeptic", "unknown", "supporter")),
            "score": rnd.randint(28, 56),
            "pid": i,
        }
        for i in range(people)
    ]
    return sorted(rows, key=lambda r: -r["score"])


@pytest.mark.parametrize(("people", "seed"), [(22, 4), (30, 4), (40, 2)])
def test_every_dot_listed_under_the_power_map_shows_its_number(people, seed):
    dots = power_points(_crowd(people, seed))
    listed = [d for d in dots if d.listed]
    assert listed  # the test can fail: a crowd whose labels do not all find room beside their dots
    numbers = []
    for dot in listed:
        assert dot.show_label and dot.text.startswith("["), dot.listed  # "[n]" drawn by its dot
        assert dot.listed == f"{dot.text} {dot.name}", dot.listed  # the list names the dot by it
        numbers.append(dot.text)
    assert len(set(numbers)) == len(numbers)  # one number, one dot
