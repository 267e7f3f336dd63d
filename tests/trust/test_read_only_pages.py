"""Someone who may only read an account (a manager: review and coach, not change) never gets a write
form to fill in: every page of the account's URL tree either refuses them on GET with the reason
(403, `core.access.READ_ONLY`), takes only POST (405), or shows no form that writes to the map."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import Resolver404, get_resolver, resolve
from django.urls.resolvers import URLResolver

from battlemap.process import services as process
from tests import factories as f

pytestmark = pytest.mark.django_db

PREFIX = "accounts/<slug:slug>/"
REASON = "You may see this account but not change it: ask its owner or a member of its team."
OWNER_ONLY = (  # the owner's own acts: a person's data export and erasure, deleting the account
    "Only the account's owner or an administrator may do this.",
)
# what a reader may post from a page they read: a comment (coaching), a review (reviewing) and, for the manager of
# the owner's team, a handover (a departed rep's accounts are his to give to another rep)
READER_FORMS = ("/comments/", "/reviews/", "/handover/")


def _account_routes(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            yield from _account_routes(p.url_patterns, prefix + str(p.pattern))
        elif (prefix + str(p.pattern)).startswith(PREFIX):
            yield prefix + str(p.pattern), p.name


@pytest.fixture
def objects(world):
    cn, deal, boss = world.cn, world.cn_deal, world.cn_boss
    li = cn.people.get(name="李明")
    body = process.body_create(account=cn, name="董事会", kind="board")
    return {
        "people": boss.pk,
        "deals": deal.pk,
        "links": f.link(source=li, target=boss).pk,
        "interactions": f.interaction(account=cn, people=[boss], deal=deal).pk,
        "factors": f.factor(account=cn).pk,
        "person_id": boss.pk,
        "item_id": f.action(deal=deal).pk,
        "step_id": process.step_create(deal=deal, kind="budget").pk,
        "body_id": body.pk,
    }


def _resolves(href: str) -> bool:
    try:
        resolve(href)
    except Resolver404:
        return False
    return True


def _path(route: str, slug: str, objects: dict[str, int]) -> str:
    parts, path = route.split("/"), []
    for i, part in enumerate(parts):
        m = re.fullmatch(r"<(?:(\w+):)?(\w+)>", part)
        if m is None:
            path.append(part)
        elif m[2] == "slug":
            path.append(slug)
        elif m[2] == "pk":
            path.append(str(objects.get(parts[i - 1], 999999)))
        else:
            path.append(str(objects.get(m[2], 999999 if m[1] == "int" else "x")))
    return "/" + "/".join(path)


def _write_forms(html: str, path: str) -> list[str]:
    """The forms of a page a reader could fill in and send to a write: posted, with a field and a submit
    button (a reader's person page shows its form disabled, with no button), not a reader's own form."""
    found = []
    for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S):
        head = form[: form.index(">") + 1]
        if 'method="post"' not in head.lower() and "hx-post" not in head:
            continue
        action = re.search(r'(?:action|hx-post)="([^"]*)"', head)
        if any(r in (action[1] if action else path) for r in READER_FORMS):
            continue
        fields = re.search(r'<(input(?![^>]*type="hidden")|textarea|select)\b', form)
        button = re.search(r'<button(?![^>]*type="button")|type="submit"', form)
        if fields and button:
            found.append(head)
    return found


def test_a_reader_gets_no_write_form_on_any_page_of_the_account(client, world, objects):
    """Every page under /accounts/<slug>/ (the URL patterns, not a hand list) for the manager, who may
    only read: refused on GET with the reason, POST only, or a page without a write form."""
    client.force_login(world.manager)
    client.cookies["django_language"] = "en"
    refused, offered, links = set(), [], {}
    for route, name in _account_routes():
        path = _path(route, world.cn.slug, objects)
        response = client.get(path)
        html = unescape(response.content.decode())
        if response.status_code == 403:
            assert any(reason in html for reason in (REASON, *OWNER_ONLY)), (
                name,
                "refused without its reason",
            )
            refused.add(name)
        elif response.status_code == 404:
            assert "999999" in path or "/x/" in path, (name, path)  # only an object the test did not make
        elif response.status_code == 200:
            if _write_forms(html, path):
                offered.append((name, _write_forms(html, path)))
            for href in re.findall(r'href="(/accounts/[^"?#]*)', html):
                links.setdefault(href, name)
        else:
            assert response.status_code == 405, (name, response.status_code)
    assert offered == []
    # nor a link to a page that refuses them
    linked = [(resolve(href).url_name, on) for href, on in links.items() if _resolves(href)]
    assert [(to, on) for to, on in linked if to in refused] == []
    write_pages = {"deal_new", "deal_edit", "deal_close", "person_new", "people_paste", "interaction_new"}
    assert write_pages <= refused
    client.force_login(world.owner)  # the same pages are the owner's to fill in
    for route, name in _account_routes():
        if name in refused - {"account_audit", "person_export", "person_erase", "account_delete"}:
            response = client.get(_path(route, world.cn.slug, objects))
            assert response.status_code in (200, 404), (name, response.status_code)


@pytest.mark.parametrize("name", ["deal_edit", "person_new", "interaction_new"])
def test_a_write_page_refused_on_get_says_why(client, world, objects, name):
    client.force_login(world.manager)
    client.cookies["django_language"] = "en"
    route = dict((n, r) for r, n in _account_routes())[name]
    response = client.get(_path(route, world.cn.slug, objects))
    assert response.status_code == 403
    html = unescape(response.content.decode())
    assert REASON in html and "<form" not in html.split('id="main"')[-1].split("</main>")[0]
