"""Where a person is, as a LinkedIn copy gives it on a line of its own under their headline: `Seattle, Washington,
United States`, `London, England, United Kingdom`, `Greater Shanghai Area`, `San Francisco Bay Area`, `上海 中国` —
no person, nor a field of one (`place`; a trial's LinkedIn copy added each as a person, ticked). Read by a small
closed list of words, no gazetteer: countries (`COUNTRIES`), the regions a LinkedIn location names before its
country (`REGIONS`: the UK's nations, the US states), a last word `Area` or `Region`, and China's provinces and
main cities (`HAN_PLACES`, also with their 省/市 word: `io.company_names.PLACE_WORD`).

A real name with a comma stays a name: Outlook's `Smith, John` and Exchange's `Wang, Fang (IT-Infra)` end in no
country; a country that is also a given name (`GIVEN_NAMES`: `Smith, Jordan`, `Kumar, India`) is a place only as
the last of three parts (`Amman, Jordan` alone stays a name: a place missed is listed on the preview, a person lost
is not). A US state's upper-case postal code after a city is a place (`Seattle, WA`, `Austin, TX`; `US_STATE_CODES`),
a name's initials stay a name (`Lee, JD`), and a code that is also a degree after a name (`Jane Doe, MD`, `MA`) is a
place only with a country after it (`Boston, MA, USA`), or where a location stands, after a LinkedIn card's name and
headline (`city_and_degree_code`). One Chinese place alone (`吉林`, `宁夏` may be names) is a place only with its 省/市 word (`上海市`) or when a
country stands beside it (`上海 中国`, `中国上海`). Pure Python, no Django.
"""

from __future__ import annotations

import re

from battlemap.io.company_names import PLACE_WORD

COUNTRIES = frozenset(
    (
        "united states|united states of america|usa|us|united kingdom|uk|great britain|ireland|china|"
        "mainland china|hong kong|hong kong sar|macau|macao|taiwan|singapore|japan|south korea|korea|india|"
        "germany|france|italy|spain|portugal|netherlands|the netherlands|belgium|switzerland|austria|sweden|"
        "norway|denmark|finland|poland|czechia|czech republic|canada|mexico|brazil|argentina|chile|australia|"
        "new zealand|malaysia|indonesia|thailand|vietnam|philippines|united arab emirates|uae|saudi arabia|"
        "qatar|israel|turkey|türkiye|south africa|egypt|nigeria|kenya|jordan|chad|georgia"
    ).split("|")
)
# Countries and states that are given names too: `Smith, Jordan` is Outlook's Jordan Smith
GIVEN_NAMES = frozenset(
    "jordan|chad|georgia|israel|india|kenya|hong kong|washington|virginia|montana|nevada|indiana|carolina".split(
        "|"
    )
)
REGIONS = frozenset(
    (
        "england|scotland|wales|northern ireland|alabama|alaska|arizona|arkansas|california|colorado|connecticut|"
        "delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
        "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|"
        "new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|"
        "south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|"
        "wyoming|district of columbia|ontario|quebec|british columbia|bavaria|new south wales|victoria|"
        "beijing|shanghai|tianjin|chongqing|guangdong|jiangsu|zhejiang"
    ).split("|")
)
# The US states' and DC's postal codes, as a location writes one after its city (`Seattle, WA`), upper case only
US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR "
    "PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
# Codes that are also a degree or a credential after a name (`Jane Doe, MD`, `John Smith, MA`): a place only with
# the country after them (`Boston, MA, United States`)
CREDENTIAL_CODES = frozenset("MA MD MS PA".split())
# `Greater Shanghai Area`, `San Francisco Bay Area`, `Greater Paris Metropolitan Region`: words, the last Area/Region
_AREA = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,5}(?:Area|Region)$")
_LATIN_PART = re.compile(r"^[^\W\d_](?:[^\W\d_]|[\s.'’-])*$")
HAN_COUNTRIES = frozenset(
    "中国 中国大陆 美国 英国 德国 法国 日本 韩国 新加坡 加拿大 澳大利亚 新西兰 印度 马来西亚 泰国 越南".split()
)
HAN_PLACES = frozenset(
    (
        "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
        "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 深圳 广州 杭州 南京 苏州 成都 武汉 西安 青岛 大连 "
        "厦门 宁波 无锡 长沙 郑州 济南 合肥 福州 沈阳 哈尔滨 长春 昆明 南宁 珠海 东莞 佛山 石家庄 太原 南昌 贵阳 兰州 乌鲁木齐"
    ).split()
)
_HAN_SPLIT = re.compile(r"[\s,，、·]+")


def _latin_place(line: str) -> bool:
    if _AREA.match(line):
        return True
    parts = [part.strip().casefold() for part in line.split(",")]
    if not all(_LATIN_PART.match(part) for part in parts):
        return False  # `Wang, Fang (IT-Infra)`, `Li, 3rd floor`
    last = parts[-1]
    code = line.rsplit(",", 1)[-1].strip()
    if len(parts) == 2 and code in US_STATE_CODES and code not in CREDENTIAL_CODES:
        return True  # `Seattle, WA`; `Lee, JD` names no state
    if len(parts) >= 3:
        return last in COUNTRIES
    return (last in COUNTRIES or (len(parts) == 2 and last in REGIONS)) and last not in GIVEN_NAMES


def _han_place(word: str) -> str | None:
    """What one Chinese word of a location is: `country` (中国, or a place after it: 中国上海), `known` (a province or
    city of `HAN_PLACES`, bare or with its 省/市 word), `suffixed` (another name with such a word: 浦东新区), else None."""
    if word in HAN_COUNTRIES:
        return "country"
    for country in HAN_COUNTRIES:
        if word.startswith(country) and _han_place(word[len(country) :]) in ("known", "suffixed"):
            return "country"
    suffixed = PLACE_WORD.match(word)
    if suffixed and suffixed.end() == len(word):
        return "known" if suffixed[1] in HAN_PLACES else "suffixed"
    return "known" if word in HAN_PLACES else None


def city_and_degree_code(line: str) -> bool:
    """`Boston, MA`, `Baltimore, MD`, `Jackson, MS`: a city and a state's code that is also a degree after a name
    (`CREDENTIAL_CODES`) — as `Jane Doe, MD` is. A place only where a location stands (the paste reads the line after a
    LinkedIn card's name and headline so); `place` alone takes it only with the country after it."""
    city, comma, code = " ".join(line.split()).rpartition(",")
    return bool(comma) and code.strip() in CREDENTIAL_CODES and _LATIN_PART.match(city.strip()) is not None


def place(line: str) -> bool:
    """Whether a line or cell names only where someone is (see the module): `Seattle, Washington, United States`,
    `Greater Shanghai Area`, `Shanghai, China`, `上海 中国`, `中国 上海市`, `广东省深圳市`; never `Smith, John`."""
    line = " ".join(line.split())
    if not line or len(line) > 80:
        return False
    if line.isascii() or not re.search(r"[\u4e00-\u9fff]", line):
        return _latin_place(line)
    words = []
    for word in _HAN_SPLIT.split(line):  # 广东省深圳市: each place with its 省/市 word
        while (found := PLACE_WORD.match(word)) and found.end() < len(word):
            words.append(word[: found.end()])
            word = word[found.end() :]
        if word:
            words.append(word)
    kinds = [_han_place(w) for w in words]
    if None in kinds:
        return False
    # one bare place alone may be a name (吉林, 宁夏): a place with its 省/市 word, or beside a country or another place
    return len(words) > 1 or kinds[0] == "country" or (kinds[0] == "known" and words[0] not in HAN_PLACES)
