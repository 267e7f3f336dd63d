"""Read contacts as vCards (.vcf: a phone's "share contact" or "export all", Outlook, Google Contacts, macOS
Contacts, a WeCom business card) into the table the CSV and workbook readers give: a header of columns the
import already knows (`VCARD_HEADERS`: Name, Company, Department, Job Title, Manager, Phone, E-mail, Notes) and
one row per card, so that matching, the company rule, the limits and the summary are the same code for every
format.

The grammar is RFC 6350 (vCard 4.0) §3, which vCard 3.0 (RFC 2426) and 2.1 share: lines folded by a line break
and a space or tab (§3.2) are one; a 2.1 value in `ENCODING=QUOTED-PRINTABLE` continues past a line ending in
`=` (a soft line break, RFC 2045 §6.7), its bytes in the `CHARSET` it names (`gbk` read as GB18030,
`io.text.codec_for`); text values unescape `\\n`, `\\,`, `\\;` and `\\\\` (§3.4). The file's own encoding is
`io.text.decode`'s (UTF-8, UTF-16 with or without BOM, GB18030 …). vobject, the Python vCard library, was tried
and left: its line grammar backtracks exponentially on a line of many parameters with an open quote (22 of
them took a second, each two more four times as long), it reads a 2.1 soft line break only when asked and then
numbers lines wrongly, and it decodes every photo. This reader is one pass, each line matched forward once.

Read: FN (else N's family and given names: `First Name` / `Last Name`, joined by the import's one rule), ORG
(company; its further parts the department path, joined by ` › `), TITLE (else ROLE; a ROLE beside another
TITLE gives the duties), every TEL but fax numbers (the preferred first), every EMAIL (the preferred first: a
person keeps one), NOTE, and the manager: the iPhone and macOS Contacts write one as a related name labelled
Manager in a group (`item1.X-ABRELATEDNAMES:王建国` with `item1.X-ABLabel:_$!<Manager>!$_`; a label the import
reads as a manager column, 上级, does too), Android as a relation of type 7
(`X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;王建国;7;…`, or of the custom type 0 with such a label): the
Manager column, matched by name as a CSV's (an Assistant, a Spouse … is no one's manager). A company's card
(KIND:org, Apple's X-ABShowAs:COMPANY, or an FN that is its ORG with no name in N) is no person: passed over,
and named in the summary (`Table.company_cards`). Not read: PHOTO, LOGO, SOUND and KEY (never held in memory),
addresses, birthdays, URLs, nicknames, other X- properties and related names and the like — the map has no field
for them — and a card nested in a card (a 2.1 AGENT's). Bounds (`limits`): the cards are counted before any is read (at most
IMPORT_MAX_ROWS), a value longer than a cell may be is refused as it is read, and the table is checked as every
table is."""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from battlemap.io.text import UndecodableError, codec_for, decode

from . import limits
from .headers import LOOKUP, header_key
from .problems import FIELD_LABELS
from .table import ReadError, Table, bounded
from .unit_paths import PATH_JOINER

# The columns a card gives, as the import's header table (headers.HEADER_ALIASES) knows them; further phones and
# e-mails are numbered (`Phone 2`, `E-mail 2`), as Outlook's CSV numbers them (columns.NUMBERED)
NAME, LAST_NAME, FIRST_NAME = "Name", "Last Name", "First Name"
COMPANY, DEPARTMENT, TITLE, DUTIES, MANAGER = "Company", "Department", "Job Title", "Duties", "Manager"
PHONE, EMAIL, NOTES = "Phone", "E-mail", "Notes"
VCARD_HEADERS = (NAME, LAST_NAME, FIRST_NAME, COMPANY, DEPARTMENT, TITLE, DUTIES, MANAGER)
VCARD_HEADERS += (PHONE, EMAIL, NOTES)

_NUMBERED = re.compile(r"(.*?)((?: \d+)?)")


def header_label(header: str) -> str:
    """A card's column as the preview names it, in the user's language: the label of its field, as the preview's
    field menu and problems name it (`problems.FIELD_LABELS`), its number kept — 职务, 电话 2 —, not the English
    header this reader gives it for the import's header table."""
    name, number = _NUMBERED.fullmatch(header).groups()  # type: ignore[union-attr]
    field_name = LOOKUP.get(header_key(name))
    return f"{FIELD_LABELS[field_name]}{number}" if field_name in FIELD_LABELS else header


READ = frozenset({"FN", "N", "ORG", "TITLE", "ROLE", "TEL", "EMAIL", "NOTE", "KIND", "X-ABSHOWAS"})
# Apple's grouped related names (`item1.X-ABRELATEDNAMES`) and their labels (`item1.X-ABLabel`)
READ |= {"X-ABRELATEDNAMES", "X-ABLABEL"}
# Android's related names: `X-ANDROID-CUSTOM:vnd.android.cursor.item/relation;王建国;7;;…`, the name, the type of
# ContactsContract.CommonDataKinds.Relation (7 TYPE_MANAGER; 0 TYPE_CUSTOM, its label the next part; 1 an
# assistant, 14 a spouse …) and the label
READ |= {"X-ANDROID-CUSTOM"}
_ANDROID_RELATION = "vnd.android.cursor.item/relation"
_ANDROID_MANAGER, _ANDROID_CUSTOM = "7", "0"
# Apple's own labels are written `_$!<Manager>!$_`, `_$!<Assistant>!$_`; a label the user typed stands as it is
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
# binary values, often megabytes of base64: their lines are passed over, never joined
BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
CARDS_NAMED = 20  # a message names this many cards, then "…"
# a value's characters in the file per character read: quoted-printable writes a Chinese character as 9
# (`=E5=BC=A0`); past CHARS_PER_CHAR × IMPORT_MAX_CELL_CHARS (and a line's parameters) it cannot fit a cell
CHARS_PER_CHAR = 9
PARAMETERS_ROOM = 4096

BEGIN = re.compile(r"^BEGIN[ \t]*:[ \t]*VCARD[ \t]*(?=[\r\n]|\Z)", re.IGNORECASE | re.MULTILINE)
_PHYSICAL = re.compile(r"[^\r\n]*")
# a property's group (Apple's `item1.`) and name
_NAME = re.compile(r"(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9_-]+)")
# one parameter: `;TYPE=CELL,VOICE`, `;type="pref"`, or 2.1's bare `;CELL`, `;QUOTED-PRINTABLE`; matched
# from a position, one after the other, so that no line makes the match go back (RFC 6350 §3.3)
_PARAMETER = re.compile(
    r';[ \t]*([A-Za-z0-9_-]+)[ \t]*(?:=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*))?'
)
_QP = re.compile(r";[ \t]*(?:ENCODING[ \t]*=[ \t]*)?QUOTED-PRINTABLE\b", re.IGNORECASE)
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}
_STRUCTURED = re.compile(r"(?<!\\)((?:\\\\)*);")  # a `;` no backslash escapes: between N's or ORG's parts


class _TooLong(Exception):
    """A logical line longer than any value a cell may hold."""


@dataclass
class _Card:
    number: int
    line: int  # the line of its BEGIN:VCARD
    first: str = ""  # its first property line, to name it by
    values: dict[str, list[tuple[bool, str]]] = field(default_factory=dict)  # name -> (preferred, value)

    def add(self, name: str, value: str, preferred: bool = False) -> None:
        if value:
            self.values.setdefault(name, []).append((preferred, value))

    def get(self, name: str) -> list[str]:
        found = self.values.get(name, [])
        return [v for p, v in found if p] + [v for p, v in found if not p]


def read_vcards(data: bytes, encoding: str | None = None) -> Table:
    """The table of a vCard file's cards (module doc): headers of `VCARD_HEADERS` (the columns some card fills;
    Phone and E-mail numbered as often as one card needs), one row per card, its row number its place in the file
    (card 1 is row 1; `Table.cards` says how many). `encoding` forces the file's (the preview's choice).

    Raises ReadError: `encoding` when the text cannot be decoded; `limit_rows` (more cards than IMPORT_MAX_ROWS,
    naming the first past it) and `limit_cell` (a value past IMPORT_MAX_CELL_CHARS, naming the card); `vcard_cut`
    for a card without its END:VCARD (a file cut short); `vcard_value` for a value that cannot be read (a charset
    no codec knows, quoted-printable or base64 that does not decode), naming the card, its line and property;
    `vcard_no_name` naming every card (number, line and first property) that has neither FN nor a name in N."""
    try:
        text = decode(data, encoding or None).text.lstrip("\ufeff")
    except UndecodableError as exc:
        raise ReadError("encoding", value=encoding or "") from exc
    bound = limits.limits()
    past = next((m for i, m in enumerate(BEGIN.finditer(text)) if i == bound.rows), None)
    if past is not None:  # counted by a search in C before a card is read: a million cards cost no memory
        raise ReadError(f"limit_rows:{bound.rows}", row=bound.rows + 1)
    read = list(_cards(text, bound.cell_chars))
    cards = [c for c in read if not _is_company(c)]  # a company's card is no person: passed over and named
    nameless = [c for c in cards if not (c.get("FN") or c.get("N_FAMILY") or c.get("N_GIVEN"))]
    if nameless:
        named = [{"card": c.number, "line": c.line, "first": c.first} for c in nameless[:CARDS_NAMED]]
        raise ReadError("vcard_no_name", cards=named, more=len(nameless) > CARDS_NAMED)
    table = _table(cards)
    table.company_cards = [
        (c.number, (c.get("FN") or c.get("ORG") or [""])[0]) for c in read if _is_company(c)
    ]
    return table


def _table(cards: list[_Card]) -> Table:
    """The cards as rows under the columns they fill."""
    phones = max((len(c.get("TEL")) for c in cards), default=0)
    emails = max((len(c.get("EMAIL")) for c in cards), default=0)
    headers = [NAME]
    for c in cards:  # ROLE is the title of a card without a TITLE, beside another title its duties
        titles, roles = c.get("TITLE"), c.get("ROLE")
        c.values["TITLE"] = [(False, v) for v in titles or roles[:1]]
        duties = "; ".join(r for r in roles if r not in titles) if titles else ""
        c.values["DUTIES"] = [(False, duties)] if duties else []
        c.values["MANAGER"] = [(False, name) for name in _manager(c)]
    singles = [(LAST_NAME, "N_FAMILY"), (FIRST_NAME, "N_GIVEN"), (COMPANY, "ORG"), (DEPARTMENT, "DEPARTMENT")]
    singles += [(TITLE, "TITLE"), (DUTIES, "DUTIES"), (MANAGER, "MANAGER")]
    shown = [(h, key) for h, key in singles if any(c.get(key) for c in cards)]
    headers += [h for h, _key in shown]
    headers += [PHONE if i == 0 else f"{PHONE} {i + 1}" for i in range(phones)]
    headers += [EMAIL if i == 0 else f"{EMAIL} {i + 1}" for i in range(emails)]
    notes = any(c.get("NOTE") for c in cards)
    headers += [NOTES] if notes else []
    bound = limits.limits()
    if (
        len(cards) * len(headers) > bound.cells
    ):  # before the rows are laid out: one card of 250 phones widens all
        widest = max(cards, key=lambda c: len(c.get("TEL")) + len(c.get("EMAIL")))
        raise ReadError(f"limit_cells:{bound.cells}", row=widest.number)
    rows = []
    for c in cards:
        row = [(c.get("FN") or [""])[0]] + [(c.get(key) or [""])[0] for _h, key in shown]
        row += (c.get("TEL") + [""] * phones)[:phones] + (c.get("EMAIL") + [""] * emails)[:emails]
        row += ["\n\n".join(c.get("NOTE"))] if notes else []
        rows.append([cell.strip() for cell in row])
    numbers = [c.number for c in cards]
    bounded(limits.check_rows, [headers, *rows], [0, *numbers])
    return Table(headers=headers, rows=rows, row_numbers=numbers, header_row=0, cards=len(cards))


def _cards(text: str, cell_chars: int) -> Iterator[_Card]:
    """Each card of the file, its values read (the properties of READ); a card nested in it is passed over."""
    card: _Card | None = None
    depth = 0  # cards (or other components) opened inside the card
    number = 0
    lines = _logical_lines(text, cell_chars * CHARS_PER_CHAR + PARAMETERS_ROOM)
    while True:
        try:
            line_number, line = next(lines)
        except StopIteration:
            break
        except _TooLong:  # named by its card
            raise ReadError(f"limit_cell:{cell_chars}", row=card.number if card else number + 1) from None
        found = _NAME.match(line)
        name = found.group(2).upper() if found else ""
        value = line.partition(":")[2].strip().upper() if name in ("BEGIN", "END") else ""
        if name == "BEGIN":
            if card is None and value == "VCARD":
                number += 1
                card = _Card(number, line_number)
            elif card is not None:
                depth += 1
            continue
        if card is None:
            continue  # text between cards
        if name == "END":
            if depth:
                depth -= 1
            elif value == "VCARD":
                yield card
                card = None
            continue
        if depth or name == "VERSION" or not found:
            continue
        card.first = card.first or line[:80]
        if name in READ:
            group = (found.group(1) or "").upper()
            _read_property(card, name, line, found.end(), line_number, cell_chars, group)
    if card is not None:
        raise ReadError("vcard_cut", card=card.number, line=card.line)


def _logical_lines(text: str, longest: int) -> Iterator[tuple[int, str]]:
    """(first line number, line) of each logical line: folded lines joined (a line break and one space or tab,
    RFC 6350 §3.2), and a quoted-printable value continued past its soft line breaks (a line ending in `=`, the
    `=` dropped). A binary property's lines (BINARY) are passed over and not joined; a line longer than
    `longest` raises _TooLong, before it is held (`_cards` names its card)."""
    parts: list[str] = []
    start, size, skip, soft = 0, 0, False, False
    for number, line in _physical_lines(text):
        if parts and (soft or line[:1] in (" ", "\t")):
            if not skip:
                if soft:
                    parts[-1] = parts[-1][:-1]  # the soft line break's `=`
                piece = line if soft else line[1:]
                size += len(piece)
                if size > longest:
                    raise _TooLong
                parts.append(piece)
            soft = soft and line.endswith("=")
            continue
        if parts:
            yield start, "".join(parts)
            parts = []
        if not line.strip():
            continue
        found = _NAME.match(line)
        skip = bool(found) and found.group(2).upper() in BINARY
        head = line.partition(":")[0]
        soft = not skip and line.endswith("=") and bool(_QP.search(head))
        start, size, parts = number, len(line), [line[:80] if skip else line]
    if parts:
        yield start, "".join(parts)


def _physical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based number, line) of each line of `text`, ended by CR LF, LF or a lone CR."""
    pos, end, number = 0, len(text), 0
    while pos < end:
        found = _PHYSICAL.match(text, pos)
        assert found is not None  # matches the empty string at worst
        pos = found.end()
        pos += 2 if text.startswith("\r\n", pos) else 1
        number += 1
        yield number, found.group()


def _read_property(
    card: _Card, name: str, line: str, at: int, number: int, cell_chars: int, group: str = ""
) -> None:
    """Read one property of READ into `card`: its parameters (one `_PARAMETER` match after the other: a line
    whose parameters do not parse, or that has no `:`, is refused naming the card), then its value decoded.
    `group` (Apple's `item1`) ties a related name to its label."""
    params: dict[str, list[str]] = {}
    while line.startswith(";", at):
        found = _PARAMETER.match(line, at)
        if found is None:
            break
        key, values = found.group(1).upper(), found.group(2)
        if values is None:  # 2.1's bare parameter: a type, or the encoding
            is_encoding = key in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT")
            key, values = ("ENCODING", key) if is_encoding else ("TYPE", key)
        params.setdefault(key, []).extend(v.strip().strip('"') for v in values.split(","))
        at = found.end()
    if not line.startswith(":", at):
        raise ReadError("vcard_value", card=card.number, line=number, property=name, value=line[:80])
    raw = line[at + 1 :]
    value = _decoded(raw, params, card, number, name)
    if len(value) > cell_chars:
        raise ReadError(f"limit_cell:{cell_chars}", row=card.number)
    types = {t.upper() for t in params.get("TYPE", [])}
    preferred = "PREF" in types or "PREF" in params
    if name == "FN":
        card.add("FN", _text(value))
    elif name == "N":
        family, given, additional, *_rest = [*_parts(value), "", "", ""]
        card.add("N_FAMILY", family)
        card.add("N_GIVEN", " ".join(p for p in (given, additional) if p))
    elif name == "ORG":
        company, *units = _parts(value)
        card.add("ORG", company)
        card.add("DEPARTMENT", PATH_JOINER.join(u for u in units if u))
    elif name in ("TITLE", "ROLE"):
        card.add(name, _text(value))
    elif name == "TEL":
        if "FAX" not in types or "VOICE" in types:  # a fax number is no number to call
            card.add("TEL", re.sub(r"^tel:", "", _text(value), flags=re.IGNORECASE), preferred)
    elif name == "EMAIL":
        card.add("EMAIL", re.sub(r"^mailto:", "", _text(value), flags=re.IGNORECASE), preferred)
    elif name == "NOTE":
        card.add("NOTE", _text(value))
    elif name in ("KIND", "X-ABSHOWAS"):
        card.add(name, _text(value).strip().upper())
    elif name in ("X-ABRELATEDNAMES", "X-ABLABEL") and group:  # a related name and its label, by their group
        card.add(f"{name} {group}", _text(value).strip())
    elif name == "X-ANDROID-CUSTOM":
        kind, related, number_type, label, *_rest = [*_parts(value), "", "", "", ""]
        if kind.lower() == _ANDROID_RELATION and related:
            custom = number_type.strip() == _ANDROID_CUSTOM and _is_manager(label)
            if number_type.strip() == _ANDROID_MANAGER or custom:
                card.add("ANDROID_MANAGER", related)


def _manager(card: _Card) -> list[str]:
    """The names a card's related names labelled Manager give (`item1.X-ABRELATEDNAMES:王建国` with
    `item1.X-ABLabel:_$!<Manager>!$_`, or a label the import reads as a manager column: 上级, 直属上级; Android's
    of type 7, or of a custom type with such a label), in the card's order; an Assistant's, a Spouse's … none."""
    names = card.get("ANDROID_MANAGER")
    for key in card.values:
        if key.startswith("X-ABRELATEDNAMES "):
            label = (card.get(f"X-ABLABEL {key.partition(' ')[2]}") or [""])[0]
            apple = _APPLE_LABEL.match(label)
            if _is_manager(apple[1] if apple else label):
                names += card.get(key)
    return names


def _is_manager(label: str) -> bool:
    """Whether a related name's label names a manager as the import reads a column's header (`headers.LOOKUP`):
    Manager, 上级, 直属上级; Assistant, Spouse … not."""
    return LOOKUP.get(header_key(label)) == "manager"


def _is_company(card: _Card) -> bool:
    """Whether a card is a company's, not a person's: vCard 4.0's `KIND:org`, the iPhone's and macOS Contacts'
    `X-ABShowAs:COMPANY`, or no name in N and an FN that is the ORG (Outlook, Google: a switchboard, a supplier)."""
    if "ORG" in card.get("KIND") or "COMPANY" in card.get("X-ABSHOWAS"):
        return True
    fn, org = card.get("FN"), card.get("ORG")
    return bool(fn and org and fn[0] == org[0] and not card.get("N_FAMILY") and not card.get("N_GIVEN"))


def _decoded(raw: str, params: dict[str, list[str]], card: _Card, number: int, name: str) -> str:
    """A value as text: quoted-printable or base64 bytes decoded in the line's CHARSET (else UTF-8, else as
    `io.text.decode` reads them); ReadError `vcard_value` naming the card, the line and the property when they
    do not decode."""
    encodings = {e.upper() for e in params.get("ENCODING", [])}
    charset = (params.get("CHARSET") or [""])[0]
    if not encodings & {"QUOTED-PRINTABLE", "B", "BASE64"}:
        return raw
    try:
        if "QUOTED-PRINTABLE" in encodings:
            data = quopri.decodestring(raw.encode("utf-8"))
        else:
            data = base64.b64decode(raw.encode("ascii", "ignore"), validate=False)
        if charset:
            codec = codec_for(charset)
            if codec is None:
                raise LookupError(charset)
            return data.decode(codec)
        return decode(data).text
    except (ValueError, LookupError, binascii.Error, UndecodableError):
        raise ReadError("vcard_value", card=card.number, line=number, property=name, value=raw[:80]) from None


def _text(value: str) -> str:
    """A text value unescaped (RFC 6350 §3.4): `\\n` a line break, `\\,` `\\;` `\\\\` themselves; a backslash
    before anything else stays."""
    if "\\" not in value:
        return value
    return _UNESCAPE.sub(
        lambda m: _UNESCAPED.get(m.group(1), m.group(1) if m.group(1) in ",;\\" else m.group()), value
    )


def _parts(value: str) -> list[str]:
    """A structured value's parts (N, ORG), split at the `;` no backslash escapes, each unescaped and trimmed."""
    return [_text(p).strip() for p in _STRUCTURED.sub(lambda m: m.group(1) + "\x00", value).split("\x00")]
