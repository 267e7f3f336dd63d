"""A team page's refusal of several errors on one field says them one sentence after the other as the language
writes them (`|sentences`, on `punctuation.sentences`): 角色：这个字段是必填项。请输入… / Role: This field is required.
Enter … — they were joined by a space (这个字段是必填项。 请输入…), and the field was named by its code ("role")."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from battlemap.teams.models import Membership
from tests.foundation.test_colon_before_a_list import _labelled, _lines

pytestmark = pytest.mark.django_db


LANGS = [("zh-hans", ""), ("en", " ")]


def _refused(client, world, monkeypatch, lang, *, write, field, said, page, post):  # noqa: ANN001, ANN003
    """The page `page` (a member of the team) after `write` refused `field` for the reasons `said`: its lines."""

    def refuse(**kwargs):  # noqa: ANN003
        raise ValidationError({field: [gettext(s) for s in said]})

    monkeypatch.setattr(f"battlemap.teams.views.{write}", refuse)
    membership = Membership.objects.get(team=world.team, user=world.teammate)
    client.force_login(world.manager)
    url = reverse(page, args=[world.team.slug, membership.id])
    return _lines(client, lang, url, {**post, "version": membership.version})


@pytest.mark.parametrize(("lang", "gap"), LANGS)
def test_a_refused_role_change_says_each_error_of_the_field_as_a_sentence_after_the_other(
    client, world, monkeypatch, lang, gap
):
    """Two reasons against one field, on the team page: 角色：这个字段是必填项。请输入… / Role: This field is
    required. Enter … — the field's label, not its name ("role"), and no space after 。."""
    said = ("This field is required.", "Enter a valid value.")
    lines = _refused(
        client,
        world,
        monkeypatch,
        lang,
        write="membership_set_role",
        field="role",
        said=said,
        page="team_member_role",
        post={"role": "manager"},
    )
    with translation.override(lang):
        _labelled(lines, lang, "Role", gap.join(gettext(s) for s in said))


@pytest.mark.parametrize(("lang", "gap"), LANGS)
def test_a_refused_removal_says_each_error_as_a_sentence_after_the_other(
    client, world, monkeypatch, lang, gap
):
    """The removal page: 这个字段是必填项。请输入整数。 / This field is required. Enter a whole number."""
    said = ("This field is required.", "Enter a whole number.")
    lines = _refused(
        client,
        world,
        monkeypatch,
        lang,
        write="membership_remove",
        field="version",
        said=said,
        page="team_member_remove",
        post={},
    )
    with translation.override(lang):
        assert gap.join(gettext(s) for s in said) in lines
