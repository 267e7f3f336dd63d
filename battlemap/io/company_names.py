"""The key two spellings of one company match on (`company_key`), and the short forms in which a file may write
the account's own company (`account_company_keys`): the people import's rule for whose people are the
account's own (`io.tabular.companies.account_companies`).

Pure (no Django), as `io.matching`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from battlemap.io.cleaning import clean_text
from battlemap.io.matching import simplified

# Legal forms a company's name carries or drops from one export to the next (Co., Ltd., 有限公司, (中国) …),
# longest first so that 股份有限公司 goes before 有限公司.
_LEGAL_SUFFIXES = sorted(
    (
        "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "集團", "公司", "股份公司", "股份",
        "(中国)", "(china)",
        "co", "co.", "company", "corp", "corp.", "corporation", "inc", "inc.", "incorporated", "ltd",
        "ltd.", "limited", "llc", "l.l.c.", "plc", "gmbh", "ag", "sa", "s.a.", "se", "bv", "b.v.", "nv",
        "n.v.", "kk", "k.k.", "pte", "pty", "group", "holdings", "co.,ltd", "co.,ltd.", "co. ltd",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
_COMPANY_PUNCT = re.compile(r"[\s,，.。·()（）&\-]+")
# A place at the start of a Chinese company's name, recognised by its word for province, city, district or
# county: 深圳市, 广东省, 浦东新区, 内蒙古自治区 (two to four characters before it, so that 城市 or 超市 is no place).
PLACE_WORD = re.compile(r"^([\u3400-\u9fff]{2,4}?)(特别行政区|自治区|自治州|自治县|新区|地区|省|市|区|县|盟)")
_SHORTEST_CORE = (
    2  # a name left with one character once its place is dropped (长城区块链 → 块链?) is no short form
)


def _places_and_rest(value: str) -> tuple[list[str], str]:
    """The places a company's name starts with (without their 省/市/区/县 word) and the rest: legal forms dropped
    at the end (repeatedly), then punctuation and spaces."""
    text = simplified(clean_text(value)).casefold()
    stripped = True
    while stripped and text:
        stripped = False
        for suffix in _LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                before = text[: -len(suffix)]
                # a Latin suffix is a word of its own ("Delta Power Co", not "Disco"); "(China)" is brackets
                if suffix[0].isascii() and suffix[0].isalnum() and before[-1:].isalnum():
                    continue
                text, stripped = before.rstrip(" ,，.").strip(), True
                break
    text = _COMPANY_PUNCT.sub("", text)
    places = []
    while (found := PLACE_WORD.match(text)) and len(text) > found.end():
        places.append(found[1])
        text = text[found.end() :]
    return places, text


def company_key(value: str) -> str:
    """The key two spellings of one company match on: `clean_text`, case-folded, legal forms dropped at the
    end (Co., Ltd., Inc., GmbH, 有限公司, 有限责任公司, 股份, 集团, (中国) …, repeatedly: "Delta Power Co., Ltd." →
    `deltapower`, 华为技术(中国)有限公司 → 华为技术), punctuation and spaces dropped, the word for province, city,
    district or county of a place the name starts with dropped (深圳市智慧交通 → 深圳智慧交通, as short names write
    it), and traditional characters read as simplified (OpenCC's table, `matching.simplified`), so that 東方電力 and
    东方电力 are one company — but 鸿达 and 宏达, which sound alike, are two (a trial's 鸿达电子 people came in as
    the account 宏达电子's own when the key was the pinyin)."""
    places, rest = _places_and_rest(value)
    return "".join(places) + rest


def account_company_keys(name: str, also: Iterable[str] = ()) -> frozenset[str]:
    """The keys (`company_key`) of the names a file may give the account `name` by: its own, and its short forms
    without the places it starts with — 深圳市智慧交通集团有限公司 is also 深圳智慧交通 and 智慧交通 (广东省深圳市… also
    深圳…), as a seller writes the customer (a reviewer's file wrote 深圳智慧交通, and the 华为 people, more
    rows, became the account's own). Another place is another company: 北京智慧交通 is not among them.

    `also`: the other names the account is written by (`Account.company_names`, "also written as": a company an
    import took as the account's, or a name the seller typed), each with its short forms as the name: a roster
    writing the customer 华东能投, which the account's name 华东能源集团有限公司 does not give, is the account's on
    every import after the first (a second roster of new people had come in as external people of 华东能投)."""
    keys: set[str] = set()
    for written in (name, *also):
        places, rest = _places_and_rest(written)
        keys.add("".join(places) + rest)
        for dropped in range(1, len(places) + 1):
            if dropped < len(places) or len(rest) >= _SHORTEST_CORE:
                keys.add("".join(places[dropped:]) + rest)
    return frozenset(k for k in keys if k)
