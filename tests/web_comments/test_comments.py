"""Comments on a deal or a person, with @mentions: a mention reaches the teammate on "This week", never
anyone who may not see the account; the thread shows on the deal room and the person page."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from battlemap.comments.models import Comment
from battlemap.comments.services import comment_create
from battlemap.teams.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db


def _post(client, world, **data):
    return client.post(reverse("comment_add", args=["guodian"]), data)


def test_a_mention_reaches_the_teammate_and_nobody_outside(client, world):
    client.force_login(world.owner)
    body = "@bob @mallory @carol 王总上周说预算要到明年，谁能确认？"
    response = _post(client, world, body=body, deal=world.cn_deal.pk)
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    comment = Comment.objects.get()
    assert {u.username for u in comment.mentions.all()} == {"bob", "carol"}  # mallory may not see the account
    for user, sees in (
        (world.teammate, True),
        (world.manager, True),
        (world.outsider, False),
        (world.owner, False),
    ):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert ("王总上周说预算要到明年" in page) is sees, user
    client.force_login(world.teammate)
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    assert 'id="comments"' in room and '<span class="mention">@bob</span>' in room


def test_the_author_is_told_which_mentions_reached_nobody_and_they_are_not_marked(client, world):
    # a tester's finding: @zhaorep (who may not see the deal) and @nosuch looked like working mentions
    client.force_login(world.owner)
    body = "@bob @mallory @nosuch 请确认预算。谢谢 @bob."
    response = _post(client, world, body=body, deal=world.cn_deal.pk)
    told = [str(m) for m in response.wsgi_request._messages]
    assert any("@nosuch" in m and "@mallory" not in m for m in told)
    assert any("@mallory" in m and "@nosuch" not in m for m in told)
    assert not any("@bob" in m for m in told)
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    assert (
        room.count('<span class="mention">@bob</span>') == 2 and '<span class="mention">@bob</span>.' in room
    )
    assert '<span class="mention">@mallory' not in room and '<span class="mention">@nosuch' not in room
    assert "@mallory @nosuch 请确认预算" in room  # still there, as plain text
    # who was told and who was not, each said as such (it read "no one was told" beside bob being told)
    again = _post(client, world, body="@bob @nosuch", deal=world.cn_deal.pk)
    told = [str(m) for m in again.wsgi_request._messages][-2:]
    assert told == [
        "评论已发布，已提醒<bdi>bob</bdi>。",
        "没有名为 <bdi>@nosuch</bdi> 的用户：这些提及没有提醒到任何人。",
    ]


def test_a_mention_of_a_deactivated_colleague_says_they_are_deactivated(client, world):
    # a reviewer's finding: @sam, who left, read "No user is called @sam", as if the name were mistyped
    sam = f.user("sam", is_active=False)
    Membership.objects.create(team=world.team, user=sam, role=Membership.Role.MEMBER)
    client.force_login(world.owner)
    response = _post(client, world, body="@sam @nosuch 请跟进", deal=world.cn_deal.pk)
    told = [str(m) for m in response.wsgi_request._messages]
    assert "<bdi>@sam</bdi> 已停用：该提及没有提醒到任何人。" in told
    assert not any("@sam" in m and "nosuch" in m for m in told)  # no longer "no user is called @sam"
    assert not Comment.objects.get().mentions.exists()


def test_a_mention_in_other_case_reaches_the_user_unless_two_differ_only_in_case(client, world):
    # a tester's finding: "@Bob" reached nobody though bob is on the team (usernames are case-sensitive)
    client.force_login(world.owner)
    _post(client, world, body="@Bob @CAROL 请看招标文件", deal=world.cn_deal.pk)
    comment = Comment.objects.get()
    assert {u.username for u in comment.mentions.all()} == {"bob", "carol"}
    room = client.get(reverse("deal", args=["guodian", world.cn_deal.pk])).content.decode()
    assert '<span class="mention">@Bob</span>' in room and '<span class="mention">@CAROL</span>' in room
    client.force_login(world.teammate)
    assert "请看招标文件" in client.get(reverse("home")).content.decode()

    f.user("Carol")  # now "@carol" and "@Carol" are two people: "@CAROL" names neither for sure
    client.force_login(world.owner)
    response = _post(client, world, body="@CAROL @carol 第二条", deal=world.cn_deal.pk)
    second = Comment.objects.get(body__contains="第二条")
    assert [u.username for u in second.mentions.all()] == ["carol"]
    assert any("@CAROL" in str(m) for m in response.wsgi_request._messages)


def test_a_manager_coaches_through_comments_on_a_person(client, world):
    client.force_login(world.manager)  # managers view the team's accounts; commenting is not editing the map
    response = _post(client, world, body="Ask @alice to bring the ROI case.", person=world.cn_boss.pk)
    assert response.status_code == 302
    page = client.get(reverse("person", args=["guodian", world.cn_boss.pk])).content.decode()
    assert "Ask" in page and "ROI case" in page


def test_bad_input_names_the_field_and_writes_nothing(client, world):
    client.force_login(world.owner)
    response = _post(client, world, body="   ", deal=world.cn_deal.pk)
    assert response.status_code == 422 and "body" in response.context["form"].errors
    response = _post(client, world, body="hello")
    assert response.status_code == 422 and "deal" in response.context["form"].errors
    response = _post(client, world, body="x" * 4001, deal=world.cn_deal.pk)
    assert response.status_code == 422 and "body" in response.context["form"].errors
    # a deal of another account is not found through this account
    other_deal = f.deal(account=world.other)
    assert _post(client, world, body="hi", deal=other_deal.pk).status_code == 404
    assert not Comment.objects.exists()


def test_outsider_404_and_anonymous_login(client, world):
    client.force_login(world.outsider)
    assert _post(client, world, body="hi", deal=world.cn_deal.pk).status_code == 404
    client.logout()
    response = _post(client, world, body="hi", deal=world.cn_deal.pk)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not Comment.objects.exists()


def test_only_the_author_deletes_and_history_keeps_it(client, world):
    client.force_login(world.owner)
    _post(client, world, body="draft note", deal=world.cn_deal.pk)
    comment = Comment.objects.get()
    url = reverse("comment_remove", args=["guodian", comment.pk])
    client.force_login(world.teammate)
    assert client.post(url).status_code == 404
    client.force_login(world.outsider)
    assert client.post(url).status_code == 404
    client.force_login(world.owner)
    assert client.post(url).status_code == 302
    assert not Comment.objects.exists()
    assert Comment.history.filter(id=comment.pk, history_type="-").exists()


def test_comment_text_renders_as_text(client, world):
    client.force_login(world.owner)
    _post(
        client,
        world,
        body="<script>alert(1)</script> @bob <img src=x onerror=alert(2)>",
        deal=world.cn_deal.pk,
    )
    client.force_login(world.teammate)
    for url in (reverse("deal", args=["guodian", world.cn_deal.pk]), reverse("home")):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_long_comment_shows_shortened_with_show_all_in_the_room_and_on_this_week_alike(client, world):
    body = "@bob 预算情况：" + "王总说明年再议。" * 490  # 3,929 characters, within the 4,000 allowed
    comment_create(account=world.cn, author=world.owner, body=body, deal=world.cn_deal)
    client.force_login(world.teammate)
    client.post("/language/", {"language": "en", "next": "/"})
    shorts = []
    for url, where in (
        (reverse("deal", args=["guodian", world.cn_deal.pk]), 'id="comments"'),
        (reverse("home"), 'id="w-mentions"'),
    ):
        page = client.get(url).content.decode()
        section = page[page.index(where) :]
        long = re.search(r'<details class="comment-long">(.*?)</details>', section, re.S)
        assert long is not None, url
        short = re.search(r'<span class="comment-short">(.*?)</span> ', long.group(1), re.S).group(1)
        assert len(re.sub(r"<[^>]+>", "", short)) <= 300 and "Show all" in long.group(1)
        assert body[-200:] in long.group(1)  # the whole, a click away
        assert section.count("王总说明年再议。") < 490 + 50  # the whole once, not shown twice open
        shorts.append(short)
    assert shorts[0] == shorts[1]  # the same rule in both places


def test_a_comment_over_4000_characters_is_refused_naming_the_body(world):
    with pytest.raises(ValidationError) as refused:
        comment_create(account=world.cn, author=world.owner, body="长" * 4001, deal=world.cn_deal)
    assert "body" in refused.value.message_dict and not Comment.objects.exists()


def test_a_short_comment_shows_whole_without_show_all(client, world):
    comment_create(account=world.cn, author=world.owner, body="@bob 周五前确认预算", deal=world.cn_deal)
    client.force_login(world.teammate)
    for url in (reverse("deal", args=["guodian", world.cn_deal.pk]), reverse("home")):
        page = client.get(url).content.decode()
        assert "周五前确认预算" in page and "comment-long" not in page


def test_a_text_too_long_says_its_limit_plainly_in_chinese(client, world):
    """Django's own Chinese said "确保该变量包含不超过 4000 字符" ("this variable") to a seller, and to a customer on a
    questionnaire: every text field says it in the product's words (core's catalog overrides Django's)."""
    client.force_login(world.owner)
    response = client.post(
        reverse("comment_add", args=["guodian"]),
        {"body": "长" * 4001, "deal": world.cn_deal.pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    assert response.context["form"].errors["body"] == ["最多 4000 个字符（现有 4001 个）。"]
    assert "该变量" not in response.content.decode()


def test_a_blank_comment_is_refused_labelled_comment_with_the_way_back_to_its_deal(client, world):
    """The refusal labelled the box 备注 (Django's own "Comment", a note) and led back to the account only."""
    client.force_login(world.owner)
    response = _post(client, world, body="   ", deal=world.cn_deal.pk)
    page = response.content.decode()
    assert response.status_code == 422 and '<label for="id_body">评论：</label>' in page
    room = reverse("deal", args=["guodian", world.cn_deal.pk]) + "#comments"
    assert f'<a href="{room}">← 物联网平台</a>' in page and not Comment.objects.exists()
