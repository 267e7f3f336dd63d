"""What a card on the exported org charts says (the PDF's and the PNG's, and the deck's `pptx_cards`): a
person's look and lines (marks, name, title) and a decision body's (marks, name, kind, members met) — one
rule for every picture, in the one visual language of battlemap.look."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import npgettext, pgettext

from battlemap.core.multilingual import active_language
from battlemap.io.labels import with_aside
from battlemap.look import Look, body_look, look_for, sealed_bodies
from battlemap.process.body_names import body_kind_shown

from .report import MapView
from .textfit import ELLIPSIS, SMALLEST_SHARE, fit_lines, wrap


def look_of(report: MapView, person_id: Any) -> Look:
    """The person's look: from the analysis when the report has it, else from the recorded role."""
    looks = getattr(report, "looks", None) or {}
    if person_id in looks:
        return looks[person_id]
    person = report.by_id.get(person_id) or {}
    role = report.roles_by_person.get(person_id)
    return look_for(
        attitude=(role.get("attitude") or "unknown") if role else None,
        roles=(role or {}).get("roles") or (),
        left=person.get("status") == "left",
        external=bool(person.get("external")),
        lang=active_language(),
    )


def body_card(report: MapView, body_id: Any) -> tuple[Look, str, str, str]:
    """A decision body's card on every exported org chart, as the web chart draws it: its look (teal, "◆",
    the badges of the roles it holds in the deal, "!" when it holds one and we met none of its members — not on a
    bid committee deciding the deal, `look.sealed_bodies`: not to be met),
    its name, its kind (党委会 …) unless the name says it (`body_names.body_kind_shown`, the web's rule: 集团党委会
    is not 集团党委会 党委会) and how many of its members we have met (`members_met_text`, "" without the
    analysis, which says who was met: its `met_members`)."""
    body = report.bodies[body_id]
    held = next(
        (
            r.get("roles") or []
            for r in (report.deal or {}).get("body_roles") or []
            if r.get("body") == body_id
        ),
        [],
    )
    analysis = getattr(report, "analysis", None) or {}
    analysed = {b.get("id"): b for b in analysis.get("decision_bodies") or []}
    members = set(body.get("members") or [])
    met = members & set(analysed[body_id].get("met_members") or []) if body_id in analysed else None
    lang = active_language()
    deal_id = (report.deal or {}).get("id")
    shut = body_id in sealed_bodies(analysis, deal_id) if deal_id is not None else False
    return (
        body_look(roles=held, met=bool(met) if met is not None else True, lang=lang, sealed=shut),
        body.get("name") or "",
        body_kind_shown(body.get("name") or "", body["kind"], lang),
        members_met_text(len(members), len(met)) if met is not None else "",
    )


# a card that may grow (the PNG's) holds a title of up to three lines at its size: Meridian's "Vice President,
# Clinical Operations and Patient Experience" takes three on a PNG card (two on the PDF's wider one)
TITLE_LINES = 3


@dataclass
class CardLine:
    text: str
    size: float
    down: float  # the baseline, in points below the card's top
    struck: bool = False  # the name of someone who left


@dataclass
class CardText:
    lines: list[CardLine]
    height: float  # points from the card's top to the baseline a next line would take: the card it needs


def card_text(
    report: MapView,
    pid: Any,
    font: str,
    size: float,
    inner: float,
    height: float | None,
    note: str = "",
    floor: float = 0.0,
) -> CardText:
    """The text of a person's card on the PDF's and the PNG's org chart, one rule for both: the marks (attitude,
    role badges, "!") at 80 % of `size`, the name on up to three lines of `inner` points — and no more than a
    card `height` points tall holds under the marks and the note (a three-line name ran out of a card drawn
    small) — shrunk, then ended with "…", then `note` (where the person's team goes on, "team on p. 4") at the
    marks' size, the title in the room left — or, with `height` None (a card that grows to hold its text), on up
    to TITLE_LINES lines, the height then the one a card needs to give it those lines. No text shrinks below
    `floor` points (the PDF's `chart.CHART_MIN_PT`): a name ends with "…" there instead. A title shrinks only to
    stay whole in its lines (Northwind's "Chief Financial Officer" on the PDF's one-page chart); one that is not
    whole even at `floor` keeps its size and ends with "…" (`textfit.fit_lines` `shrunk_when_cut`): never both
    small and cut (the PNG drew "Vice President, Clinical Operations and…" at 4.8 pt)."""
    person = report.by_id[pid]
    look = look_of(report, pid)
    small = max(size * 0.8, min(floor, size))
    lines: list[CardLine] = []
    cursor = small * 1.1
    tag = look.tag()
    if tag:  # the attitude mark, the role badges and "!" as text: readable in black and white
        lines.append(CardLine(tag, small, cursor))
        cursor += size * 1.1
    else:
        cursor += size * 0.2
    name = person.get("name") or ""
    if look.left:
        name = with_aside(name, pgettext("export", "left"))
    title = person.get("title") or ""
    # the name whole on as few lines as leave the title a line on a card of fixed height (the CEO's "Margaret /
    # Hale" on two lines left her title no room, and it went without a mark): shrunk onto fewer lines while
    # it stays whole; a name that is whole only on more lines keeps them (the name first)
    notes = wrap(note, font, small, inner) if note else []
    below = len(notes) * small * 1.1  # the note's lines, under the name
    share = max(SMALLEST_SHARE, min(1.0, floor / size)) if size else SMALLEST_SHARE
    name_lines, name_size = fit_lines(name, font, size, inner, 3, share)

    def name_holds(lines: list[str], at: float) -> bool:  # the last line's foot above the card's
        last = cursor + (len(lines) - 1) * at * 1.15 + (below + max(0.0, small - at) if notes else 0.0)
        return height is None or last + 0.3 * (small if notes else at) <= height

    while len(name_lines) > 1 and not name_holds(name_lines, name_size):
        name_lines, name_size = fit_lines(name, font, size, inner, len(name_lines) - 1, share)

    def title_room(lines: list[str], at: float) -> bool:
        after = cursor + len(lines) * at * 1.15 + max(0.0, small - at) + below
        return height is None or (height - after) // (small * 1.1) >= 1

    while title and len(name_lines) > 1 and not title_room(name_lines, name_size):
        fewer, fewer_size = fit_lines(name, font, size, inner, len(name_lines) - 1, share)
        if fewer[-1].endswith(ELLIPSIS) and not name.endswith(ELLIPSIS):
            break
        name_lines, name_size = fewer, fewer_size
    for line in name_lines:
        lines.append(CardLine(line, name_size, cursor, look.left))
        cursor += name_size * 1.15
    cursor += max(0.0, small - name_size)  # a shrunk name: keep the title's tall glyphs below it
    for line in notes:
        lines.append(CardLine(line, small, cursor))
        cursor += small * 1.1
    room = TITLE_LINES if height is None else int(max(0.0, (height - cursor) // (small * 1.1)))
    if room and title:
        # never larger than the name above it (a name shrunk to fit reads first, still)
        at = min(small, name_size)
        title_lines, title_size = fit_lines(
            title,
            font,
            at,
            inner,
            room,
            max(SMALLEST_SHARE, min(1.0, floor / at)) if at else SMALLEST_SHARE,
            shrunk_when_cut=False,
        )
        top = cursor
        for line in title_lines[:room]:
            lines.append(CardLine(line, title_size, cursor))
            cursor += title_size * 1.1
        if height is None:  # the room a card drawn this tall gives, by the rule above: a line of `small` each
            # (a title shrunk onto two lines asked for a card a little short of two: the PNG drew it on one)
            cursor = max(cursor, top + len(title_lines) * small * 1.1)
    return CardText(lines, cursor)


BODY_NAME_LINES, BODY_KIND_LINES = 3, 2  # the name as a person's on their card (`card_text`)


def body_text(
    report: MapView, body_id: Any, font: str, size: float, inner: float, floor: float = 0.0
) -> tuple[Look, CardText]:
    """A decision body's card on the PDF's and the PNG's org chart (`body_card`): its marks at 80 % of `size`,
    its name on up to three lines of `inner` points (shrunk, then ended with "…"), its kind at the marks' size on
    up to two lines ("bid evaluation committee" / "评标委员会"; ended with "…" only if still too long), then how
    many of its members we have met the same way ("5 members · 2 met", as the web's card). The height is what
    the card needs: it grows to hold it (`chart_drawing`). The name shrinks no smaller than `floor` points, as a
    person's (`card_text`)."""
    look, name, kind, members = body_card(report, body_id)
    small = max(size * 0.8, min(floor, size))
    lines = [CardLine(look.tag(), small, small * 1.1)]
    cursor = small * 1.1 + size * 1.1
    share = max(SMALLEST_SHARE, min(1.0, floor / size)) if size else SMALLEST_SHARE
    name_lines, name_size = fit_lines(name, font, size, inner, BODY_NAME_LINES, share)
    for line in name_lines:
        lines.append(CardLine(line, name_size, cursor))
        cursor += name_size * 1.15
    for said in (kind, members):  # the kind, then the members met (none without the analysis)
        said_lines, _same = (
            fit_lines(said, font, small, inner, BODY_KIND_LINES, smallest_share=1.0) if said else ([], 0)
        )
        for line in said_lines:
            lines.append(CardLine(line, small, cursor))
            cursor += small * 1.1
    return look, CardText(lines, cursor)


def members_met_text(members: int, met: int) -> str:
    """`5 members · 2 met`: a decision body's members and how many of them we have met, as the web's org chart
    card says it (accounts/map_org.html)."""
    return npgettext("export", "%(n)s member · %(met)s met", "%(n)s members · %(met)s met", members) % {
        "n": members,
        "met": met,
    }
