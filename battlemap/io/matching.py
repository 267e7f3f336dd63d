"""Text to the keys people and records are matched on, and the cleaning of every stored name — one place
for every match (import, ingest, paste, competitor names): two names match on `match_name`, e-mails on
`email_key`, phones on `phone_key`, record ids on `id_key`; every stored name goes through `clean_name`.

Pure (no Django). Bytes become text before, in the one decoder (`battlemap.io.text`).
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")
# Invisible characters that copy-and-paste from web pages and chat apps leaves inside names, e-mails and
# phones: zero-width space / joiners, word joiner, BOM, soft hyphen, direction marks and embeddings.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# The separator dot of transcribed names (阿不都·热合曼) is typed as many dots: all are the middle dot.
_NAME_DOT = re.compile(r"(?<=[\u3400-\u9fff])\s*[.·•‧・∙⋅]\s*(?=[\u3400-\u9fff])")


def clean_text(value: str) -> str:
    """NFKC (full-width digits, ＠ and Latin letters become half-width), invisible characters removed,
    trimmed, inner spaces collapsed."""
    if value.isascii():  # NFKC leaves ASCII as it is: the common case, kept fast for large imports
        return " ".join(value.split())
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", value))
    return _SPACES.sub(" ", text).strip()


def clean_name(value: str) -> str:
    """A person's name as stored: `clean_text`, no space between two Chinese characters (`张　伟` → 张伟),
    and one middle dot between the parts of a transcribed name (`阿不都•热合曼` → 阿不都·热合曼)."""
    text = clean_text(value)
    if text.isascii():
        return text
    if " " in text:
        text = _HAN_SPACE.sub("", text)
    return _NAME_DOT.sub("·", text)


_LAST_FIRST = re.compile(r"^([^,，]+)[,，]\s*([^,，]+)$")


def display_name(value: str) -> str:
    """A display name of a mail header or calendar attendee as a person's name: `clean_name`, with Outlook's
    "Last, First" form ("Zhang, Wei") written without its comma and in the same order ("Zhang Wei") — the
    order `match_name` keys on, so the person matches "Zhang Wei" on the map or in a later import."""
    name = clean_name(value)
    found = _LAST_FIRST.match(name)
    return clean_name(f"{found[1].strip()} {found[2].strip()}") if found else name


def match_name(value: str) -> str:
    """The key two names match on: `clean_name`, case-folded, commas as spaces ("Lay, Kenneth" ≠ reordered).

    Not `core.text.name_key`, the pinyin key names are sorted and searched by."""
    return clean_name(value.replace(",", " ")).casefold()


def person_keys(name: str, email: str = "") -> set[str]:
    """What a person is recognised by when a new one is added by hand or pasted: their name as names
    match (`match_name`) and their e-mail (`email_key`); two people share a key → likely the same."""
    found = {("name", match_name(name)), ("email", email_key(email))}
    return {f"{kind}:{key}" for kind, key in found if key}


def email_key(value: str) -> str:
    """The key two e-mail addresses match on: NFKC (＠ → @), trimmed, lower case."""
    return clean_text(value).replace(" ", "").lower()


def phone_key(value: str) -> str:
    """The digits of a phone number (and a leading +), half-width: `＋86 138-0000 0000` → `+8613800000000`."""
    text = clean_text(value)
    digits = "".join(ch for ch in text if ch.isdigit())
    return ("+" + digits) if text.startswith("+") else digits


_SF_ID = re.compile(r"^[a-zA-Z0-9]{15}([A-Z0-5]{3})?$")
_SF_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def _sf_suffix(id15: str) -> str:
    """Salesforce's three check characters: for each block of five, the bits of its upper-case letters."""
    out = ""
    for block in range(3):
        chunk = id15[block * 5 : block * 5 + 5]
        out += _SF_SUFFIX[sum(1 << i for i, ch in enumerate(chunk) if "A" <= ch <= "Z")]
    return out


def id_key(value: str) -> str:
    """The key two record ids match on: half-width and trimmed; a Salesforce id in its 18-character form
    (case-safe, three check characters) is the same id as its 15-character form, so both give the 15."""
    text = clean_text(value)
    m = _SF_ID.match(text)
    if m and m.group(1) and _sf_suffix(text[:15]) == m.group(1):
        return text[:15]
    return text
