"""MEDDPICC and the Blue Sheet: two qualification views of the one map, per open deal.

Neither is a separate form: each element is read from facts the map already holds (buying roles,
attitudes, contacts, decision factors, the portrait's pains, competitors), plus the two the map
lacks, kept on the deal (`metrics`, `paper_process`). Each MEDDPICC element gets a status:

* confirmed — the map holds it and it was checked with the customer (e.g. the decision maker was met;
  the purchase process has a planned date on every step not yet done);
* assumed   — the map holds something, not yet checked (e.g. a decision maker is named, never met; the
  decision-factor weights are the seller's estimate, no customer answered the questionnaire);
* unknown   — nothing on the map.

Qualification score, 0..100: confirmed counts 1, assumed ½, unknown 0, over the eight elements,
× 100 / 8 (rounded) — beside deal health, not instead of it: health weighs coverage, attitude and
freshness; qualification asks whether we know what a MEDDPICC review asks.

The Blue Sheet (Miller Heiman strategic selling) lists the buying influences: economic (the
decision maker), user, technical (gatekeeper, purchaser, influencer: they screen) and coach
(champion, coach; a champion who is also a buyer keeps that part, with "coaches us" among the strengths),
each with their degree of influence (high ≥ `key_influence`, medium 3, low),
response mode (growth, trouble, even keel, overconfident — recorded per stakeholder), win-result
(their personal win and the business result), the red flags that concern them, their strengths
(supporter or better, met — unless they are against us —, strong relationship) and the playbook's actions that name them.
"""

from __future__ import annotations

from battlemap.vocab import (
    ATTITUDE_VALUES,
    DECISION_FACTORS,
    RELATIONSHIP_LEVELS,
    STEP_FINISHED,
)

from .contacts import ContactIndex
from .coverage import active_stakeholders, deciders, personal_win_of
from .economic_buyer import economic_buyer
from .feedback_types import FactorWeights, weight_text
from .flag_rules_progress import step_title
from .i18n import gettext_noop, join_names, label, ngettext_noop, tr
from .qualification_types import BuyingInfluence, Qualification, QualificationElement
from .settings import AnalysisSettings
from .types import BodyInfo, DealInfo, Flag, PersonInfo, PlaybookItem, StakeholderInfo

MEDDPICC_ELEMENTS = (
    "metrics",
    "economic_buyer",
    "decision_criteria",
    "decision_process",
    "paper_process",
    "identify_pain",
    "champion",
    "competition",
)
STATUS_POINTS = {"confirmed": 1.0, "assumed": 0.5, "unknown": 0.0}
# Blue Sheet degree of influence: high from the settings' key influence, medium from the middle of the 1–5 rating
MEDIUM_INFLUENCE = 3
# a relationship that is a strength: trusted or closer (vocab.RELATIONSHIP_LEVELS, 0–4)
STRONG_RELATIONSHIP = next(level for level, code in RELATIONSHIP_LEVELS.items() if code == "trusted")
# Blue Sheet buying influence of each buying role: a person holding several gets the first that applies;
# a champion or coach who is also a buyer keeps their buying influence and "coaches us" as a strength
INFLUENCE_OF_ROLE = (
    ("decision_maker", "economic"),
    ("user", "user"),
    ("gatekeeper", "technical"),
    ("purchaser", "technical"),
    ("influencer", "technical"),
    ("champion", "coach"),
    ("coach", "coach"),
)

_METRICS = gettext_noop("Metrics agreed: %(text)s")
_METRICS_FROM_WIN = gettext_noop("Only the customer's business win is recorded: %(text)s")
_CRITERIA_ANSWERS = ngettext_noop(
    "Decision-factor weights from the answers of %(names)s (%(count)s respondent): %(factors)s",
    "Decision-factor weights from the answers of %(names)s (%(count)s respondents): %(factors)s",
)
_CRITERIA_TYPED = gettext_noop(
    "Decision-factor weights as the seller estimates them, not yet confirmed by the customer's answers: %(factors)s"
)
_PROCESS_STEPS = gettext_noop("The purchase process is mapped: %(done)s of %(total)s steps finished.")
_PROCESS_NEXT = gettext_noop("Next: %(step)s, planned %(planned)s.")
_PROCESS_NEXT_UNDATED = gettext_noop("Next: %(step)s, with no planned date yet.")
_PROCESS_UNDATED = gettext_noop("Steps with no planned date yet: %(steps)s.")
_PROCESS_STAGE = gettext_noop("At %(stage)s, expected close %(close)s.")
_PROCESS_STAGE_ONLY = gettext_noop("At %(stage)s; no expected close date.")
_PAPER = gettext_noop("Paper process: %(text)s")
_PURCHASER = ngettext_noop("%(names)s runs the purchase.", "%(names)s run the purchase.")
_PAIN = gettext_noop("Pains on the account portrait: %(text)s")
_CONCERNS = gettext_noop("Concerns of %(names)s are recorded.")
_EVENT = gettext_noop("The deal's compelling event: %(text)s")
_EVENT_ON = gettext_noop("The deal's compelling event: %(text)s, by %(on)s")
_RESULT = gettext_noop("The business result the customer wants from the deal: %(text)s")
_CHAMPION_OK = ngettext_noop(
    "%(names)s sells for us inside and we are in touch.", "%(names)s sell for us inside and we are in touch."
)
_CHAMPION_WEAK = ngettext_noop(
    "%(names)s is marked champion but is not yet a met supporter.",
    "%(names)s are marked champions but are not yet met supporters.",
)
_COMPETITORS = gettext_noop("Competitors: %(names)s")
_FAVOURED = ngettext_noop("%(names)s favours a competitor.", "%(names)s favour a competitor.")


def _supporter(sh: StakeholderInfo) -> bool:
    return ATTITUDE_VALUES.get(sh.attitude, 0) > 0


def _names(lang: str, people: dict[int, PersonInfo], ids: list[int]) -> str:
    return join_names(lang, [people[i].shown(lang) for i in ids])


def _lines(*texts: str) -> tuple[str, ...]:
    return tuple(text for text in texts if text)


def meddpicc(
    deal: DealInfo,
    pains: str,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    settings: AnalysisSettings,
    lang: str,
    factors: FactorWeights,
    bodies: dict[int, BodyInfo] | None = None,
) -> Qualification:
    """The eight MEDDPICC elements of `deal` with status and evidence, and the qualification score;
    `factors`: the deal's decision-factor weights (feedback.deal_factor_weights); `bodies`: the account's decision
    bodies by id (who decides, coverage.deciders: the chair of an approving body its chair decides, and a body
    deciding collectively, are the economic buyer)."""
    active = active_stakeholders(deal, people)
    holders = {
        role: [sh for sh in active if role in sh.roles]
        for role in ("decision_maker", "champion", "purchaser")
    }
    elements: list[QualificationElement] = []

    def add(code: str, status: str, evidence: tuple[str, ...] = (), who: list[int] | None = None) -> None:
        elements.append(QualificationElement(code, status, evidence, tuple(who or ())))

    if deal.metrics.strip():
        add("metrics", "confirmed", (tr(lang, _METRICS, text=deal.metrics.strip()),))
    elif deal.customer_win.strip():
        add("metrics", "assumed", (tr(lang, _METRICS_FROM_WIN, text=deal.customer_win.strip()),))
    else:
        add("metrics", "unknown")

    # confirmed only when we reached everyone who decides (coverage.deciders): one met while another never was
    # (who may chair the approving body) is what `decision_maker_not_met` warns of, so it is assumed here too, both
    # named; the evidence says why a chair decides, and how many members of a body deciding collectively we met
    status, evidence, who = economic_buyer(
        deciders(deal, people, bodies or {}, settings),
        [sh.person_id for sh in holders["decision_maker"]],
        people,
        contacts,
        lang,
    )
    add("economic_buyer", status, evidence, who)

    # the weights the analysis reports (the customer's answers, else the seller's estimate), in percent: the
    # answers are checked with the customer, the estimate is not
    weights = join_names(
        lang, [f"{DECISION_FACTORS.label(r.code, lang)} {weight_text(r.value)}" for r in factors.weights]
    )
    if factors.source == "answers":
        who = [pid for pid in factors.respondents if pid in people]
        text = tr(
            lang,
            _CRITERIA_ANSWERS,
            len(who),
            names=_names(lang, people, who),
            count=len(who),
            factors=weights,
        )
        add("decision_criteria", "confirmed", (text,), who)
    elif factors.weights:
        add("decision_criteria", "assumed", (tr(lang, _CRITERIA_TYPED, factors=weights),))
    else:
        add("decision_criteria", "unknown")

    stage = label(lang, deal.stage)
    if deal.process:
        done = sum(step.status in STEP_FINISHED for step in deal.process)
        upcoming = next((s for s in deal.process if s.status not in STEP_FINISHED), None)
        steps = [tr(lang, _PROCESS_STEPS, done=done, total=len(deal.process))]
        if upcoming is not None and upcoming.planned_on is not None:
            when = upcoming.planned_on.isoformat()
            steps.append(tr(lang, _PROCESS_NEXT, step=step_title(upcoming, lang), planned=when))
        elif upcoming is not None:
            steps.append(tr(lang, _PROCESS_NEXT_UNDATED, step=step_title(upcoming, lang)))
        # steps without dates are a template, not a process checked with the customer (trial 23: seven
        # empty steps of 立项 → 合同 read "confirmed"): confirmed once every open step has a planned date
        undated = [s for s in deal.process if s.status not in STEP_FINISHED and s.planned_on is None]
        if undated:
            steps.append(
                tr(lang, _PROCESS_UNDATED, steps=join_names(lang, [step_title(s, lang) for s in undated]))
            )
        in_steps = {pid for s in deal.process for pid in s.people}
        responsible = [pid for pid in people if pid in in_steps]  # in the snapshot's order (by name)
        add("decision_process", "assumed" if undated else "confirmed", tuple(steps), responsible)
    elif deal.expected_close is not None and deal.stage_changes:
        add(
            "decision_process", "assumed", (tr(lang, _PROCESS_STAGE, stage=stage, close=deal.expected_close),)
        )
    elif deal.stage_changes or deal.expected_close is not None:
        add("decision_process", "assumed", (tr(lang, _PROCESS_STAGE_ONLY, stage=stage),))
    else:
        add("decision_process", "unknown")

    purchasers = [sh.person_id for sh in holders["purchaser"]]
    paper = deal.paper_process.strip()
    evidence = _lines(
        tr(lang, _PAPER, text=paper) if paper else "",
        tr(lang, _PURCHASER, len(purchasers), names=_names(lang, people, purchasers)) if purchasers else "",
    )
    add(
        "paper_process",
        "confirmed" if paper and purchasers else "assumed" if evidence else "unknown",
        evidence,
        purchasers,
    )

    # the pain as the portrait states it is checked with the customer; the people's concerns and the deal's own
    # compelling event and business result (or its metrics, when no result is typed) show a pain the seller read
    # (review rev2: a deal stating "满足国资委数字化考核" read "nothing on the map")
    concerned = [sh.person_id for sh in active if people[sh.person_id].concerns.strip()]
    event = deal.compelling_event.strip()
    if event and deal.compelling_event_on:
        event = tr(lang, _EVENT_ON, text=event, on=deal.compelling_event_on.isoformat())
    elif event:
        event = tr(lang, _EVENT, text=event)
    result = deal.customer_win.strip() or deal.metrics.strip()
    evidence = _lines(
        tr(lang, _PAIN, text=pains.strip()) if pains.strip() else "",
        tr(lang, _CONCERNS, names=_names(lang, people, concerned)) if concerned else "",
        event,
        tr(lang, _RESULT, text=result) if result else "",
    )
    add(
        "identify_pain",
        "confirmed" if pains.strip() else "assumed" if evidence else "unknown",
        evidence,
        concerned,
    )

    champions = holders["champion"]
    good = [sh.person_id for sh in champions if _supporter(sh) and contacts.engaged(sh.person_id)]
    if good:
        add(
            "champion",
            "confirmed",
            (tr(lang, _CHAMPION_OK, len(good), names=_names(lang, people, good)),),
            good,
        )
    elif champions:
        weak = [sh.person_id for sh in champions]
        add(
            "champion",
            "assumed",
            (tr(lang, _CHAMPION_WEAK, len(weak), names=_names(lang, people, weak)),),
            weak,
        )
    else:
        add("champion", "unknown")

    favouring = [sh.person_id for sh in active if sh.favoured_competitor.strip()]
    evidence = _lines(
        tr(lang, _COMPETITORS, names=join_names(lang, deal.competitors)) if deal.competitors else "",
        tr(lang, _FAVOURED, len(favouring), names=_names(lang, people, favouring)) if favouring else "",
    )
    add(
        "competition",
        "confirmed" if deal.competitors else "assumed" if favouring else "unknown",
        evidence,
        favouring,
    )

    score = round(100 * sum(STATUS_POINTS[e.status] for e in elements) / len(MEDDPICC_ELEMENTS))
    return Qualification(tuple(elements), score)


def _degree(sh: StakeholderInfo, settings: AnalysisSettings) -> str:
    if sh.influence >= settings.key_influence:
        return "high"
    return "medium" if sh.influence >= MEDIUM_INFLUENCE else "low"


def blue_sheet(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    flags: tuple[Flag, ...],
    playbook: tuple[PlaybookItem, ...],
    settings: AnalysisSettings,
    bodies: dict[int, BodyInfo] | None = None,
) -> tuple[BuyingInfluence, ...]:
    """The buying influences of `deal` (stakeholders holding a role), economic first; a stakeholder who chairs an
    approving body its chair decides (coverage.deciders, `bodies` by id) is an economic buyer whatever their roles."""
    order = {kind: i for i, kind in enumerate(("economic", "user", "technical", "coach"))}
    deciding = set(deciders(deal, people, bodies or {}, settings).people)
    rows = []
    for sh in active_stakeholders(deal, people):
        if sh.person_id in deciding:
            kind = "economic"
        else:
            kind = next((k for role, k in INFLUENCE_OF_ROLE if role in sh.roles), "")
        if not kind:
            continue
        strengths = tuple(
            code
            for code, holds in (
                ("supporter", _supporter(sh)),
                # a contact with someone against us is no strength (a sales manager's trial: the opponent
                # "met" among his strengths)
                ("met", contacts.met(sh.person_id) and ATTITUDE_VALUES.get(sh.attitude, 0) >= 0),
                ("strong_relationship", sh.relationship >= STRONG_RELATIONSHIP),
                ("coaches_us", kind != "coach" and bool({"champion", "coach"} & set(sh.roles))),
            )
            if holds
        )
        rows.append(
            BuyingInfluence(
                person_id=sh.person_id,
                name=people[sh.person_id].name,
                kind=kind,
                roles=sh.roles,
                degree=_degree(sh, settings),
                response_mode=sh.response_mode,
                personal_win=personal_win_of(sh, people),
                business_result=deal.customer_win,
                red_flags=tuple(f.code for f in flags if sh.person_id in f.people),
                strengths=strengths,
                actions=tuple(item.text for item in playbook if sh.person_id in item.people),
            )
        )
    rows.sort(
        key=lambda r: (
            order[r.kind],
            -next(sh.influence for sh in deal.stakeholders if sh.person_id == r.person_id),
        )
    )
    return tuple(rows)
