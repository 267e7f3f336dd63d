"""Each row of a people import matched to the account's person it is, if any: by the map's own id, an external id,
the e-mail, the phone, then the name and department. Part of the plan (importer.plan_import): nothing is written
here; the matches, problems and notices are added to the plan."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from battlemap.io.matching import department_key, email_key, id_key, match_name
from battlemap.io.middle_names import middle_name_added, middle_names_agree
from battlemap.io.phones import PhoneBook
from battlemap.io.same_person import same_person_name
from battlemap.people.models import Person

from .namesakes import by_name_part, differs, name_within_notice, namesake_notice, phone_changed
from .person_row import PersonRow
from .plan import Known, Plan
from .problems import Named, Problem
from .rows import name_column

# what matching and change detection read of the account's people (a model instance each costs more)
KNOWN_FIELDS = (
    "id", "name", "title", "email", "phone", "external_id", "status", "left_on", "notes", "duties", "concerns",
    "personal_win", "org_unit_id",
    "reports_to_id", "external", "organisation", "name_key", "placeholder",
)  # fmt: skip


def match_people(plan: Plan, account: Any) -> None:
    """Match on external id (a Salesforce id in either form), then email, then phone, then name + org unit — each
    compared by its key (io.text: half-width, case- and space-insensitive); a name given name first, or with a middle
    name (PersonRow.family_first, .without_middle), is read so when only that reading names someone. A name that
    matches several people and nothing else tells them apart is a problem naming the row."""
    existing = [
        Known(**values)
        for values in Person.objects.filter(account=account).values(*KNOWN_FIELDS, unit=F("org_unit__name"))
    ]
    by_ext, by_email, by_name = {}, {}, {}
    by_phone: PhoneBook[Known] = PhoneBook()
    for p in existing:
        if p.external_id:
            by_ext[id_key(p.external_id)] = p
        if p.email:
            by_email[email_key(p.email)] = p
        if p.phone:
            by_phone.add(p.phone, p)
        by_name.setdefault(match_name(p.name), []).append(p)
    for r in plan.rows:  # 文博 许 is the map's 许文博 when no one is 文博许; John F. Kennedy its John Kennedy
        if match_name(r.name) not in by_name:
            r.name = next((n for n in r.other_readings() if match_name(n) in by_name), r.name)
    has_department = "department" in plan.columns.fields
    by_pk, by_han = {p.pk: p for p in existing}, by_name_part(existing)
    # rows whose name is said already (a formula saved without its value): not also "empty"
    unnamed = {p.row for p in plan.problems if p.column in ("name", "first_name", "last_name")}
    for r in plan.rows:
        # the map's own id (Battlemap's export) names the person, when they are on this map
        match = by_pk.get(r.map_id) if r.map_id else None
        found_by = "map_id"
        if match is None and r.external_id:
            match, found_by = by_ext.get(id_key(r.external_id)), "external_id"
        if match is None and r.email:
            match, found_by = by_email.get(r.email), "email"  # rows hold e-mails in their key form already
            if match is not None and not _same_by_email(plan, r, match):
                plan.matches[r.row] = None
                continue
        if match is None and by_phone and r.phone and len(phoned := by_phone.find(r.phone, limit=2)) == 1:
            same = phoned[0]
            named = not r.name or match_name(same.name) == match_name(r.name)
            match = same if named and not differs(r, same) else None  # a shared desk phone: two people
            found_by = "phone"
        if match is None and r.name:
            found_by = "name"
            namesakes = by_name.get(match_name(r.name), [])
            # a namesake whose e-mail, id or phone is another than the row's is another person (张伟, 王芳)
            candidates = [p for p in namesakes if not differs(r, p)]
            # a department cell left blank says no department (a CRM export's contact without one, a roster's
            # member of the company's root): not a move, and not a second person of that name
            if has_department and r.department:
                unit = department_key(r.department)  # as services._org_units finds the unit
                same_unit = [p for p in candidates if department_key(p.unit or "") == unit]
                # a person whose department was never recorded is the same person when the name is unique
                elsewhere, candidates = (
                    candidates,
                    same_unit or [p for p in candidates if p.org_unit_id is None],
                )
                if elsewhere and not candidates and not (r.external_id or r.email or r.phone):
                    units = sorted({p.unit or "—" for p in elsewhere})
                    plan.notices.append(Problem(r.row, "name", "same_name_elsewhere", {"units": units}))
            if len(candidates) == 1:
                match = candidates[0]
            elif len(candidates) > 1 and not (r.external_id or r.email):
                names = [Named(p.name, p.pk) for p in candidates]
                plan.problems.append(Problem(r.row, "name", "ambiguous_person", {"names": names}))
            if match is None and namesakes and not candidates:
                match = phone_changed(plan, r, namesakes)
            if match is None and len(candidates) != len(namesakes):
                namesake_notice(plan, r, [p for p in namesakes if p not in candidates])
            elif (
                match is None and not namesakes
            ):  # 王建明 (Jimmy) beside 王建明, a middle name added: maybe him, said
                name_within_notice(plan, r, by_han)
        if match is None and not r.name and r.row not in unnamed:
            _nobody_to_update(plan, r)
        owner = by_email.get(r.email) if r.email and match is not None else None
        if owner is not None and owner is not match:  # matched by id, phone or name; the e-mail is another's
            params = {
                "value": r.email,
                "owner": Named(owner.name, owner.pk),
                "person": Named(match.name, match.pk),
            }
            plan.problems.append(
                Problem(r.row, "email", "email_of_other_found", {**params, "found_by": found_by})
            )
        plan.matches[r.row] = match


def _nobody_to_update(plan: Plan, r: PersonRow) -> None:
    """A row without a name that its ids and e-mail match to nobody: a new person, who needs a name — a problem
    on the name naming what was looked for (never a name made up from the e-mail); in a file of references
    without a name column (contact roles), the contact its id names is missing."""
    if r.external_id and not r.present & {"name", "first_name", "last_name"}:
        plan.problems.append(Problem(r.row, "external_id", "unknown_contact", {"value": r.external_id}))
        return
    email = r.email_as_written if r.email else ""  # an e-mail refused as no address is said on its own
    keys = [(k, v) for k, v in (("map_id", r.map_id), ("external_id", r.external_id), ("email", email)) if v]
    if keys:  # said on Name, whatever the name columns: "row 4, Name: empty — no one on the map has …"
        plan.problems.append(Problem(r.row, "name", "empty_new", {"keys": keys}))
    else:  # an id or e-mail refused as such, said on its own
        plan.problems.append(Problem(r.row, name_column(plan.columns.fields), "empty"))


def _same_by_email(plan: Plan, r: PersonRow, person: Known) -> bool:
    """A row matched to `person` by e-mail alone. When the row's name is another person's
    (io.same_person.same_person_name: the mailbox was handed on, it-desk@ from Lei Wang to Fang Chen) it is a
    problem naming the row — never a rename. When the name is the person's in another script (钱文 /
    "Wen Qian"), or with a middle name added or left out (io.middle_names: "John Fitzgerald Kennedy" / John
    Kennedy), or its initial for it ("Grace B. Hopper" / Grace Brewster Hopper), the stored name stays; when the row carries another system's id the first id stays (a DingTalk 工号
    is not replaced by a Salesforce id): both said by row in the summary, the name's notice saying which."""
    if r.name and not same_person_name(r.name, person.name):
        params = {"value": r.email, "owner": Named(person.name, person.pk)}
        plan.problems.append(Problem(r.row, "email", "email_of_other_person", params))
        return False
    if r.name and match_name(r.name) != match_name(person.name):
        plan.keep_name.add(r.row)
        code = (
            "name_kept_middle_added"
            if middle_name_added(r.name, person.name)
            else "name_kept_middle_left_out"
            if middle_name_added(person.name, r.name)
            else "name_kept_middle_initial"
            if middle_names_agree(r.name, person.name)
            else "name_kept"
        )
        plan.notices.append(Problem(r.row, "name", code, {"value": r.name, "name": person.name}))
    if r.external_id and person.external_id and id_key(r.external_id) != id_key(person.external_id):
        plan.keep_external_id.add(r.row)
        params = {"value": r.external_id, "name": person.name, "kept": person.external_id}
        plan.notices.append(Problem(r.row, "external_id", "external_id_kept", params))
    return True
