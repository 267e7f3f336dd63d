"""The one visual language of every picture of the map: org chart cards (web and exports), the
influence circle, the power map, the PDF, the PPTX deck and the PNG.

Pure Python (no Django): colours, marks and badges per person, from the analysis result
(docs/analysis.md JSON) and the deal's recorded roles, with the words from `battlemap.vocab`.

- **Attitude is a colour and a mark** (`++ + = - -- ?`), so it reads in black and white and for
  colour-blind readers; "unknown" is white with a dashed border and a "?", unlike any rating.
- **Buying roles are small badges** (决策/DM …, `vocab.ROLE_BADGES`).
- **Markers**: a key person we have never met gets "!" and a red outline; a person who left is
  grey with a struck-through name; outside people have a dotted border.
- **Decision bodies** (党委会, 评标委员会…) are teal cards marked "◆" with the badges of the roles they
  hold in the deal; one that holds a role and none of whose members we have met gets the "!" too — but a
  bid committee deciding the deal (`sealed_bodies`), whose members no bidder may meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from battlemap import vocab


@dataclass(frozen=True)
class Swatch:
    fill: str
    ink: str  # text colour on the fill
    mark: str  # the attitude as a sign, printed beside the name
    border: str = "#0f2744"
    dashed: bool = False


ATTITUDE_SWATCHES: dict[str, Swatch] = {
    "advocate": Swatch("#1b7f3b", "#ffffff", "++"),
    "supporter": Swatch("#8fd694", "#0b2e13", "+"),
    "neutral": Swatch("#cfd8dc", "#1f2933", "="),
    "skeptic": Swatch("#f6b552", "#3b2200", "-"),
    "opponent": Swatch("#c62828", "#ffffff", "--"),
    "unknown": Swatch("#ffffff", "#4a148c", "?", border="#6a1b9a", dashed=True),
}
NO_ROLE = Swatch("#eef2f6", "#37474f", "", border="#90a4ae")
LEFT = Swatch("#e5e7eb", "#6b7280", "", border="#9ca3af", dashed=True)
NEVER_MET_COLOUR = "#d32f2f"  # the outline and "!" of a key person never met
OPPOSES_COLOUR = "#d32f2f"  # an `opposes` influence link: red and dashed
INFLUENCE_COLOUR = "#7c3aed"
LEADER_COLOUR = "#94a3b8"  # the thin line from a chart dot to a label that had to move away from it
NEVER_MET_MARK = "!"
BODY = Swatch("#e0f2f1", "#004d40", "◆", border="#00796b")  # a decision body's card
DOTTED_COLOUR = (
    "#64748b"  # a dotted-line manager's line: slate, dashed, no arrow (orgchart-cards.js `kind = 'dotted'`)
)
MEMBER_COLOUR = "#00796b"  # the line from a body to each of its members


@dataclass(frozen=True)
class LinkLook:
    """How an influence link is drawn on every org chart: an arrow from the one who sways to the one
    swayed, purple, or red and dashed for `opposes`; `width` is the web's line width in pixels on a
    card about 150 px wide (1 + strength: 2..4), `opacity` the web's (links stay behind the tree)."""

    colour: str
    dashed: bool
    width: float
    opacity: float


def attitude_css() -> str:
    """The web's attitude pills (`<span class="att att-{code}">`) in the swatches every chart and export draws
    (ATTITUDE_SWATCHES: fill, ink, border): one colour per attitude on every surface. An empty attitude
    (`att-`) looks unknown. Shape: CSS rules, one per line; base.html puts them in the page's head."""
    rules = []
    for code, swatch in (*ATTITUDE_SWATCHES.items(), ("", ATTITUDE_SWATCHES["unknown"])):
        border = (
            f"1px {'dashed' if swatch.dashed else 'solid'} {swatch.border if swatch.dashed else swatch.fill}"
        )
        rules.append(f".att-{code} {{ background: {swatch.fill}; color: {swatch.ink}; border: {border}; }}")
    return "\n".join(rules)


def link_look(kind: str, strength: int | None) -> LinkLook:
    width = 1 + min(max(int(strength or 1), 1), 3)
    if kind == "opposes":
        return LinkLook(OPPOSES_COLOUR, True, width, 0.6)
    return LinkLook(INFLUENCE_COLOUR, False, width, 0.3)


@dataclass
class Look:
    """How one person is drawn on every picture."""

    attitude: str  # attitude code, "" without a role in the deal
    attitude_label: str
    fill: str
    ink: str
    border: str
    mark: str
    dashed: bool
    badges: list[str] = field(default_factory=list)  # short role labels, in vocabulary order
    roles: list[str] = field(default_factory=list)  # role codes
    key: bool = False
    never_met: bool = False  # a key person nobody of us has met (not one on a sealed body: not to be met)
    left: bool = False
    external: bool = False

    def as_dict(self) -> dict[str, Any]:
        # dataclasses.asdict deep-copies field by field: 2,000 cards of a big chart took 0.2 s
        return {**self.__dict__, "badges": list(self.badges), "roles": list(self.roles)}

    def tag(self) -> str:
        """The marks as text beside a name: `++ 决策 !`, readable without colour."""
        parts = [self.mark, *self.badges]
        if self.never_met:
            parts.append(NEVER_MET_MARK)
        return " ".join(p for p in parts if p)


def look_for(
    *,
    attitude: str | None,
    roles: list[str] | tuple[str, ...] = (),
    key: bool = False,
    met: bool = True,
    left: bool = False,
    external: bool = False,
    lang: str | None = "zh-hans",
    sealed: bool = False,
) -> Look:
    """The look of one person from plain facts (a role is given when `attitude` is not None). A key person unmet is
    never met ("!", red outline) unless `sealed`: on a bid committee deciding the deal, not to be met."""
    never_met = key and not met and not left and not sealed
    has_role = attitude is not None and attitude != ""
    code = (attitude or "unknown") if has_role else ""
    swatch = LEFT if left else ATTITUDE_SWATCHES.get(code, NO_ROLE) if has_role else NO_ROLE
    held = set(roles or ())
    ordered = [c for c in vocab.BUYING_ROLES.codes if c in held] if held else []
    return Look(
        attitude=code,
        attitude_label=vocab.ATTITUDES.label(code, lang) if code else "",
        fill=swatch.fill,
        ink=swatch.ink,
        border=NEVER_MET_COLOUR if never_met else swatch.border,
        mark=ATTITUDE_SWATCHES[code].mark if code else "",
        dashed=swatch.dashed or external,
        badges=[vocab.ROLE_BADGES.label(c, lang) for c in ordered],
        roles=ordered,
        key=key,
        never_met=never_met,
        left=left,
        external=external,
    )


def body_look(
    *,
    roles: list[str] | tuple[str, ...] = (),
    met: bool = True,
    lang: str | None = "zh-hans",
    sealed: bool = False,
) -> Look:
    """The look of a decision body in a deal: teal, "◆", its role badges; "!" and the red outline
    when it holds a role in the deal and we have met none of its members — unless `sealed` (a bid committee
    deciding the deal, `sealed_bodies`): not to be met, the tender is won on paper."""
    held = set(roles or ())
    ordered = [c for c in vocab.BUYING_ROLES.codes if c in held] if held else []
    never_met = bool(ordered) and not met and not sealed
    return Look(
        attitude="",
        attitude_label="",
        fill=BODY.fill,
        ink=BODY.ink,
        border=NEVER_MET_COLOUR if never_met else BODY.border,
        mark=BODY.mark,
        dashed=False,
        badges=[vocab.ROLE_BADGES.label(c, lang) for c in ordered],
        roles=ordered,
        key=bool(ordered),
        never_met=never_met,
    )


def sealed_bodies(analysis: dict[str, Any], deal_id: Any = None, *, among: Any = None) -> set[Any]:
    """The ids of the decision bodies whose members no bidder may meet (the analysis' coverage bodies `sealed`: a bid
    committee deciding the deal, `analysis.coverage.sealed`): their members unmet are no gap, the tender is won on
    paper. In the deal `deal_id`, open or closed (that deal's own room, chart and cards); with `deal_id` None, in the
    analysis' open deals (those of `among`, the deals exported, when given: the account's decision bodies page and
    sheet), as the circle places bodies by open deals only: a committee sealed in a closed tender keeps no one from
    meeting its members for a deal still open. The one rule of every card, page and sheet showing such a body."""
    if deal_id is None:
        wanted = [
            d
            for d in analysis.get("deals") or []
            if d.get("status") == "open" and (among is None or d.get("id") in among)
        ]
    else:
        wanted = [d for d in analysis.get("deals") or [] if d.get("id") == deal_id]
    return {
        b["id"]
        for deal in wanted
        for row in deal.get("coverage") or []
        for b in row.get("bodies") or []
        if b.get("sealed")
    }


def person_looks(
    analysis: dict[str, Any],
    roles: dict[Any, dict[str, Any]],
    *,
    deal_id: Any = None,
    lang: str | None = None,
) -> dict[Any, Look]:
    """Every person of `analysis["people"]` → their look in the deal `deal_id`.

    `roles` is the deal's recorded roles, person id → {"roles": [...], "attitude": code} (people who
    left included); met, key and sealed (on a bid committee deciding it) come from the analysis of that deal
    (coverage and key_people).
    """
    lang = lang or analysis.get("lang") or "zh-hans"
    deal = next((d for d in analysis.get("deals") or [] if d.get("id") == deal_id), None)
    key_people = set((deal or {}).get("key_people") or [])
    met: dict[Any, bool] = {}
    sealed: set[Any] = set()
    for row in (deal or {}).get("coverage") or []:
        for holder in row.get("people") or []:
            met[holder["id"]] = met.get(holder["id"], False) or bool(holder.get("met"))
            if holder.get("sealed"):
                sealed.add(holder["id"])
    looks = {}
    for person in analysis.get("people") or []:
        pid = person["id"]
        role = roles.get(pid)
        looks[pid] = look_for(
            attitude=(role.get("attitude") or "unknown") if role else None,
            roles=(role or {}).get("roles") or (),
            key=pid in key_people,
            met=met.get(pid, True),
            left=person.get("status") == "left",
            external=bool(person.get("external")),
            lang=lang,
            sealed=pid in sealed,
        )
    return looks


def circle_shows_deal(status: str | None) -> bool:
    """Whether the influence circle draws a deal's roles and attitudes on its dots: only an open deal's.
    Its rings are placed by the roles people hold in open deals (analysis.circle); a won or lost deal's
    roles on the dots would contradict the rings and the table beside them (the trial's won deal: "inner
    rings empty", dots still marked 决策 and ++)."""
    return status in (None, "open")


@dataclass
class LegendItem:
    kind: str  # attitude / no_role / never_met / left / external / body / link / badge
    code: str
    label: str
    fill: str
    ink: str
    border: str
    mark: str
    dashed: bool = False


def link_legend(lang: str | None) -> list[LegendItem]:
    """The legend's two kinds of influence line, as `link_look` draws them (kind "link": a line with
    "▶", `border` its colour): "influences" purple, "opposes" red and dashed."""
    items = []
    for code, label in (
        ("influences", vocab.MAP_MARKERS.label("influences", lang)),
        ("opposes", vocab.LINK_KINDS.label("opposes", lang)),
    ):
        look = link_look(code, 2)
        items.append(LegendItem("link", code, label, "#ffffff", look.colour, look.colour, "▶", look.dashed))
    return items


def legend(
    lang: str | None, *, badges: bool = True, links: bool = False, dotted: bool = False
) -> list[LegendItem]:
    """What every picture's legend shows, in `lang`: the attitudes (colour and mark), no role, the
    markers, the influence lines (`links`: an org chart that draws them), the dotted line (`dotted`: one that
    draws a dotted-line manager's; kind "dotted", `border` its colour), then the role badges, each with
    its role's full name — zh 教练 too, though its badge is the same word: a badge without a name beside
    it read as unexplained among "推荐 推荐者 · 把关 把关者" (trial)."""
    items = [
        LegendItem("attitude", c, vocab.ATTITUDES.label(c, lang), s.fill, s.ink, s.border, s.mark, s.dashed)
        for c, s in ATTITUDE_SWATCHES.items()
    ]
    items.append(
        LegendItem(
            "no_role",
            "no_role",
            vocab.MAP_MARKERS.label("no_role", lang),
            NO_ROLE.fill,
            NO_ROLE.ink,
            NO_ROLE.border,
            "",
        )
    )
    items.append(
        LegendItem(
            "never_met",
            "never_met",
            vocab.MAP_MARKERS.label("never_met", lang),
            "#ffffff",
            NEVER_MET_COLOUR,
            NEVER_MET_COLOUR,
            NEVER_MET_MARK,
        )
    )
    items.append(
        LegendItem(
            "left", "left", vocab.MAP_MARKERS.label("left", lang), LEFT.fill, LEFT.ink, LEFT.border, "", True
        )
    )
    items.append(
        LegendItem(
            "body", "body", vocab.MAP_MARKERS.label("body", lang), BODY.fill, BODY.ink, BODY.border, BODY.mark
        )
    )
    if links:
        items.extend(link_legend(lang))
    if dotted:
        label = vocab.MAP_MARKERS.label("dotted_line", lang)
        items.append(LegendItem("dotted", "dotted", label, "#ffffff", DOTTED_COLOUR, DOTTED_COLOUR, "", True))
    if badges:
        for code in vocab.BUYING_ROLES.codes:
            badge, name = vocab.ROLE_BADGES.label(code, lang), vocab.BUYING_ROLES.label(code, lang)
            items.append(LegendItem("badge", code, name, "#ffffff", "#0f2744", "#0f2744", badge))
    return items
