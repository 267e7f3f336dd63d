"""Whose people are the account's own in a people import (`account_companies`): which company of the file is the
account's, and which rows come in as external people of another company. Part of the plan (importer.plan_import):
nothing is written here."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from battlemap.io.company_names import account_company_keys, company_key
from battlemap.io.matching import email_key, id_key, match_name
from battlemap.io.phones import PhoneBook
from battlemap.people.models import Person

from .namesakes import differs
from .person_row import PersonRow
from .plan import Known, Plan


def account_companies(plan: Plan, account: Any) -> None:
    """The account's own company: the file's spellings of the account's name, short forms included
    (`company_names.account_company_keys`: legal forms, case, width, traditional or simplified alike, the place
    and its 省/市/区/县 word dropped — 深圳智慧交通 and 智慧交通 are 深圳市智慧交通集团有限公司), or of a name it is also
    written as (`Account.company_names`: 华东能投, taken by an earlier import), else the company whose
    rows' e-mails are of the domains the account's people already use (`@cs.example`: three Accenture
    consultants do not make the customer Accenture) or whose rows are the account's own people on the map
    (`_company_of_own_people`: a roster writing the customer 华东能投 again, whose first import made them the
    account's people — a reviewer's second import turned them external), else — on an account that holds none
    of its own people yet
    (the first file names the customer as it writes it) — the most common company of the file, unless the map
    already holds it as the organisation of external people. Rows of the same company under another spelling
    belong to it; people of other companies come in as external. When no company of the file is the account's
    (a design institute's list imported on an account whose own people are on the map), every row with a
    company is external and `plan.account_not_in_file` names the account for the summary to say so: a reviewer's
    list of 华东电力设计院 had become the account's own people, an external person turned internal without a word.
    A cell listing several companies (HubSpot's `Acme Corporation;Acme Holdings`) is the account's when one of
    them is the account's name. A company taken by a rule other than the account's names is
    `plan.new_company_name`, for the write to keep among them (`accounts.services.account_company_name_remember`)."""
    own_names = account_company_keys(
        getattr(account, "name", "") or "", getattr(account, "company_names", None) or ()
    )
    for r in plan.rows:  # HubSpot's Associated Company lists several: `Acme Corporation;Acme Holdings`
        parts = [part.strip() for part in re.split(r"[;；]", r.company or "") if part.strip()]
        if len(parts) > 1:
            r.company = next((part for part in parts if company_key(part) in own_names), r.company)
    spellings = Counter(r.company for r in plan.rows if r.company)  # each spelling keyed once
    keys: dict[str, Counter] = {}
    key_of = {company: company_key(company) for company in spellings}
    for company, n in spellings.items():
        keys.setdefault(key_of[company], Counter())[company] += n
    if not keys:
        return
    own = own_names & keys.keys()  # the account's name outranks any number of rows of another company
    named = bool(own)
    if not own:
        found = _company_of_own_people(plan, account, key_of) or _first_file_company(account, keys)
        own = {found} if found else set()
    if own:
        # the most rows, then the first in the file (not the set's order: a tie named another spelling run to run)
        plan.account_company = sum((keys[k] for k in keys if k in own), Counter()).most_common(1)[0][0]
        plan.new_company_name = "" if named else plan.account_company  # kept by the write (services)
    else:
        plan.account_not_in_file = getattr(account, "name", "") or ""
    plan.external_rows = {r.row for r in plan.rows if r.company and key_of[r.company] not in own}


def _company_of_own_people(plan: Plan, account: Any, key_of: dict[str, str]) -> str | None:
    """The company (its key) of the most rows that are the account's own people: an e-mail of a domain the
    account's internal people use, or a row naming one of them — by e-mail, id, phone (each by its key), or by a
    name only one person of the account has, with no e-mail, id or phone telling them apart (`namesakes.differs`),
    these counting only when such rows are at least half of the company's rows (one namesake in a design
    institute's list of four made the institute the customer, and was kept as its name: a reviewer's trial).
    None when no row is. A row naming an external person (a design institute's 钱工) counts for no company."""
    people = [Known(**v) for v in Person.objects.filter(account=account).values(*_OWN_FIELDS)]
    own = [p for p in people if not p.external]
    domains = {p.email.rpartition("@")[2].lower() for p in own if p.email}
    emails = {email_key(p.email) for p in own if p.email}
    ids = {id_key(p.external_id) for p in own if p.external_id}
    phones: PhoneBook[bool] = PhoneBook()
    for p in own:
        phones.add(p.phone or "", True)
    by_name: dict[str, list[Known]] = {}
    for p in people:
        by_name.setdefault(match_name(p.name), []).append(p)

    def is_own(r: PersonRow) -> str:
        """ "key": an e-mail (or its domain), id or phone of the account's own people; "name": their name only."""
        if r.email and (r.email in emails or r.email.rpartition("@")[2] in domains):
            return "key"  # rows hold e-mails in their key form already
        if (r.external_id and id_key(r.external_id) in ids) or (r.phone and phones.find(r.phone, limit=1)):
            return "key"
        namesakes = by_name.get(match_name(r.name), []) if r.name else []
        alone = len(namesakes) == 1 and not namesakes[0].external and not differs(r, namesakes[0])
        return "name" if alone else ""

    rows = Counter(key_of[r.company] for r in plan.rows if r.company)
    found = {kind: Counter() for kind in ("key", "name")}
    for r in plan.rows:
        if r.company and (kind := is_own(r)):
            found[kind][key_of[r.company]] += 1
    # a name alone is weak: a namesake (the institute's 杨帆 beside the customer's) must not make a company the
    # account's — names vote only when they are at least half of the company's rows (a roster imported again)
    votes = found["key"] + Counter(
        {k: n for k, n in found["name"].items() if 2 * (n + found["key"][k]) >= rows[k]}
    )
    return votes.most_common(1)[0][0] if votes else None


_OWN_FIELDS = ("id", "name", "email", "phone", "external_id", "external")


def _first_file_company(account: Any, keys: dict[str, Counter]) -> str | None:
    """The file's most common company (its key) as the account's, on an account that holds none of its own people
    yet — unless the map holds that company as the organisation of external people (a design institute's
    consultants, typed in before); else None: the file names other companies only."""
    people = Person.objects.filter(account=account)
    if people.filter(external=False).exists():
        return None
    top = max(keys, key=lambda k: sum(keys[k].values()))
    outside = people.filter(external=True).exclude(organisation="").values_list("organisation", flat=True)
    return None if top in {company_key(name) for name in outside} else top
