"""API schemas of people, influence links and paste-to-add."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Field, Schema

from battlemap import vocab
from battlemap.core.schemas import Id, InSchema, OnAccount, Text, id_of, patch_of, put_of, text
from battlemap.people.forms import PASTE_MAX_CELLS, PASTE_MAX_CHARS
from battlemap.people.selectors_paste import PASTE_MAX_ROWS

Trait = int | None
TRAIT = Field(None, ge=1, le=5, description="1–5, or null when unknown")


class PersonFields(InSchema):
    name: text(200, min_length=1)
    title: text(200) = ""
    org_unit: Id | None = Field(None, description="id of a department of the same account")
    reports_to: Id | None = Field(None, description="id of the person's solid-line manager")
    email: text(254) = ""
    phone: text(60) = ""
    status: Literal[vocab.PERSON_STATUSES] = "active"
    left_on: date | None = None
    placeholder: bool = False
    external: bool = False
    external_kind: Literal[("", *vocab.EXTERNAL_KINDS)] = ""
    organisation: text(200) = ""
    duties: Text = ""
    concerns: Text = ""
    decision_style: Literal[("", *vocab.DECISION_STYLES)] = ""
    needs_level: Literal[("", *vocab.NEEDS_LEVELS)] = ""
    power: Trait = TRAIT
    expertise: Trait = TRAIT
    budget_control: Trait = TRAIT
    network: Trait = TRAIT
    personal_win: Text = ""
    notes: Text = ""
    external_id: text(120) = Field("", description="the person's id in your CRM")


class PersonIn(PersonFields):
    """A new person. One whose name is already on the map (the web's "Already on the map") is refused, 422
    naming `name` and the people found, unless `another_person` is true; an e-mail another person of the
    account has is refused whatever it says (422 naming `email` and who has it: `people.models.email_owners`)."""

    another_person: bool = Field(
        False,
        description="add them even if a person of the same name is already on the map (never one of the same e-mail: "
        "an e-mail is one person's)",
    )


class PersonEdit(PersonFields):
    """A person's fields as changed: a new name already on the map (another person's) is refused as a new
    person's is, unless `another_person` is true."""

    another_person: bool = Field(
        False, description="rename them even if another person of that name is already on the map"
    )


PersonPatch = patch_of(PersonEdit, stem="Person")
PersonPut = put_of(PersonEdit, stem="Person")


class PersonOut(OnAccount):
    name: str
    title: str
    org_unit: int | None
    reports_to: int | None
    email: str
    phone: str
    status: str
    left_on: date | None
    placeholder: bool
    external: bool
    external_kind: str
    organisation: str
    duties: str
    concerns: str
    decision_style: str
    needs_level: str
    power: int | None
    expertise: int | None
    budget_control: int | None
    network: int | None
    personal_win: str
    notes: str
    external_id: str

    resolve_org_unit = id_of("org_unit")
    resolve_reports_to = id_of("reports_to")


class PersonFilter(Schema):
    search: text(100) | None = Field(None, description="name (characters or pinyin), title or email")
    org_unit: Id | None = None
    status: Literal[vocab.PERSON_STATUSES] | None = None
    external: bool | None = None
    external_id: text(120) | None = None


class InfluenceLinkIn(InSchema):
    source: Id = Field(description="the person who sways")
    target: Id = Field(description="the person who is swayed")
    kind: Literal[vocab.LINK_KINDS] = "advises"
    strength: int = Field(2, ge=vocab.LINK_STRENGTH_MIN, le=vocab.LINK_STRENGTH_MAX)
    note: Text = ""


class InfluenceLinkOut(OnAccount):
    source: int
    target: int
    kind: str
    strength: int
    note: str

    resolve_source = id_of("source")
    resolve_target = id_of("target")


class InfluenceLinkFilter(Schema):
    person: Id | None = Field(None, description="links from or to this person")
    kind: Literal[vocab.LINK_KINDS] | None = None


class DottedLineIn(InSchema):
    manager: Id = Field(description="the dotted-line (secondary) manager, a person of the same account")


class DottedLineOut(Schema):
    id: int
    person: int
    manager: int

    resolve_person = id_of("person")
    resolve_manager = id_of("manager")


# --- paste-to-add -----------------------------------------------------------------------------------


PastedText = text(PASTE_MAX_CHARS, min_length=1)


class PasteIn(InSchema):
    """A pasted block of people, read as the web's *Paste to add* reads it."""

    text: PastedText = Field(
        description="a member list (WeCom, Outlook, Teams…), a leaders page, a business card, signatures, an Excel "
        f"or web table: at most {PASTE_MAX_CHARS:,} characters and {PASTE_MAX_CELLS:,} cells",
        examples=["姓名\t职务\t部门\t邮箱\n赵丽\t副主任\t信息中心\tzhaoli@example.cn"],
    )
    dry_run: bool = Field(True, description="true: the preview only, nothing is stored")
    rows: list[Id] | None = Field(
        None,
        min_length=1,
        max_length=PASTE_MAX_ROWS,
        description="the preview's rows to add (their `row`); left out: every row not on the map nor of our side",
    )


class MatchOut(Schema):
    id: int
    name: str


class DoubtOut(Schema):
    field: str
    value: str


class TakenOut(Schema):
    field: str
    value: str
    line: int


class PastedPersonOut(Schema):
    row: int = Field(description="the row's number, as an error naming a row says it (`Row 2, …`)")
    name: str
    title: str
    department: str = Field(
        description="their department: on adding, the account's unit of that name or a new one"
    )
    phone: str
    email: str
    organisation: str
    manager: str = Field(
        description="the name of their solid-line manager: a row of the paste or a person of the map"
    )
    duties: str = Field(
        description="their duties, from a leaders page's duty lines (主持…, 分管…, Responsible for …)"
    )
    lines: list[int] = Field(description="the lines of the paste it was read from (1-based)")
    doubts: list[DoubtOut] = Field(
        description="a second value of a field, not used (field `person`: a line read as their organisation that may be "
        "another person's name): check the row"
    )
    taken: list[TakenOut] = Field(
        description="each field filled or joined (a second title) from a later line naming the same person again"
    )
    on_map: list[MatchOut] = Field(description="the people of the map with its name or e-mail")
    our_side: str = Field(description="our side's mail domain when its e-mail is ours, else empty")
    refused: list[str] = Field(
        description="what adding it would refuse (a field over its limit, no name, a bad e-mail), each naming the "
        "row and the field: `add` is false"
    )
    add: bool = Field(description="added (dry run: would be added)")


class UnreadOut(Schema):
    line: int
    last: int | None = Field(description="the last line when it spans several, else null")
    text: str
    kind: str = Field(
        description="why, as a code: sign_off, fax, address, messenger, employee_no, place, heading, duties, "
        "no_person, duplicate, "
        "over_limit, column, control, not_read"
    )
    reason: str = Field(description="why, in the asked language")


class PasteOut(Schema):
    dry_run: bool
    people: list[PastedPersonOut]
    unread: list[UnreadOut] = Field(
        description="every line or cell not used, with why (duty lines beside no person: `duties`)"
    )
    added: list[PersonOut] = Field(description="the people added; empty on a dry run")
