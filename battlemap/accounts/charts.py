"""Geometry for the server-drawn SVG charts: plain numbers, no HTML. Here the influence circle; the label
placing every chart shares in `accounts.chart_labels`, the power map in `accounts.powermap`.

The templates draw the SVG; every name goes through Django's autoescape, so no script is needed and
the charts read before any JavaScript runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.utils.translation import ngettext

from battlemap import vocab
from battlemap.accounts.chart_labels import DOT_R, FONT, Dot, dot_label, look_tag, place_labels, text_width
from battlemap.core.multilingual import active_language

SHORT_NAME = 6  # characters of a circle label cut short where its whole one does not fit in its ring
DOT_GAP = 2 * DOT_R + 4  # arc between two dots of a ring: a ring draws no more people than fit side by side
LIMIT_SHARES = (1.0, 0.7, 0.5, 0.35, 0.25)  # of a full ring's room: how many people to try drawing on it


@dataclass
class Ring:
    code: str
    radius: float  # the outer edge
    label_y: float
    inner: float = 0.0  # the inner edge (0 for the decision unit, the centre disc)
    more: int = 0  # the ring's people not drawn: more than fit on it, or beyond the page's limit
    more_y: float = 0.0  # where "+N more" is drawn (baseline, centred on the chart's axis), when `more`

    @property
    def more_text(self) -> str:
        return more_label(self.more)

    def holds(self, box: tuple[float, float, float, float], centre: float) -> bool:
        """Whether a box lies wholly inside this ring (between its inner and outer circle)."""
        near_x = max(box[0] - centre, 0.0, centre - box[2])
        near_y = max(box[1] - centre, 0.0, centre - box[3])
        # the farthest corner: the farther side across and the farther one down (a circle's layout asks 900k times)
        far = math.hypot(
            max(abs(box[0] - centre), abs(box[2] - centre)), max(abs(box[1] - centre), abs(box[3] - centre))
        )
        return math.hypot(near_x, near_y) >= self.inner and far <= self.radius


def more_label(count: int) -> str:
    """ "+N more": the people of a ring not drawn on it (the ring table lists them)."""
    return ngettext("+%(count)d more", "+%(count)d more", count) % {"count": count}


def _ring_capacity(radius: float, gap: float = 0.0) -> int:
    """How many dots fit side by side on a circle of `radius`, an arc of `gap` (radians) left free."""
    return max(int((2 * math.pi - gap) * radius // DOT_GAP), 1)


def circle_layout(
    analysis: dict[str, Any],
    *,
    looks: dict[Any, Any] | None = None,
    size: float = 640,
    font: float = FONT,
    totals: dict[str, int] | None = None,
    deal_id: Any = None,
) -> tuple[list[Ring], list[Dot]]:
    """People and external factors spread around their ring, evenly, starting at the top; each
    person coloured and marked by their look in the deal (`battlemap.look.person_looks`). `font` is
    the label size in chart units: a drawing shown smaller than `size` passes a larger one (the PDF
    and the PPTX: at least 9 pt when drawn), so labels are placed clear of each other as drawn.

    Everything stays in its ring at any size: a ring draws as many people as fit side by side (most
    influential first; its factors before them) and says "+N more" at its foot, in an arc left free of
    dots; a label is drawn only wholly inside its own ring (a ring-3 name inside the empty decision unit
    read as a decision maker). `totals`: people per ring when `analysis` holds only some of them (the
    page draws at most `CIRCLE_PEOPLE`), so "+N more" counts the whole ring.

    The decision bodies of `analysis["decision_bodies"]` (院党委会 …) are on their ring too (`kind`
    "body", after its people), drawn in the body's look (`look.body_look`: teal "◆", the badges of the
    roles it holds in the open deal `deal_id`). Every dot is numbered ([1] …), ring by ring from the
    centre, people (most influential first) before bodies before factors: the one numbering of the
    page, the PDF and the deck, whichever labels find room at each surface's size; a label is placed
    only where its own dot is the nearest one (`chart_labels.place_labels`, `own_nearest`)."""
    members: dict[str, list[tuple[str, str, str, Any]]] = {code: [] for code in vocab.RINGS.codes}
    factors: dict[str, list[tuple[str, str, str, Any]]] = {code: [] for code in vocab.RINGS.codes}
    for person in analysis["people"]:
        score = person.get("influence", {}).get("score", 0)
        members.setdefault(person["ring"], []).append((person["name"], "person", str(score), person["id"]))
    for factor in analysis.get("external_factors", []):
        factors.setdefault(factor.get("ring", "environment"), []).append(
            (factor["description"], "factor", factor.get("kind", ""), None)
        )
    for body in analysis.get("decision_bodies") or []:
        factors.setdefault(body.get("ring", "organisation"), []).append(
            (body["name"], "body", body.get("kind_label", ""), ("body", body["id"]))
        )
    for ring_own in factors.values():  # a ring's bodies before its factors
        ring_own.sort(key=lambda item: item[1] != "body")
    totals = {code: max((totals or {}).get(code, 0), len(members[code])) for code in vocab.RINGS.codes}
    looks = {**(looks or {}), **_body_looks(analysis, deal_id)}
    rings, dots = _circle_pass(members, factors, totals, looks, size, font, {})
    full = {r.code: sum(d.kind == "person" for d in dots if d.ring == r.code) for r in rings if r.more}
    if not full:
        return rings, dots
    # A full ring draws the number of people that gets the most of them named, spread wide: a crowd of
    # nameless dots tells nothing. Labels stay in their ring, so the rings do not compete: one pass per
    # number tried settles every full ring at once.
    best = {code: (0, 1) for code in full}  # code -> (named, drawn)
    passes = {}  # the layouts tried, by their limits: the one chosen is most often one of them (not laid out again)
    for share in LIMIT_SHARES:
        limits = {code: max(round(room * share), 1) for code, room in full.items()}
        passes[tuple(sorted(limits.items()))] = _rings, tried = _circle_pass(
            members, factors, totals, looks, size, font, limits
        )
        for code in full:
            named = sum(d.show_label and not d.listed for d in tried if d.ring == code and d.kind == "person")
            if named > best[code][0]:
                best[code] = (named, limits[code])
    chosen = {c: n for c, (_k, n) in best.items()}
    if tuple(sorted(chosen.items())) in passes:
        return passes[tuple(sorted(chosen.items()))]
    return _circle_pass(members, factors, totals, looks, size, font, chosen)


def _circle_pass(
    members: dict[str, list[tuple[str, str, str, Any]]],
    factors: dict[str, list[tuple[str, str, str, Any]]],
    totals: dict[str, int],
    looks: dict[Any, Any],
    size: float,
    font: float,
    limits: dict[str, int],
) -> tuple[list[Ring], list[Dot]]:
    """One layout of `circle_layout`: each ring draws the people that fit (at most `limits[code]`)."""

    centre = size / 2
    step = (size / 2 - 20) / len(vocab.RINGS.codes)
    rings = [
        Ring(code, step * (i + 1), centre - step * (i + 1) + 14, inner=step * i)
        for i, code in enumerate(vocab.RINGS.codes)
    ]
    dots = []
    fixed = []
    language = active_language()
    for i, (code, ring) in enumerate(zip(vocab.RINGS.codes, rings, strict=True)):
        people, own = members.get(code, []), factors.get(code, [])  # people come most influential first
        half = max(text_width(vocab.RINGS.label(code, language), font), 60 * font / FONT) / 2
        fixed.append((centre - half, ring.label_y - font + 1, centre + half, ring.label_y + font / 4))
        radius = step * (i + 0.5)
        total = totals[code]
        gap = 0.0
        if len(own) + total > _ring_capacity(radius) or code in limits:
            # more than fit: the first that fit, and "+N more" at the ring's foot in an arc kept free of dots
            shown = max(_ring_capacity(radius) - len(own), 0)
            for _ in range(3):  # the text's width depends on N, and N on the arc the text takes
                ring.more = total - min(shown, limits.get(code, shown))
                gap = (text_width(ring.more_text, font) + DOT_GAP) / radius
                shown = max(_ring_capacity(radius, gap) - len(own), 0)
            people = people[: min(shown, limits.get(code, shown))]
            ring.more = total - len(people)  # of the whole ring: the page sends only some of its people
            ring.more_y = round(centre + radius + font / 3, 1)
            half = text_width(ring.more_text, font) / 2
            fixed.append((centre - half, ring.more_y - font + 1, centre + half, ring.more_y + font / 4))
        items = people + own[: _ring_capacity(radius, gap)]
        n = len(items)
        for j, (name, kind, detail, pid) in enumerate(items):
            if gap:  # spread over the arc left, from just past the text at the foot round to it
                angle = math.pi / 2 + gap / 2 + (2 * math.pi - gap) * (j + 0.5) / n
            else:
                angle = -math.pi / 2 + 2 * math.pi * (j + 0.5) / max(n, 1) + i * 0.35
            x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
            look = looks.get(pid) if pid is not None else None
            number = len(dots) + 1
            dots.append(
                Dot(
                    round(x, 1),
                    round(y, 1),
                    name,
                    kind,
                    detail,
                    anchor="end" if x < centre - 4 else "start",
                    ring=code,
                    text=dot_label(name, look_tag(look)),
                    look=look.as_dict() if look is not None else None,
                    pid=pid,
                    font=font,
                    number=number,
                )
            )
    # the inner rings (who decides) claim their label spots first; every label stays inside its own ring
    of = {r.code: r for r in rings}
    place_labels(
        dots,
        (-100, 0, size + 100, size),
        fixed=fixed,
        fits=lambda dot, box: of[dot.ring].holds(box, centre),
        centred=True,
        shorter=SHORT_NAME,
        own_nearest=True,
    )
    return rings, dots


def _body_looks(analysis: dict[str, Any], deal_id: Any) -> dict[Any, Any]:
    """("body", id) → the look of each decision body on the circle: the roles it holds in the deal
    `deal_id` when that deal is open (the circle draws open deals' roles only, `look.circle_shows_deal`),
    met when we have met one of its members, sealed (`look.sealed_bodies`) when no bidder may meet them."""
    from battlemap.look import body_look, circle_shows_deal, sealed_bodies

    deal = next(
        (d for d in analysis.get("deals") or [] if deal_id is not None and d.get("id") == deal_id), {}
    )
    held = (
        {r.get("body"): r.get("roles") or [] for r in deal.get("body_roles") or []}
        if circle_shows_deal(deal.get("status"))
        else {}
    )
    lang = active_language()
    shut = sealed_bodies(analysis, deal_id) if deal else set()
    return {
        ("body", b["id"]): body_look(
            roles=held.get(b["id"], []), met=bool(b.get("met_members")), lang=lang, sealed=b["id"] in shut
        )
        for b in analysis.get("decision_bodies") or []
    }
