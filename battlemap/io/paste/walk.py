"""The walk over a run of pasted cells (`from_cells`: a signature's lines, one line's parts, an Excel range's row) and
the people it gives: which cell starts the next person, which is a field of the one being read, which a doubt on the
row, which is no one's (listed, with why). `battlemap.io.paste` reads a pasted block's cells with it. Pure Python,
no Django.
"""

from __future__ import annotations

from battlemap.inference.titles import read_title
from battlemap.io.cleaning import joined
from battlemap.io.given_names import given_name
from battlemap.io.matching import clean_name, match_name
from battlemap.io.phones import every_phone

from .cells import UNREAD_KINDS, classify, duty, title_and_unit, without_company
from .found import Candidate, Unread
from .places import city_and_degree_code
from .signature import company_beside, signature_org

Cell = tuple[int, str]  # (1-based line number in the paste, the cell's text)


def from_cells(
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
        label = forced[i] if forced and i < len(forced) else None  # the field its column's header names
        labelled = bool(label)
        if forced is not None and not labelled:
            if raw.strip() and duty(raw):  # a column the paste does not read holding duties: the row's duties
                kind = "duties"
            elif raw.strip():
                unread.append(Unread(line, raw.strip(), "column"))
                continue
        if labelled:
            kind, value = label or kind, raw.strip()
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
            unread.append(Unread(c.lines[0], c.source, "no_person", last_line(c)))
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


def last_line(c: Candidate) -> int:
    return c.lines[-1] if len(c.lines) > 1 and c.lines[-1] != c.lines[0] else 0
