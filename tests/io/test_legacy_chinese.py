"""GBK files of Chinese names under English headers (an English Excel on a Chinese Windows): read as GBK, or
asked — never stored as Cyrillic. A third trial's people file landed as ЧЮДИ / ЦУМО (read as Windows-1251, the
Cyrillic letters scoring a point a byte and the Chinese characters a point two bytes), and a pure GBK file as
UTF-8 and GB18030 lines because 叶英's bytes are valid UTF-8 (ҶӢ)."""

from __future__ import annotations

import random

import pytest

from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.table import ReadError
from battlemap.io.text import DoubtfulError, decode
from battlemap.people.models import Person
from tests import factories as f

FAMILY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红娥玲芬燕鹏辉建国志宏文斌浩宇晨阳欣怡梓涵子轩"


@pytest.fixture
def account(db):
    return f.account(owner=f.user("c"), slug="hx", name="华星")


def test_a_gbk_people_file_with_english_headers_lands_in_chinese(account):
    text = "Name,Title,Email\n邹娜,Sales Director,zouna@hx.example\n钟涛,CIO,zhongtao@hx.example\n毛勇娜,Buyer,m@hx.example\n"
    people_import(account=account, data=text.encode("gbk"), filename="people.csv")
    assert sorted(Person.objects.filter(account=account).values_list("name", flat=True)) == [
        "毛勇娜",
        "邹娜",
        "钟涛",
    ]


def test_a_pure_gbk_file_is_not_split_into_utf8_lines_where_a_name_happens_to_be_valid_utf8():
    text = "Name,Title\n覃芳涛,Manager\n叶英,Manager\n范鹏明,Manager\n"
    assert "叶英".encode("gbk").decode("utf-8") == "ҶӢ"  # the trap
    read = decode(text.encode("gbk"), by_line=True, refuse_doubtful=True)
    assert (read.encoding, read.text) == ("gb18030", text)


def test_a_one_name_gbk_file_is_asked_about_not_read_as_cyrillic(account):
    data = "Name,Title\n周杰,Manager\n".encode("gbk")
    with pytest.raises(DoubtfulError) as doubt:
        decode(data, by_line=True, refuse_doubtful=True)
    assert doubt.value.candidates[0] == ("gb18030", "周杰,Manager")
    with pytest.raises(ReadError, match="encoding_doubt"):  # the upload page offers the readings to choose
        people_import(account=account, data=data, filename="people.csv")
    assert not Person.objects.filter(account=account).exists()


@pytest.mark.parametrize("rows", [5, 20, 100, 500])
def test_gbk_files_of_random_chinese_names_read_as_gbk_or_are_asked_never_wrong(rows):
    chance = random.Random(rows)
    wrong = []
    for _ in range(25):
        names = [
            chance.choice(FAMILY) + "".join(chance.choices(GIVEN, k=chance.choice((1, 2))))
            for _ in range(rows)
        ]
        text = "Name,Title,Email\n" + "".join(f"{n},Manager,p{i}@x.example\n" for i, n in enumerate(names))
        try:
            read = decode(text.encode("gbk"), by_line=True, refuse_doubtful=True)
        except DoubtfulError:
            continue  # asked: the user chooses, nothing is written
        if read.text != text:
            wrong.append((read.encoding, read.text[:40]))
    assert not wrong


@pytest.mark.parametrize(
    ("data", "names"),
    [
        (b"Contact list Nov 2026\nName\tTitle\tDepartment\nAnn Lee\tCEO\tBoard\nBob Ray\tCFO\tFinance\n",
         ["Ann Lee", "Bob Ray"]),
        ("通讯录 2026年11月\n姓名\t职务\t部门\n李明\t总经理\t总经办\n王芳\t副总经理\t总经办\n".encode("utf-16"),
         ["李明", "王芳"]),  # Excel's "Unicode text", a title row above
        (("Kontaktliste Stadtwerke Nord\r\nName;Position;Abteilung;E-Mail\r\nJürgen Weiß;Geschäftsführer;GF;"
         "jw@sw.example\r\nSøren Ørsted;Leiter IT;IT;so@sw.example\r\n").encode("cp1252"),
         ["Jürgen Weiß", "Søren Ørsted"]),
        ("姓名\t职务\t部门\n李明\t总经理\t总经办\n王芳\t副总经理\t总经办\r陈静\tIT总监\t信息中心\r".encode(),
         ["李明", "王芳", "陈静"]),  # LF and bare CR line ends mixed
    ],
)  # fmt: skip
def test_tab_and_semicolon_files_under_a_title_row_or_with_mixed_line_ends_are_read(account, data, names):
    """csv.Sniffer found no separator in these (a title line, mixed line ends) and the reader took a comma:
    "No column holds the people's names"; the separator most lines agree on is taken instead."""
    people_import(account=account, data=data, filename="people.txt")
    assert sorted(Person.objects.filter(account=account).values_list("name", flat=True)) == sorted(names)
