"""The People page's search shows the links of the people it found (a reviewer's 250-person group: a search
for "Montgomery" found one person, and the influence-link table under it still listed all 90 links)."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from tests import factories as f


def _links(client, slug: str, query: dict) -> tuple[list[tuple[str, str]], str]:
    page = lxml.html.fromstring(client.get(reverse("people", args=[slug]), query).content)
    rows = [
        tuple(" ".join(td.text_content().split()) for td in tr.xpath("td")[:2])
        for tr in page.xpath("//table[@id='links-table']/tbody/tr")
    ]
    said = " ".join(page.xpath("string(//section[@aria-labelledby='links-title'])").split())
    return rows, said


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_a_search_lists_only_the_links_of_the_people_found(owner_client, world, lang):
    owner_client.cookies["django_language"] = lang
    acct = world.cn
    montgomery = f.person(account=acct, name="Alexandra Montgomery-Whitfield")
    chen, li, wang, zhao = (f.person(account=acct, name=n) for n in ("陈建国", "李敏", "王芳", "赵强"))
    f.link(source=montgomery, target=chen)
    f.link(source=li, target=montgomery)
    f.link(source=wang, target=zhao)  # neither found: not listed
    everyone, _ = _links(owner_client, acct.slug, {})
    assert ("王芳", "赵强") in everyone and len(everyone) >= 3

    found, said = _links(owner_client, acct.slug, {"q": "Montgomery"})
    assert sorted(found) == [
        ("Alexandra Montgomery-Whitfield", "陈建国"),
        ("李敏", "Alexandra Montgomery-Whitfield"),
    ]
    assert (
        "只列出找到的人的影响关系" if lang == "zh-hans" else "people found"
    ) in said  # the table says what it holds

    nobody, said = _links(owner_client, acct.slug, {"q": "赵强", "status": "left"})
    assert (
        len(nobody) == 1
        and (
            "找到的人都没有影响关系"
            if lang == "zh-hans"
            else "None of the people found has an influence link"
        )
        in said
    )
