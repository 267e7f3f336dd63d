"""Why: the evidence lines `infer` gives each person — their seniority signals, their title against the mail,
and their reporting line or why none is shown. Codes with numbers (`evidence.Evidence`); the words come from
the catalog when shown."""

from __future__ import annotations

import numpy as np

from battlemap.inference.evidence import Evidence
from battlemap.inference.features import FAST_REPLY_HOURS, FeatureTable
from battlemap.inference.results import MIN_CANDIDATE, ManagerCandidate
from battlemap.inference.titles import TitleReading, read_title

FEW_MESSAGES = 5  # under this many messages, the evidence says "few messages"
DISAGREEMENT = 0.3  # standing gap (0..1) between title and mail that the evidence points out


class PersonTitle:
    """The title that counts for a person — the map's first, else a signature's, else the post written in their
    display name (`names.display_name_and_title`: "李娜 采购部部长", "Amy Wu - VP Sales") — and the others.
    `source`: "map", "signature", "display_name" or "" (none reads)."""

    __slots__ = ("display_name", "map", "reading", "signature", "source")

    def __init__(self, map_title: str, signature: str, display_name: str = "") -> None:
        self.map = map_title.strip()
        self.signature = signature.strip()
        self.display_name = display_name.strip()
        self.reading: TitleReading | None = None
        self.source = ""
        for source, title in (
            ("map", self.map),
            ("signature", self.signature),
            ("display_name", self.display_name),
        ):
            if (reading := read_title(title)) is not None:
                self.reading, self.source = reading, source
                break


def title_evidence(
    title: PersonTitle | None, anchored: float, by_mail: float, mail_rank: int | None, total: int
) -> list[Evidence]:
    """The title and its level; where the mail disagrees with it, the mail's rank among those scored
    (`mail_rank` None below the evidence floor: no rank, so no disagreement is said)."""
    if title is None:
        return []
    out = []
    if title.signature and title.source != "signature":  # read from a signature: the level line says so
        out.append(Evidence("signature_title", {"title": title.signature}))
    if title.reading is None:
        return out
    out.append(
        Evidence(
            f"title_level_{title.source}",
            {"title": title.reading.title, "level": title.reading.level},
        )
    )
    signature = read_title(title.signature)
    if title.source == "map" and signature is not None and signature.level != title.reading.level:
        out.append(Evidence("titles_disagree", {"map": title.map, "signature": title.signature}))
    if mail_rank is None:
        return out
    if anchored - by_mail >= DISAGREEMENT:
        out.append(Evidence("mail_below_title", {"rank": mail_rank, "total": total}))
    elif by_mail - anchored >= DISAGREEMENT:
        out.append(Evidence("mail_above_title", {"rank": mail_rank, "total": total}))
    return out


def reporting_line(
    person: str,
    candidates: tuple[ManagerCandidate, ...],
    threshold: float,
    levels: dict[str, int],
    rank: dict[str, int],
    names: dict[str, str],
    min_messages: int = 0,
) -> tuple[ManagerCandidate | None, list[Evidence]]:
    """The reporting line to show (the tree's choice at or above the threshold) and why, or why not.
    `rank`: among the people scored (a person below the floor has none and is given no line); `min_messages`:
    the line's own floor (engine.MIN_LINE_MESSAGES, and mail both ways)."""
    if rank.get(person) == 1:
        return None, [Evidence("top_person", {})]
    needed = f"{int(round(100 * threshold))}%"
    if not candidates or candidates[0].probability < MIN_CANDIDATE:
        return None, [Evidence("no_manager_candidate", {"needed": needed})]
    first = candidates[0]
    first_name = names.get(first.email) or first.email.partition("@")[0]
    if min_messages and first.messages < min_messages:
        params = {"count": first.messages, "name": first_name, "needed": min_messages}
        return None, [Evidence("line_few_messages", params)]
    if min_messages and first.from_manager == 0:
        return None, [Evidence("line_one_way", {"name": first_name})]
    if candidates[0].probability < threshold:
        best = f"{int(round(100 * candidates[0].probability))}%"
        return None, [Evidence("no_manager_evidence", {"best": best, "needed": needed})]
    top = candidates[0]
    name = names.get(top.email) or top.email.partition("@")[0]
    evidence = [Evidence("manager_messages", {"count": top.messages, "name": name})]
    if top.email in levels and person in levels:
        evidence.append(Evidence("manager_title_above", {"name": name}))
    else:
        evidence.append(
            Evidence("manager_ranks_above", {"name": name, "rank": rank[top.email], "own": rank[person]})
        )
    return top, evidence


def _share_below(values: np.ndarray, i: int) -> int:
    """The share (0..100) of the *other* people whose value is lower than person i's: "more than N% of the
    people seen" (the most sought-after of three is above 100% of the others, never "more than 100%")."""
    others = len(values) - 1
    return int(round(100 * float(np.sum(values < values[i])) / others)) if others > 0 else 0


def _top_percent(values: np.ndarray, i: int) -> int:
    """The share (1..100) of people whose value is at least person i's: "top N%" (the first of three is in
    the top 33%, not the top 1%)."""
    return max(1, int(round(100 * float(np.sum(values >= values[i])) / len(values))))


TOP_HALF = 50  # "top N%" is said only of the upper half: "top 75%" is no distinction


def receives_from(count: int, share: int | None) -> Evidence:
    """ "Receives mail from N distinct colleagues", compared with the others only when the comparison says
    something: none when `share` is None (below the evidence floor) or 0 ("more than 0%"), and "more than anyone
    else" rather than "more than 100% of the others"."""
    if share is None or share <= 0 or count <= 0:
        return Evidence("receives_from_count", {"count": count})
    if share >= 100:
        return Evidence("receives_from_most", {"count": count})
    return Evidence("receives_from", {"count": count, "share": f"{share}%"})


def seniority_evidence(
    p: str,
    i: int,
    table: FeatureTable,
    pct: dict[str, float],
    items: int,
    *,
    meetings: int = 0,
    compare: bool = True,
) -> list[Evidence]:
    """The seniority evidence of person `p` (row `i` of `table`): distinct senders and recipients (none at 0),
    well-connected senders, fast replies, slower answers, bridging, and what they were seen in under
    FEW_MESSAGES (5) `items` (messages and meetings; `meetings` of them meetings: `few_seen`). `pct`: their
    percentile (0..1) per feature; `compare=False` (below the evidence floor) drops every comparison with the
    others."""
    values = table.values
    senders = values["received_from_distinct"]
    evidence = [
        receives_from(int(senders[i]), _share_below(senders, i) if compare else None),
        Evidence("writes_to", {"count": int(values["wrote_to_distinct"][i])}),
    ]
    evidence = [e for e in evidence if e.says_something]  # "receives mail from 0 colleagues" is noise
    top_authority = _top_percent(values["authority"], i)
    if compare and pct["authority"] >= 0.75 and top_authority <= TOP_HALF:
        evidence.append(Evidence("well_connected_senders", {"percent": top_authority}))
    if p in table.fast_reply_share:
        share = f"{int(round(100 * table.fast_reply_share[p]))}%"
        count = table.reply_counts.get(p, 0)
        evidence.append(
            Evidence("replied_fast", {"hours": int(FAST_REPLY_HOURS), "share": share, "count": count})
        )
    if p in table.reply_hours_to and p in table.reply_hours_by:
        evidence.append(
            Evidence(
                "answers_slower",
                {"others": round(table.reply_hours_to[p], 1), "own": round(table.reply_hours_by[p], 1)},
            )
        )
    top_bridging = _top_percent(values["betweenness"], i)
    if compare and pct["betweenness"] >= 0.8 and values["betweenness"][i] > 0 and top_bridging <= TOP_HALF:
        evidence.append(Evidence("bridges", {"percent": top_bridging}))
    if items < FEW_MESSAGES:
        evidence.append(few_seen(items - meetings, meetings))
    return evidence


def few_seen(messages: int, meetings: int) -> Evidence:
    """The little a person was seen in, by kind: "only 1 message seen", "only seen in 1 meeting", "only 2
    messages and 1 meeting seen" (a meeting: any kind but mail, so a logged call or visit too)."""
    if not meetings:
        return Evidence("few_messages", {"count": messages})
    if not messages:
        return Evidence("few_meetings", {"count": meetings})
    return Evidence("few_messages_and_meetings", {"messages": messages, "meetings": meetings})
