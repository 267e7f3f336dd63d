"""Paste-to-add: the parser on realistic blocks (Chinese and English), then preview → add in one go."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap.io.paste import read_paste
from battlemap.people.models import Person


def _people(text: str) -> list:
    return read_paste(text).people


def _preview(client, account, text):
    return client.post(reverse("people_paste", args=[account.slug]), {"step": "preview", "text": text})


def _found(text):
    return [(c.name, c.title, c.email) for c in _people(text)]


def test_it_reads_an_excel_range_with_a_chinese_header():
    text = "姓名\t职务\t邮箱\t手机\n王建国\t总经理\twangjg@guodian.cn\t13800138000\n李明\t信息中心主任\tliming@guodian.cn\t\n"
    assert _found(text) == [
        ("王建国", "总经理", "wangjg@guodian.cn"),
        ("李明", "信息中心主任", "liming@guodian.cn"),
    ]
    assert _people(text)[0].phone == "13800138000"


def test_it_reads_an_excel_range_without_header_columns_in_any_order():
    text = "Jane Doe\tCFO\tjane@northwind.com\nbob.smith@northwind.com\tIT Director\tBob Smith\n"
    assert _found(text) == [
        ("Jane Doe", "CFO", "jane@northwind.com"),
        ("Bob Smith", "IT Director", "bob.smith@northwind.com"),
    ]


def test_a_title_is_known_by_the_title_table_the_inference_reads():
    # the paste once kept its own list of title words, which knew no 总工, 校长 or Controller
    text = "email@x.cn\t总工\t刘强\nma@x.cn\t副校长\t马丽\nann@x.com\tFinancial Controller\tAnn Lee\n"
    assert _found(text) == [
        ("刘强", "总工", "email@x.cn"),
        ("马丽", "副校长", "ma@x.cn"),
        ("Ann Lee", "Financial Controller", "ann@x.com"),
    ]


def test_it_reads_a_meeting_invite():
    text = (
        '"Doe, Jane" <jane@northwind.com>; Bob Smith <bob@northwind.com>, "张伟" <zhangwei@guodian.cn>; '
        "carol@northwind.com"
    )
    assert _found(text) == [
        ("Jane Doe", "", "jane@northwind.com"),
        ("Bob Smith", "", "bob@northwind.com"),
        ("张伟", "", "zhangwei@guodian.cn"),
        ("carol", "", "carol@northwind.com"),
    ]


def test_it_reads_chinese_signatures_in_any_order():
    text = (
        "张伟\n采购部经理\n国电智慧能源集团有限公司\n手机：138 0013 8000\n邮箱：zhangwei@guodian.cn\n\n"
        "zhaoli@guodian.cn\n赵丽\n信息中心 副主任\n"
    )
    people = _people(text)
    assert _found(text) == [
        ("张伟", "采购部经理", "zhangwei@guodian.cn"),
        ("赵丽", "副主任", "zhaoli@guodian.cn"),  # the unit before the post is her department
    ]
    assert people[0].organisation == "国电智慧能源集团有限公司" and people[0].phone == "138 0013 8000"
    assert people[1].department == "信息中心"


@pytest.mark.parametrize(
    ("unit", "title"),
    [
        ("科技互联网部", "网络安全专责"),
        ("总经理办公室", "秘书"),
        ("信息技术科", "科员"),
        ("IT Department", "Engineer"),
    ],
)
def test_a_department_line_of_a_signature_is_the_department_not_the_organisation(unit, title):
    """A trial's signature "曹雪 / 网络安全专责 / 科技互联网部 / 手机 / 邮箱" saved 科技互联网部 as her organisation,
    so the org chart put her outside the department her colleague 韩冰 (科技互联网部) stood in."""
    text = f"曹雪\n{title}\n{unit}\n国网某省电力有限公司\n手机：139 0000 1234\n邮箱：caoxue@sgcc.example\n"
    (person,) = _people(text)
    assert (person.name, person.title, person.department) == ("曹雪", title, unit)
    assert person.organisation == "国网某省电力有限公司"


def test_a_signature_line_of_unit_and_post_gives_both():
    """A retry of the trial: "科技互联网部 总经理" on one line was saved as the title, the department empty."""
    (person,) = _people("张明\n科技互联网部 总经理\n华东省能源投资集团\n邮箱：zm@hdny.example\n")
    assert (person.title, person.department) == ("总经理", "科技互联网部")
    (whole,) = _people("张明\n科技互联网部总经理\nzm@hdny.example\n")
    assert (whole.title, whole.department) == ("科技互联网部总经理", "")  # as the customer writes it


def test_a_given_name_ending_like_a_unit_stays_a_name():
    assert _found("王东科\n工程师\nwdk@example.cn\n") == [("王东科", "工程师", "wdk@example.cn")]


def test_it_reads_english_signatures_and_one_line_signatures():
    text = (
        "Jane Doe\nChief Financial Officer\nNorthwind Logistics Ltd\njane@northwind.com\n+1 (415) 555-0100\n\n"
        "Tom Lee\nHead of Procurement\ntom.lee@northwind.com"
    )
    assert _found(text) == [
        ("Jane Doe", "Chief Financial Officer", "jane@northwind.com"),
        ("Tom Lee", "Head of Procurement", "tom.lee@northwind.com"),
    ]
    lines = "王建国 | 总经理 | wangjg@guodian.cn\n李明 | 信息中心主任 | liming@guodian.cn"
    assert _found(lines) == [
        ("王建国", "总经理", "wangjg@guodian.cn"),
        ("李明", "信息中心主任", "liming@guodian.cn"),
    ]


def test_it_drops_duplicates_and_finds_nothing_in_prose():
    assert len(_people("a@x.com; a@x.com")) == 1
    assert _people("") == []


@pytest.mark.django_db
def test_preview_marks_people_already_on_the_map_and_adds_the_ticked_ones(owner_client, world):
    url = reverse("people_paste", args=[world.cn.slug])
    preview = _preview(owner_client, world.cn, "王建国\t总经理\n赵丽\t采购部经理\n")
    html = preview.content.decode()
    assert preview.status_code == 200
    assert 'value="赵丽"' in html and 'value="王建国"' in html
    assert html.count('class="known"') == 1  # 王建国 is already on the map, so not ticked
    added = owner_client.post(url, {"step": "add", "pick": ["1"], "name_1": "赵丽", "title_1": "采购部经理"})
    assert added.status_code == 302
    assert Person.objects.filter(account=world.cn, name="王建国").count() == 1
    assert Person.objects.get(account=world.cn, name="赵丽").title == "采购部经理"


EXCEL_ROWS = (
    "处长\t李强\t13800138001\n李工\t技术骨干\t13800138003\n刘总\t董事长\t13800138004\n"  # a reviewer's copy
    "技术骨干\t王工\t13800138005\n张伟\t王芳\t13800138006\n"
)


def test_one_row_of_an_excel_range_is_at_most_one_person_and_a_second_name_is_flagged():
    """李工 and 技术骨干 in one row were two people, the phone going to 技术骨干; then 技术骨干 first in its row was
    the name and 王工 a doubt. One row is one person: an informal post (技术骨干) is a title wherever it stands,
    and a second name-like cell is a doubt the preview flags."""
    people = _people(EXCEL_ROWS)
    assert [(c.name, c.title, c.phone) for c in people] == [
        ("李强", "处长", "13800138001"),
        ("李工", "技术骨干", "13800138003"),
        ("刘总", "董事长", "13800138004"),
        ("王工", "技术骨干", "13800138005"),
        ("张伟", "", "13800138006"),
    ]
    assert [c.doubts for c in people] == [[], [], [], [], [("name", "王芳")]]


@pytest.mark.django_db
def test_the_preview_flags_the_row_with_a_second_name(owner_client, world):
    html = _preview(owner_client, world.cn, EXCEL_ROWS).content.decode()
    assert 'value="王芳"' not in html and html.count('class="doubt"') == 1
    assert "“王芳”" in html


@pytest.mark.django_db
def test_a_bad_row_adds_nobody_and_names_the_row(owner_client, world):
    url = reverse("people_paste", args=[world.cn.slug])
    response = owner_client.post(
        url,
        {"step": "add", "pick": ["0", "1"], "name_0": "赵丽", "name_1": "钱进", "email_1": "not-an-email"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(r"(Row 2, email|第 2 行，)", html)
    assert not Person.objects.filter(account=world.cn, name__in=["赵丽", "钱进"]).exists()


@pytest.mark.django_db
def test_a_refused_add_shows_the_preview_again_with_its_ticks_and_edits_and_the_row_it_names(
    owner_client, world
):
    """A new seller ticked two of three pasted people, corrected a title, and one address was wrong: the page came
    back with "第 2 行，邮箱" over the bare paste box — the preview, its ticks and the corrected title gone, and
    row 2 the second ticked person, the preview's third."""
    url = reverse("people_paste", args=[world.cn.slug])
    response = owner_client.post(
        url,
        {
            "step": "add",
            "text": "何涛\t数据治理处处长\n钱进\t审计部副主任\n林晓\t法务专员\tlinxiao@dfny",
            "pick": ["1", "2"],
            **{"name_0": "何涛", "title_0": "数据治理处处长"},
            **{"name_1": "钱进", "title_1": "审计部副主任（主持工作）"},
            **{"name_2": "林晓", "title_2": "法务专员", "email_2": "linxiao@dfny"},
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(r"(Row 3, email|第 3 行，邮箱)", html)
    rows = re.findall(
        r'<td class="num muted">(\d+)</td>\s*<td><label class="pick"><input type="checkbox" name="pick" value="(\d)" ?(checked)?',
        html,
    )
    assert rows == [("1", "0", ""), ("2", "1", "checked"), ("3", "2", "checked")]
    assert 'value="审计部副主任（主持工作）"' in html and 'value="linxiao@dfny"' in html
    assert not Person.objects.filter(account=world.cn, name__in=["何涛", "钱进", "林晓"]).exists()


def test_full_width_and_padded_pastes_are_cleaned_and_match_people_on_the_map(owner_client, world):
    text = "王　建国\t总经理\tWANGJG＠guodian.cn\t１３８００１３８０００\n"
    (found,) = _people(text)
    assert (found.name, found.email, found.phone) == ("王建国", "wangjg@guodian.cn", "13800138000")
    url = reverse("people_paste", args=[world.cn.slug])
    html = owner_client.post(url, {"step": "preview", "text": "王  建国\t总经理\n"}).content.decode()
    assert html.count('class="known"') == 1  # the cleaned name is 王建国, already on the map


@pytest.mark.parametrize(
    "name", ["Vincent Lee", "Quincy Adams", "Harold Finch", "Abraham Lincoln", "Prince Ali", "Bruno Corpuz"]
)
def test_a_name_holding_inc_or_corp_is_a_name_not_an_organisation(name):
    (found,) = _people(f"{name}\nChief Financial Officer\nx@delta.example")
    assert (found.name, found.organisation) == (name, "")


def test_legal_forms_are_organisations_as_whole_words():
    text = "Ann Lee\nCFO\nAcme Holdings Inc.\nann@acme.example\n\nBo Li\nGroup CFO\nNorthwind Group\nbo@nw.example"
    assert [(c.name, c.title, c.organisation) for c in _people(text)] == [
        ("Ann Lee", "CFO", "Acme Holdings Inc."),
        ("Bo Li", "Group CFO", "Northwind Group"),
    ]


def test_two_signatures_without_a_blank_line_are_two_people():
    text = "Grace Hendricks\nVP Sales\ngrace@pp.example\nHarold Finch\nCIO\nharold@pp.example"
    assert _found(text) == [
        ("Grace Hendricks", "VP Sales", "grace@pp.example"),
        ("Harold Finch", "CIO", "harold@pp.example"),
    ]


@pytest.mark.django_db
def test_a_second_title_for_one_person_is_flagged_in_the_preview(owner_client, world):
    # a lower-case name is no name line to the parser: the second title must not vanish unseen
    text = "Grace Hendricks\nVP Sales\ngrace@pp.example\nharold finch\nCIO\nharold@pp.example"
    (grace, _harold) = _people(text)
    assert grace.title == "VP Sales" and grace.doubts == [("title", "CIO")]
    html = owner_client.post(reverse("people_paste", args=[world.en.slug]), {"step": "preview", "text": text})
    assert re.search(r"(A second title “CIO”|另一个职务“CIO”)", html.content.decode())


@pytest.mark.django_db
def test_a_department_column_is_the_org_unit_not_the_organisation(owner_client, world):
    from battlemap.accounts.services import org_unit_create

    info = org_unit_create(account=world.cn, name="信息中心")
    text = "姓名\t部门\t单位\t职务\n冯雷\t信息中心\t国电\t副主任\n陈晨\t采购部\t国电\t采购员\n"
    found = _people(text)
    assert [(c.name, c.department, c.organisation) for c in found] == [
        ("冯雷", "信息中心", "国电"),
        ("陈晨", "采购部", "国电"),
    ]
    url = reverse("people_paste", args=[world.cn.slug])
    rows = {
        "step": "add",
        "pick": ["0", "1"],
        "name_0": "冯雷",
        "department_0": "信息中心",
        "organisation_0": "国电",
    }
    rows.update({"name_1": "陈晨", "department_1": "采购部"})
    assert owner_client.post(url, rows).status_code == 302
    feng, chen = (
        Person.objects.get(account=world.cn, name="冯雷"),
        Person.objects.get(account=world.cn, name="陈晨"),
    )
    assert feng.org_unit == info and feng.organisation == "国电"
    assert chen.org_unit.name == "采购部" and chen.organisation == ""
    assert world.cn.org_units.filter(name="信息中心").count() == 1


def _unread(text):
    return [(u.line, u.text, u.reason) for u in read_paste(text).unread]


def test_each_line_is_read_in_its_own_format_pipes_commas_or_tabs():
    # a seller's paste from mail, a signature and Excel: the tab line once made the whole paste an Excel range
    text = (
        "张伟 | 信息中心主任 | zhangwei@hdny.com.cn\n"
        "Liu Yang, Procurement Manager, liu.yang@hdny.com.cn\n"
        "赵敏\t财务部经理\tzhaomin@hdny.com.cn"
    )
    assert _found(text) == [
        ("张伟", "信息中心主任", "zhangwei@hdny.com.cn"),
        ("Liu Yang", "Procurement Manager", "liu.yang@hdny.com.cn"),
        ("赵敏", "财务部经理", "zhaomin@hdny.com.cn"),
    ]
    assert _unread(text) == []


def test_a_comma_separated_list_is_one_person_a_line_and_doe_jane_stays_one_name():
    text = "张伟, 信息中心主任, zhangwei@hdny.com.cn\n李芳, 采购部经理, 13911112222"
    assert [(c.name, c.title, c.email, c.phone) for c in _people(text)] == [
        ("张伟", "信息中心主任", "zhangwei@hdny.com.cn", ""),
        ("李芳", "采购部经理", "", "13911112222"),
    ]
    assert _found("Doe, Jane\nCFO\njane@x.example") == [("Doe, Jane", "CFO", "jane@x.example")]


def test_invite_field_labels_and_quotes_are_not_part_of_the_name():
    zh = "必需: 王建国 <wangjg@hdny.com.cn>; 李芳 <lifang@hdny.com.cn>\n可选: 赵敏 <zhaomin@hdny.com.cn>"
    en = "Required: 王建国 <wangjg@hdny.com.cn>\nOptional: 'Liu Yang' <liu.yang@hdny.com.cn>\nCc: 抄送人 <cc@x.cn>"
    assert [c.name for c in _people(zh)] == ["王建国", "李芳", "赵敏"]
    assert [c.name for c in _people(en)] == ["王建国", "Liu Yang", "抄送人"]
    assert _unread(zh) == [] and _unread(en) == []


def test_an_invite_line_pasted_below_a_table_leaves_the_table_read_line_by_line():
    text = (
        "张伟 | 信息中心主任 | zhangwei@hdny.com.cn\n"
        "Liu Yang, Procurement Manager, liu.yang@hdny.com.cn\n"
        "赵敏\t财务部经理\tzhaomin@hdny.com.cn\n"
        "必需: 王建国 <wangjg@hdny.com.cn>; 李芳 <lifang@hdny.com.cn>"
    )
    assert _found(text) == [
        ("张伟", "信息中心主任", "zhangwei@hdny.com.cn"),
        ("Liu Yang", "Procurement Manager", "liu.yang@hdny.com.cn"),
        ("赵敏", "财务部经理", "zhaomin@hdny.com.cn"),
        ("王建国", "", "wangjg@hdny.com.cn"),
        ("李芳", "", "lifang@hdny.com.cn"),
    ]


def test_a_signature_whose_first_line_is_name_and_address_stays_one_person():
    assert _found("Jane Doe <jane.doe@northwind.example>\nCFO\nNorthwind Logistics Ltd") == [
        ("Jane Doe", "CFO", "jane.doe@northwind.example")
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("王建国\n总经理\n王建国 | 华东能源\n手机 13912345678\nwang@hdny.cn",
         ("王建国", "总经理", "wang@hdny.cn", "13912345678", "华东能源")),
        ("Jane Doe\nChief Financial Officer\nJane Doe | Northwind\njane@nw.example",
         ("Jane Doe", "Chief Financial Officer", "jane@nw.example", "", "Northwind")),
        ("Jane Doe\nCFO\nJANE DOE\nT +1 555 0100\njane@nw.example",
         ("Jane Doe", "CFO", "jane@nw.example", "+1 555 0100", "")),
    ],
)  # fmt: skip
def test_a_signature_naming_its_signer_twice_is_one_person(text, person):
    pasted = read_paste(text)
    assert [(c.name, c.title, c.email, c.phone, c.organisation) for c in pasted.people] == [person]
    assert not pasted.unread


def test_a_signature_with_two_addresses_on_one_line_stays_one_person():
    [person] = _people("李芳\n采购部经理\n邮箱：lifang@hdny.com.cn / lf@gmail.com")
    assert (person.name, person.title, person.email) == ("李芳", "采购部经理", "lifang@hdny.com.cn")


def test_text_of_an_invite_line_that_is_no_attendee_is_listed():
    assert _unread("会议：项目启动会\n必需: 王建国 <wangjg@hdny.com.cn>") == [
        (1, "会议：项目启动会", "not_read")
    ]


@pytest.mark.parametrize(
    "sign_off",
    ["Best regards,", "Regards", "Kind regards,", "Thanks!", "Cheers", "此致", "敬礼", "祝好！", "谢谢"],
)
def test_a_sign_off_is_no_person_and_is_listed(sign_off):
    text = f"{sign_off}\nJürgen Weber\nHead of IT\njuergen.weber@example.de"
    assert _found(text) == [("Jürgen Weber", "Head of IT", "juergen.weber@example.de")]
    assert _unread(text) == [(1, sign_off, "sign_off")]


def test_phones_written_with_a_letter_or_word_before_them_are_phones():
    text = (
        "Jürgen Weber\nHead of IT\nT +49 89 1234 5678\nM +49 170 1234567\nF +49 89 1234 5679\njw@example.de"
    )
    (found,) = _people(text)
    assert (found.phone, found.organisation) == (
        "+49 89 1234 5678 / +49 170 1234567",
        "",
    )  # both, side by side
    assert found.doubts == []
    assert _unread(text) == [(5, "F +49 89 1234 5679", "fax")]


def test_a_phone_and_an_email_on_one_line_are_both_taken():
    text = "李芳\n采购部经理\n手机 +86 139-1111-2222  E-mail: lifang@hdny.com.cn"
    (found,) = _people(text)
    assert (found.name, found.phone, found.email, found.organisation) == (
        "李芳",
        "+86 139-1111-2222",
        "lifang@hdny.com.cn",
        "",
    )


def test_a_title_keeps_the_full_width_brackets_typed():
    (found,) = _people("王建国\n副总经理（分管信息化）\nwangjg@hdny.com.cn")
    assert found.title == "副总经理（分管信息化）"


def test_a_block_with_no_name_or_email_and_a_duplicate_are_listed_with_why():
    text = "王建国 | 总经理 | wangjg@x.cn\n\n采购部经理\n\n王建国\nwangjg@x.cn"
    assert _found(text) == [("王建国", "总经理", "wangjg@x.cn")]
    assert [(u.line, u.last, u.reason) for u in read_paste(text).unread] == [
        (3, 0, "no_person"),
        (5, 6, "duplicate"),
    ]


@pytest.mark.django_db
def test_the_preview_lists_every_line_not_read_and_saves_what_was_typed(owner_client, world):
    url = reverse("people_paste", args=[world.en.slug])
    text = (
        "Best regards,\n"
        "Liu Yang, Procurement Manager, liu.yang@hdny.com.cn\n"
        "张伟 | 副总经理（分管信息化） | zhangwei@hdny.com.cn\n"
        "赵敏\t财务部经理\tzhaomin@hdny.com.cn"
    )
    html = _preview(owner_client, world.en, text).content.decode()
    assert 'value="Liu Yang"' in html and 'value="张伟"' in html and 'value="赵敏"' in html
    assert 'value="副总经理（分管信息化）"' in html
    assert re.search(r"(Line 1, “Best regards,”: not read — a sign-off|第 1 行“Best regards,”未读取)", html)
    added = owner_client.post(
        url, {"step": "add", "pick": ["0"], "name_0": "张伟", "title_0": "副总经理（分管信息化）"}
    )
    assert added.status_code == 302
    assert Person.objects.get(account=world.en, name="张伟").title == "副总经理（分管信息化）"


@pytest.mark.django_db
def test_an_invite_previews_names_without_its_field_labels(owner_client, world):
    text = "必需: 王建国 <wangjg@hdny.com.cn>; 李芳 <lifang@hdny.com.cn>\nOptional: 'Liu Yang' <liu.yang@hdny.com.cn>"
    html = _preview(owner_client, world.en, text).content.decode()
    assert re.findall(r'name="name_\d+" value="([^"]*)"', html) == ["王建国", "李芳", "Liu Yang"]


def test_an_excel_range_with_a_header_stays_one_even_when_a_row_has_one_cell():
    text = "姓名\t职务\t邮箱\n王建国\t总经理\twangjg@x.cn\n李明\n"
    assert _found(text) == [("王建国", "总经理", "wangjg@x.cn"), ("李明", "", "")]
    assert _unread(text) == []


@pytest.mark.django_db
def test_a_paste_with_nobody_in_it_says_so_and_lists_its_lines(owner_client, world):
    response = _preview(owner_client, world.en, "Best regards,\n\n采购部经理")
    html = response.content.decode()
    assert response.status_code == 422
    assert re.search(r"(No names or emails found|没有找到姓名或邮箱)", html)
    assert re.search(r"(Line 1, “Best regards,”: not read|第 1 行“Best regards,”未读取)", html)
    assert re.search(r"(Line 3, “采购部经理”: not read|第 3 行“采购部经理”未读取)", html)


INVITE = (
    "Chen Zhiyuan <chenzy@qhwater.com.cn>; 赵磊 (法务部) <zhaolei@qhwater.com.cn>; "
    "Wang Qiang <wangqiang@ourco.cn>"
)


def test_a_bracketed_department_after_an_invite_name_is_the_department_not_the_name():
    people = {c.email: c for c in _people(INVITE + "; Li Na (Northwind Ltd.) <li.na@x.example>")}
    assert (people["zhaolei@qhwater.com.cn"].name, people["zhaolei@qhwater.com.cn"].department) == (
        "赵磊",
        "法务部",
    )
    assert (people["li.na@x.example"].name, people["li.na@x.example"].organisation) == (
        "Li Na",
        "Northwind Ltd.",
    )


@pytest.mark.django_db
def test_our_own_seller_in_a_pasted_invite_is_not_ticked_and_says_why(owner_client, world):
    from battlemap.mail.models import MailDomains

    MailDomains.objects.create(account=world.en, ours=["ourco.cn"])  # known from a mail upload
    html = _preview(owner_client, world.en, INVITE).content.decode()
    ticked = re.findall(r'name="pick" value="(\d+)" checked', html)
    names = re.findall(r'name="name_(\d+)" value="([^"]*)"', html)
    assert [name for i, name in names if i in ticked] == ["Chen Zhiyuan", "赵磊"]
    assert "our side (ourco.cn), not the customer's" in html or "我方（ourco.cn），不是客户的人" in html


@pytest.mark.django_db
def test_the_users_own_domain_is_ours_in_a_paste_too(owner_client, world):
    world.owner.email = "li.si@ourco.cn"
    world.owner.save()
    html = _preview(owner_client, world.en, INVITE).content.decode()
    assert len(re.findall(r'name="pick" value="\d+" checked', html)) == 2


def test_a_department_after_a_comma_in_a_signature_title_is_the_department():
    text = "Best regards,\nKevin Huang 黄凯\nProcurement Manager, 采购部\nkevin.huang@qhwater.com.cn\n"
    [kevin] = _people(text)
    assert (kevin.name, kevin.title, kevin.department) == (
        "Kevin Huang 黄凯",
        "Procurement Manager",
        "采购部",
    )
    [cto] = _people("Ann Lee\nVP, CTO\nann@x.example\n")  # two posts: the title as written
    assert (cto.title, cto.department) == ("VP, CTO", "")


def test_a_manager_column_is_each_ones_manager_and_another_column_is_listed_not_read_as_people():
    # a tester's range: the 上级 column made every manager a new person holding the report's e-mail
    text = (
        "姓名\t职务\t部门\t上级\t邮箱\t备注\n"
        "刘芳\t总经理\t总经办\t王建国\tliufang@jnjm.com\t老客户\n"
        "陈明\tIT 经理\t信息部\t刘芳\tchenming@jnjm.com\t\n"
    )
    found = read_paste(text)
    assert [(c.name, c.email, c.manager) for c in found.people] == [
        ("刘芳", "liufang@jnjm.com", "王建国"),
        ("陈明", "chenming@jnjm.com", "刘芳"),
    ]
    assert [(u.line, u.text, u.reason) for u in found.unread] == [(2, "老客户", "column")]


def test_pasted_managers_are_the_rows_or_people_on_the_map_and_an_unknown_one_adds_nobody(
    owner_client, world
):
    url = reverse("people_paste", args=[world.cn.slug])
    text = "姓名\t上级\n刘芳\t王建国\n陈明\t刘芳\n"
    preview = _preview(owner_client, world.cn, text).content.decode()
    assert 'name="manager_1" value="刘芳"' in preview
    rows = {"step": "add", "pick": ["0", "1"], "name_0": "刘芳", "manager_0": "王 建国"}
    rows.update({"name_1": "陈明", "manager_1": "刘芳"})
    assert owner_client.post(url, rows).status_code == 302
    liu, chen = (Person.objects.get(account=world.cn, name=n) for n in ("刘芳", "陈明"))
    assert (liu.reports_to, chen.reports_to) == (world.cn_boss, liu)
    unknown = owner_client.post(url, {"step": "add", "pick": ["0"], "name_0": "赵丽", "manager_0": "钱进"})
    assert unknown.status_code == 422
    assert "第 1 行，汇报给" in unknown.content.decode() and "钱进" in unknown.content.decode()
    assert not Person.objects.filter(account=world.cn, name="赵丽").exists()


@pytest.mark.django_db
def test_a_paste_of_more_cells_than_are_read_is_refused_before_it_is_read(owner_client, world):
    """A security reviewer's 200 KB of `a; ` (66,000 cells, each read against the title table) held a web worker
    for 20 s: a paste is bounded in cells, and says so; 200 rows of an Excel range of 40 columns still reads."""
    response = _preview(owner_client, world.cn, "a; " * 66_000)
    html = response.content.decode()
    assert response.status_code == 422 and "最多有 66,001 个单元格" in html and "最多读取 10,000 个" in html
    assert 'class="doubt"' not in html
    wide = "\n".join("\t".join([f"张{i}伟", "工程师", *[f"c{j}" for j in range(38)]]) for i in range(200))
    html = _preview(owner_client, world.cn, wide).content.decode()
    assert "最多读取" not in html and 'value="张0伟"' in html and 'value="张199伟"' in html


def test_a_surname_and_a_post_is_a_person_addressed_as_sellers_do():
    """张老板 and 王高工 were read as titles once the title table knew 老板 and 高工, and their rows as no person (a
    reviewer of the day's changes): a surname and a whole post is a name, as 王工 and 刘总; a post stays a title."""
    people = _people(
        "张老板\t13900001111\n王高工\t13800000004\n欧阳经理\t13700000001\n副经理\t李娜\t13600000001\n"
    )
    assert [(c.name, c.title, c.phone) for c in people] == [
        ("张老板", "", "13900001111"),
        ("王高工", "", "13800000004"),
        ("欧阳经理", "", "13700000001"),
        ("李娜", "副经理", "13600000001"),
    ]
    assert [(c.name, c.title) for c in _people("信息主管\t刘洋\n采购经理\t陈静\n")] == [
        ("刘洋", "信息主管"),
        ("陈静", "采购经理"),
    ]
