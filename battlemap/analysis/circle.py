"""Influence circle (客户影响圈): every person and external factor on a ring, with the reason.

Decision bodies are placed like people, by the roles they hold in open deals.
Rings from the centre: `decision_unit` (decision maker in an open deal) → `deal_roles` (any other
role in an open deal, held by the customer's own people) → `organisation` (the rest of the customer's
people) → `outside` (external people: consultants, design institutes, partners, experts, family, peers,
with or without a role in a deal) → `environment` (the external factors: market trends, competitors,
policy, social and cultural, social media, analysts).

An outside person stays in `outside` whatever role they hold, decision maker included, the reason
naming the role too (the pictures draw it as a badge): the seeds (客户影响圈) count industry experts
and consultants as the influencers who sway the decision from outside, and DESIGN.md §2 lists them in
the outside ring — in `deal_roles` the outside ring read as a gap (the trial's 郑教授, 行业专家,
影响者 in the deal, left ring 4 "空缺"); an outside expert who decides for the deal drawn inside the
decision unit read as one of the customer's own decision makers. The decision unit holds the
customer's decision makers only.
"""

from __future__ import annotations

from battlemap.vocab import BODY_KINDS, normalize_language

from .i18n import gettext_noop, join_names, label, tr
from .types import MapSnapshot, RingPlacement

_DECIDES = gettext_noop("decision maker in %(deals)s")
_ROLE = gettext_noop("%(roles)s in %(deals)s")
_LEFT = gettext_noop("has left the customer")
_INSIDE = gettext_noop("works at the customer, no role in an open deal")
_OUTSIDE = gettext_noop("outside the customer: %(kind)s %(organisation)s")
_FACTOR = gettext_noop("%(kind)s, effect %(effect)s")
_BODY_DECIDES = gettext_noop("%(kind)s, decision maker in %(deals)s")
_BODY_ROLE = gettext_noop("%(kind)s, %(roles)s in %(deals)s")
_BODY_INSIDE = gettext_noop("%(kind)s of the customer, no role in an open deal")


def influence_circle(snapshot: MapSnapshot, lang: str) -> tuple[RingPlacement, ...]:
    """Every person, decision body and external factor of `snapshot` on its ring (`vocab.RINGS`, centre out),
    with the reason in `lang`: people first (in the snapshot's order), then bodies, then factors."""
    roles_of: dict[int, dict[str, list[str]]] = {}
    for deal in snapshot.deals:
        if deal.status != "open":
            continue
        for sh in deal.stakeholders:
            for role in sh.roles:
                roles_of.setdefault(sh.person_id, {}).setdefault(role, []).append(deal.name)
    placements: list[RingPlacement] = []
    left, inside = tr(lang, _LEFT), tr(lang, _INSIDE)
    for person in snapshot.people:
        held = roles_of.get(person.id, {})
        if not person.active:
            ring, reason = "organisation" if not person.external else "outside", left
        elif person.external:
            ring = "outside"
            reason = tr(
                lang,
                _OUTSIDE,
                kind=label(lang, person.external_kind) if person.external_kind else "",
                organisation=person.organisation,
            ).strip()
            if held:  # an outside expert or consultant with a role, deciding or not: still outside, the role said too
                sep = "；" if normalize_language(lang) == "zh_Hans" else "; "
                reason = sep.join((reason, _role_reason(lang, held)))
        elif "decision_maker" in held:
            ring, reason = "decision_unit", tr(lang, _DECIDES, deals=join_names(lang, held["decision_maker"]))
        elif held:
            ring, reason = "deal_roles", _role_reason(lang, held)
        else:
            ring, reason = "organisation", inside
        placements.append(RingPlacement("person", person.id, person.name, ring, reason))
    placements.extend(_bodies(snapshot, lang))
    for factor in snapshot.external_factors:
        effect = f"{factor.effect:+d}"
        placements.append(
            RingPlacement(
                "factor",
                factor.id,
                factor.description,
                "environment",
                tr(lang, _FACTOR, kind=label(lang, factor.kind), effect=effect),
            )
        )
    return tuple(placements)


def _role_reason(lang: str, held: dict[str, list[str]]) -> str:
    """ "影响者、使用者 in 商机A": the roles a person holds and the open deals they hold them in."""
    deals = join_names(lang, dict.fromkeys(name for names in held.values() for name in names))
    return tr(lang, _ROLE, roles=join_names(lang, [label(lang, r) for r in held]), deals=deals)


def _bodies(snapshot: MapSnapshot, lang: str) -> list[RingPlacement]:
    """Decision bodies on the rings as people are: in the decision unit when one decides an open deal."""
    roles_of: dict[int, dict[str, list[str]]] = {}
    for deal in snapshot.deals:
        if deal.status != "open":
            continue
        for role in deal.body_roles:
            for code in role.roles:
                roles_of.setdefault(role.body_id, {}).setdefault(code, []).append(deal.name)
    out = []
    for body in snapshot.bodies:
        held = roles_of.get(body.id, {})
        kind = BODY_KINDS.label(body.kind, lang)
        if "decision_maker" in held:
            ring = "decision_unit"
            reason = tr(lang, _BODY_DECIDES, kind=kind, deals=join_names(lang, held["decision_maker"]))
        elif held:
            deals = join_names(lang, dict.fromkeys(name for names in held.values() for name in names))
            roles = join_names(lang, [label(lang, r) for r in held])
            ring, reason = "deal_roles", tr(lang, _BODY_ROLE, kind=kind, roles=roles, deals=deals)
        else:
            ring, reason = "organisation", tr(lang, _BODY_INSIDE, kind=kind)
        out.append(RingPlacement("body", body.id, body.name, ring, reason))
    return out
