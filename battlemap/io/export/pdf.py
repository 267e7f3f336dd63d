"""The account review as a PDF (A4 landscape) with an embedded CJK TrueType font."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from django.utils import translation
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..labels import (
    ATTITUDE_LABELS,
    LIFECYCLE_LABELS,
    RELATIONSHIP_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    label,
    roles_text,
)
from .chart import chart_drawing
from .fonts import register_pdf_font
from .report import Report, build_report, item_text, money, part_points

PAGE = landscape(A4)
MARGIN = 12 * mm


def export_pdf(
    data: dict[str, Any],
    *,
    deal_id: int | None = None,
    lang: str = "zh-hans",
    analysis: dict[str, Any] | None = None,
) -> bytes:
    font = register_pdf_font()
    report = build_report(data, deal_id, analysis)
    with translation.override(lang):
        buf = io.BytesIO()
        title = pgettext("export", "Account review: %(name)s") % {"name": report.account.get("name", "")}
        doc = SimpleDocTemplate(
            buf,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author="Battlemap",
        )
        doc.build(_story(report, font, title, doc.width, doc.height))
        return buf.getvalue()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "h1": ParagraphStyle("h1", parent=base, fontSize=18, leading=24, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontSize=13,
            leading=18,
            spaceBefore=6,
            spaceAfter=4,
            textColor=colors.HexColor("#1f3a5f"),
        ),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], font: str, style: ParagraphStyle) -> Table:
    cells = [[_p(c, style) for c in row] for row in rows]
    t = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3eaf2")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bec5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _story(r: Report, font: str, title: str, width: float, height: float) -> list[Any]:
    s = _styles(font)
    a = r.account
    story: list[Any] = [_p(title, s["h1"])]
    portrait = a.get("portrait") or {}
    facts = [
        [pgettext("export", "Industry"), a.get("industry"), pgettext("export", "Region"), a.get("region")],
        [
            pgettext("export", "Size"),
            a.get("size"),
            pgettext("export", "Lifecycle"),
            label(LIFECYCLE_LABELS, a.get("lifecycle")),
        ],
        [
            pgettext("export", "Potential value"),
            money(a.get("potential_value"), a.get("currency")),
            pgettext("export", "People"),
            len(r.people),
        ],
        [
            pgettext("export", "Strategic goals"),
            portrait.get("strategic_goals"),
            pgettext("export", "Needs"),
            portrait.get("needs"),
        ],
        [
            pgettext("export", "Pains"),
            portrait.get("pains"),
            pgettext("export", "Buying behaviour"),
            portrait.get("buying_behaviour"),
        ],
    ]
    story += [_p(pgettext("export", "Account portrait"), s["h2"]), _grid(facts, width, font, s["body"])]
    if r.deal:
        d = r.deal
        story += [
            _p(pgettext("export", "Deal: %(name)s") % {"name": d.get("name", "")}, s["h2"]),
            _grid(
                [
                    [
                        pgettext("export", "Stage"),
                        label(STAGE_LABELS, d.get("stage")),
                        pgettext("export", "Status"),
                        label(STATUS_LABELS, d.get("status")),
                    ],
                    [
                        pgettext("export", "Amount"),
                        money(d.get("amount"), d.get("currency")),
                        pgettext("export", "Expected close"),
                        d.get("expected_close"),
                    ],
                    [
                        pgettext("export", "Competitors"),
                        ", ".join(d.get("competitors") or []),
                        pgettext("export", "Our win"),
                        d.get("our_win"),
                    ],
                    [pgettext("export", "Customer's business win"), d.get("customer_win"), "", ""],
                ],
                width,
                font,
                s["body"],
            ),
        ]
    story += [
        PageBreak(),
        _p(pgettext("export", "Organisation chart"), s["h2"]),
        chart_drawing(r, width, height - 40, font),
        PageBreak(),
    ]
    story += [_p(pgettext("export", "Coverage"), s["h2"])]
    if r.deal is None:
        story.append(_p(pgettext("export", "No deal: coverage, flags and health need a deal."), s["body"]))
    else:
        rows = [
            [
                pgettext("export", "Role"),
                pgettext("export", "Who"),
                pgettext("export", "Attitude"),
                pgettext("export", "Influence"),
                pgettext("export", "Relationship"),
                pgettext("export", "Met"),
            ]
        ]
        for row in r.coverage:
            if not row.people:
                rows.append(
                    [label(ROLE_LABELS, row.role), pgettext("export", "Nobody identified"), "", "", "", ""]
                )
            for h in row.people:
                rows.append(
                    [
                        label(ROLE_LABELS, row.role),
                        h["name"],
                        label(ATTITUDE_LABELS, h["attitude"]),
                        h["influence"] or "",
                        label(RELATIONSHIP_LABELS, h["relationship"]),
                        pgettext("export", "yes") if h["met"] else pgettext("export", "no"),
                    ]
                )
        story.append(_table(rows, [w * width for w in (0.16, 0.3, 0.14, 0.1, 0.16, 0.14)], font, s["body"]))
        story += _analysis_parts(r, font, s, width)
    story += [PageBreak(), _p(pgettext("export", "People"), s["h2"])]
    rows = [
        [
            pgettext("export", "Name"),
            pgettext("export", "Title"),
            pgettext("export", "Email"),
            pgettext("export", "Roles"),
            pgettext("export", "Attitude"),
            pgettext("export", "Influence"),
        ]
    ]
    for p in r.people:
        role = r.roles_by_person.get(p["id"]) or {}
        rows.append(
            [
                p.get("name"),
                p.get("title"),
                p.get("email"),
                roles_text(role.get("roles") or []),
                label(ATTITUDE_LABELS, role.get("attitude")),
                role.get("influence") or "",
            ]
        )
    story.append(_table(rows, [w * width for w in (0.2, 0.22, 0.22, 0.16, 0.1, 0.1)], font, s["small"]))
    return story


def _grid(rows: list[list[Any]], width: float, font: str, style: ParagraphStyle) -> Table:
    t = Table(
        [[_p(c, style) for c in row] for row in rows], colWidths=[w * width for w in (0.14, 0.36, 0.14, 0.36)]
    )
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef2f6")),
                ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#eef2f6")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bec5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def _analysis_parts(r: Report, font: str, s: dict[str, ParagraphStyle], width: float) -> list[Any]:
    out: list[Any] = [Spacer(1, 6), _p(pgettext("export", "Deal health"), s["h2"])]
    if r.health is None:
        out.append(_p(pgettext("export", "The analysis was not available for this export."), s["body"]))
    else:
        rows = [[pgettext("export", "Health"), r.health.get("score", "")]]
        rows += [[item_text(part), part_points(part)] for part in r.health.get("parts") or []]
        out.append(_table(rows, [0.5 * width, 0.2 * width], font, s["body"]))
    out += [PageBreak(), _p(pgettext("export", "Red flags and actions"), s["h2"])]
    if r.flags is not None:
        rows = [
            [
                pgettext("export", "Severity"),
                pgettext("export", "Flag"),
                pgettext("export", "Suggested action"),
                pgettext("export", "People"),
            ]
        ]
        for f in r.flags:
            names = ", ".join(r.by_id[i]["name"] for i in f.get("people") or [] if i in r.by_id)
            rows.append(
                [
                    label(SEVERITY_LABELS, f.get("severity")),
                    f.get("reason") or f.get("code"),
                    f.get("action"),
                    names,
                ]
            )
        if len(rows) == 1:
            rows.append(["", pgettext("export", "No red flags."), "", ""])
        out.append(_table(rows, [w * width for w in (0.1, 0.38, 0.36, 0.16)], font, s["body"]))
    out += [_p(pgettext("export", "Win-win"), s["h2"])]
    rows = [[pgettext("export", "Person"), pgettext("export", "Roles"), pgettext("export", "Personal win")]]
    for w in r.win_win:
        rows.append([w["name"], roles_text(w["roles"]), w["win"] or pgettext("export", "Not stated yet")])
    if r.deal:
        rows.append(
            [
                pgettext("export", "Customer"),
                "",
                r.deal.get("customer_win") or pgettext("export", "Not stated yet"),
            ]
        )
        rows.append(
            [pgettext("export", "Us"), "", r.deal.get("our_win") or pgettext("export", "Not stated yet")]
        )
    out.append(_table(rows, [w * width for w in (0.2, 0.2, 0.6)], font, s["body"]))
    out += [_p(pgettext("export", "Playbook"), s["h2"])]
    steps = [[item_text(step)] for step in r.playbook or []]
    if r.playbook is None:
        steps = [[pgettext("export", "The analysis was not available for this export.")]]
    out.append(_table([[pgettext("export", "Next best actions")], *steps], [width], font, s["body"]))
    out += [_p(pgettext("export", "Open action items"), s["h2"])]
    rows = [
        [
            pgettext("export", "Action"),
            pgettext("export", "Person"),
            pgettext("export", "Owner"),
            pgettext("export", "Due"),
        ]
    ]
    for act in r.actions:
        who = r.by_id.get(act.get("person"), {}).get("name", "")
        rows.append([act.get("text"), who, act.get("owner") or "", act.get("due") or ""])
    out.append(_table(rows, [w * width for w in (0.5, 0.2, 0.15, 0.15)], font, s["body"]))
    return out
