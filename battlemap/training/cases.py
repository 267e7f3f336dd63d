"""Make a training case from a real account's won or lost deal, with nothing personal left in it.

The deal's map (through the map format, `io.mapformat.export_map`) becomes a scenario in the library's
format: the people with a role in the deal (and the managers they report to) get generated names, the
account, outside organisations and competitors generated company names; e-mails, phones and external
ids are dropped; every free text (titles, notes, interaction summaries, flag reasons) has each original
name, company, user, e-mail and phone replaced, and any remaining e-mail address or phone number masked.
The real map is the reference: the roles, attitudes, influence and links as recorded, the decision maker
of highest influence, and the flags the analysis raised the day before the deal closed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from battlemap.io.mapformat import FORMAT_VERSION, export_map
from battlemap.maps import account_analysis
from battlemap.training import scenarios
from battlemap.vocab import DEAL_STATUSES, INTERACTION_KINDS, LINK_KINDS

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章苏潘葛范彭鲁韦马方俞任袁柳鲍史唐薛雷贺倪汤"
GIVEN = [
    "文",
    "明",
    "静",
    "强",
    "丽",
    "军",
    "洋",
    "敏",
    "杰",
    "娟",
    "涛",
    "芳",
    "磊",
    "艳",
    "勇",
    "霞",
    "斌",
    "婷",
]
COMPANIES = ["星河", "远航", "恒信", "华岳", "博远", "晨光", "瑞丰", "天衡"]
MAX_PEOPLE = 30
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<!\d)(\+?\d[\d\s-]{5,}\d)(?!\d)")


def _pseudonym(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + GIVEN[(i * 5 + 3) % len(GIVEN)]


def _pinyin_name(zh: str) -> str:
    syllables = lazy_pinyin(zh)
    return " ".join([syllables[0].title(), "".join(syllables[1:]).title()])


class Scrubber:
    """Replaces each sensitive string by its stand-in (longest first), then masks e-mails and phones."""

    def __init__(self) -> None:
        self.pairs: dict[str, str] = {}

    def add(self, original: str | None, stand_in: str) -> None:
        original = (original or "").strip()
        if len(original) >= 2 and original not in self.pairs:
            self.pairs[original] = stand_in

    def __call__(self, text: str | None) -> str:
        text = text or ""
        for original in sorted(self.pairs, key=len, reverse=True):
            text = text.replace(original, self.pairs[original])
        text = EMAIL_RE.sub("[e-mail]", text)
        return PHONE_RE.sub("[phone]", text)


def _closing_day(deal) -> dt.date | None:
    """The last day the deal was still open before it closed (the day before its last open record)."""
    last_open = deal.history.filter(status="open").order_by("-history_date").first()
    return timezone.localdate(last_open.history_date) - dt.timedelta(days=1) if last_open else None


def _flags_before_close(account, deal, lang: str) -> list[dict[str, Any]]:
    day = _closing_day(deal)
    if day is None:
        return []
    try:
        result = account_analysis(account=account, lang=lang, as_of=day, deal_id=deal.pk)
    except ValueError:  # the deal did not exist yet on that day
        return []
    return result["deals"][0]["flags"] if result["deals"] else []


def case_from_deal(*, deal) -> tuple[str, dict[str, Any]]:
    """(title, scenario) for a won or lost `deal`. Errors: ValidationError naming `deal`."""
    if deal.status not in ("won", "lost"):
        raise ValidationError({"deal": _("Only a won or lost deal can become a case.")})
    account = deal.account
    full = export_map(account)
    d = next(x for x in full["deals"] if x["id"] == deal.pk)
    holders = [r for r in d["roles"]]
    deciders = sorted((r for r in holders if "decision_maker" in r["roles"]), key=lambda r: -r["influence"])
    if not deciders:
        raise ValidationError({"deal": _("Name the deal's decision maker before you make a case of it.")})
    by_id = {p["id"]: p for p in full["people"]}
    keep: list[int] = []
    for r in holders:
        for pid in (r["person"], by_id[r["person"]].get("reports_to")):
            if pid is not None and pid not in keep and len(keep) < MAX_PEOPLE:
                keep.append(pid)
    new_id = {pid: i + 1 for i, pid in enumerate(keep)}

    scrub = Scrubber()
    names = {pid: _pseudonym(new_id[pid]) for pid in keep}
    company = COMPANIES[deal.pk % len(COMPANIES)]
    account_zh, account_en = f"{company}集团（案例）", f"{''.join(lazy_pinyin(company)).title()} Group (case)"
    for p in full["people"]:  # everyone of the account, kept or not, is scrubbed from the texts
        stand_in = names.get(p["id"], _("someone"))
        scrub.add(p["name"], stand_in)
        scrub.add(p.get("email"), "[e-mail]")
        scrub.add(p.get("phone"), "[phone]")
        scrub.add(p.get("external_id"), "")
    organisations = sorted({p["organisation"] for p in full["people"] if p.get("organisation")})
    for i, org in enumerate(organisations):
        scrub.add(org, f"外部机构{chr(65 + i % 26)}")
    competitors = sorted({c for x in full["deals"] for c in x["competitors"]} | {deal.lost_to} - {""})
    for i, name in enumerate(competitors):
        scrub.add(name, f"竞争对手{chr(65 + i % 26)}")
    for x in full["deals"]:
        scrub.add(x["name"], f"{company}项目")
    scrub.add(account.name, account_zh)
    scrub.add(account.slug, "case")
    for user in get_user_model().objects.filter(username__in=_usernames(full)):
        scrub.add(user.get_full_name(), _("our colleague"))
        scrub.add(user.username, _("our colleague"))
        scrub.add(user.email, "[e-mail]")

    kept_units = {by_id[pid]["org_unit"] for pid in keep} - {None}
    units = [
        {"id": u["id"], "name": scrub(u["name"]), "parent": None}
        for u in full["org_units"]
        if u["id"] in kept_units
    ]
    people = []
    for pid in keep:
        p = by_id[pid]
        people.append(
            {
                "id": new_id[pid],
                "name": names[pid],
                "email": None,
                "phone": None,
                "title": scrub(p["title"]),
                "org_unit": p["org_unit"] if p["org_unit"] in kept_units else None,
                "reports_to": new_id.get(p["reports_to"]),
                "dotted_line_to": [],
                "status": p["status"],
                "left_on": None,
                "placeholder": False,
                "external": p["external"],
                "external_kind": p["external_kind"],
                "organisation": scrub(p["organisation"]),
                "external_id": None,
                "portrait": {
                    "duties": scrub(p["portrait"]["duties"]),
                    "concerns": scrub(p["portrait"]["concerns"]),
                    "decision_style": p["portrait"]["decision_style"],
                    "needs_level": p["portrait"]["needs_level"],
                    "traits": p["portrait"]["traits"],
                    "personal_win": scrub(p["portrait"]["personal_win"]),
                    "notes": scrub(p["portrait"]["notes"]),
                },
            }
        )
    roles = [
        {
            "person": new_id[r["person"]],
            "roles": r["roles"],
            "attitude": r["attitude"],
            "influence": r["influence"],
            "relationship": r["relationship"],
            "win": scrub(r["win"]),
            "favoured_competitor": scrub(r["favoured_competitor"]),
            "plan": scrub(r["plan"]),
            "covered_by": [],
        }
        for r in holders
        if r["person"] in new_id
    ]
    links = [
        {
            "from": new_id[x["from"]],
            "to": new_id[x["to"]],
            "kind": x["kind"],
            "strength": x["strength"],
            "note": scrub(x["note"]),
        }
        for x in full["influence_links"]
        if x["from"] in new_id and x["to"] in new_id
    ]
    interactions = [
        i
        for i in full["interactions"]
        if i["deal"] == deal.pk and any(p in new_id for p in i["participants"])
    ]
    the_map = {
        "format_version": FORMAT_VERSION,
        "account": {
            "slug": "case",
            "name": account_zh,
            "industry": scrub(account.industry),
            "size": "",
            "region": "",
            "segments": [],
            "potential_value": None,
            "currency": d["currency"],
            "lifecycle": "prospect",
            "owner": None,
            "team": None,
            "portrait": {k: "" for k in ("strategic_goals", "needs", "pains", "buying_behaviour", "notes")},
        },
        "org_units": units,
        "people": people,
        "influence_links": links,
        "external_factors": [],
        "deals": [
            {
                "id": 1,
                "name": scrub(d["name"]),
                "amount": None,
                "currency": d["currency"],
                "expected_close": None,
                "status": d["status"],
                "stage": d["stage"],
                "stage_history": [],
                "decision_factors": d["decision_factors"],
                "channels": {},
                "competitors": [scrub(c) for c in d["competitors"]],
                "customer_win": scrub(d["customer_win"]),
                "our_win": scrub(d["our_win"]),
                "roles": roles,
                "action_items": [],
            }
        ],
        "interactions": [],
    }
    dm = new_id[deciders[0]["person"]]
    text = {}
    flag_codes: list[str] = []
    for lang in scenarios.LANGS:
        flags = _flags_before_close(account, deal, lang)
        flag_codes = [f["code"] for f in flags]
        with translation.override("zh-hans" if lang == "zh_Hans" else "en"):
            company_name = (
                account_zh.removesuffix("（案例）")
                if lang == "zh_Hans"
                else account_en.removesuffix(" (case)")
            )
            text[lang] = _narrative(
                lang, the_map, interactions, new_id, flags, scrub, deal.status, company_name
            )
    text["en"]["names"] = {
        "account": account_en,
        "people": {str(p["id"]): {"name": _pinyin_name(p["name"])} for p in people},
    }
    title = text[scenarios.lang_key(translation.get_language())]["title"]
    return title, {
        "scenario_format": scenarios.SCENARIO_FORMAT,
        "slug": "case",
        "map": the_map,
        "answer": {"decision_maker": dm, "flags": flag_codes},
        "text": text,
    }


def _usernames(full: dict[str, Any]) -> set[str]:
    found = {full["account"]["owner"]}
    for d in full["deals"]:
        for r in d["roles"]:
            found |= set(r["covered_by"])
        found |= {a["owner"] for a in d["action_items"] if a["owner"]}
    for i in full["interactions"]:
        found |= set(i["our_participants"])
    return found - {None}


def _narrative(lang, the_map, interactions, new_id, flags, scrub, status, company) -> dict[str, Any]:
    """The documents a trainee reads (generated from the anonymised map) and the reasons quoted from them."""
    people = {p["id"]: p for p in the_map["people"]}
    if lang == "en":
        shown = {pid: _pinyin_name(p["name"]) for pid, p in people.items()}
    else:
        shown = {pid: p["name"] for pid, p in people.items()}
    reasons: dict[str, str] = {}
    org_lines = []
    for pid, p in people.items():
        boss = p["reports_to"]
        line = f"{shown[pid]} — {p['title'] or '—'}"
        if p["organisation"]:
            line += f" ({p['organisation']})"
        if boss:
            line += " " + _("reports to %(name)s") % {"name": shown[boss]}
        org_lines.append(line)
        reasons[f"roles:{pid}"] = line
        reasons[f"attitude:{pid}"] = line
    note_lines = []
    for r in the_map["deals"][0]["roles"]:
        pid = r["person"]
        portrait = people[pid]["portrait"]
        said = [t for t in (portrait["concerns"], portrait["notes"], r["win"], r["plan"]) if t]
        if said:
            line = f"{shown[pid]}: " + " / ".join(said)
            note_lines.append(line)
            reasons[f"attitude:{pid}"] = line
    seen = []
    for link in the_map["influence_links"]:
        line = _("%(a)s → %(b)s: %(kind)s") % {
            "a": shown[link["from"]],
            "b": shown[link["to"]],
            "kind": LINK_KINDS.label(link["kind"], lang),
        }
        if link["note"]:
            line += f" ({link['note']})"
        seen.append(line)
        reasons[f"link:{link['from']}->{link['to']}"] = line
    meetings = []
    start = min((dt.datetime.fromisoformat(i["date"]) for i in interactions), default=None)
    for i in interactions[-40:]:
        day = (dt.datetime.fromisoformat(i["date"]) - start).days + 1 if start else 1
        who = ("、" if lang == "zh_Hans" else ", ").join(
            shown[new_id[p]] for p in i["participants"] if p in new_id
        )
        text = " ".join(t for t in (scrub(i["summary"]), scrub(i["outcome"])) if t)
        meetings.append(
            _("Day %(day)s, %(kind)s with %(who)s: %(text)s")
            % {"day": day, "kind": INTERACTION_KINDS.label(i["kind"], lang), "who": who, "text": text or "—"}
        )
    dm = next(r["person"] for r in the_map["deals"][0]["roles"] if "decision_maker" in r["roles"])
    reasons["decision_maker"] = reasons.get(f"roles:{dm}", "")
    for f in flags:  # the analysis' reason (not in the narrative: the trainee has to see the flag)
        reasons[f"flag:{f['code']}"] = scrub(f["reason"])
    documents = [{"kind": "org_chart", "title": _("Org chart fragment"), "body": "\n".join(org_lines)}]
    if note_lines:
        documents.append({"kind": "notes", "title": _("The seller's notes"), "body": "\n".join(note_lines)})
    if seen:
        documents.append(
            {"kind": "notes", "title": _("Who sways whom, as we saw it"), "body": "\n".join(seen)}
        )
    if meetings:
        documents.append(
            {"kind": "meeting_notes", "title": _("Meetings and mails"), "body": "\n".join(meetings)}
        )
    return {
        "title": _("Case: %(company)s (%(outcome)s)")
        % {"company": company, "outcome": DEAL_STATUSES.label(status, lang)},
        "summary": _("Made from a real deal, with every name, company, e-mail and phone replaced."),
        "brief": _(
            "Read the notes of this real deal and draw its battle map: roles, attitudes, influence, who sways "
            "whom, who really decided, and the red flags."
        ),
        "documents": documents,
        "reasons": reasons,
    }
