"""The map as an XLSX workbook: people, deals & roles, links, interactions, flags & actions (one
function per sheet; influence scores and flags from the analysis), then the deals' health, purchase
process, decision bodies and MEDDPICC (xlsx_deal.py).

Headers are in the chosen language; how the cells are written is xlsx_book.py's.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import pgettext

from battlemap.analysis.actions import overdue
from battlemap.deals.selectors import as_chair_of
from battlemap.io.mapformat.load_people import PERSON_PORTRAIT
from battlemap.io.tabular.unit_paths import PATH_JOINER

from ..labels import (
    ATTITUDE_LABELS,
    KIND_LABELS,
    LINK_STRENGTH_LABELS,
    RELATIONSHIP_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    label,
    listed_plain,
    roles_text,
    with_aside,
)
from .deal_rows import outside_table
from .report import analysed_export
from .rows import met_text, yes_no
from .xlsx_book import (
    Amount,
    Book,
    Sheet,
    Signed,
    Workbook,
    day_cell,
    local_moment,
    wide,
    write_header,
    write_row,
)
from .xlsx_deal import deal_sheets, judged_deals


@analysed_export
def export_xlsx(buf: BinaryIO, data: dict[str, Any], analysis: dict[str, Any], deal_id: int | None) -> None:
    deals = data.get("deals") or []
    if deal_id is not None:
        deals = [d for d in deals if d.get("id") == deal_id]
    book = Book(data, analysis, deals)
    wb = Workbook(buf)
    people_sheet(wb.sheet(pgettext("export", "People")), book)
    deals_sheet(wb.sheet(pgettext("export", "Deals and roles")), book)
    links_sheet(wb.sheet(pgettext("export", "Influence links")), book)
    if book.analysis.get("external_factors"):
        outside_sheet(wb.sheet(pgettext("export", "Outside factors")), book)
    interactions_sheet(wb.sheet(pgettext("export", "Interactions")), book)
    flags_sheet(wb.sheet(pgettext("export", "Flags and actions")), book)
    deal_sheets(wb, book)
    wb.close()


def people_sheet(ws: Sheet, book: Book) -> None:
    """Everyone on the map, with their part in the first deal, their influence score (analysis) and their
    portrait's texts (duties, concerns, personal win, notes: what the JSON export carries, so a user moving
    to another account by XLSX keeps them). Its columns are the people import's (io.tabular.columns), so the
    sheet imports back unchanged; the last one, which
    the import does not read, says what tells a namesake apart (two 张强: their title, unit or organisation).
    The Department is the unit's whole path, `集团 › 信息中心 › 运维部` (`unit_paths`): the import reads it
    back into the same unit, in this account or another, and a unit whose own name holds `/` stays one.
    Beside Reports to, the person's dotted-line managers named as Reports to names a manager (`Book.manager`),
    under the web's words ("Dotted line" / "虚线汇报"); the import passes that column over without a word
    (`headers.OWN_EXPORT_QUIET`: dotted lines are drawn on the map), so a round trip says nothing of it."""
    units = unit_paths(book.data.get("org_units") or [])
    scores = {p["id"]: p["influence"]["score"] for p in book.analysis.get("people") or []}
    first_roles = {r["person"]: r for d in book.deals[:1] for r in d.get("roles", [])}
    first_deal = book.deals[0]["id"] if book.deals else None
    write_header(
        ws,
        [
            pgettext("export", "Battlemap id"),  # io.tabular.columns.OWN_EXPORT_IDS: not read as a CRM id
            pgettext("export", "Name"),
            pgettext("export", "Title"),
            pgettext("export", "Department"),
            pgettext("export", "Reports to"),
            # passed over by the import (headers.OWN_EXPORT_QUIET): the dotted-line managers, named as Reports to
            pgettext("export", "Dotted line"),
            pgettext("export", "Email"),
            pgettext("export", "Phone"),
            pgettext("export", "Status"),
            pgettext("export", "Left on"),
            pgettext("export", "External"),
            pgettext("export", "Organisation"),
            pgettext(
                "export", "Deal id"
            ),  # the deal of the roles beside it: an import into another deal refuses them
            pgettext("export", "Roles"),
            pgettext("export", "Attitude"),
            pgettext("export", "Influence"),
            pgettext("export", "Influence score"),
            pgettext("export", "External id"),
            # the person's portrait, as the JSON export carries it (headers the people import reads)
            wide(pgettext("export", "Duties"), 40),
            wide(pgettext("export", "Concerns"), 40),
            wide(pgettext("export", "Personal win"), 40),
            wide(pgettext("export", "Notes"), 40),
            # not read by the import (its name is): what tells a namesake apart, as the analysis writes them
            pgettext("export", "Told apart by"),
        ],
    )
    for p in book.data.get("people") or []:
        role = first_roles.get(p["id"]) or {}
        portrait = p.get("portrait") or {}
        write_row(
            ws,
            [
                p["id"],
                p.get("name"),
                p.get("title"),
                units.get(p.get("org_unit"), ""),
                book.manager(p.get("reports_to")) if p.get("reports_to") else "",
                listed_plain(book.manager(m) for m in p.get("dotted_line_to") or ()),
                p.get("email"),
                p.get("phone"),
                label(STATUS_LABELS, p.get("status")),
                day_cell(p.get("left_on")),  # a date cell, read back by import
                pgettext("export", "yes") if p.get("external") else "",
                p.get("organisation"),
                first_deal if role else None,
                roles_text(role.get("roles") or []),
                label(ATTITUDE_LABELS, role.get("attitude")),
                role.get("influence"),
                scores.get(p["id"]),
                p.get("external_id"),
                *(portrait.get(key) for key in PERSON_PORTRAIT),
                book.namesake(p["id"]),
            ],
        )


def unit_paths(units: list[dict[str, Any]]) -> dict[int, str]:
    """Each unit's path from the top unit, joined as Battlemap writes a path (`集团 › 信息中心`), by its id; the
    people import of Battlemap's own export splits its cells at `›` alone (io.tabular.unit_paths)."""
    by_id = {u["id"]: u for u in units}
    paths: dict[int, str] = {}
    for unit_id in by_id:
        chain, at = [], unit_id  # up to the top, or to a unit whose path is known (no recursion: deep trees)
        while at in by_id and at not in paths and at not in chain:
            chain.append(at)
            at = by_id[at].get("parent")
        above = paths.get(at, "")
        for link in reversed(chain):
            name = by_id[link]["name"]
            paths[link] = above = f"{above}{PATH_JOINER}{name}" if above else name
    return paths


def deals_sheet(ws: Sheet, book: Book) -> None:
    """Each deal and the roles recorded in it, a row a person, in the order of the review's coverage table (PDF
    and deck: by buying role, then as the analysis lists the role's holders; a person holding two roles at their
    first), then those the coverage leaves out (people who left), as recorded. Met and Key person are the
    coverage's, as the deal room, the PDF, the deck and `battlemap analyze` say them; blank for one it leaves out."""
    write_header(
        ws,
        [
            pgettext("export", "Deal"),
            pgettext("export", "Stage"),
            pgettext("export", "Status"),
            pgettext("export", "Amount"),
            pgettext("export", "Currency"),
            pgettext("export", "Person"),
            pgettext("export", "Roles"),
            pgettext("export", "Attitude"),
            pgettext("export", "Influence"),
            pgettext("export", "Relationship"),
            pgettext("export", "Met"),
            pgettext("export", "Key person"),
            pgettext("export", "Personal win"),
            pgettext("export", "Favoured competitor"),
            pgettext("export", "Covered by"),
            wide(pgettext("export", "Plan"), 50),  # the deal room's plan: what we want the person to hear
        ],
    )
    judged = judged_deals(book)
    for d in book.deals:
        base = [
            d.get("name"),
            label(STAGE_LABELS, d.get("stage")),
            label(STATUS_LABELS, d.get("status")),
            Amount(d["amount"]) if d.get("amount") is not None else None,
            d.get("currency"),
        ]
        holders = _coverage_holders(judged.get(d.get("id")) or {})
        order = {person: at for at, person in enumerate(holders)}
        roles = sorted(d.get("roles") or [], key=lambda r: order.get(r["person"], len(order)))
        for r in roles:
            held = holders.get(r["person"])
            write_row(
                ws,
                base
                + [
                    _holder_shown(book, r["person"], held),
                    roles_text(r.get("roles") or []),
                    label(ATTITUDE_LABELS, r.get("attitude")),
                    r.get("influence"),
                    label(RELATIONSHIP_LABELS, r.get("relationship")),
                    met_text(held["met"], held.get("sealed")) if held else "",
                    yes_no(held["key"]) if held else "",
                    r.get("win"),
                    r.get("favoured_competitor"),
                    listed_plain(book.user(u) for u in r.get("covered_by") or []),
                    r.get("plan"),
                ],
            )
        if not d.get("roles"):
            write_row(ws, base)


def _holder_shown(book: Book, person: Any, held: dict[str, Any] | None) -> str:
    """A role holder as the sheet names them, with why a chair decides — "陈国强（作为集团党委会主持人拍板）" — as the
    PDF's and the deck's coverage tables say it (analysis holder `chair_of`)."""
    shown = book.shown(person)
    chaired = (held or {}).get("chair_of") or []
    return with_aside(shown, as_chair_of(chaired)) if chaired else shown


def _coverage_holders(deal: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    """The holders of the deal's buying roles, by person id, in the order of its coverage (analysis): a person
    holding two roles where they first appear."""
    holders: dict[Any, dict[str, Any]] = {}
    for row in deal.get("coverage") or []:
        for holder in row.get("people") or []:
            holders.setdefault(holder["id"], holder)
    return holders


def links_sheet(ws: Sheet, book: Book) -> None:
    write_header(
        ws,
        [
            pgettext("export", "From"),
            pgettext("export", "To"),
            pgettext("export", "Kind"),
            pgettext("export", "Strength"),
            pgettext("export", "Note"),
        ],
    )
    for link in book.data.get("influence_links") or []:
        write_row(
            ws,
            [
                book.shown(link["from"]),
                book.shown(link["to"]),
                label(KIND_LABELS, link.get("kind")),
                capfirst(label(LINK_STRENGTH_LABELS, link.get("strength"))),
                link.get("note"),
            ],
        )


def outside_sheet(ws: Sheet, book: Book) -> None:
    """The account's outside factors on the decision (analysis "external_factors"): the deck's and the PDF's
    table of them, read by the one helper (`deal_rows.outside_table`); the effect on us a number cell shown
    with its sign (`Signed`), which sorts and sums."""
    header, rows = outside_table(book, effect=Signed)
    write_header(ws, [wide(header[0], 60), *header[1:]])
    for row in rows:
        write_row(ws, row)


def interactions_sheet(ws: Sheet, book: Book) -> None:
    write_header(
        ws,
        [
            pgettext("export", "Date"),
            pgettext("export", "Kind"),
            pgettext("export", "Customer participants"),
            pgettext("export", "Our participants"),
            wide(pgettext("export", "Summary"), 50),
            wide(pgettext("export", "Outcome"), 40),
            wide(pgettext("export", "Next step"), 40),
        ],
    )
    kinds: dict[Any, str] = {}  # 40,000 rows, a handful of kinds: each label looked up once
    zone = timezone.get_current_timezone()
    for i in book.data.get("interactions") or []:
        kind = i.get("kind")
        if kind not in kinds:
            kinds[kind] = label(KIND_LABELS, kind)
        moment = local_moment(i.get("date"), zone)
        write_row(
            ws,
            [
                moment.date()
                if i.get("all_day") and moment
                else moment,  # an all-day visit: its day, no 09:00
                kinds[kind],
                listed_plain(book.shown(p) for p in i.get("participants") or []),
                listed_plain(book.user(u) for u in i.get("our_participants") or []),
                i.get("summary"),
                i.get("outcome"),
                i.get("next_step"),
            ],
        )


def flags_sheet(ws: Sheet, book: Book) -> None:
    """Per deal, the red flags of the analysis, then the action items."""
    write_header(
        ws,
        [
            pgettext("export", "Deal"),
            pgettext("export", "Kind"),
            pgettext("export", "Severity"),
            wide(pgettext("export", "Text"), 60),
            wide(pgettext("export", "Suggested action"), 60),
            pgettext("export", "People"),
            pgettext("export", "Owner"),
            pgettext("export", "Due"),
            pgettext("export", "Done"),
        ],
    )
    flags_by_deal = {d.get("id"): d.get("flags") or [] for d in book.analysis.get("deals") or []}
    ticked = set(book.analysis.get("closed_with_deal") or ())
    for d in book.deals:
        for f in flags_by_deal.get(d.get("id"), []):
            write_row(
                ws,
                [
                    d.get("name"),
                    pgettext("export", "Red flag"),
                    label(SEVERITY_LABELS, f.get("severity")),
                    f.get("reason") or f.get("code"),
                    f.get("action"),
                    listed_plain(book.shown(p) for p in f.get("people") or []),
                ],
            )
        for a in d.get("action_items") or []:
            write_row(
                ws,
                [
                    d.get("name"),
                    pgettext("export", "Action item"),
                    "",  # a flag's severity; an action item late says so in its Done cell
                    a.get("text"),
                    "",
                    book.shown(a.get("person")),
                    book.user(a.get("owner")),
                    day_cell(a.get("due")),
                    done_text(
                        a,
                        ticked,
                        late=bool(book.analysis.get("as_of"))
                        and overdue(a.get("due"), bool(a.get("done")), book.analysis["as_of"]),
                    ),
                ],
            )


def done_text(item: dict[str, Any], ticked: set[Any], late: bool = False) -> str:
    """An action item's Done cell: yes / no / "no, overdue" (`late`: analysis.actions.overdue), or, for an
    item its deal's close ticked (`ticked`, analysis "closed_with_deal"), the deal room's words "closed with
    the deal, not done" (one rule, `deals.selectors.closed_with_deal`)."""
    from battlemap.deals.selectors import CLOSED_WITH_DEAL

    if item.get("id") in ticked:
        return str(CLOSED_WITH_DEAL)
    if item.get("done"):
        return pgettext("export", "yes")
    return pgettext("export", "no, overdue") if late else pgettext("export", "no")
