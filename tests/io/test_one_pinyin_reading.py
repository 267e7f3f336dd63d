"""A name's sound is read one way (`core.text.pinyin_words` / `pinyin_spellings`) by the three rules that read it:
a romanisation beside a Chinese name (`io.matching`), two names of one person (`io.same_person`) and a signature's
mailbox and company (`io.paste.signature`). The signature's rule split words only at spaces; the others at hyphens,
dots and apostrophes too, which won: `Mary-Jane Doe` is mj.doe@…, `Hewlett-Packard Enterprise` is hpe.com."""

from __future__ import annotations

import pytest

from battlemap.core.text import pinyin_spellings, pinyin_words
from battlemap.io.matching import match_name
from battlemap.io.paste.signature import domain_names, mailbox_of
from battlemap.io.same_person import same_person_name


def test_wang_jianguo_is_read_alike_by_every_rule():
    assert pinyin_words("王建国") == ["wang", "jian", "guo"]
    assert {"wangjianguo", "jianguowang"} <= pinyin_spellings("王建国")
    for latin in ("Wang Jianguo", "Jianguo Wang", "Jian Guo Wang"):
        assert same_person_name("王建国", latin), latin
        assert match_name(f"王建国 ({latin})") == match_name("王建国"), latin
    for mailbox in ("wangjg", "jianguo.wang", "wang.jianguo", "jgwang"):
        assert mailbox_of("王建国", f"{mailbox}@example.cn"), mailbox
    # one word at least whole: initials alone are anyone's
    assert not mailbox_of("王建国", "wjg@example.cn")


def test_a_compound_family_name_is_read_last_as_first():
    assert same_person_name("欧阳娜娜", "Nana Ouyang")
    assert match_name("欧阳娜娜 (Nana Ouyang)") == match_name("欧阳娜娜")


@pytest.mark.parametrize(
    ("name", "mailbox"),
    [
        ("Mary-Jane Doe", "mj.doe"),
        ("Mary-Jane Doe", "maryjane.doe"),
        ("Jean-Pierre de la Fontaine", "jpfontaine"),
    ],
)
def test_a_hyphenated_name_in_a_signature_is_its_words(name, mailbox):
    assert mailbox_of(name, f"{mailbox}@example.com")


def test_a_hyphenated_company_is_named_by_its_initials_domain():
    assert domain_names("Hewlett-Packard Enterprise", "jane@hpe.com")


def test_a_number_in_a_name_is_no_ones_sound():
    assert not same_person_name("钱文", "Wen Qian 2")
    assert mailbox_of("Jane Doe", "jane.doe2@example.com")
