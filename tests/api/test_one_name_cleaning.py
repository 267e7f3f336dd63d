"""A person's name, title and organisation are stored the same whichever road they came by: the form, the API
and a file import all give 张　伟 as 张伟 and ＣＦＯ as CFO (people.models.Person.text_cleaners, run by
core.text_fields.clean_text_fields on every save and bulk write)."""

from __future__ import annotations

from django.urls import reverse

from battlemap.io.tabular.services import people_import
from battlemap.people.models import Person


def _stored(world, name):
    return Person.objects.get(account=world.cn, name=name)


def test_the_api_stores_a_name_title_and_organisation_as_the_import_does(world, owner_api):
    response = owner_api.post(
        f"/api/accounts/{world.cn.slug}/people",
        {"name": "欧阳　正 人", "title": "ＣＦＯ（分管ＩＴ）", "organisation": " ＡＢＣ 咨询 "},
    )
    assert response.status_code == 201, response.content
    person = _stored(world, "欧阳正人")
    assert (person.title, person.organisation) == ("CFO（分管IT）", "ABC 咨询")  # full-width brackets stay


def test_the_web_form_stores_a_name_and_title_as_the_import_does(world, owner_client):
    response = owner_client.post(
        reverse("person_new", args=[world.cn.slug]),
        {"name": "司马　光", "title": "ＣＴＯ", "status": "active"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _stored(world, "司马光").title == "CTO"


def test_an_edit_through_the_api_cleans_the_same(world, owner_api):
    person = Person.objects.filter(account=world.cn).first()
    response = owner_api.patch(
        f"/api/people/{person.pk}",
        {"name": "上官　婉儿", "title": "ＶＰ", "version": person.version},
    )
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert (person.name, person.title) == ("上官婉儿", "VP")


def test_a_file_import_stores_them_the_same(world):
    data = "姓名,职务\n诸葛　亮,ＣＥＯ\n".encode()
    people_import(account=world.cn, data=data, filename="people.csv", user=world.owner)
    assert _stored(world, "诸葛亮").title == "CEO"


def test_a_joiner_that_spells_is_kept_and_one_left_by_a_copy_is_not(world, owner_api):
    """Persian and Devanagari spell with the zero-width non-joiner: stored as sent. An emoji sequence joined by
    the joiner is a profile's decoration, not the name, and goes whole (`io.profile_names.without_profile_additions`:
    `周琳 🌱` from LinkedIn was a second 周琳) — never half of it, a lone joiner or a stray ⚕. A joiner or
    zero-width space beside Latin letters, a Chinese character or an end is only what a copy left behind, and
    goes."""
    sent = {
        "می\u200cخواهم": "می\u200cخواهم",
        "श्री\u200cमान": "श्री\u200cमान",
        "\U0001f469\u200d\u2695\ufe0f Dr Li": "Dr Li",
        "王五\U0001f468\u200d\U0001f469\u200d\U0001f467": "王五",
        "An\u200dna\u200b Lee\u200c": "Anna Lee",
        "欧\u200d阳锋": "欧阳锋",
    }
    for name, stored in sent.items():
        response = owner_api.post(f"/api/accounts/{world.cn.slug}/people", {"name": name})
        assert response.status_code == 201, response.content
        assert response.json()["name"] == stored
        assert _stored(world, stored)
