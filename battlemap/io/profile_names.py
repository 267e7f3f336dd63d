"""What a professional profile adds to a person's name — letters after it, pronouns, emoji — and the name without
them (`without_profile_additions`): `io.matching` keys and cleans every name with it. Pure (no Django).
"""

from __future__ import annotations

import re

# What a professional profile adds to a name (LinkedIn's Connections.csv holds it in Last Name; mail display names
# copy it): letters after a comma (`Mei Wong, PMP`, `Jianhua Liu, Ph.D., CPA`), pronouns in brackets (`Kevin Huang
# (He/Him)`, `王芳（她/她的）`), emoji (`Lin Zhou 🌱`). None is the name: imported, they were stored in it, and the
# map's Mei Wong was not found (a second one came in).
_CREDENTIALS = re.compile(
    r"(?:\s*[,，]\s*(?:ph\.?\s?d\.?|e?mba|pmp|cpa|cfa|cma|acca|cissp|cisa|cism|ccie|frm|csm|p\.?\s?eng\.?|esq\.?"
    r"|m\.?sc\.?))+$",
    re.IGNORECASE,
)
# Degrees that are also a word, a post or initials (MD a managing director, MA a state, `Lee, JD` Outlook's J. D. Lee):
# letters after a name only after a whole name of two words or more, as a doctor signs (`Jane Doe, MD`, `John Smith,
# MD, MPH`)
_DEGREE = re.compile(
    r"\s*[,，]\s*(?:m\.?d\.?|d\.?o\.?|rn|mph|dds|dmd|jd|j\.d\.|ma|m\.a\.|ms|m\.s\.|msn|bsn|np|facs|llm|dphil|edd|"
    r"psyd|pharmd|mbbs)$",
    re.IGNORECASE,
)
_PRONOUNS = re.compile(r"[(（]\s*(?:he|she|they|ze|xe|他|她|ta)\s*/\s*[^()（）]{1,12}[)）]", re.IGNORECASE)
_SYMBOL = r"[\U0001F000-\U0001FAFF\u2600-\u27BF]"
_EMOJI = re.compile(rf"{_SYMBOL}(?:[\uFE0F\U0001F3FB-\U0001F3FF]|\u200D{_SYMBOL})*")


def _without_letters_after(text: str) -> str:
    """`text` without the credentials (`_CREDENTIALS`) and degrees (`_DEGREE`, after two words or more) after it."""
    while True:
        bare = _CREDENTIALS.sub("", text)
        degree = _DEGREE.search(bare)
        if degree and len(bare[: degree.start()].replace(",", " ").split()) >= 2:
            bare = bare[: degree.start()]
        if bare == text:
            return text
        text = bare


def without_profile_additions(text: str) -> str:
    """A name without the credentials, pronouns and emoji a profile adds to it (`_CREDENTIALS`): `Mei Wong, PMP`
    → `Mei Wong`, `Kevin Huang (He/Him)` → `Kevin Huang`, `Jane Doe, MD` → `Jane Doe` (`Lee, MA` stays: `_DEGREE`),
    `Lin Zhou 🌱` → `Lin Zhou`; anything else as written."""
    bare = _without_letters_after(_EMOJI.sub(" ", _PRONOUNS.sub(" ", text)).strip())
    return " ".join(bare.split()) if bare != text and bare.strip() else text
