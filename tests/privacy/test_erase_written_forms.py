"""Erasing a person finds their phone number however it is written, and leaves no sort key made from their name:
a review's erase of 李雷 (+86 139-1234-5678) left "139 1234 5678" and "+86-139-1234-5678" in a meeting's
summary, "138 0000 1111" in a deal's comment, and 李雷工作组's `name_key` ("leigongzuozu…") on the body."""

from __future__ import annotations

from battlemap.comments.models import Comment
from battlemap.comments.services import comment_create
from battlemap.core.text import name_key
from battlemap.interactions.models import Interaction
from battlemap.people import erased
from battlemap.people.services.erase import person_erase
from battlemap.process.models import DecisionBody
from battlemap.process.services import body_create, body_update
from tests import factories as f


def mark() -> str:
    return erased.shown_text(erased.TEXT)  # "[erased]" in the test's language


def test_every_written_form_of_the_phone_is_erased_and_a_longer_number_is_not(world):
    li = f.person(account=world.cn, name="李雷", phone="+86 139-1234-5678", email="li.lei@evilcorp.cn")
    meeting = f.interaction(
        account=world.cn,
        people=[li],
        summary="李总手机 139 1234 5678，座机 13912345678，邮箱 LI.LEI@EVILCORP.CN；+86-139-1234-5678; "
        "8613912345678; 0086 (139) 1234.5678; 订单号 139123456789; 订单 SO13912345678, 运单 SF13912345678",
    )
    person_erase(person=li, by=world.owner)
    m = mark()
    assert Interaction.objects.get(pk=meeting.pk).summary == (
        f"李总手机 {m}，座机 {m}，邮箱 {m}；{m}; {m}; {m}; 订单号 139123456789; 订单 SO13912345678, 运单 SF13912345678"
    )
    for row in Interaction.history.filter(id=meeting.pk):
        kept = (
            row.summary.replace("139123456789", "").replace("SO13912345678", "").replace("SF13912345678", "")
        )
        assert "1234" not in kept, row.summary


def test_a_number_stored_bare_is_erased_from_a_deal_comment_as_written_with_spaces(world):
    wang = f.person(account=world.cn, name="王芳", phone="13800001111")
    comment = comment_create(
        account=world.cn,
        author=world.owner,
        deal=world.cn_deal,
        body="phone 138 0000 1111, or +86 138-0000-1111",
    )
    person_erase(person=wang, by=world.owner)
    assert Comment.objects.get(pk=comment.pk).body == f"phone {mark()}, or {mark()}"
    assert [r.body for r in Comment.history.filter(id=comment.pk)] == [f"phone {mark()}, or {mark()}"]


def test_a_body_named_after_the_person_is_sorted_by_its_new_name(world):
    li = f.person(account=world.cn, name="李雷")
    body = body_create(account=world.cn, name="李雷小组")
    body = body_update(body=body, version=body.version, name="李雷工作组")
    person_erase(person=li, by=world.owner)
    keys = {DecisionBody.objects.get(pk=body.pk).name_key}
    keys |= set(DecisionBody.history.filter(id=body.pk).values_list("name_key", flat=True))
    made = {
        name_key(f"{erased.TEXT}工作组"),
        name_key(f"{erased.TEXT}小组"),
    }  # read, as the name, in the language
    assert keys == {erased.shown_text(k) for k in made}
    assert not any("lei" in k for k in keys)


def test_a_landline_stored_with_its_trunk_zero_is_erased_as_written_with_the_country_code(world):
    """021-68880001 dialled from abroad is +86 21 6888 0001 (io.phones.national_digits): both forms are his."""
    zhao = f.person(account=world.cn, name="赵磊", phone="021-68880001")
    meeting = f.interaction(
        account=world.cn,
        people=[zhao],
        summary="座机 +86 21 6888 0001，或 (021) 6888-0001；分机 216888000123",
    )
    person_erase(person=zhao, by=world.owner)
    assert Interaction.objects.get(pk=meeting.pk).summary == f"座机 {mark()}，或 {mark()}；分机 216888000123"
