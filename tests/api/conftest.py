"""The API world: the shared test world plus one of every map object, and a token per user."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from battlemap.deals.models import Coverage
from battlemap.people.models import DottedLine
from battlemap.users.services import token_create
from tests import factories as f


@dataclass
class Api:
    """A JSON client for one user (or anonymous), sending `Authorization: Bearer …` when it has a token."""

    client: object
    token: str | None = None

    def call(self, method: str, path: str, body=None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        kwargs = {"headers": headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(path, **kwargs)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.call("PATCH", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("PUT", path, body, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


@dataclass
class MapObjects:
    unit: object
    person: object  # 李明, reports to the boss
    factor: object
    link: object
    role: object
    action: object
    interaction: object
    dotted: object
    coverage: object


@pytest.fixture
def objs(world) -> MapObjects:
    unit = f.org_unit(account=world.cn, name="信息中心")
    person = world.cn.people.get(name="李明")
    person.org_unit = unit
    person.save()
    return MapObjects(
        unit=unit,
        person=person,
        factor=f.factor(account=world.cn),
        link=f.link(source=world.cn_boss, target=person, kind="trusts"),
        role=world.cn_deal.roles.get(person=world.cn_boss),
        action=f.action(deal=world.cn_deal, person=world.cn_boss, owner=world.owner),
        interaction=f.interaction(account=world.cn, people=[world.cn_boss], deal=world.cn_deal),
        # a dotted line to someone besides the solid-line manager (one person is never both)
        dotted=DottedLine.objects.create(
            person=person, manager=f.person(account=world.cn, name="周总监", title="技术总监")
        ),
        coverage=Coverage.objects.create(
            stakeholder=world.cn_deal.roles.get(person=world.cn_boss), user=world.owner
        ),
    )


def _client_for(user):
    from django.test import Client

    return Api(Client(), token_create(user=user, name="test").secret)


@pytest.fixture
def owner_api(world) -> Api:
    return _client_for(world.owner)


@pytest.fixture
def outsider_api(world) -> Api:
    return _client_for(world.outsider)


@pytest.fixture
def manager_api(world) -> Api:
    return _client_for(world.manager)


@pytest.fixture
def anon_api(db) -> Api:
    from django.test import Client

    return Api(Client())
