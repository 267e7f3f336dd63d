"""Scoring a trainee's map of a training scenario, in pure Python (no Django): docs/training.md.

`score(reference, submission)` compares a trainee's map with the scenario's reference
(`training.scenarios.reference_of`) item by item. Every reference item is one point; every item the
trainee gave that is not in the reference (an extra role, link or flag) counts as one more wrong item,
so ticking everything scores low:

    percent = right items / (reference items + extra items)

Influence is right within one step of the reference (4 for a 5 is right, 3 is not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from battlemap.training.scenarios import Reference
from battlemap.vocab import ATTITUDES, BUYING_ROLES, FLAGS, INFLUENCE_MAX, INFLUENCE_MIN

MAX_ATTEMPTS = 2  # the second attempt is the last; after it the whole reference is shown
INFLUENCE_TOLERANCE = 1
MAX_LINKS = 12


def gettext_noop(message: str) -> str:
    """Mark an error message for extraction; the Django layer translates it (training catalog)."""
    return message


# ---- a submission ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """A trainee's map of the scenario."""

    roles: dict[int, frozenset[str]]
    attitudes: dict[int, str]
    influence: dict[int, int]
    links: frozenset[tuple[int, int]]
    decision_maker: int | None
    flags: frozenset[str]

    def as_json(self) -> dict[str, Any]:
        people = sorted(set(self.roles) | set(self.attitudes) | set(self.influence))
        return {
            "people": [
                {
                    "person": pid,
                    "roles": sorted(self.roles.get(pid, ())),
                    "attitude": self.attitudes.get(pid, "unknown"),
                    "influence": self.influence.get(pid),
                }
                for pid in people
            ],
            "links": [{"from": a, "to": b} for a, b in sorted(self.links)],
            "decision_maker": self.decision_maker,
            "flags": sorted(self.flags),
        }


class SubmissionError(ValueError):
    """A submission cannot be read: `field` names where ("people[2].attitude"), `message` (English,
    marked for translation) and `params` say what is wrong."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        super().__init__(f"{field}: {message % params if params else message}")
        self.field, self.message, self.params = field, message, params


def _person(value: Any, people: set[int], where: str) -> int:
    try:
        pid = int(value)
    except (TypeError, ValueError):
        raise SubmissionError(where, gettext_noop("Choose a person of the scenario.")) from None
    if pid not in people:
        raise SubmissionError(where, gettext_noop("Choose a person of the scenario."))
    return pid


def parse_submission(
    raw: Any, people: set[int] | tuple[int, ...], offered: tuple[str, ...] = tuple(FLAGS.codes)
) -> Submission:
    """Read a submission as the web form and the API send it:
    {"people": [{"person", "roles", "attitude", "influence"}], "links": [{"from", "to"}],
    "decision_maker", "flags"}; `offered`: the scenario's checklist (`scenarios.checklist`). Errors:
    SubmissionError naming the field (`flags` for a flag not on the checklist)."""
    people = set(people)
    if not isinstance(raw, dict):
        raise SubmissionError("submission", gettext_noop("Send the map as an object."))
    roles: dict[int, frozenset[str]] = {}
    attitudes: dict[int, str] = {}
    influence: dict[int, int] = {}
    for i, row in enumerate(raw.get("people") or []):
        where = f"people[{i}]"
        if not isinstance(row, dict):
            raise SubmissionError(where, gettext_noop("Send each person as an object."))
        pid = _person(row.get("person"), people, f"{where}.person")
        held = row.get("roles") or []
        if isinstance(held, str) or not all(isinstance(r, str) for r in held):
            raise SubmissionError(f"{where}.roles", gettext_noop("Give a list of buying roles."))
        for r in held:
            if r not in BUYING_ROLES.codes:
                raise SubmissionError(
                    f"{where}.roles", gettext_noop("%(code)s is not a buying role."), code=r
                )
        if held:
            roles[pid] = frozenset(held)
        attitude = row.get("attitude") or "unknown"
        if attitude not in ATTITUDES.codes:
            raise SubmissionError(
                f"{where}.attitude", gettext_noop("%(code)s is not an attitude."), code=attitude
            )
        attitudes[pid] = attitude
        level = row.get("influence")
        if level not in (None, ""):
            try:
                level = int(level)
            except (TypeError, ValueError):
                level = None
            if level is None or not INFLUENCE_MIN <= level <= INFLUENCE_MAX:
                raise SubmissionError(
                    f"{where}.influence",
                    gettext_noop("Give influence from %(low)s to %(high)s."),
                    low=INFLUENCE_MIN,
                    high=INFLUENCE_MAX,
                )
            influence[pid] = level
    links: set[tuple[int, int]] = set()
    raw_links = raw.get("links") or []
    if len(raw_links) > MAX_LINKS:
        raise SubmissionError("links", gettext_noop("Give at most %(n)s links."), n=MAX_LINKS)
    for i, link in enumerate(raw_links):
        where = f"links[{i}]"
        if not isinstance(link, dict):
            raise SubmissionError(where, gettext_noop("Send each link as an object."))
        a = _person(link.get("from"), people, f"{where}.from")
        b = _person(link.get("to"), people, f"{where}.to")
        if a == b:
            raise SubmissionError(f"{where}.to", gettext_noop("A person does not sway themselves."))
        links.add((a, b))
    dm = raw.get("decision_maker")
    dm = None if dm in (None, "") else _person(dm, people, "decision_maker")
    flags = raw.get("flags") or []
    if isinstance(flags, str) or not all(isinstance(c, str) for c in flags):
        raise SubmissionError("flags", gettext_noop("Give a list of red flags."))
    for code in flags:
        if code not in FLAGS.codes:
            raise SubmissionError("flags", gettext_noop("%(code)s is not a red flag."), code=code)
        if code not in offered:
            raise SubmissionError(
                "flags", gettext_noop("%(code)s is not on this scenario's checklist of red flags."), code=code
            )
    marked = set(attitudes.values()) - {"unknown"}
    if not (roles or marked or influence or links or dm is not None or flags):
        # an empty map would use up an attempt (and the last one shows the reference) for nothing
        raise SubmissionError(
            "submission",
            gettext_noop(
                "Nothing is marked yet: give at least a buying role, an attitude, an influence, a link, the "
                "decision maker or a red flag before you submit."
            ),
        )
    return Submission(roles, attitudes, influence, frozenset(links), dm, frozenset(flags))


# ---- the score ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One scored item. `key` is the reference item's (reasons are keyed by it); `extra` items were given
    by the trainee but are not in the reference (always wrong)."""

    key: str
    kind: str  # decision_maker, role, attitude, influence, link, flag
    right: bool
    person: int | None = None
    other: int | None = None  # a link's target
    expected: Any = None
    given: Any = None
    extra: bool = False
    because: str = ""


@dataclass(frozen=True)
class Score:
    items: tuple[Item, ...]

    @property
    def right(self) -> int:
        return sum(1 for i in self.items if i.right)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.total) if self.total else 0


def score(reference: Reference, submission: Submission) -> Score:
    """Score `submission` against `reference`, item by item (see the module's docstring)."""
    ref, sub = reference, submission
    items: list[Item] = []
    because = ref.reasons.get
    items.append(
        Item(
            "decision_maker",
            "decision_maker",
            sub.decision_maker == ref.decision_maker,
            person=ref.decision_maker,
            expected=ref.decision_maker,
            given=sub.decision_maker,
            because=because("decision_maker", ""),
        )
    )
    for pid in ref.people:
        held, given = ref.roles.get(pid, frozenset()), sub.roles.get(pid, frozenset())
        for role in sorted(held):
            key = f"roles:{pid}:{role}"
            items.append(
                Item(
                    key,
                    "role",
                    role in given,
                    pid,
                    expected=role,
                    given=role if role in given else None,
                    because=because(key, ""),
                )
            )
        for role in sorted(given - held):
            items.append(Item(f"roles:{pid}:{role}", "role", False, pid, given=role, extra=True))
        if pid in ref.attitudes:
            key = f"attitude:{pid}"
            items.append(
                Item(
                    key,
                    "attitude",
                    sub.attitudes.get(pid, "unknown") == ref.attitudes[pid],
                    pid,
                    expected=ref.attitudes[pid],
                    given=sub.attitudes.get(pid, "unknown"),
                    because=because(key, ""),
                )
            )
            key = f"influence:{pid}"
            level = sub.influence.get(pid)
            near = level is not None and abs(level - ref.influence[pid]) <= INFLUENCE_TOLERANCE
            items.append(
                Item(
                    key,
                    "influence",
                    near,
                    pid,
                    expected=ref.influence[pid],
                    given=level,
                    because=because(key, ""),
                )
            )
    for a, b in sorted(ref.links):
        key = f"link:{a}->{b}"
        items.append(
            Item(
                key,
                "link",
                (a, b) in sub.links,
                a,
                b,
                expected=True,
                given=(a, b) in sub.links,
                because=because(key, ""),
            )
        )
    for a, b in sorted(sub.links - ref.links):
        items.append(Item(f"link:{a}->{b}", "link", False, a, b, given=True, extra=True))
    for code in sorted(ref.flags):
        key = f"flag:{code}"
        items.append(
            Item(
                key,
                "flag",
                code in sub.flags,
                expected=code,
                given=code if code in sub.flags else None,
                because=because(key, ""),
            )
        )
    for code in sorted(sub.flags - ref.flags):
        items.append(Item(f"flag:{code}", "flag", False, given=code, extra=True))
    return Score(tuple(items))


def result_json(result: Score) -> dict[str, Any]:
    """The score as stored: every item with what was expected, what was given and the reason (what a
    trainee may see of it before the reference is revealed: selectors.visible_result)."""
    rows = []
    for item in result.items:
        row = {
            "key": item.key,
            "kind": item.kind,
            "right": item.right,
            "extra": item.extra,
            "person": item.person,
            "other": item.other,
            "given": item.given,
            "expected": item.expected,
            "because": item.because,
        }
        rows.append(row)
    return {"right": result.right, "total": result.total, "percent": result.percent, "items": rows}
