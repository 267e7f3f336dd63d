"""Whether a name-shaped line under a signature's name and title is where that person works (`Jane Doe⏎CTO⏎Northwind
Logistics⏎Tel…⏎jane.doe@northwind.com`) or the next person (`Jane Doe⏎CTO⏎Li Wei⏎li@x.cn`): `organisation_line`
weighs the evidence — the e-mail after it, the words of the line — and says when there is too little to choose;
`signature_org` asks it in the walk. One capitalised word beside a whole name (`John Smith | Northwind`) is their
company (`company_beside`). `battlemap.io.paste` asks both in its walk over a block's cells. Pure Python, no Django.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from battlemap.core.text import pinyin_words
from battlemap.io.given_names import given_name

from .cells import classify
from .found import Candidate
from .lines import looks_named

# The last word of a company's name written without its legal form (`Northwind Logistics`, `Fabrikam Energy`): a
# trade, never a person's family name in a signature
TRADE_WORDS = frozenset(
    (
        "logistics|systems|technologies|technology|tech|bank|bancorp|energy|solutions|consulting|consultants|"
        "software|partners|labs|laboratories|health|healthcare|capital|group|holdings|industries|industrial|"
        "international|networks|communications|telecom|pharma|pharmaceuticals|therapeutics|biotech|sciences|"
        "engineering|manufacturing|motors|automotive|airlines|airways|insurance|securities|investments|ventures|"
        "media|digital|analytics|services|electronics|semiconductor|semiconductors|foods|retail|realty|properties|"
        "construction|chemicals|materials|power|utilities|petroleum|oil|gas|mining|steel|shipping|freight|"
        "transport|logistik|advisors|advisory|associates|hospital|university|college|institute|foundation|"
        "agency|studios|games|robotics|data|cloud|security|resources|trading|supply|distribution"
    ).split("|")
)
# The same at the end of a Chinese name of no legal form (华东能源, 中科软件): a trade, not a given name
HAN_TRADE_WORDS = (
    "能源|科技|物流|电力|软件|信息|技术|控股|实业|投资|证券|保险|电子|通信|通讯|医药|汽车|化工|建设|工程|地产|置业|"
    "传媒|咨询|网络|数据|智能|环保|钢铁|石油|石化|航空|电气|机械|制造|食品|商贸|贸易|国际|物业|金融|资本|基金|银行|"
    "医疗|生物|材料|新材|能科|光电|半导体|云计算|集成|系统|交通|港务|航运|矿业|水务|燃气|热力|电网|文旅"
).split("|")
# Labels of a domain that are no company's (`mail.`, `.com.cn`, `.co.uk`)
_GENERIC_LABELS = frozenset("com net org co edu gov ac mail email www corp".split())
_LETTERS = re.compile(r"[^a-z]")


def _words(text: str) -> list[str]:
    """A line's `pinyin_words` (华东能源 → hua dong neng yuan, `Mary-Jane Doe` → mary jane doe) in the letters a-z
    only, as an e-mail's address is read (jane.doe2@ is Jane Doe's)."""
    return [w for word in pinyin_words(text) if (w := _LETTERS.sub("", word))]


def _company_label(email: str) -> str:
    """The label of an e-mail's domain that names the company: northwind in jane@mail.northwind.com.cn."""
    labels = email.rpartition("@")[2].casefold().split(".")[:-1]
    while labels and labels[-1] in _GENERIC_LABELS:
        labels.pop()
    return _LETTERS.sub("", labels[-1]) if labels else ""


def domain_names(line: str, email: str) -> bool:
    """Whether the e-mail's domain is the line's company: northwind.com for `Northwind Logistics` (its first word, or
    its words run together), huadong.com for 华东能源 (in pinyin), nl-group.com not for `Northwind` (3 letters at
    least)."""
    label, words = _company_label(email), _words(line)
    if len(label) < 3 or not words:
        return False
    whole = "".join(words)
    return (
        whole.startswith(label)
        or (len(words[0]) >= 4 and label.startswith(words[0]))
        or (len(words) >= 3 and label == "".join(w[0] for w in words))
    )


def mailbox_of(name: str, email: str) -> bool:
    """Whether the e-mail's local part is made of the name: jane.doe, jdoe, doe.jane, jane, j.doe for `Jane Doe`;
    wangjg, jianguo.wang for 王建国 (in pinyin); each word whole, as its initial or left out, one at least whole, in
    any order (`Jean-Pierre de la Fontaine`, five words: jpfontaine)."""
    words = _words(name)
    local = _LETTERS.sub("", email.partition("@")[0].casefold())
    if not words or len(words) > _MAILBOX_WORDS_MAX or not local:
        return False

    @cache
    def reads(at: int, used: int, whole: bool) -> bool:  # local[at:] from the words not yet used
        if at == len(local):
            return whole
        return any(
            not used & 1 << i
            and (
                (local.startswith(word, at) and reads(at + len(word), used | 1 << i, True))
                or (local[at] == word[0] and reads(at + 1, used | 1 << i, whole))
            )
            for i, word in enumerate(words)
        )

    return reads(0, 0, False)


_MAILBOX_WORDS_MAX = 6  # a name of more words is no one's mailbox: a sentence, not a name


def _pinyin_named(line: str) -> bool:
    """A Chinese name in pinyin, either order: two or three words, the first or the last a common family name's
    (`io.sections.COMMON_FAMILY_NAMES` read in pinyin: `Li Wei`, `Fang Wang`)."""
    words = line.casefold().split()
    return (
        2 <= len(words) <= 3
        and all(w.isalpha() for w in words)
        and bool({words[0], words[-1]} & _family_pinyin())
    )


@lru_cache(maxsize=1)
def _family_pinyin() -> frozenset[str]:
    from battlemap.io.sections import COMMON_FAMILY_NAMES

    return frozenset(pinyin_words("".join(COMMON_FAMILY_NAMES)))


def _trade(line: str) -> bool:
    if line.isascii():
        words = line.casefold().split()
        return len(words) >= 2 and words[-1].strip(".,") in TRADE_WORDS
    return any(line.endswith(w) and len(line) > len(w) for w in HAN_TRADE_WORDS)


def organisation_line(above: str, line: str, email: str, looks_named: bool) -> str:
    """How a name-shaped `line`, standing under the name `above` and their title with no title of its own, reads:
    "organisation" (where they work), "person" (the next person) or "doubt" (too little to choose). `email` is the
    first e-mail after it before another name ("" when none); `looks_named` whether the line is shaped as a person's
    name more than a company's (`lines.looks_named`: 李娜, not 华东能源).

    For the next person: the e-mail is the line's (li@x.cn under `Li Wei`) and not the name above's, or the line opens
    with a common given name (`John Smith`) or is a Chinese name by its family name, in characters or in pinyin. For the organisation: the e-mail's
    domain names the line (`domain_names`), the e-mail is the name above's (`mailbox_of`: jane.doe@…), or the line
    ends with a trade's word (`TRADE_WORDS`: Logistics, Energy, 能源). The e-mail's evidence outweighs the words';
    evidence both ways with nothing from the e-mail to settle it (`John Bank`: a given name, a trade's word) is a
    doubt."""
    theirs = bool(email) and mailbox_of(line, email) and not mailbox_of(above, email)
    named = looks_named if not line.isascii() else given_name(line.split()[0]) or _pinyin_named(line)
    by_email = bool(email) and (domain_names(line, email) or mailbox_of(above, email))
    if theirs:
        return "doubt" if by_email else "person"
    if by_email:
        return "organisation"
    if named:  # `John Bank`: a given name and a trade's word, too little to choose
        return "doubt" if _trade(line) else "person"
    return "organisation" if _trade(line) else "doubt"


def signature_org(current: Candidate, cells: list[tuple[int, str]], at: int, value: str) -> str:
    """ "organisation" or "doubt" when the name-shaped cell `value` under a signature's name and title, with no e-mail
    or phone of theirs read yet, is where they work by `signature.organisation_line` (read with the first e-mail after
    it before another name); "doubt" only when the signature's contacts follow it. Else "" (the next person)."""
    if not (current.name and current.title) or current.email or current.phone:
        return ""
    after = []
    for _number, cell in cells[at + 1 :]:
        kind = classify(cell)[0]
        if kind == "name":
            break
        after.append(kind == "email" and classify(cell)[1] or kind)
    email = next((a for a in after if "@" in a), "")
    found = organisation_line(current.name, value, email, looks_named(value))
    contacts = bool(email) or "phone" in after
    if "title" in after:  # `Jane Doe⏎CTO⏎Wang Fang⏎CFO⏎139…`: a title of its own, the next person
        return ""
    return "" if found == "person" or (found == "doubt" and not contacts) else found


_ONE_WORD = re.compile(r"^[A-Z][A-Za-z&'’.-]+$")


def company_beside(current: Candidate, value: str, line: int) -> bool:
    """One capitalised word after a whole name on its line (`John Smith | Northwind`, a Zoom or Teams attendee with
    their company): an organisation far likelier than a second person, who would hold the line's e-mail and phone —
    but a common given name (`io.given_names`: `Jane Doe | Bob`) is the next person."""
    whole = len(current.name.split()) >= 2 or not current.name.isascii()
    one_word = _ONE_WORD.match(value) is not None and not given_name(value)  # `Jane Doe | Bob`: two people
    return bool(current.name) and whole and line in current.lines and one_word
