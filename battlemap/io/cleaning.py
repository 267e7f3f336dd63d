"""The tidying of every text Battlemap stores or keys: `clean_text` (NFKC, invisible characters out, spaces
collapsed — what keys are made from), `tidy_text` (a title or an organisation as typed, full-width Latin letters and
digits half-width, no NFKC) and `joined` (a second value of one free-text field, once: `主任 / 党委副书记`).

The keys records are matched on, and a person's name as stored (`clean_name`), are read from this text in
`battlemap.io.matching`. Pure (no Django). Bytes become text before, in the one decoder (`battlemap.io.text`).
"""

from __future__ import annotations

import re
import unicodedata

from battlemap.core.text import clean_line

_SPACES = re.compile(r"\s+")
# Invisible characters that copy-and-paste from web pages and chat apps leaves inside names, e-mails and
# phones: zero-width space / joiners, word joiner, BOM, soft hyphen, direction marks (LRM, RLM, Arabic ALM)
# and embeddings.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Stored text keeps a zero-width joiner or non-joiner between two letters or symbols of a script that spells
# with them — Persian می‌خواهم, Devanagari श्री‌मान, the emoji sequences 👩‍⚕️ and 👨‍👩‍👧 — and drops one beside ASCII, a
# Chinese character, a space or an end, where it is only what a copy left behind.
_STRAY = re.compile("[\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LOOSE_JOINER = re.compile(
    "(?<![^\\s\x00-\x7f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])[\u200c\u200d]+"
    "|[\u200c\u200d]+(?![^\\s\x00-\x7f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])"
)


def clean_text(value: str) -> str:
    """NFKC (full-width digits, ＠ and Latin letters become half-width), control and invisible characters removed
    (`core.text.clean_line`, as every stored text: "Laura Chen\x07" is Laura Chen), trimmed, inner spaces
    collapsed."""
    value = clean_line(value)
    if value.isascii():  # NFKC leaves ASCII as it is: the common case, kept fast for large imports
        return " ".join(value.split())
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", value))
    return _SPACES.sub(" ", text).strip()


# Full-width Latin letters and digits (ＣＦＯ, ＩＴ部, ２号线): an input method's slip, never how a title is written.
_FULL_WIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}


def tidy_text(value: str) -> str:
    """Text stored as the user typed it (a title, an organisation): invisible characters removed (a zero-width
    joiner or non-joiner kept where it spells: `_STRAY`, `_LOOSE_JOINER`), full-width Latin letters and digits
    made half-width (ＣＦＯ → CFO), trimmed, inner spaces collapsed — no NFKC, so `副总经理（分管信息化）` keeps
    its full-width brackets (match on a key such as `clean_text`, store this); control characters removed
    (`core.text.clean_line`), so a name is keyed as it will be stored."""
    value = clean_line(value)
    if value.isascii():
        return " ".join(value.split())
    return _SPACES.sub(" ", without_invisible(value).translate(_FULL_WIDTH_ALNUM)).strip()


def without_invisible(value: str) -> str:
    """`value` without the invisible characters a copy leaves (`_STRAY`: zero-width spaces, direction marks, bidi
    embeddings and overrides; a zero-width joiner or non-joiner only where it spells nothing, `_LOOSE_JOINER`), as
    `tidy_text` stores it; its lines and tabs kept. A paste is read so (`io.paste.read_paste`): an override inside
    `ja\u202ene@x.com` parted the address, `ja` read as the organisation."""
    return _LOOSE_JOINER.sub("", _STRAY.sub("", value)) if not value.isascii() else value


JOINER = " / "  # between the values one free-text field holds several of: two posts, 主任 / 党委副书记
_PARTS = re.compile(
    r"\s*(?:/|、|，|,)\s*"
)  # what parts the posts of one title (党委书记、董事长, VP, CTO) or values


def joined(first: str, value: str) -> str:
    """`value` joined to `first` after ` / ` (`JOINER`), once: a person given twice — a sheet's name merged down over
    rows, a paste naming them again — keeps both posts (`主任 / 党委副书记`). A value whose parts `first` holds
    already (or none) leaves it as it is; one holding all of `first`'s parts and more is the fuller of the two:
    董事长, then 党委书记、董事长, is 党委书记、董事长."""
    mine, theirs = set(_PARTS.split(first)) - {""}, set(_PARTS.split(value)) - {""}
    if theirs <= mine:
        return first
    if mine <= theirs:
        return value
    return f"{first}{JOINER}{value}"
