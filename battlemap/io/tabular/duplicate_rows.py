"""Rows of one people file that would be one person twice: the same external id or e-mail, or one name that
nothing tells apart — each said as a problem of the later row, for the file to be mended before it is imported;
and rows that may be one person with two e-mails (`same_person_twice`), said as a notice."""

from __future__ import annotations

import heapq

from battlemap.io.matching import email_key, id_key, match_name, repeats
from battlemap.io.phones import PhoneBook, phones_differ

from .person_row import PersonRow
from .problems import Problem

# What tells two rows of one name apart when both hold it, and holds it differently (besides a phone)
TELLING = ("email", "external_id", "employee_no", "map_id", "department")


def _told_apart(a: PersonRow, b: PersonRow) -> bool:
    """Whether two rows of one name are surely two people: an e-mail, an id (a CRM's, an employee number,
    the map's own), a phone or a department both rows hold, and hold differently."""
    for f in TELLING:
        if getattr(a, f) and getattr(b, f) and getattr(a, f) != getattr(b, f):
            return True
    return bool(a.phone and b.phone and phones_differ(a.phone, b.phone))


class _Namesakes:
    """The earlier rows of one name, kept by what tells rows apart (`TELLING`), so that a row is compared only
    with those that may be the same person: of a row holding e-mail X, the rows with X or with no e-mail (of the
    field of the fewest such rows). 5,000 rows of one name told apart by their e-mails were each compared with
    every earlier row (2.9 s); each is now compared with none."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, PersonRow]] = []
        self.by_value: dict[str, dict[object, list[tuple[int, PersonRow]]]] = {f: {} for f in TELLING}
        self.without: dict[str, list[tuple[int, PersonRow]]] = {f: [] for f in TELLING}

    def first_not_told_apart(self, r: PersonRow) -> PersonRow | None:
        runs = [self.rows]
        for f in TELLING:
            if value := getattr(r, f):
                same = self.by_value[f].get(value, [])
                if len(same) + len(self.without[f]) < sum(map(len, runs)):
                    runs = [same, self.without[f]]
        return next(
            (o for _i, o in heapq.merge(*runs, key=lambda seen: seen[0]) if not _told_apart(o, r)), None
        )

    def add(self, r: PersonRow) -> None:
        seen = (len(self.rows), r)
        self.rows.append(seen)
        for f in TELLING:
            if value := getattr(r, f):
                self.by_value[f].setdefault(value, []).append(seen)
            else:
                self.without[f].append(seen)


def _same_key(a: PersonRow, b: PersonRow) -> bool:
    same_id = a.external_id and b.external_id and id_key(a.external_id) == id_key(b.external_id)
    return bool(a.email and a.email == b.email or same_id)


def duplicate_rows(rows: list[PersonRow]) -> list[Problem]:
    """The same external id or email twice in one file would make two rows fight over one person; so would
    two rows of one name that nothing tells apart (`_told_apart`): the second would come in as a second
    person, and the file could never be imported again ("the name matches several people")."""
    problems = []
    named: dict[str, _Namesakes] = {}
    for r in rows:
        if r.name and not r.opportunity_id:  # a contact-role export lists one person once per deal
            namesakes = named.setdefault(match_name(r.name), _Namesakes())
            first = namesakes.first_not_told_apart(r)
            if first is not None and not _same_key(first, r):  # the same e-mail or id is said below
                params = {"value": r.name, "other": first.row}
                problems.append(Problem(r.row, "name", "duplicate_person", params))
            namesakes.add(r)
    for f, key in (("external_id", id_key), ("email", email_key)):
        for r, value, first in repeats(((r, getattr(r, f)) for r in rows), key):
            if not r.opportunity_id:  # one person's rows for several deals: one person
                written = r.email_as_written if f == "email" else value  # quoted as the file holds it
                problems.append(Problem(r.row, f, "duplicate", {"value": written, "other": first.row}))
    return problems


def same_person_twice(rows: list[PersonRow]) -> list[Problem]:
    """A notice for a row whose name, department and phone an earlier row of the file has, with another
    e-mail: both are imported (two people may share a desk phone), but a shared mobile is most often one
    person with a work and a private address. The phone is one number however each row writes it
    (`phones.PhoneBook`, `same_phone`'s rule: `+44 7700 900123` is `07700 900123`)."""
    books: dict[tuple[str, str], PhoneBook[PersonRow]] = {}
    problems = []
    for r in rows:
        if not (r.name and r.phone and r.email):
            continue
        book = books.setdefault((match_name(r.name), r.department or ""), PhoneBook())
        if (earlier := book.find(r.phone, limit=1)) and earlier[0].email != r.email:
            problems.append(Problem(r.row, "phone", "same_person_twice", {"other": earlier[0].row}))
        book.add(r.phone, r)
    return problems
