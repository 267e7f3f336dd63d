"""How a decision body is named on every surface (deal room, org chart, bodies page, exports): its name, and its
kind only when the kind adds something the name does not already say — "党委会", not "党委会 党委会"; "院长办公会",
not "院长办公会 总经理办公会" (trial 23). Pure Python (the vocabulary only), so the exports call it too."""

from __future__ import annotations

from battlemap.vocab import BODY_KINDS

# Words that, in a body's name, already say its kind (either language: a body may be named in English on a
# Chinese page). The kind's own labels count too (`BODY_KINDS`). "other_body" says nothing the ◆ mark does not.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "party_committee": ("党委", "党组", "party committee"),
    "executive_meeting": ("办公会", "executive meeting", "executive committee", "management meeting"),
    "board": ("董事会", "board"),
    "bid_committee": ("评标", "评审委员会", "bid", "tender"),
    "procurement_committee": ("采购委员会", "采购小组", "采购领导小组", "procurement", "purchasing"),
    "steering_committee": ("指导委员会", "领导小组", "steering"),
    "expert_panel": ("专家", "expert"),
}
SAYS_NOTHING = frozenset({"other_body"})


def body_kind_shown(name: str, kind: str, lang: str | None) -> str:
    """The label of `kind` (a `vocab.BODY_KINDS` code) in `lang` to show beside a body called `name`, or ""
    when the name already says the kind (it holds the kind's label in either language or one of its
    `KIND_WORDS`, ignoring case) or the kind says nothing ("other_body"). An unknown code comes back as itself."""
    if kind in SAYS_NOTHING:
        return ""
    said = (name or "").casefold()
    words = (*KIND_WORDS.get(kind, ()), BODY_KINDS.label(kind, "zh-hans"), BODY_KINDS.label(kind, "en"))
    if any(word and word.casefold() in said for word in words):
        return ""
    return BODY_KINDS.label(kind, lang)
