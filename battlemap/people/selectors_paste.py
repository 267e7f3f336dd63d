"""Paste-to-add's preview: the people a paste gives (`io.paste.read_paste`), each with the people of the map it
matches and our side's domain, and every piece not read with why, in the reader's language. The one preview the
web page (`views_bulk.people_paste`) and the API (`POST /api/accounts/{slug}/people/paste`) show; adding goes
through `people.services.people_bulk_create`."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.io.matching import person_keys
from battlemap.io.paste import Candidate, Pasted, read_paste
from battlemap.mail.selectors.records import our_domains_of
from battlemap.punctuation import list_separator

# the most people one paste reads; the rest are listed as not read (`over_limit`)
PASTE_MAX_ROWS = 200
# the fields of a pasted row the preview shows and an add writes (people.services.people_bulk_create)
PASTE_FIELDS = ("name", "title", "email", "phone", "organisation", "department", "manager", "duties")
# the fields of a pasted row as `people.forms.person_labels` names them (its Department, Reports to columns)
_LABEL_OF = {"department": "org_unit", "manager": "reports_to"}


def unread_reason(reason: str) -> str:
    """Why a piece of a paste was not used (`io.paste.Unread.reason`), in the reader's language."""
    reasons = {
        "sign_off": _("a sign-off, not a person"),
        "fax": _("a fax number: not kept"),
        "address": _("an address: not kept"),
        "messenger": _("a messaging account (WeChat, QQ …): not kept"),
        "employee_no": _("an employee number: not kept; a roster import keeps it as the external id"),
        "heading": _("a heading, not a person"),
        "place": _("a place, not a person"),
        "duties": _("duties (主持…, 分管…): not kept; add them under Duties on the person's page"),
        "no_person": _("no name or email in it or beside it"),
        "duplicate": _("the same person as an earlier line"),
        "column": _(
            "its column is none the paste reads (name, title, email, phone, organisation, department, manager, "
            "duties)"
        ),
        "control": _("it holds an invisible control character, shown here as �: remove it and paste again"),
        "over_limit": _("more than %(count)d people in one paste: paste the rest separately")
        % {"count": PASTE_MAX_ROWS},
    }
    return reasons.get(reason, _("nothing in it reads as a name, title, email or phone"))


@dataclass
class PreviewRow:
    """One person of the preview: `index` (0-based; the preview numbers it `index + 1`), what was read, the
    people of the map it matches by name or e-mail (`io.matching.person_keys`), our side's domain when the
    e-mail is ours (an invite lists our seller too), and whether it is ticked to add."""

    index: int
    candidate: Candidate
    matches: list[tuple[int, str]] = field(default_factory=list)  # (id, name) of the people it matches
    ours: str = ""
    ticked: bool = False
    # what the add would refuse in it (people.services.new_person_problems: a name over the model's limit, no
    # name, a bad e-mail…; people.services.paste_problems: a manager who is no one or several people, a
    # department it would make and refuse), each naming the row and the field: the preview does not tick it
    refused: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return bool(self.matches)

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def taken_notes(self) -> list[str]:
        """What a later line naming this person again gave the row (`Candidate.taken`), a sentence a line, its
        fields as the preview's columns name them: `From line 4, the same person again: Title “党委书记”, Phone “139…”.`"""
        from battlemap.people.forms import (
            person_labels,
        )  # the preview's column labels (forms import selectors)

        labels, by_line = person_labels(), {}
        for name, value, line in self.candidate.taken:
            field = _LABEL_OF.get(name, name)
            by_line.setdefault(line, []).append(
                _("%(field)s “%(value)s”") % {"field": labels[field], "value": value}
            )
        joiner = list_separator(get_language() or "")
        return [
            _("From line %(line)d, the same person again: %(fields)s.")
            % {"line": line, "fields": joiner.join(fields)}
            for line, fields in by_line.items()
        ]

    def fields(self) -> dict[str, str]:
        """What an add writes for this row (people.services.people_bulk_create's row)."""
        return {f: getattr(self.candidate, f) for f in PASTE_FIELDS}


def _our_domain(email: str, ours: set[str]) -> str:
    domain = email.rpartition("@")[2].lower()
    return domain if domain in ours else ""


def paste_read(text: str) -> Pasted:
    """The people a paste gives (at most PASTE_MAX_ROWS) and the pieces not read."""
    return read_paste(text, limit=PASTE_MAX_ROWS)


def paste_preview(
    *, account: Account, user, people: list[tuple[int, Candidate]], picked: set[int] | None = None
) -> list[PreviewRow]:  # noqa: ANN001
    """The preview's rows of `people` ((index, candidate) pairs): ticked as `picked` says (the web's preview sent
    back), else every row neither on the map nor of our side that the add would not refuse (`refused`)."""
    from battlemap.people.services import new_person_problems, pasted_person

    on_map: dict[str, list[tuple[int, str]]] = {}
    for pk, name, email in account.people.order_by("name_key", "pk").values_list("pk", "name", "email"):
        for key in person_keys(name, email):
            on_map.setdefault(key, []).append((pk, name))
    ours = set(our_domains_of(account, user))
    rows = []
    for i, c in people:
        matches = list(dict.fromkeys(m for key in person_keys(c.name, c.email) for m in on_map.get(key, [])))
        row = PreviewRow(i, c, matches, _our_domain(c.email, ours))
        row.refused = new_person_problems(pasted_person(account, row.fields()), row.number)
        row.ticked = i in picked if picked is not None else not (row.known or row.ours or row.refused)
        rows.append(row)
    _refuse_beside_others(account, rows, untick=picked is None)
    return rows


def _refuse_beside_others(account: Account, rows: list[PreviewRow], *, untick: bool) -> None:
    """What the add would refuse in the ticked rows because of the other rows and the map (people.services.
    paste_problems: a manager named who is no one or several people, a department it would make and refuse),
    added to each row's `refused`. `untick`: such a row is unticked, and the rest asked again (a manager's row
    unticked is no longer in the paste)."""
    from battlemap.people.services import paste_problems

    while adding := [r for r in rows if r.ticked]:
        problems = paste_problems(
            account=account,
            rows=[r.fields() for r in adding],
            numbers=[r.number for r in adding],
            left_out={r.number: r.candidate.name for r in rows if not r.ticked},
        )
        for row in adding:
            row.refused += problems.get(row.number, [])
            row.ticked = row.ticked and not (untick and row.number in problems)
        if not (untick and problems):
            return
