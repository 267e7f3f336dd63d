"""The one decoder (battlemap.io.text) and the matching keys (battlemap.io.matching): the plausible
encoding wins and is named."""

import codecs

import pytest

from battlemap.io.matching import clean_name, email_key, match_name
from battlemap.io.phones import phone_key
from battlemap.io.text import UndecodableError, codec_for, decode


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("Jürgen;Müller;Leiter Einkauf\nFrançoise;Lefèvre;Søren Ørsted", "cp1252", "cp1252"),
        ("姓名,职位\n张伟,信息中心主任\n李娜,采购经理", "gbk", "gb18030"),
        ("台北市政府資訊局,王大明,經理", "big5", "big5"),
        ("名前,张伟,采购经理", "utf-8", "utf-8"),
        ("张伟,采购经理", "utf-16", "utf-16"),
        ("name\ttitle\n张伟\t采购经理", "utf-16-le", "utf-16-le"),  # Excel "Unicode text" without its BOM
    ],
)
def test_plausible_encoding_is_chosen_and_text_is_right(text, codec, expected):
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == expected


def test_bom_is_dropped_and_named():
    decoded = decode(codecs.BOM_UTF8 + "张伟".encode())
    assert (decoded.text, decoded.label) == ("张伟", "UTF-8 (BOM)")


def test_other_decodings_are_offered_and_a_chosen_one_is_used():
    data = "Müller".encode("cp1252")
    decoded = decode(data)
    assert decoded.text == "Müller" and "gb18030" in decoded.alternatives
    assert decode(data, "gb18030").text != "Müller"
    with pytest.raises(UndecodableError):
        decode("张伟".encode("gbk") + b"\xff", "utf-8")


def test_gb2312_label_means_gb18030():
    assert codec_for("GB2312") == "gb18030" and codec_for("gbk") == "gb18030"
    assert decode("喆".encode("gb18030"), "gb2312").text == "喆"  # 喆 is GBK-only


def test_keys_match_what_people_type():
    assert clean_name("张　伟") == clean_name("张伟") == "张伟"
    assert clean_name(" 王  芳 ") == "王芳"
    assert clean_name("Mary  Ann   Lee") == "Mary Ann Lee"
    assert match_name("ＪＯＨＮ Smith") == match_name("john smith")
    assert email_key(" Zhang.Wei＠HDNY.example ") == "zhang.wei@hdny.example"
    assert phone_key("＋８６ 138-0000-0001") == "+8613800000001"
