"""What a paste gives (`read_paste`): the people found (`Candidate`), and every piece of it not used with why
(`Unread`). Pure Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""
    department: str = ""
    manager: str = ""  # the name of their solid-line manager, from a column or a label that says so
    duties: str = ""  # a leaders page's duty lines (主持…工作, 分管…), one a line: the portrait's Duties
    source: str = field(default="", compare=False)  # the text it came from, for the preview
    # (field, value) a second value of a field the person already had — not used; the preview flags the row
    doubts: list[tuple[str, str]] = field(default_factory=list, compare=False)
    lines: list[int] = field(default_factory=list, compare=False)  # the 1-based lines it came from
    # (line, text as pasted) of each duty line or cell read as theirs (`add_duties`)
    duty_parts: list[tuple[int, str]] = field(default_factory=list, compare=False)

    def as_fields(self) -> dict[str, str]:
        return {
            "name": self.name,
            "title": self.title,
            "email": self.email,
            "phone": self.phone,
            "organisation": self.organisation,
            "department": self.department,
            "manager": self.manager,
            "duties": self.duties,
        }

    def add_duties(self, text: str, line: int) -> None:
        """A duty line or cell (`cells.duty`) beside this person: their duties, after any read before."""
        self.duties = "\n".join(d for d in (self.duties, text.strip()) if d)
        self.lines.append(line)
        self.duty_parts.append((line, text.strip()))

    def take_duties(self, again: Candidate) -> Candidate:
        """The duties of `again`, this person pasted a second time (a member list, then a leaders page with their
        duties), made this person's — a line of them they already have is not repeated — and `again` without
        them: its lines and text, to list as the same person as an earlier line."""
        have = self.duties.split("\n")
        self.duties = "\n".join(d for d in dict.fromkeys(have + again.duties.split("\n")) if d)
        lines, source = list(again.lines), again.source.split(" · ")
        for line, text in again.duty_parts:
            self.lines.append(line)
            lines.remove(line)
            if text in source:
                source.remove(text)
        return Candidate(name=again.name, source=" · ".join(source), lines=lines)


@dataclass(frozen=True)
class Unread:
    """A piece of the paste not used: its 1-based `line`, its `text` and why (`reason`): `sign_off`, `fax`,
    `address`, `heading` (领导班子, `Our team` on a line of its own), `duties` (主持…工作, 分管… with no person beside
    them), `no_person` (no name or e-mail in it or beside it), `duplicate`, `over_limit`, `column` (a cell of a
    column whose header the paste does not read) or `not_read`."""

    line: int
    text: str
    reason: str
    last: int = 0  # the last line, when it spans several (a signature block); 0 when one line

    @property
    def lines(self) -> range:
        return range(self.line, max(self.line, self.last) + 1)


@dataclass
class Pasted:
    """What a paste gives: the people found, and every piece of it not used with why (`Unread`)."""

    people: list[Candidate]
    unread: list[Unread]
