"""What a paste gives (`read_paste`): the people found (`Candidate`), and every piece of it not used with why
(`Unread`). Pure Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field

from battlemap.io.cleaning import joined
from battlemap.io.matching import match_name
from battlemap.io.phones import every_phone

# What a person pasted again gives the first row (`Candidate.take_fields`), beside the duties
_TAKEN = ("title", "organisation", "department", "email", "phone", "manager")


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
    # (field, value, line) each field filled or joined from a later line naming this person again (`take_fields`)
    taken: list[tuple[str, str, int]] = field(default_factory=list, compare=False)

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
        """A duty line or cell (`duties.duty`) beside this person: their duties, after any read before."""
        self.duties = "\n".join(d for d in (self.duties, text.strip()) if d)
        self.lines.append(line)
        self.duty_parts.append((line, text.strip()))

    def same_person(self, again: Candidate) -> bool:
        """`again` names this person again: the same name, and not two different e-mails (two 张伟 of the same
        customer, each with an address, are two people); the caller finds a same e-mail by its key."""
        if self.email and again.email:  # asked first: a paste of thousands of rows of one name, each with its
            return False  # own address, was each compared by name with every person kept (4,900 rows: 16 s)
        return bool(self.name) and match_name(again.name) == match_name(self.name)

    def take_fields(self, again: Candidate) -> None:
        """What `again`, this person pasted a second time (`张伟 中国银行上海分行行长`, then `张伟 党委书记 139…`), adds:
        each field this row lacks is filled, a second title joins the first as a sheet's person given over two rows
        does (`cleaning.joined`: 行长 / 党委书记), a second phone stands beside the first (`phones.every_phone`), and
        a different e-mail, organisation, department or manager is a doubt, the row flagged. Each field filled or
        joined is in `taken`, with the line it came from, for the preview to say so."""
        line = again.lines[0] if again.lines else 0
        for name in _TAKEN:
            mine, theirs = getattr(self, name), getattr(again, name)
            if not theirs or theirs == mine:
                continue
            if name == "title":
                value = joined(mine, theirs)
            elif name == "phone":
                value = every_phone([mine, theirs])
            else:
                value = theirs if not mine else mine
            if value == mine:
                if name not in ("title", "phone"):
                    self.doubts.append((name, theirs))
                continue
            setattr(self, name, value)
            self.taken.append((name, theirs, line))
        self.doubts.extend(again.doubts)

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
    `address`, `place` (a LinkedIn location, `Seattle, Washington, United States`: `places`), `heading` (领导班子,
    `Our team` on a line of its own), `duties` (主持…工作, 分管… with no person beside them), `no_person` (no name or e-mail in it or beside it), `duplicate`, `over_limit`, `column` (a cell of a
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
