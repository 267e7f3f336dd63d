"""Playbook: next best actions for a deal, ordered by impact.

Sources (seeds 001-004): the action answering each red flag (it names the people the flag
concerns), the strategy for each buying role held (ROI case for decision makers, hands-on demo for
users, ...), the strategy of the deal's current stage (case studies in information search, custom
demo in evaluation, ...), how to approach each key person given their portrait (decision style and
Maslow needs level, seed 001's 角色画像分析 and 需求层次分析), the materials the deal's heaviest
decision factors call for (the customer's answers where there are any, else the seller's estimate:
feedback.deal_factor_weights, the weights the analysis reports), and the channels the customer learns through at
the current stage (seed 002). Nobody on a sealed body (coverage.sealed) is given a role or portrait strategy. Impact:
* a flag's action: the flag's action impact (high 15, medium 8, low 4) + the highest influence (1..5)
  among the people it concerns;
* a role strategy: 10 × role weight × highest influence of its holders / 5, × 1.5 when the role
  matters at the current stage;
* the stage strategy: 9;
* the material for the heaviest decision factor 7, for the second 5 — only a factor whose share is above
  an even split (`factor_heavy_over_even`);
* a key person's decision style 6 × their influence / 5, their needs level 5 × influence / 5
  (key person: influence ≥ `key_influence` in this deal; people sharing a style or level are one item);
* the channels of the current stage 6; asking for them when unknown before the purchase decision 3.
* an outside factor rated `blocking_factor_effect` (−2) or below, on an open deal: a high flag's action impact, 15
  (outside.py, seed 000 环境因素), and so a tender's bid committee deciding (win it on paper: tender.py); a supporting
  champion nothing joins to who decides: a medium one (champion_reach.py);
* a satisfaction survey (seeds 000, 002: close the loop after the purchase), when due (`_survey_suggestion`): 9.5.
Work already done (work_done.py) is not asked again: a role's or the stage's strategy whose work is done lately
with those people (a demo held with the users, an ROI case presented, a quote sent…), or a decision maker who
already supports us, gets the next step instead, at the same impact, saying why.
"""

from __future__ import annotations

from battlemap.vocab import CHANNELS, DECISION_FACTORS, ROLES, STAGES

from .champion_reach import champion_reach_items
from .coverage import active_stakeholders, deciders, is_key_person
from .feedback_types import FactorWeights, PersonFeedback, Rating
from .gatekeeper import GATE_TEXTS, gate_kind
from .i18n import join_names, label, tr
from .outside import blocking_factor_items
from .playbook_texts import (
    ASK_CHANNELS,
    CHANNELS_ADVICE,
    FACTOR_MATERIALS,
    MATERIAL,
    NEEDS_ADVICE,
    ROLE_STRATEGIES,
    STAGE_STRATEGIES,
    STYLE_ADVICE,
    SURVEY_AFTER_WIN,
    SURVEY_AT_LOYAL,
)
from .settings import AnalysisSettings
from .tender import tender_items
from .types import (
    ActionItemInfo,
    BodyInfo,
    DealInfo,
    ExternalFactorInfo,
    Flag,
    InfluenceLinkInfo,
    PersonInfo,
    PlaybookItem,
)
from .work_done import (
    FOLLOW_UPS,
    ROLE_WORK,
    STAGE_FOLLOW_UPS,
    STAGE_WORK,
    Logged,
    answered,
    stage_answered,
    work_done,
)
from .work_words import WORK_WORDS

STAGE_IMPACT = 9.0


def _survey_suggestion(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    feedback: dict[int, PersonFeedback],
    lifecycle: str,
    settings: AnalysisSettings,
    lang: str,
    today,  # noqa: ANN001 - a date
) -> PlaybookItem | None:
    """A satisfaction survey after a won deal, or where satisfaction is unknown at a loyal account."""
    active = [sh for sh in active_stakeholders(deal, people) if not people[sh.person_id].external]
    if not active:
        return None

    def answered_lately(pid: int) -> bool:
        on = feedback[pid].satisfaction_on if pid in feedback else None
        return on is not None and today is not None and (today - on).days <= settings.survey_due_days

    if deal.status == "won":
        if any(answered_lately(sh.person_id) for sh in active):
            return None
        ask, message = [sh.person_id for sh in active], SURVEY_AFTER_WIN
    elif lifecycle == "loyal":
        ask = [
            sh.person_id
            for sh in active
            if is_key_person(sh, settings)
            and (sh.person_id not in feedback or feedback[sh.person_id].satisfaction_on is None)
        ]
        if not ask:
            return None
        message = SURVEY_AT_LOYAL
    else:
        return None
    names = join_names(lang, [people[pid].shown(lang) for pid in ask])
    return PlaybookItem(
        code="satisfaction_survey",
        text=tr(lang, message, deal=deal.name, names=names),
        impact=settings.survey_impact,
        people=tuple(ask),
    )


_MATERIAL_IMPACT = (7.0, 5.0)
CHANNELS_IMPACT, ASK_CHANNELS_IMPACT = 6.0, 3.0
STYLE_IMPACT, NEEDS_IMPACT = 6.0, 5.0


def _portrait_items(
    deal: DealInfo, active: list, people: dict[int, PersonInfo], settings: AnalysisSettings, lang: str
) -> list[PlaybookItem]:
    """One item per decision style and per needs level among the deal's key people."""
    key = sorted((sh for sh in active if is_key_person(sh, settings)), key=lambda sh: -sh.influence)
    items = []
    for attr, advice, weight in (
        ("decision_style", STYLE_ADVICE, STYLE_IMPACT),
        ("needs_level", NEEDS_ADVICE, NEEDS_IMPACT),
    ):
        for value, (code, message) in advice.items():
            holders = [sh for sh in key if getattr(people[sh.person_id], attr) == value]
            if holders:
                names = join_names(lang, [people[sh.person_id].shown(lang) for sh in holders])
                items.append(
                    PlaybookItem(
                        code=code,
                        text=tr(lang, message, names=names),
                        impact=round(weight * holders[0].influence / 5, 2),
                        people=tuple(sh.person_id for sh in holders),
                    )
                )
    return items


def _heavy_factors(factors: FactorWeights, settings: AnalysisSettings) -> tuple[Rating, ...]:
    """The deal's factors that really weigh, heaviest first: a share above `factor_heavy_over_even` × an
    even split of the weights (a lone factor or a flat list: none)."""
    if not factors.weights:
        return ()
    # the shares are rounded to 0.1 (feedback._percent): so is the even split, or a flat list of seven
    # (14.3 each) would sit above 100 / 7 = 14.29
    even = round(settings.factor_heavy_over_even * 100 / len(factors.weights), 1)
    return tuple(r for r in factors.weights if r.value > even)


def _material_items(
    deal: DealInfo, stage: str, factors: FactorWeights, settings: AnalysisSettings, lang: str
) -> list[PlaybookItem]:
    """Materials for the two heaviest decision factors that really weigh (the customer's answers where
    there are any, else the seller's estimate: `factors`); the channels of the current stage."""
    items = []
    heaviest = _heavy_factors(factors, settings)[: len(_MATERIAL_IMPACT)]
    for factor, impact in zip(heaviest, _MATERIAL_IMPACT, strict=False):
        items.append(
            PlaybookItem(
                code=f"material_{factor.code}",
                text=tr(
                    lang,
                    MATERIAL,
                    deal=deal.name,
                    factor=DECISION_FACTORS.label(factor.code, lang),
                    material=tr(lang, FACTOR_MATERIALS[factor.code]),
                ),
                impact=impact,
            )
        )
    channels = next((c.channels for c in deal.channels if c.stage == stage), ())
    if channels:
        items.append(
            PlaybookItem(
                code="stage_channels",
                text=tr(
                    lang,
                    CHANNELS_ADVICE,
                    stage=label(lang, stage),
                    channels=join_names(lang, [CHANNELS.label(c, lang) for c in channels]),
                    deal=deal.name,
                ),
                impact=CHANNELS_IMPACT,
            )
        )
    elif deal.status == "open" and stage in STAGES[: STAGES.index("purchase_decision")]:
        items.append(
            PlaybookItem(
                code="ask_channels",
                text=tr(lang, ASK_CHANNELS, deal=deal.name, stage=label(lang, stage)),
                impact=ASK_CHANNELS_IMPACT,
            )
        )
    return items


# per work (work_done.py), the strategies asking for it: their items, made action items and done, are that work done
_WORK_TEMPLATES: dict[str, tuple[str, ...]] = {}
for _role, _work in ROLE_WORK.items():
    _WORK_TEMPLATES[_work] = (*_WORK_TEMPLATES.get(_work, ()), ROLE_STRATEGIES[_role][1])
for _stage, _work in STAGE_WORK.items():
    _WORK_TEMPLATES[_work] = (*_WORK_TEMPLATES.get(_work, ()), STAGE_STRATEGIES[_stage][1])


def deal_playbook(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    flags: tuple[Flag, ...],
    settings: AnalysisSettings,
    lang: str,
    feedback: dict[int, PersonFeedback] | None = None,
    lifecycle: str = "",
    today=None,  # noqa: ANN001 - the analysis date, for how recent a survey answer is
    *,
    factors: FactorWeights,  # feedback.deal_factor_weights: the one weighting the analysis reports
    logged: dict[int, list[Logged]] | None = None,  # work_done.logged_work of the account
    actions: tuple[ActionItemInfo, ...] = (),  # the deal's action items
    bodies: dict[int, BodyInfo] | None = None,  # the account's decision bodies by id (who decides)
    outside: tuple[ExternalFactorInfo, ...] = (),  # the account's outside factors (outside.py)
    links: tuple[InfluenceLinkInfo, ...] = (),  # the account's influence links (champion_reach.py)
) -> tuple[PlaybookItem, ...]:
    """The deal's next best actions, highest `impact` first (impacts in this module's docstring): each flag's
    action, an outside factor that holds the deal up (outside.py), the role, stage, portrait, decision-factor and
    channel strategies, and a survey when due. A won
    deal is advised as at post_purchase; a lost deal gets ().

    A role's strategy is not asked again of the people it is done for (work_done.py: a demo held with a user, an
    ROI case presented, cost and terms sent, a reference visit, lately, by an interaction or a done action
    item; a decision maker who supports us needs no ROI case): for them it turns into the next step, with
    why in brackets ("done on 2026-11-12", "attitude: supporter"), at the same impact; the others keep the strategy. So does
    the stage's strategy once its work is done with anyone of the deal (the demo in evaluation, the quote at the
    purchase decision). The decision maker's strategy goes to who decides (`coverage.deciders`): a stakeholder who
    decides as the chair of an approving body gets the ROI case whatever role they were given (seed 001:
    "决策者通常关注产品的长期价值和投资回报率")."""
    if deal.status == "lost":
        return ()
    done = (
        work_done(deal, people, logged or {}, actions, today, settings, _WORK_TEMPLATES)
        if today is not None
        else {}
    )
    stage = "post_purchase" if deal.status == "won" else deal.stage
    who = deciders(deal, people, bodies or {}, settings)
    # nobody on a sealed body (a bid committee: coverage.sealed) is given a strategy: no bidder may meet them
    active = [sh for sh in active_stakeholders(deal, people) if sh.person_id not in who.sealed]
    rating = {sh.person_id: sh.influence for sh in deal.stakeholders}
    items: list[PlaybookItem] = []
    for flag in flags:
        top = max((rating.get(pid, 0) for pid in flag.people), default=0)
        items.append(
            PlaybookItem(
                code=flag.code,
                text=flag.action,
                people=flag.people,
                flag=flag.code,
                impact=settings.flag_action_impact[flag.severity] + top,
            )
        )
    stage_roles = settings.stage_roles.get(stage, ())
    for role in ROLES:
        holders = sorted(
            (
                sh
                for sh in active
                if role in sh.roles or (role == "decision_maker" and sh.person_id in who.people)
            ),
            key=lambda sh: -sh.influence,
        )
        if not holders:
            continue
        code, message = ROLE_STRATEGIES[role]
        boost = 1.5 if role in stage_roles else 1.0
        groups = {"": holders}
        if role == "gatekeeper":  # each kind told what fits it
            groups = {}
            for sh in holders:
                groups.setdefault(gate_kind(people[sh.person_id].title), []).append(sh)
        for kind, group in groups.items():
            text = GATE_TEXTS.get(kind, message)
            group, answers = answered(role, group, people, done, lang)
            weight = settings.role_weights.get(role, 0.0)
            items += [
                PlaybookItem(
                    code=a.code,
                    text=a.text,
                    impact=round(10 * weight * a.holders[0].influence / 5 * boost, 2),
                    people=tuple(sh.person_id for sh in a.holders),
                )
                for a in answers
            ]
            if not group:
                continue
            names = join_names(lang, [people[sh.person_id].shown(lang) for sh in group])
            items.append(
                PlaybookItem(
                    code=code,
                    text=tr(lang, text, names=names),
                    impact=round(10 * weight * group[0].influence / 5 * boost, 2),
                    people=tuple(sh.person_id for sh in group),
                )
            )
    if stage in STAGE_STRATEGIES:
        code, message = STAGE_STRATEGIES[stage]
        code, text = stage_answered(stage, deal, done, lang) or (code, tr(lang, message, deal=deal.name))
        if code:  # "": its work and follow-up both done
            items.append(PlaybookItem(code=code, text=text, impact=STAGE_IMPACT))
    items += blocking_factor_items(deal, outside, settings, lang)
    asked = {
        pid for flag in flags for pid in flag.bridges
    }  # a flag's action already asks them (Flag.bridges)
    items += champion_reach_items(deal, people, links, bodies or {}, settings, lang, asked)
    items += tender_items(deal, people, bodies or {}, settings, lang)
    items += _portrait_items(deal, active, people, settings, lang)
    items += _material_items(deal, stage, factors, settings, lang)
    survey = _survey_suggestion(deal, people, feedback or {}, lifecycle, settings, lang, today)
    if survey is not None:
        items.append(survey)
    items.sort(key=lambda item: -item.impact)
    return tuple(_without_repeats(items))


# The work each role's strategy asks for (work_done.ROLE_WORK): a demo, an ROI case, cost and terms, evidence
_ROLE_CODE_WORK = {ROLE_STRATEGIES[role][0]: work for role, work in ROLE_WORK.items()}
# The work each follow-up follows up: a role's (work_done.FOLLOW_UPS) and a stage's (work_done.STAGE_FOLLOW_UPS)
_ROLE_FOLLOW_UP_WORK = {code: work for work, (code, _text) in FOLLOW_UPS.items()}
_STAGE_FOLLOW_UP_WORK = {STAGE_FOLLOW_UPS[stage][0]: work for stage, work in STAGE_WORK.items()}


def _without_repeats(items: list[PlaybookItem]) -> list[PlaybookItem]:
    """`items` (most impact first) without a role's strategy that a flag's action already asks of the same people:
    the same work (`work_words.WORK_WORDS` in the action's text: "… and bring an ROI case", "arrange a hands-on demo
    or trial") for all of the strategy's people. A sales manager's trial counted such pairs among 27 items
    ("约见陈国强…并带上投资回报分析" beside "为陈国强准备投资回报分析"); nor the stage's follow-up of work a role's
    follow-up follows up already (the one naming people is kept)."""
    asked = [
        (work, set(item.people))
        for item in items
        if item.flag
        for work, words in WORK_WORDS.items()
        if words.search(item.text)
    ]
    # one follow-up per piece of work: the demo followed up with the users who had it is not followed up again for
    # the deal (a fresh reviewer: two items for one demo on one day); the one naming people is kept
    followed = {_ROLE_FOLLOW_UP_WORK[item.code] for item in items if item.code in _ROLE_FOLLOW_UP_WORK}
    return [
        item
        for item in items
        if not (
            (work := _ROLE_CODE_WORK.get(item.code))
            and item.people
            and any(work == w and set(item.people) <= people for w, people in asked)
        )
        and _STAGE_FOLLOW_UP_WORK.get(item.code) not in followed
    ]
