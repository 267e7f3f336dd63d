"""Paste-to-add: find people (name, title, email, phone) in a pasted block.

Understands an Excel range (tab-separated, with or without a header row), an email signature list
(one block per person, lines in any order, or one line per person split by | / ， ; tabs, or commas
beside an e-mail or phone — each line in its own format) and a meeting invite (`"Name" <email>; Name
<email>, bare@email`, Outlook's `必需:` / `Optional:` fields); a leaders page's duty lines (主持…工作, 分管…,
`Responsible for …`, `Oversees …`) are the duties of the person they stand under or beside — the first row's, when they stand by
the same person pasted again. Sign-offs ("Best regards,", 此致), a page's heading on a line of its own
(领导班子, `Our team`) and fax numbers are no one's field; every line or cell not used is returned with why (`Unread`), so the preview
lists it instead of dropping it. What one cell or line is, and how a line splits, is `cells`; where an
organisation's name is in a cell, `orgs`; a location (`Seattle, Washington, United States`), `places`; a leaders
page's duties, `duties`; an invite's addressees, `invites`; what a
whole line is (a heading, a list's number), `lines`; the people
and pieces it gives, `found`. Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.inference.titles import read_title
from battlemap.io.cleaning import clean_text, joined, tidy_text
from battlemap.io.given_names import given_name
from battlemap.io.matching import clean_name, email_key, email_stored, match_name
from battlemap.io.phones import every_phone

from .cells import (
    EMAIL,
    UNREAD_KINDS,
    cells_in,
    classify,
    duty,
    header_kind,
    is_sentence,
    split_line,
    title_and_unit,
    without_company,
)
from .found import Candidate, Pasted, Unread
from .invites import invite_lines, parse_invite
from .lines import (
    ROSTER_NOISE,
    SCREEN_READER,
    heading,
    heading_unit,
    roster_line,
    spaced_name,
    unnumbered,
    unspaced,
)
from .places import city_and_degree_code
from .signature import company_beside, signature_org

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


Cell = tuple[int, str]  # (1-based line number in the paste, the cell's text)


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


def _from_cells(
    cells: list[Cell],
    unread: list[Unread],
    forced: list[str | None] | None = None,
    *,
    one_person: bool = False,
) -> list[Candidate]:
    """Walk the cells in order; a second name, or an e-mail on a line of its own, starts the next person (two
    signatures pasted without a blank line between them), but not the same name again (a signature naming
    its signer twice); a second e-mail on the same line is a doubt. A second phone stands beside the first
    (`phones.every_phone`, as for a person pasted twice: a signature's `Tel:` and `Mob:`). With `one_person` (a row of an Excel range:
    one row, one person) a second name is a doubt too: `李工	技术骨干	138…` is 李工, flagged, never a second
    person named 技术骨干 holding the row's phone. Any other field (but a phone) seen twice keeps the
    first value and notes the second in `doubts`, so the preview flags the row instead of one value being
    dropped unseen — an organisation or unit a title carries (`CIO at Northwind`, `华东能源集团 党委书记`) too. Cells that are no field of a person (a sign-off, a fax number), cells of a column whose
    header (`forced`) names no field (a 上级 column is read, a 备注 one not: never guessed as a name, which
    would start a person), and people with neither name nor e-mail go to `unread` with the reason. A duty cell
    (主持…工作, 分管…; a 分管工作 column's) is the duties of the person it stands beside."""
    found: list[Candidate] = []
    current = Candidate()
    named_again = 0
    for i, (line, raw) in enumerate(cells):
        kind, value = classify(raw)
        labelled = bool(forced and i < len(forced) and forced[i])
        if forced is not None and not labelled:
            if raw.strip() and duty(raw):  # a column the paste does not read holding duties: the row's duties
                kind = "duties"
            elif raw.strip():
                unread.append(Unread(line, raw.strip(), "column"))
                continue
        if labelled:
            kind, value = forced[i] or kind, raw.strip()
        if not value:
            continue
        if kind == "duties":  # 分管财务、审计工作 beside a name: that person's duties
            current.add_duties(value, line)
            current.source = (current.source + " · " + value).strip(" ·")
            continue
        if kind in UNREAD_KINDS:
            unread.append(Unread(line, raw.strip(), kind))
            continue
        if not one_person and _where_located(current, cells, i):  # `Boston, MA` under a LinkedIn headline
            unread.append(Unread(line, raw.strip(), "place"))
            continue
        if kind == "unknown":
            kind = "name" if not current.name else "title" if not current.title else "organisation"
        if (
            kind == "name"
            and current.name
            and (_romanised(current.name, value) or _romanised(value, current.name))
        ):
            current.name = (
                _romanised(current.name, value) or value
            )  # `Wang Fang | 王芳`: one person, named in Chinese
            current.lines.append(line)
            continue
        if kind == "name" and current.name and match_name(value) == match_name(current.name):
            # a signature naming its signer twice (`王建国 | 华东能源` under 王建国): still the same person
            current.lines.append(line)
            named_again = line
            continue
        if kind == "name" and not labelled and company_beside(current, value, line):
            kind = "organisation" if not current.organisation else "department"  # `John Smith | Northwind`
        if (
            kind == "name"
            and not (labelled or one_person)
            and (doubt := signature_org(current, cells, i, value))
        ):
            kind = (
                "organisation" if not current.organisation else "department"
            )  # `Jane Doe⏎CTO⏎Northwind Logistics`
            if doubt == "doubt":
                current.doubts.append(("person", value))
        if kind == "name" and one_person and current.name:
            current.doubts.append((kind, value))
            current.lines.append(line)
            continue
        if kind == "name" and line == named_again:  # what stands beside the signer's name is where they work
            kind = "organisation" if not current.organisation else "department"
        if kind == "title" and line in current.lines and _translated(current.title, value):
            current.title = _translated(
                current.title, value
            )  # `Procurement Director | 采购总监`: one title, in Chinese
            continue
        if kind == "title" and not current.title and not labelled:  # a column says what a cell is
            company, value = without_company(
                value
            )  # `华东能源集团 信息中心 副主任`: the company, the unit, the post
            if company and not current.name and classify(company)[0] == "name":
                # `Jane Roe CEO` opening a signature: her name, then her post
                current.name, company = company, ""
            value, unit = title_and_unit(value)
            for field, part in (("organisation", company), ("department", unit)):
                if part and not getattr(current, field):
                    setattr(current, field, part)
                elif (
                    part and getattr(current, field) != part
                ):  # kept, and the row flagged: never dropped unseen
                    current.doubts.append((field, part))
        same_line = bool(current.lines) and current.lines[-1] == line
        if getattr(current, kind) and kind in ("name", "email") and not (kind == "email" and same_line):
            found.append(current)
            current = Candidate()
        if not getattr(current, kind):
            setattr(current, kind, value)
        elif kind == "phone":  # `Tel: …⏎Mob: …`: both numbers, as a person pasted twice keeps them
            current.phone = every_phone([current.phone, value])
        elif getattr(current, kind) != value:
            current.doubts.append((kind, value))
        current.source = (current.source + " · " + value).strip(" ·")
        current.lines.append(line)
    found.append(current)
    for c in found:
        if not (c.name or c.email) and c.source:
            unread.append(Unread(c.lines[0], c.source, "no_person", _last(c)))
    return [c for c in found if c.name or c.email]


def _where_located(current: Candidate, cells: list[Cell], at: int) -> bool:
    """A city and a code that is also a degree (`places.city_and_degree_code`: `Boston, MA`, `Jackson, MS`) right after
    a person's name and title — on the next line (a LinkedIn card's headline) or in their row (`Jane Doe | CTO | Boston,
    MA | jane@…`) —, with no title on the line after it: where they are, not the next person (a doctor's `Jane Doe, MD`
    starting the next signature has her title under her). Not a line opening with a common given name (`io.given_names`:
    `John Smith, MD`), nor the line after a one-line row (`Jane Roe | CTO⏎Mei Wong, MD`: the next row)."""
    line, text = cells[at]
    if not (current.name and current.title and current.lines[-1] >= line - 1 and city_and_degree_code(text)):
        return False
    if given_name(text.split()[0]) or set(current.lines) == {line - 1}:
        return False  # `John Smith, MD`: a given name opens no city; under a one-line row, the next row
    after = next((cell for number, cell in cells[at + 1 :] if number > line), "")
    return classify(after)[0] != "title"


def _translated(first: str, second: str) -> str:
    """One title for two on one line when one is the other's translation — one English, one Chinese, of no two
    different functions by the title table (`read_title`): the Chinese when the table reads them as the same post
    (its level and function: `Procurement Director | 采购总监` is 采购总监, as `Wang Fang | 王芳` is 王芳, `_romanised`);
    both as typed when it reads them a level apart or one with no function (`Vice President | 副总裁`, `IT Manager |
    信息中心主任`: one post the table cannot weigh alike, `cleaning.joined`'s `Vice President / 副总裁`); else ""
    (`CFO | 采购总监`, a finance post and a procurement one, stays a title and a doubt)."""
    if not first or first.isascii() == second.isascii():
        return ""
    latin, han = (first, second) if first.isascii() else (second, first)
    english, chinese = read_title(latin), read_title(han)
    if (
        not (english and chinese)
        or english.function
        and chinese.function
        and english.function != chinese.function
    ):
        return ""
    return (
        han
        if (english.level, english.function) == (chinese.level, chinese.function)
        else joined(first, second)
    )


def _romanised(han: str, latin: str) -> str:
    """`han` when `latin` is its pinyin (`王芳`, `Wang Fang` / `Fang Wang`: `matching.clean_name` keeps the Chinese name
    of such a pair), else "": a bilingual signature's two names are one person."""
    both = f"{han.strip()} {latin.strip()}"
    return han.strip() if latin.isascii() and clean_name(both) == clean_name(han) else ""


def _cleaned(c: Candidate) -> Candidate:
    """Names as stored (`张　伟` → 张伟), e-mails and phones half-width (io.matching); titles,
    organisations and departments as typed (`副总经理（分管信息化）` keeps its brackets), only trimmed."""
    c.name, c.email, c.phone = clean_name(c.name), email_stored(c.email), clean_text(c.phone)
    c.title, c.organisation = tidy_text(c.title), tidy_text(c.organisation)
    c.department = tidy_text(c.department)
    c.duties = "\n".join(kept for line in c.duties.split("\n") if (kept := tidy_text(line)))
    return c


_LONG_SPACE = re.compile(r"[^\S\t\n]{5,}")  # spaces of any kind, not the tabs of an Excel range


def read_paste(text: str, limit: int | None = None) -> Pasted:
    """Every person found in a pasted block, in order, without duplicates (same email or same name), at
    most `limit`; every line or cell not used is in `unread` with its reason, never dropped unseen."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("＠", "@")
    # a run of spaces is a gap between cells however long (`_GAP`: two or more): kept short, so that no pattern
    # scans it again from each of its spaces (a fresh reviewer: 80,000 spaces took 29 s)
    text = _LONG_SPACE.sub("    ", text)
    lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
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
            row = _from_cells(cells, unread, header, one_person=True)
            candidates.extend(row)
    else:
        said = {number for number, line in lines if SCREEN_READER.match(line)}  # inside a card: no blank line
        noise = [
            cell
            for cell in lines
            if (cell[0] in said or ROSTER_NOISE.match(cell[1])) and not EMAIL.search(cell[1])
        ]
        unread.extend(Unread(number, line.strip(), "not_read") for number, line in noise)
        lines = [
            (number, spaced_name(unnumbered(unspaced(line))))
            for number, line in lines
            if (number, line) not in noise
        ]
        named = {number for number, line in lines if classify(line)[0] == "name"}  # a card's name alone
        lines = [(number, roster_line(line, number - 1 in named)) for number, line in lines]
        invite = [cell for block in _blocks(lines, said) for cell in invite_lines(block)]
        candidates = parse_invite(invite, unread)
        # a line of duties (主持…工作，分管财务部、审计部。) whole, before its pieces are read as a unit or a sentence
        duties = [cell for cell in lines if cell not in invite and duty(cell[1])]
        prose = [cell for cell in lines if cell not in invite and cell not in duties and is_sentence(cell[1])]
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
                    candidates.extend(_from_cells([(number, p) for p in parts], unread))
            else:
                candidates.extend(_from_cells([(n, p) for n, parts in split for p in parts], unread))
        _duties_to_people(duties, _blocks(lines, said), candidates, unread)
    candidates.sort(key=lambda c: c.lines[0] if c.lines else 0)  # in the order pasted
    _units_under_headings(headings, candidates)
    people: list[Candidate] = []
    by_email: dict[str, Candidate] = {}
    by_name: dict[str, list[Candidate]] = {}
    for c in map(_cleaned, candidates):
        key = email_key(c.email) if c.email else match_name(c.name)
        earlier = by_email.get(email_key(c.email)) if c.email else None
        earlier = earlier or next((p for p in by_name.get(match_name(c.name), []) if p.same_person(c)), None)
        if not (c.email or c.phone) and re.search("[:：]", c.name):  # `会议：项目启动会` is a label, no name
            unread.append(Unread(c.lines[0], c.source, "not_read", _last(c)))
        elif not key:
            unread.append(Unread(c.lines[0], c.source, "no_person", _last(c)))
        elif (
            earlier is not None
        ):  # listed; what it adds (a title, an organisation, a phone, duties) is the first's
            earlier.take_fields(c)
            if earlier.email:
                by_email.setdefault(email_key(earlier.email), earlier)
            again = earlier.take_duties(c)
            unread.append(Unread(again.lines[0], again.source, "duplicate", _last(again)))
        elif limit is not None and len(people) >= limit:
            unread.append(Unread(c.lines[0], c.source, "over_limit", _last(c)))
        else:
            if c.email:
                by_email[email_key(c.email)] = c
            by_name.setdefault(match_name(c.name), []).append(c)
            people.append(c)
    used |= {n for c in people for n in c.lines} | {n for u in unread for n in u.lines}
    unread.extend(Unread(n, line.strip(), "not_read") for n, line in lines if n not in used)
    unread.sort(key=lambda u: u.line)
    return Pasted(people, unread)


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


def _last(c: Candidate) -> int:
    return c.lines[-1] if len(c.lines) > 1 and c.lines[-1] != c.lines[0] else 0


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
