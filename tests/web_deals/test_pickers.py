"""The deal room's people pickers are written in Python (people.forms.QuickSelect, issue 19): for a choice of
several people too, they must post and show what Django's own SelectMultiple does."""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms
from django.http import QueryDict

from battlemap.people.forms import QuickSelectMultiple

CHOICES = [(1, "王芳 · <b>总监</b>"), (2, "Li Ming"), (3, "Ma & Co")]


class _Options(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.select: dict = {}
        self.options: list = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag == "select":
            self.select = dict(attrs)
        elif tag == "option":
            self.options.append([dict(attrs).get("value"), "selected" in dict(attrs), ""])

    def handle_data(self, data):  # noqa: ANN001
        if self.options:
            self.options[-1][2] += data.strip()


def _read(html: str) -> _Options:
    parser = _Options()
    parser.feed(html)
    return parser


def test_several_people_render_and_post_as_djangos_select_multiple():
    quick = _read(QuickSelectMultiple(attrs={"size": 4}, choices=CHOICES).render("people", [1, 3]))
    plain = _read(forms.SelectMultiple(attrs={"size": 4}, choices=CHOICES).render("people", [1, 3]))
    assert quick.select == plain.select and "multiple" in quick.select
    assert quick.options == plain.options
    assert [o[0] for o in quick.options if o[1]] == ["1", "3"]
    posted = QueryDict("people=1&people=3")
    assert QuickSelectMultiple().value_from_datadict(posted, {}, "people") == ["1", "3"]


def test_two_people_of_one_name_read_apart_in_a_picker(db):
    from battlemap.people.forms import PersonChoiceField
    from battlemap.people.models import Person
    from tests import factories as f

    account = f.account(owner=f.user("alice"), slug="acme", name="Acme")
    f.person(account=account, name="张伟", email="zhang.wei@acme.cn")
    f.person(account=account, name="张伟", organisation="华东设计院")
    f.person(account=account, name="张伟", title="采购经理")
    field = PersonChoiceField(Person.objects.filter(account=account))
    labels = [label for _pk, label in list(field.choices)[1:]]
    assert sorted(labels) == ["张伟 · zhang.wei@acme.cn", "张伟 · 华东设计院", "张伟 · 采购经理"]
