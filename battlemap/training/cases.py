"""Make a training case from a real account's won or lost deal, with nothing personal left in it.

The deal's map (through the map format, `io.mapformat.export_map`) becomes a scenario in the library's
format built from **structured data only**: the people with a role in the deal (and the managers they
report to) get generated names; the account, its departments, outside organisations and competitors
generated names; a job title becomes the level and function it states (`inference.titles.read_title`),
in generated words. No text anyone typed reaches the case: notes, concerns, wins, plans, link notes,
interaction summaries and outcomes, titles, department, deal and company names are all dropped, because
first names, nicknames, places and short company names in them cannot all be known and replaced. The
narrative is written from codes: each person's post, style, needs and relationship, who sways whom, and
each meeting by kind, day and who took part; the deal's decision bodies and purchase process are carried
from their codes too (`case_process`: names from the body's kind, dates as days). The real map is the
reference: the roles, attitudes, influence and links as recorded, the decision maker of highest influence, and the flags the analysis
raised the day before the deal closed, or just before it closed for a deal of one day (their reason generated
from the flag's title and its people), among those its checklist offers (`case_process.checklist`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from battlemap.core.multilingual import active_language
from battlemap.core.text import pinyin_words
from battlemap.deals.selectors import deal_last_open_at
from battlemap.inference.titles import read_title
from battlemap.io.mapformat import FORMAT_VERSION, export_map
from battlemap.maps import account_analysis
from battlemap.punctuation import aside
from battlemap.training import case_process, scenarios
from battlemap.training.narrative import narrative, pinyin_name, shown_names
from battlemap.vocab import (
    TITLE_FUNCTIONS,
    TITLE_LEVELS,
    TRAITS,
)

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


def _pseudonym(i: int) -> str:
    return SURNAMES[(i * 7) % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + GIVEN[(i * 5 + 3) % len(GIVEN)]


def _letter(i: int) -> str:
    return chr(65 + i % 26)


class StandIns:
    """Generated words for the values of a free-text field, by exact value (never by matching text):
    the n-th distinct value gets the n-th letter. The original value is only a key, never shown."""

    def __init__(self, values) -> None:
        self.letters = {v: _letter(i) for i, v in enumerate(sorted({v for v in values if v}))}

    def __call__(self, value: str | None, zh: str, en: str, lang: str) -> str:
        if not value:
            return ""
        if value not in self.letters:
            self.letters[value] = _letter(len(self.letters))
        return (zh if lang == "zh_Hans" else en) % {"letter": self.letters[value]}


def _ratings(traits: Any) -> dict[str, int | None]:
    """The trait ratings (1..5) of a portrait, codes of the vocabulary only."""
    traits = traits if isinstance(traits, dict) else {}
    return {
        code: value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else None
        for code, value in traits.items()
        if code in TRAITS.codes
    }


def _post(title: str | None, lang: str) -> str:
    """The level and function a job title states, in generated words ("" when it states none): the level as a
    rank, the function beside it — "副总经理/总师级（党委）" / "executive / C-level rank (party committee)" for a
    纪委书记. Not the two run together: "党委副总经理/总师" named a post no SOE has."""
    reading = read_title(title)
    if reading is None:
        return ""
    with translation.override("zh-hans" if lang == "zh_Hans" else "en"):
        rank = _("%(level)s rank") % {"level": TITLE_LEVELS.label(reading.level, lang)}
    return rank + aside(lang, TITLE_FUNCTIONS.label(reading.function, lang)) if reading.function else rank


def _flags_before_close(account, deal, lang: str) -> tuple[list[dict[str, Any]], dt.date | None]:
    """(flags, day) the analysis raised on the deal's map at the end of the day before it closed (the day before
    the last moment it reads open, `deals.selectors.deal_last_open_at`) — or, for a deal opened and closed within a
    day, on its map just before it closed (that moment): a quick deal's case is not scored against no flags at all."""
    last_open = deal_last_open_at(deal_id=deal.pk)
    if last_open is None:
        return [], None
    for as_of in (timezone.localdate(last_open) - dt.timedelta(days=1), last_open):
        try:
            result = account_analysis(account=account, lang=lang, as_of=as_of, deal_id=deal.pk)
        except ValueError:  # the account or the deal did not exist yet then
            continue
        day = timezone.localdate(as_of) if isinstance(as_of, dt.datetime) else as_of
        return (result["deals"][0]["flags"] if result["deals"] else []), day
    return [], None


def case_from_deal(*, deal) -> tuple[str, dict[str, Any]]:
    """(title, scenario) for a won or lost `deal`. Errors: ValidationError naming `deal`."""
    if deal.status not in ("won", "lost"):
        raise ValidationError({"deal": _("Only a won or lost deal can become a case.")})
    read = {lang: _flags_before_close(deal.account, deal, lang) for lang in scenarios.LANGS}
    flags = {lang: found for lang, (found, _day) in read.items()}
    company = COMPANIES[deal.pk % len(COMPANIES)]
    as_of = read[scenarios.LANGS[0]][1]
    return _case(export_map(deal.account), deal_id=deal.pk, company=company, flags=flags, as_of=as_of)


def case_made_again(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(title, scenario) of a case kept before cases carried no typed text (migration 0002): the same
    people, ids, generated names, reference and answer, rebuilt from the kept map's codes alone. Its
    meetings are gone (a kept case has none in its map) and its flags' reasons name nobody."""
    m = data["map"]
    company = m["account"]["name"].removesuffix("集团（案例）") or COMPANIES[0]
    flags = {lang: [{"code": c, "people": []} for c in data["answer"]["flags"]] for lang in scenarios.LANGS}
    title, made = _case(m, deal_id=m["deals"][0]["id"], company=company, flags=flags, as_of=None)
    made["answer"] = data["answer"]
    del made["checklist"]  # a kept case is scored as it was made: on every flag
    return title, made


def _case(
    full: dict[str, Any], *, deal_id: int, company: str, flags: dict[str, list], as_of: dt.date | None
) -> tuple[str, dict[str, Any]]:
    """The scenario of deal `deal_id` of a map in the map format, from its codes and structure only; `as_of`:
    the day its flags were read."""
    d = next(x for x in full["deals"] if x["id"] == deal_id)
    holders = list(d["roles"])
    deciders = sorted((r for r in holders if "decision_maker" in r["roles"]), key=lambda r: -r["influence"])
    if not deciders:
        raise ValidationError({"deal": _("Name the deal's decision maker before you make a case of it.")})
    by_id = {p["id"]: p for p in full["people"]}
    keep: list[int] = []
    for r in holders:
        for pid in (r["person"], by_id[r["person"]].get("reports_to")):
            if pid is not None and pid not in keep and len(keep) < MAX_PEOPLE:
                keep.append(pid)
    for pid in case_process.people_of_process(full, d):  # who sits on its bodies and runs its steps
        if pid in by_id and pid not in keep and len(keep) < MAX_PEOPLE:
            keep.append(pid)
    new_id = {pid: i + 1 for i, pid in enumerate(keep)}
    names = {pid: _pseudonym(new_id[pid]) for pid in keep}
    company_en = "".join(pinyin_words(company)).title()
    account_zh, account_en = f"{company}集团（案例）", f"{company_en} Group (case)"
    organisations = StandIns(by_id[pid].get("organisation") for pid in keep)
    competitors = StandIns(d["competitors"])

    def organisation(value: str | None, lang: str) -> str:
        return organisations(value, "外部机构%(letter)s", "Outside organisation %(letter)s", lang)

    def competitor(value: str | None, lang: str) -> str:
        return competitors(value, "竞争对手%(letter)s", "Competitor %(letter)s", lang)

    kept_units = sorted({by_id[pid]["org_unit"] for pid in keep} - {None})
    unit_letter = {uid: _letter(i) for i, uid in enumerate(kept_units)}
    units = [{"id": uid, "name": f"部门{unit_letter[uid]}", "parent": None} for uid in kept_units]
    people = []
    for pid in keep:
        p = by_id[pid]
        people.append(
            {
                "id": new_id[pid],
                "name": names[pid],
                "email": None,
                "phone": None,
                "title": _post(p["title"], "zh_Hans"),
                "org_unit": p["org_unit"] if p["org_unit"] in unit_letter else None,
                "reports_to": new_id.get(p["reports_to"]),
                "dotted_line_to": [],
                "status": p["status"],
                "left_on": None,
                "placeholder": False,
                "external": p["external"],
                "external_kind": p["external_kind"],
                "organisation": organisation(p["organisation"], "zh_Hans"),
                "external_id": None,
                "portrait": {
                    "duties": "",
                    "concerns": "",
                    "decision_style": p["portrait"]["decision_style"],
                    "needs_level": p["portrait"]["needs_level"],
                    "traits": _ratings(p["portrait"].get("traits")),
                    "personal_win": "",
                    "notes": "",
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
            "win": "",
            "favoured_competitor": competitor(r["favoured_competitor"], "zh_Hans"),
            "plan": "",
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
            "note": "",
        }
        for x in full["influence_links"]
        if x["from"] in new_id and x["to"] in new_id
    ]
    bodies, body_roles, steps, members_kept = case_process.carry(full, d, new_id)
    interactions = [
        {
            "kind": i["kind"],
            "date": i["date"],
            "people": [new_id[p] for p in i["participants"] if p in new_id],
        }
        for i in full["interactions"]
        if i["deal"] == deal_id and any(p in new_id for p in i["participants"])
    ]
    the_map = {
        "format_version": FORMAT_VERSION,
        "account": {
            "slug": "case",
            "name": account_zh,
            "industry": "",
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
        "decision_bodies": bodies,
        "deals": [
            {
                "id": 1,
                "name": f"{company}项目",
                "amount": None,
                "currency": d["currency"],
                "expected_close": None,
                "status": d["status"],
                "stage": d["stage"],
                "stage_history": [],
                "decision_factors": d["decision_factors"],
                "channels": {},
                "competitors": [competitor(c, "zh_Hans") for c in d["competitors"]],
                "customer_win": "",
                "our_win": "",
                "roles": roles,
                "action_items": [],
                "body_roles": body_roles,
                "process": steps,
            }
        ],
        "interactions": [],
    }
    dm = new_id[deciders[0]["person"]]
    favoured = {new_id[r["person"]]: r["favoured_competitor"] for r in holders if r["person"] in new_id}
    checklist = case_process.checklist(members_complete=members_kept)
    days = case_process.Days(
        [i["date"] for i in interactions]
        + [s.get(k) for s in d.get("process") or [] for k in ("planned_on", "done_on")]
        + [d.get("expected_close"), as_of]
    )
    text = {}
    flag_codes: list[str] = []
    for lang in scenarios.LANGS:
        seen = [
            {"code": f["code"], "people": [new_id[p] for p in f.get("people") or [] if p in new_id]}
            for f in flags[lang]
            if f["code"] in checklist
        ]
        flag_codes = [f["code"] for f in seen]
        with translation.override("zh-hans" if lang == "zh_Hans" else "en"):
            company_name = (
                account_zh.removesuffix("（案例）")
                if lang == "zh_Hans"
                else account_en.removesuffix(" (case)")
            )
            people_in = {
                p["id"]: {
                    **p,
                    "title": _post(by_id[keep[p["id"] - 1]]["title"], lang),
                    "organisation": organisation(by_id[keep[p["id"] - 1]]["organisation"], lang),
                    "favours": competitor(favoured.get(p["id"]), lang),
                }
                for p in people
            }
            names_in = case_process.body_names(full, d, lang)
            told = case_process.documents(
                lang, the_map, d, names_in, shown_names(lang, people_in), days, as_of
            )
            text[lang] = narrative(
                lang, the_map, people_in, interactions, seen, d["status"], company_name, days=days, more=told
            )
    text["en"]["names"] = {
        "account": account_en,
        "deal": f"{company_en} project",
        "org_units": {str(uid): f"Unit {unit_letter[uid]}" for uid in kept_units},
        "decision_bodies": {str(k): v for k, v in case_process.body_names(full, d, "en").items()},
        "people": {
            str(p["id"]): {
                "name": pinyin_name(p["name"]),
                "title": _post(by_id[keep[p["id"] - 1]]["title"], "en"),
                "organisation": organisation(by_id[keep[p["id"] - 1]]["organisation"], "en"),
            }
            for p in people
        },
    }
    title = text[scenarios.lang_key(active_language())]["title"]
    return title, {
        "scenario_format": scenarios.SCENARIO_FORMAT,
        "slug": "case",
        "map": the_map,
        "answer": {"decision_maker": dm, "flags": flag_codes},
        "checklist": checklist,
        "text": text,
    }
