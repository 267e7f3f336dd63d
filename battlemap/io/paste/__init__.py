"""Paste-to-add: find people (name, title, email, phone) in a pasted block.

Understands an Excel range (tab-separated, with or without a header row), an email signature list
(one block per person, lines in any order, or one line per person split by | / ， ; tabs, or commas
beside an e-mail or phone — each line in its own format) and a meeting invite (`"Name" <email>; Name
<email>, bare@email`, Outlook's `必需:` / `Optional:` fields); a leaders page's duty lines (主持…工作, 分管…,
`Responsible for …`, `Oversees …`) are the duties of the person they stand under or beside — the first row's, when they stand by
the same person pasted again. Sign-offs ("Best regards,", 此致), a page's heading on a line of its own
(领导班子, `Our team`) and fax numbers are no one's field; every line or cell not used is returned with why (`Unread`), so the preview
lists it instead of dropping it. What one cell or line is, and how a line splits, is `cells`; the labels it is
read by (`手机：`, a table's header), `labels`; the walk over a run of cells and the people it gives, `walk`; where an
organisation's name is in a cell, `orgs`; a location (`Seattle, Washington, United States`), `places`; a leaders
page's duties, `duties`; an invite's addressees, `invites`; what a
whole line is (a heading, a list's number), `lines`; the people
and pieces it gives, `found`. Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.core.text import has_control
from battlemap.io.cleaning import clean_text, tidy_text, without_invisible
from battlemap.io.matching import clean_name, email_key, email_stored, match_name

from .cells import (
    EMAIL,
    cells_in,
    classify,
    duty,
    is_sentence,
    split_line,
    title_and_unit,
    without_company,
)
from .found import Candidate, Pasted, Unread
from .invites import invite_lines, parse_invite
from .labels import header_kind
from .lines import (
    QUOTE_MARKS,
    ROSTER_NOISE,
    SCREEN_READER,
    attribution,
    heading,
    heading_unit,
    mail_begins,
    roster_line,
    spaced_name,
    unnumbered,
    unspaced,
)
from .walk import Cell, from_cells, last_line

__all__ = [
    "Candidate",
    "Pasted",
    "Unread",
    "cells_in",
    "classify",
    "read_paste",
    "split_line",
    "title_and_unit",
    "without_company",
]


def _header_kinds(cells: list[str]) -> list[str | None] | None:
    kinds = [header_kind(c) for c in cells]
    return kinds if sum(k is not None for k in kinds) >= 2 else None


def _title_rows(lines: list[Cell]) -> list[Cell]:
    """The title rows above an Excel range's header (`Attendee List – Midwest Summit 2026`, with or without the
    empty cells of its row): at most three lines of one cell each before a header line. Without a header below
    them, none: the paste is read as it is (a trial's attendee list was four people named Attendee List, Name,
    Title and Email, the first row of the range not read)."""
    for i, (_number, line) in enumerate(lines[:4]):
        if "\t" in line and _header_kinds(line.split("\t")):
            return lines[:i]
        if sum(bool(cell.strip()) for cell in line.split("\t")) > 1:
            return []
    return []


def _cleaned(c: Candidate) -> Candidate:
    """Names as stored (`张　伟` → 张伟), e-mails and phones half-width (io.matching); titles,
    organisations and departments as typed (`副总经理（分管信息化）` keeps its brackets), only trimmed."""
    c.name, c.email, c.phone = clean_name(c.name), email_stored(c.email), clean_text(c.phone)
    c.title, c.organisation = tidy_text(c.title), tidy_text(c.organisation)
    c.department = tidy_text(c.department)
    c.duties = "\n".join(kept for line in c.duties.split("\n") if (kept := tidy_text(line)))
    return c


_LONG_SPACE = re.compile(r"[^\S\t\n]{5,}")  # spaces of any kind, not the tabs of an Excel range
# … and, outside an Excel range, where a tab only parts cells, a tab with the spaces and tabs beside it, one tab: a
# run of spaces and tabs (`    \t    \t…`) was scanned again from each of its spaces (9,000 of them took 80 s)
_TAB_GAP = re.compile(r"[^\S\n]*\t[^\S\n]*")


def read_paste(text: str, limit: int | None = None) -> Pasted:
    """Every person found in a pasted block, in order, without duplicates (same email or same name), at
    most `limit`; every line or cell not used is in `unread` with its reason, never dropped unseen."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("＠", "@")
    # a run of spaces is a gap between cells however long (`_GAP`: two or more): kept short, so that no pattern
    # scans it again from each of its spaces (a fresh reviewer: 80,000 spaces took 29 s)
    text = _LONG_SPACE.sub("    ", text)
    text = QUOTE_MARKS.sub("", without_invisible(text))  # a quoted reply's `> Jane Doe`
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    # a line holding a control character (NUL, BEL…) is read, its person refused whole (`_refused`): dropped on
    # storing, a NUL inside `Jane\x00Doe` joined the words (JaneDoe) unseen (`core.text.has_control`, the one rule)
    control = {n: _shown(line) for n, line in lines if has_control(line)}
    lines = [(n, "".join(" " if has_control(ch) else ch for ch in line)) for n, line in lines]
    shown = {n: control.get(n) or line.strip() for n, line in lines}  # each line as the preview lists it
    unread: list[Unread] = []
    candidates: list[Candidate] = []
    used: set[int] = set()
    headings: list[Cell] = []
    if not lines:
        return Pasted([], [])
    if titles := _title_rows(lines):  # `Attendee List – Summit 2026` above an Excel range's header
        unread.extend(
            Unread(number, line.strip(), "duties" if duty(line) else "heading") for number, line in titles
        )
        lines = lines[len(titles) :]
    header = _header_kinds(lines[0][1].split("\t")) if "\t" in lines[0][1] else None
    if header or all("\t" in line for _, line in lines):  # an Excel range (a row may hold one cell)
        if header:
            used.add(lines[0][0])
        row: list[Candidate] = []  # the people of the row above
        for number, line in lines[1:] if header else lines:
            if heading(line):  # 领导班子 above the rows: no one's name
                unread.append(Unread(number, line.strip(), "heading"))
                headings.append((number, line))
                continue
            if header and "\t" not in line and classify(line)[0] not in ("name", "email"):
                # a line break inside the row above's cell (a web page's table: `主持全面工作，⏎分管审计`)
                if duty(line) and row:
                    row[-1].add_duties(line, number)
                else:
                    unread.append(Unread(number, line.strip(), "duties" if duty(line) else "not_read"))
                continue
            cells = [(number, cell) for cell in line.split("\t")]
            row = from_cells(cells, unread, header, one_person=True)
            candidates.extend(row)
    else:
        lines = [(number, _TAB_GAP.sub("\t", line)) for number, line in lines]
        said = {number for number, line in lines if SCREEN_READER.match(line)}  # inside a card: no blank line
        noise = [
            cell
            for cell in lines
            if (cell[0] in said or ROSTER_NOISE.match(cell[1]))
            and not EMAIL.search(cell[1])
            or not attribution(cell[1])  # `On 2.3. Jane Doe <…> wrote:`: no name told from the date
        ]
        mail = next(
            (number for number, line in lines if mail_begins(line)), 0
        )  # a reply's, a header's first line
        unread.extend(Unread(number, line.strip(), "not_read") for number, line in noise)
        lines = [
            (number, spaced_name(unnumbered(unspaced(attribution(line)))))
            for number, line in lines
            if (number, line) not in noise
        ]
        named = {number for number, line in lines if classify(line)[0] == "name"}  # a card's name alone
        lines = [(number, roster_line(line, number - 1 in named)) for number, line in lines]
        invite = [cell for block in _blocks(lines, said) for cell in invite_lines(block)]
        candidates = parse_invite(invite, unread)
        # a line of duties (主持…工作，分管财务部、审计部。) whole, before its pieces are read as a unit or a sentence
        duties = [cell for cell in lines if cell not in invite and duty(cell[1])]
        prose = [
            cell
            for cell in lines
            if cell not in invite and cell not in duties and is_sentence(cell[1], mail=0 < mail < cell[0])
        ]
        unread.extend(Unread(number, line.strip(), "not_read") for number, line in prose)
        headings += [cell for cell in lines if cell not in invite and cell not in prose and heading(cell[1])]
        unread.extend(
            Unread(number, line.strip(), "heading") for number, line in headings
        )  # 领导班子, `Our team`
        prose += headings
        prose += duties
        blocks = [
            kept
            for block in _blocks([cell for cell in lines if cell not in invite], said)
            if (kept := [cell for cell in block if cell not in prose])
        ]
        for block in blocks:
            split = [(number, split_line(line)) for number, line in block]
            if len(blocks) == 1 and all(len(parts) > 1 for _, parts in split):  # one person per line
                for number, parts in split:
                    candidates.extend(from_cells([(number, p) for p in parts], unread))
            else:
                candidates.extend(from_cells([(n, p) for n, parts in split for p in parts], unread))
        _duties_to_people(duties, _blocks(lines, said), candidates, unread)
    candidates.sort(key=lambda c: c.lines[0] if c.lines else 0)  # in the order pasted
    candidates = _refused(candidates, control, shown, unread)
    _units_under_headings(headings, candidates)
    people: list[Candidate] = []
    by_email: dict[str, Candidate] = {}
    by_name: dict[str, list[Candidate]] = {}
    for c in map(_cleaned, candidates):
        key = email_key(c.email) if c.email else match_name(c.name)
        earlier = by_email.get(email_key(c.email)) if c.email else None
        earlier = earlier or next((p for p in by_name.get(match_name(c.name), []) if p.same_person(c)), None)
        if not (c.email or c.phone) and re.search("[:：]", c.name):  # `会议：项目启动会` is a label, no name
            unread.append(Unread(c.lines[0], c.source, "not_read", last_line(c)))
        elif not key:
            unread.append(Unread(c.lines[0], c.source, "no_person", last_line(c)))
        elif (
            earlier is not None
        ):  # listed; what it adds (a title, an organisation, a phone, duties) is the first's
            earlier.take_fields(c)
            if earlier.email:
                by_email.setdefault(email_key(earlier.email), earlier)
            again = earlier.take_duties(c)
            unread.append(Unread(again.lines[0], again.source, "duplicate", last_line(again)))
        elif limit is not None and len(people) >= limit:
            unread.append(Unread(c.lines[0], c.source, "over_limit", last_line(c)))
        else:
            if c.email:
                by_email[email_key(c.email)] = c
            by_name.setdefault(match_name(c.name), []).append(c)
            people.append(c)
    used |= {n for c in people for n in c.lines} | {n for u in unread for n in u.lines}
    unread.extend(Unread(n, line.strip(), "not_read") for n, line in lines if n not in used)
    unread = [
        Unread(u.line, control[u.line], "control") if u.line in control and not u.last else u for u in unread
    ]
    unread.sort(key=lambda u: u.line)
    return Pasted(people, unread)


def _refused(
    candidates: list[Candidate], control: dict[int, str], shown: dict[int, str], unread: list[Unread]
) -> list[Candidate]:
    """`candidates` without a person read from a line holding a control character (`control`), each listed in `unread` with all its lines (`Jane\x07Roe⏎CFO⏎Finance`, lines 1–3). Only that line dropped,
    the rest of its signature was read alone: `Finance` a person titled CFO, or `CFO` with no name beside it."""
    if not control:
        return candidates
    kept = []
    for c in candidates:
        if not control.keys() & set(c.lines):
            kept.append(c)
            continue
        text = " · ".join(shown[n] for n in sorted(set(c.lines)) if n in shown)
        unread.append(Unread(c.lines[0], text, "control", last_line(c)))
    return kept


def _shown(line: str) -> str:
    """A line refused for its control characters as the preview lists it: each one a visible �, never sent on."""
    return "".join("\ufffd" if has_control(ch) else ch for ch in line.strip())


def _duties_to_people(
    duties: list[Cell], blocks: list[list[Cell]], people: list[Candidate], unread: list[Unread]
) -> None:
    """Each duty line of a leaders page (`主持集团全面工作。` under 张建国 and 董事长) given to the person it is about:
    the nearest before it in its block (its lines with no blank line between), else the first after it there;
    in a block of duties alone, the nearest person above (a blank line between the post and the duties); else
    none, listed as duties not read."""
    for number, text in duties:
        block = {n for b in blocks if any(n == number for n, _line in b) for n, _line in b}
        near = [c for c in people if c.lines and block & set(c.lines)]
        before = [c for c in near or people if c.lines and c.lines[0] < number]
        after = [c for c in near if c.lines[0] > number]
        person = (
            max(before, key=lambda c: c.lines[0])
            if before
            else min(after, key=lambda c: c.lines[0], default=None)
        )
        if person is None:
            unread.append(Unread(number, text.strip(), "duties"))
        else:
            person.add_duties(text, number)


def _units_under_headings(headings: list[Cell], people: list[Candidate]) -> None:
    """The department a numbered heading names (`lines.heading_unit`: `三、采购部`, `（二）信息中心`) is that of each person
    listed under it, up to the next heading (a body's, `二、董事会`, names none); a department of their own stays."""
    units = sorted((number, heading_unit(text)) for number, text in headings)
    for c in people:
        unit = next((u for number, u in reversed(units) if c.lines and number < c.lines[0]), "")
        if unit and not c.department:
            c.department = unit


def _blocks(lines: list[Cell], bridged: set[int] | frozenset[int] = frozenset()) -> list[list[Cell]]:
    """Runs of lines with no blank line between them (one signature each); the lines numbered in `bridged`, left
    out of `lines` (a LinkedIn card's `View Jane Doe’s profile`), are no gap."""
    blocks: list[list[Cell]] = []
    for number, line in lines:
        if blocks and set(range(blocks[-1][-1][0] + 1, number)) <= bridged:
            blocks[-1].append((number, line))
        else:
            blocks.append([(number, line)])
    return blocks
