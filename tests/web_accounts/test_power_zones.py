"""No power-map label stands in a marked zone that is not its dot's (trial 23: a neutral decision maker's
"陈建国 = 决策 !" drawn inside the pink 强势反对者 area read as an opponent; a long label over the "Not known yet"
band): accounts.powermap.label_in_zone, checked by place_labels for every spot a label tries."""

from __future__ import annotations

import random

from battlemap.accounts.chart_labels import boxes_meet
from battlemap.accounts.powermap import POWER_CODES, power_points, power_zones

TRIAL = [
    ("刘志强 ++ 决策", "advocate", 95),
    ("王海燕 ++ 影响 推荐", "advocate", 72),
    ("陈建国 = 决策 !", "neutral", 70),
    ("赵明 + 影响 使用 教练", "supporter", 56),
    ("周强 -- 影响 !", "opponent", 52),
    ("钱红 = 把关", "neutral", 44),
    ("林涛 ? 影响", "unknown", 39),
    ("郑伟 + 使用", "supporter", 29),
    ("吴芳 = 采购", "neutral", 25),
    ("张教授 + 影响", "supporter", 25),
    ("孙丽 = 使用", "neutral", 21),
    ("黄磊 - 使用", "skeptic", 14),
]


def _wrong(rows) -> list[str]:
    zones = power_zones()
    wrong = []
    for dot in power_points(rows):
        if not dot.show_label:
            continue
        box, zone = dot.label_box(), zones.of(dot)
        if zone != "unknown" and boxes_meet(box, zones.unknown):
            wrong.append(f"{dot.text} over the Not known yet band")
        if zone == "field" and boxes_meet(box, zones.danger):
            wrong.append(f"{dot.text} in the powerful opponents area")
        if zone == "unknown" and not (zones.unknown[0] <= box[0] and box[2] <= zones.unknown[2]):
            wrong.append(f"{dot.text} out of the Not known yet band")
    return wrong


def test_the_trials_neutral_decision_maker_is_not_labelled_among_the_opponents():
    rows = [{"name": n, "attitude": a, "score": s, "pid": i} for i, (n, a, s) in enumerate(TRIAL)]
    assert _wrong(rows) == []


def test_no_label_leaves_its_zone_on_crowded_maps():
    rng = random.Random(23)
    for _ in range(40):
        rows = [
            {
                "name": rng.choice(["陈建国", "王海燕", "Alexandra Johnson", "张教授", "李"])
                + rng.choice(["", " = 决策 !", " ++ 影响 推荐", " -- 影响 !", " ? 使用"]),
                "attitude": rng.choice(POWER_CODES),
                "score": rng.randint(0, 100),
                "pid": i,
            }
            for i in range(rng.randint(5, 25))
        ]
        rows.sort(key=lambda r: -r["score"])
        assert _wrong(rows) == [], rows
