"""The English given names most often met, with their short forms (`Bob`, `Liz`, `Mike`): a word of them alone is a
person's name, never an organisation's (`Jane Doe | Bob`, two attendees of a meeting, not Jane Doe of a company called
Bob). A small closed list, no gazetteer: a name it misses is read as it was before. Pure Python, no Django.
"""

from __future__ import annotations

GIVEN_NAMES = frozenset(
    (
        "aaron adam adrian alan albert alex alexander alice alison amanda amy andrea andrew andy angela anna anne "
        "anthony antonio arthur ashley barbara ben benjamin beth betty bill billy bob bobby brandon brenda brian "
        "bruce carl carlos carol caroline catherine charles charlie chris christina christine christopher cindy "
        "claire daniel danny david deborah debbie dennis diana diane dan donald donna doug douglas ed edward "
        "elizabeth ellen emily emma eric eva frank fred gary george grace greg gregory hannah harry heather helen "
        "henry ian jack jacob james jamie jane janet jason jeff jeffrey jennifer jenny jerry jessica jim jimmy joan "
        "joe john johnny jon jonathan joseph josh joshua joyce judy julia julie justin karen kate katherine kathy "
        "keith kelly ken kenneth kevin kim larry laura lauren linda lisa liz louis lucy maria mark martin mary "
        "matt matthew megan melissa michael michelle mike nancy nathan nicholas nick nicole olivia pam pamela "
        "patricia patrick paul peter phil philip rachel ralph randy raymond rebecca richard rick rob robert roger "
        "ron ronald rose ruth ryan sam samantha samuel sandra sara sarah scott sean sharon simon sophia stephanie "
        "stephen steve steven sue susan teresa terry thomas tim timothy todd tom tony victoria vincent walter "
        "wayne william"
    ).split()
)


def given_name(word: str) -> bool:
    """Whether `word` alone is one of the common given names (`GIVEN_NAMES`), whatever its case."""
    return word.strip().casefold() in GIVEN_NAMES
