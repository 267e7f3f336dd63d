"""A training case's documents, written from the codes of its anonymised map (`cases` makes the map): the org
chart fragment, what the map records of each person, who sways whom, the meetings by day and kind, and the
reasons a trainee's answers are scored against. Nothing anyone typed is used; punctuation is the language's
(`battlemap.punctuation`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.text import pinyin_words
from battlemap.punctuation import aside, clauses, join_names, labelled
from battlemap.vocab import (
    DEAL_STATUSES,
    DECISION_STYLES,
    EXTERNAL_KINDS,
    FLAGS,
    INTERACTION_KINDS,
    LINK_KINDS,
    NEEDS_LEVELS,
    PERSON_STATUSES,
    RELATIONSHIPS,
    TRAITS,
)


def pinyin_name(zh: str) -> str:
    """A generated Chinese name as an English reader writes it: 孙晓明 -> "Sun Xiaoming"."""
    syllables = pinyin_words(zh)
    return " ".join([syllables[0].title(), "".join(syllables[1:]).title()])


def shown_names(lang: str, people: dict[int, dict[str, Any]]) -> dict[int, str]:
    """Each case person's generated name as `lang` writes it (English: its pinyin)."""
    return {pid: pinyin_name(p["name"]) if lang == "en" else p["name"] for pid, p in people.items()}


# What a seller saw of a person's attitude to us, as a case tells it: behaviour to read, not the attitude's name
# (a trainee judging the attitude has something to judge by; the picker's help describes the attitudes).
ATTITUDE_CUES = {
    "advocate": gettext_lazy("spoke up for us in meetings we were not in and introduced us to colleagues"),
    "supporter": gettext_lazy("said our proposal fits when we asked"),
    "neutral": gettext_lazy("has not taken a side between the vendors"),
    "skeptic": gettext_lazy("asked for more proof and raised objections to our proposal"),
    "opponent": gettext_lazy("argued for another vendor and against our proposal"),
    "unknown": gettext_lazy("we never learnt where they stand"),
}


def person_facts(p: dict[str, Any], role: dict[str, Any] | None, lang: str) -> list[str]:
    """What the map records of a person in codes, in words: style, needs, traits, relationship, favourite, and
    what we saw of their attitude (`ATTITUDE_CUES`)."""
    portrait = p["portrait"]
    facts = []
    if portrait["decision_style"]:
        facts.append(
            _("decision style: %(v)s") % {"v": DECISION_STYLES.label(portrait["decision_style"], lang)}
        )
    if portrait["needs_level"]:
        facts.append(_("needs: %(v)s") % {"v": NEEDS_LEVELS.label(portrait["needs_level"], lang)})
    rated = [f"{TRAITS.label(t, lang)} {v}/5" for t, v in portrait["traits"].items() if v is not None]
    if rated:
        facts.append(join_names(lang, rated))
    if role is not None and role["relationship"] is not None:
        facts.append(
            _("relationship with us: %(v)s") % {"v": RELATIONSHIPS.label(role["relationship"], lang)}
        )
    if p["favours"]:
        facts.append(_("favours %(competitor)s") % {"competitor": p["favours"]})
    if role is not None and role.get("attitude") in ATTITUDE_CUES:
        facts.append(str(ATTITUDE_CUES[role["attitude"]]))
    return facts


def narrative(
    lang, the_map, people, interactions, flags, status, company, *, days, more=()
) -> dict[str, Any]:
    """The documents a trainee reads, generated from codes of the anonymised map (no typed text), and the
    reasons quoted from them. `days`: a date's day of the case (`case_process.Days`); `more`: the documents of
    its bodies and process (`case_process.documents`), told before the meetings."""
    shown = shown_names(lang, people)
    reasons: dict[str, str] = {}
    org_lines = []
    for pid, p in people.items():
        boss = p["reports_to"]
        post = p["title"] or (EXTERNAL_KINDS.label(p["external_kind"], lang) if p["external_kind"] else "—")
        line = f"{shown[pid]} — {post}"
        if p["organisation"]:
            line += aside(lang, p["organisation"])
        if p["status"] == "left":  # key_person_left is judged from it
            line += aside(lang, PERSON_STATUSES.label("left", lang))
        if boss:
            line += " " + _("reports to %(name)s") % {"name": shown[boss]}
        org_lines.append(line)
        reasons[f"roles:{pid}"] = line
        reasons[f"attitude:{pid}"] = line
    note_lines = []
    for r in the_map["deals"][0]["roles"]:
        pid = r["person"]
        facts = person_facts(people[pid], r, lang)
        if facts:
            line = labelled(lang, shown[pid], clauses(lang, facts))
            note_lines.append(line)
            reasons[f"attitude:{pid}"] = line
    seen = []
    for link in the_map["influence_links"]:
        line = _("%(a)s → %(b)s: %(kind)s") % {
            "a": shown[link["from"]],
            "b": shown[link["to"]],
            "kind": LINK_KINDS.label(link["kind"], lang),
        }
        seen.append(line)
        reasons[f"link:{link['from']}->{link['to']}"] = line
    meetings = []
    for i in interactions[-40:]:
        meetings.append(
            _("Day %(day)s, %(kind)s with %(who)s")
            % {
                "day": days(i["date"]) or 1,
                "kind": INTERACTION_KINDS.label(i["kind"], lang),
                "who": join_names(lang, (shown[p] for p in i["people"])),
            }
        )
    dm = next(r["person"] for r in the_map["deals"][0]["roles"] if "decision_maker" in r["roles"])
    reasons["decision_maker"] = reasons.get(f"roles:{dm}", "")
    for f in flags:  # not in the narrative: the trainee has to see the flag
        reason = FLAGS.label(f["code"], lang)
        if f["people"]:
            reason = labelled(lang, reason, join_names(lang, (shown[p] for p in f["people"])))
        reasons[f"flag:{f['code']}"] = reason
    documents = [{"kind": "org_chart", "title": _("Org chart fragment"), "body": "\n".join(org_lines)}]
    if note_lines:
        documents.append(
            {
                "kind": "notes",
                "title": _("What the map records of each person"),
                "body": "\n".join(note_lines),
            }
        )
    if seen:
        documents.append(
            {"kind": "notes", "title": _("Who sways whom, as we saw it"), "body": "\n".join(seen)}
        )
    documents += list(more)
    if meetings:
        documents.append(
            {"kind": "meeting_notes", "title": _("Meetings and mails"), "body": "\n".join(meetings)}
        )
    return {
        "title": _("Case: %(company)s (%(outcome)s)")
        % {"company": company, "outcome": DEAL_STATUSES.label(status, lang)},
        "summary": _(
            "Made from a real deal from its structured facts only, with generated names: nothing anyone "
            "typed in the account is in it."
        ),
        "brief": _(
            "Read the facts of this real deal and draw its battle map: roles, attitudes, influence, who sways "
            "whom, who really decided, and the red flags."
        ),
        "documents": documents,
        "reasons": reasons,
    }
