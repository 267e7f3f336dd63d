"""Training through the pages and the API: the library, the exercise and its two attempts, the reference
hidden until submitted, cases made from real deals with nothing personal in them, the team page, access."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from battlemap.training import scenarios
from battlemap.training.models import Attempt, Case

from .conftest import SCENARIO, SECRETS, Api

pytestmark = pytest.mark.django_db


def _perfect_form(lang="en", key=SCENARIO):
    scenario = scenarios.load_library()[key]
    ref = scenarios.reference_of(scenario, lang)
    form = {"decision_maker": str(ref.decision_maker), "flags": sorted(ref.flags)}
    for pid in ref.people:
        if pid in ref.attitudes:
            form[f"p{pid}-roles"] = sorted(ref.roles.get(pid, ()))
            form[f"p{pid}-attitude"] = ref.attitudes[pid]
            form[f"p{pid}-influence"] = str(ref.influence[pid])
    for i, (a, b) in enumerate(sorted(ref.links)):
        form[f"link-{i}-from"], form[f"link-{i}-to"] = str(a), str(b)
    return form


def _en(client):
    client.cookies["django_language"] = "en"
    return client


# ---- pages ---------------------------------------------------------------------------------------------


def test_the_library_lists_four_scenarios_in_both_languages(client, world):
    client.force_login(world.owner)
    zh = client.get("/training/").content.decode()
    assert "江南能源" in zh and "滨江一院" in zh and "恒泰精密" in zh and "汇丰源" in zh
    en = _en(client).get("/training/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Jiangnan Energy" in en and "Binjiang" in en


def test_the_exercise_page_never_shows_the_reference(client, world):
    client.force_login(world.owner)
    page = _en(client).get(f"/training/{SCENARIO}/").content.decode()
    assert "Zhou Jianhua" in page and "Tender notice" in page  # the narrative, in English
    assert " checked" not in page  # no role or flag ticked for the trainee
    assert '"answer"' not in page and 'decision_maker_not_met" checked' not in page
    assert page.count("selected") == page.count('value="unknown" selected')  # only the neutral defaults


def test_a_perfect_attempt_scores_100_with_reasons_quoted_from_the_narrative(client, world):
    client.force_login(world.owner)
    response = _en(client).post(f"/training/{SCENARIO}/", _perfect_form())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "100%" in page
    assert "Secretary Zhou always follows Chief Engineer Li" in page  # the reason of a right link
    attempt = Attempt.objects.get(user=world.owner)
    assert (attempt.number, attempt.percent, attempt.lang) == (1, 100, "en")


def test_wrong_items_hide_the_answer_until_the_last_attempt_and_both_attempts_are_kept(client, world):
    client.force_login(world.owner)
    _en(client).post(f"/training/{SCENARIO}/", {"decision_maker": "2"})  # the GM: wrong
    first = client.get(f"/training/{SCENARIO}/attempts/1/").content.decode()
    quote = "chaired by Zhou Jianhua, Party Secretary and Chairman."
    assert quote not in first and "Try again" in first
    client.post(f"/training/{SCENARIO}/", {"decision_maker": "2"})
    last = client.get(f"/training/{SCENARIO}/attempts/2/").content.decode()
    assert quote in last and "Try again" not in last
    assert [a.number for a in Attempt.objects.filter(user=world.owner)] == [1, 2]
    third = client.post(f"/training/{SCENARIO}/", {"decision_maker": "1"})
    assert third.status_code == 422 and "used both attempts" in third.content.decode()
    assert Attempt.objects.filter(user=world.owner).count() == 2


def test_bad_input_names_the_field_and_scores_nothing(client, world):
    client.force_login(world.owner)
    response = _en(client).post(f"/training/{SCENARIO}/", {"p1-attitude": "ecstatic", "p1-influence": "9"})
    assert response.status_code == 422
    assert "Zhou Jianhua · attitude" in response.content.decode()
    assert not Attempt.objects.exists()


def test_anonymous_goes_to_login_on_every_page(client, world):
    for path in (
        "/training/",
        f"/training/{SCENARIO}/",
        f"/training/{SCENARIO}/attempts/1/",
        "/training/cases/new/",
        "/training/teams/east/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"], path
    assert client.post(f"/training/{SCENARIO}/", _perfect_form()).status_code == 302
    assert not Attempt.objects.exists()


def test_outsiders_get_404(client, world, case):
    client.force_login(world.owner)
    client.post(f"/training/{SCENARIO}/", _perfect_form())
    client.force_login(world.outsider)
    for path in (
        f"/training/{case.key}/",
        f"/training/{case.key}/attempts/1/",
        "/training/teams/east/",
        "/training/cases/new/",
        "/training/no-such-scenario/",
        "/training/case-999/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/training/{case.key}/", {}).status_code == 404
    # someone else's attempt is not reachable either: the URL is the user's own
    assert client.get(f"/training/{SCENARIO}/attempts/1/").status_code == 404
    assert case.key not in client.get("/training/").content.decode()


def test_the_team_page_shows_who_did_what_to_its_manager_only(client, world):
    client.force_login(world.owner)
    client.post(f"/training/{SCENARIO}/", {"decision_maker": "2"})
    client.post(f"/training/{SCENARIO}/", _perfect_form("zh"))
    client.force_login(world.teammate)  # a member, not the manager
    assert client.get("/training/teams/east/").status_code == 404
    client.force_login(world.manager)
    page = _en(client).get("/training/teams/east/").content.decode()
    assert "alice" in page and "Jiangnan Energy" in page or "江南能源" in page
    assert "→ 100%" in page  # scores over time: the first, then the second


# ---- cases from real deals ----------------------------------------------------------------------------


def test_a_case_keeps_no_original_name_email_or_phone(world, case, won_deal):
    text = json.dumps(case.data, ensure_ascii=False)
    originals = SECRETS["names"] + SECRETS["emails"] + SECRETS["phones"]
    originals += [world.cn.name, world.cn.slug, "Roe Consulting", "华通科技", won_deal.name, "alice", "carol"]
    for original in originals:
        assert original not in text, original
    # the reference is the real map:
    ref = scenarios.reference_of(case.data, "zh")
    assert len(ref.roles) == 3 and ref.roles[ref.decision_maker] == frozenset({"decision_maker"})
    assert len(ref.links) == 1


def test_a_wrong_item_does_not_tell_who_holds_a_role_before_the_last_attempt(client, world):
    """Before the reveal, a missed role, attitude, influence or link names nobody (nor does an attitude
    right only because both left it unknown) and sits after the items that name someone: neither its
    words, its reason nor its place says whom the reference gives a part."""
    scenario = scenarios.load_library()[SCENARIO]
    ref = scenarios.reference_of(scenario, "en")
    names = {p["id"]: p["name"] for p in scenarios.scenario_map(scenario, "en")["people"]}
    holders = [pid for pid in ref.people if ref.roles.get(pid) and pid != ref.decision_maker]
    client.force_login(world.owner)
    _en(client).post(f"/training/{SCENARIO}/", {"decision_maker": str(holders[0])})  # names nobody else
    page = client.get(f"/training/{SCENARIO}/attempts/1/").content.decode()
    table = page[page.index('<table class="grid items">') : page.index("</table>")]
    assert "buying role" in table and "✗" in table
    for pid in holders[1:]:
        assert names[pid] not in table, names[pid]
    items = Api(world.owner).call("get", f"/api/training/scenarios/{SCENARIO}/attempts?lang=en").json()
    items = items[0]["result"]["items"]
    wrong = [i for i in items if not i["right"]]
    assert wrong[0]["key"] == "decision_maker" and wrong[0]["given"] == holders[0]
    assert wrong[0]["person"] is None  # not the reference's decision maker
    for item in wrong[1:]:
        assert (item["key"], item["person"], item["other"], item["given"]) == ("", None, None, None), item
    # an attitude right only because both left it unknown names nobody either
    assert not any(i["right"] and i["kind"] == "attitude" and i["key"] for i in items)
    kinds = [i["kind"] for i in items]
    first_hidden = next(n for n, i in enumerate(items) if i["key"] == "")
    assert all(i["key"] == "" for i in items[first_hidden:])  # the anonymous ones come last, by kind
    assert kinds[first_hidden:] == sorted(
        kinds[first_hidden:], key=("role", "attitude", "influence", "link", "flag").index
    )
    assert all("because" not in i or i["because"] == "" for i in items[first_hidden:])


def test_a_manager_makes_a_case_and_the_team_trains_on_it(client, world, won_deal):
    client.force_login(world.manager)
    assert client.get("/training/cases/new/").status_code == 200
    bad = client.post("/training/cases/new/", {"deal": "x"})
    assert bad.status_code == 422 and "deal" in bad.content.decode()
    response = client.post("/training/cases/new/", {"deal": str(won_deal.pk)})
    assert response.status_code == 302
    key = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    client.force_login(world.teammate)
    page = client.get(f"/training/{key}/").content.decode()
    assert "王建国" not in page and SECRETS["emails"][0] not in page
    client.force_login(world.owner)  # a member, not a manager: cannot make cases
    assert client.get("/training/cases/new/").status_code == 404


def test_an_open_deal_cannot_become_a_case(client, world):
    client.force_login(world.manager)
    response = client.post("/training/cases/new/", {"deal": str(world.cn_deal.pk)})
    assert response.status_code == 422  # only won or lost deals are offered


# ---- the API ---------------------------------------------------------------------------------------------


def test_the_api_lists_and_shows_scenarios_without_the_reference(world):
    api = Api(world.owner)
    listed = api.call("get", "/api/training/scenarios?lang=en").json()
    assert {s["key"] for s in listed} >= set(scenarios.load_library())
    detail = api.call("get", f"/api/training/scenarios/{SCENARIO}?lang=en")
    assert detail.status_code == 200
    body = detail.json()
    assert set(body) == {
        "key",
        "title",
        "summary",
        "case",
        "attempts",
        "brief",
        "documents",
        "people",
        "flags",
        "max_attempts",
    }
    assert body["flags"] == list(scenarios.checklist(scenarios.load_library()[SCENARIO]))  # every flag
    assert set(body["people"][0]) == {"id", "name", "title", "organisation", "external"}
    text = detail.content.decode()
    for hidden in (
        '"decision_maker"',
        '"reasons"',
        '"answer"',
        '"attitude"',
        '"influence"',
        '"opponent"',  # an attitude (the checklist's flag codes, "unaddressed_opponent", are no answer)
        '"skeptic"',
    ):
        assert hidden not in text, hidden


def test_the_api_scores_attempts_and_reveals_the_reference_only_after_the_last(world):
    api = Api(world.owner)
    path = f"/api/training/scenarios/{SCENARIO}/attempts?lang=en"
    first = api.call("post", path, {"decision_maker": 2, "people": [{"person": 1, "roles": ["user"]}]})
    assert first.status_code == 201, first.content
    wrong = [i for i in first.json()["result"]["items"] if not i["right"]]
    assert wrong and all("expected" not in i and "because" not in i for i in wrong)
    assert first.json()["revealed"] is False
    second = api.call("post", path, {"decision_maker": 1, "flags": ["decision_maker_not_met"]})
    assert second.status_code == 201 and second.json()["revealed"] is True
    right = [i for i in second.json()["result"]["items"] if i["right"]]
    # right: the decision maker, the flag, and the attitude left unknown where the reference says unknown
    assert {i["key"] for i in right} == {"decision_maker", "flag:decision_maker_not_met", "attitude:7"}
    assert all(i["because"] for i in right)
    listed = api.call("get", path).json()
    assert [a["number"] for a in listed] == [1, 2] and all(a["revealed"] for a in listed)
    third = api.call("post", path, {})
    assert third.status_code == 422 and third.json()["errors"][0]["field"] == "attempt"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"people": [{"person": 1, "attitude": "ecstatic"}]}, "people[0].attitude"),
        ({"links": [{"from": 1, "to": 1}]}, "links[0].to"),
        ({"flags": ["on_fire"]}, "flags"),
        ({"decision_maker": 999}, "decision_maker"),
        ({}, "submission"),  # nothing marked: no attempt used up
        ({"people": [{"person": 1, "attitude": "unknown"}]}, "submission"),
    ],
)
def test_the_api_names_the_bad_field(world, body, field):
    response = Api(world.owner).call("post", f"/api/training/scenarios/{SCENARIO}/attempts", body)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Attempt.objects.exists()


def test_the_api_gives_outsiders_404_and_anonymous_401(world, case):
    outsider, anon = Api(world.outsider), Api()
    for method, path in (
        ("get", f"/api/training/scenarios/{case.key}"),
        ("get", f"/api/training/scenarios/{case.key}/attempts"),
        ("post", f"/api/training/scenarios/{case.key}/attempts"),
        ("get", "/api/training/scenarios/no-such"),
    ):
        assert outsider.call(method, path, {} if method == "post" else None).status_code == 404, path
    assert case.key not in outsider.call("get", "/api/training/scenarios").content.decode()
    for method, path in (
        ("get", "/api/training/scenarios"),
        ("get", f"/api/training/scenarios/{SCENARIO}"),
        ("post", f"/api/training/scenarios/{SCENARIO}/attempts"),
        ("get", f"/api/training/scenarios/{SCENARIO}/attempts"),
    ):
        assert anon.call(method, path, {} if method == "post" else None).status_code == 401, path
    teammate = Api(world.teammate)
    assert teammate.call("get", f"/api/training/scenarios/{case.key}").status_code == 200


def test_role_play_prompts_show_on_a_real_persons_page(client, world):
    client.force_login(world.owner)
    page = client.get(f"/accounts/guodian/people/{world.cn_boss.pk}/").content.decode()
    assert "Role play" in page or "角色扮演" in page
    assert "投资回报" in page  # what a decision maker cares about


def test_every_scenario_map_loads_through_the_one_map_loader(world):
    from battlemap.io.mapformat.load import map_import

    for slug, scenario in scenarios.load_library().items():
        for lang in scenarios.LANGS:
            data = scenarios.scenario_map(scenario, lang)
            account = map_import(data=data, owner=world.owner, slug=f"{slug}-{lang.lower()}", team=None)
            assert account.people.count() == len(data["people"])
            assert account.deals.get().roles.count() == len(data["deals"][0]["roles"])


def test_a_case_carries_no_text_anyone_typed_in_the_account(client, world):
    """Free text names people by first name, companies by a short name and places, which no list of known
    names can catch: none of it reaches the case (its page, its results, its API JSON, in both languages)."""
    from tests import factories as f

    cn = world.cn
    depot = f.org_unit(account=cn, name="Leeds depot")
    laura = f.person(
        account=cn,
        name="Laura Chen",
        title="Head of Operations, Leeds",
        org_unit=depot,
        concerns="Laura: CFO wants a lower year-one price",
        notes="Lau says Fleetwise sides with Omnitrack <script>alert(1)</script>",
        duties="Runs the Leeds depot",
        decision_style="analytical",
    )
    tom = f.person(account=cn, name="Tom Baker", title="CFO", personal_win="Tom wants the Leeds budget")
    adviser = f.person(
        account=cn,
        name="Ann Roe",
        title="Partner at Fleetwise",
        external=True,
        external_kind="consultant",
        organisation="Fleetwise Advisory",
    )
    deal = f.deal(
        account=cn,
        name="Fleet telematics rollout",
        competitors=["Omnitrack"],
        customer_win="Fewer empty miles out of Leeds",
        our_win="A reference in Leeds",
        close_reason="Fleetwise preferred Omnitrack",
        lost_to="Omnitrack",
    )
    f.role(
        deal=deal, person=tom, roles=["decision_maker"], influence=5, plan="Commercial approach with Laura"
    )
    f.role(
        deal=deal,
        person=laura,
        roles=["champion"],
        attitude="supporter",
        relationship=3,
        personal_win="Laura wants a promotion",
        favoured_competitor="Omnitrack",
    )
    f.role(deal=deal, person=adviser, roles=["influencer"], attitude="skeptic")
    f.link(source=adviser, target=tom, kind="advises", note="Fleetwise wrote the operations strategy")
    f.interaction(
        account=cn,
        people=[laura, tom],
        deal=deal,
        kind="visit",
        summary="Depot visit in Leeds",
        outcome="Laura to brief Tom",
        next_step="Call Lau",
    )
    deal.status = "lost"
    deal.save()
    typed = ["Laura", "Lau ", "Tom ", "Ann ", "Fleetwise", "Omnitrack", "Leeds", "telematics", "alert(1)"]

    client.force_login(world.manager)
    key = (
        client.post("/training/cases/new/", {"deal": str(deal.pk)})["Location"].rstrip("/").rsplit("/", 1)[-1]
    )
    found = [json.dumps(Case.objects.get(pk=key.removeprefix("case-")).data, ensure_ascii=False)]
    for lang in ("zh-hans", "en"):
        client.cookies["django_language"] = lang
        found.append(client.get(f"/training/{key}/").content.decode())
        client.post(f"/training/{key}/", {})
        client.post(f"/training/{key}/", {})  # the last attempt: every reason is shown
        found.append(client.get(f"/training/{key}/attempts/2/").content.decode())
        Attempt.objects.all().delete()
        api = Api(world.manager)
        for path in (f"/api/training/scenarios/{key}", "/api/training/scenarios"):
            found.append(api.call("get", f"{path}?lang={lang}").content.decode())
        found.append(
            api.call("post", f"/api/training/scenarios/{key}/attempts?lang={lang}", {}).content.decode()
        )
        found.append(
            api.call("post", f"/api/training/scenarios/{key}/attempts?lang={lang}", {}).content.decode()
        )
        Attempt.objects.all().delete()
    for text in found:
        for word in typed:
            assert word not in text, word
    from battlemap.io.mapformat.load import map_import

    for lang in scenarios.LANGS:  # the case's map is a map in the map format, as the library's are
        data = scenarios.scenario_map(json.loads(found[0]), lang)
        assert (
            map_import(data=data, owner=world.owner, slug=f"case-{lang.lower()}", team=None).people.count()
            == 3
        )
    en_page = found[7]
    assert "Day 1, visit with" in en_page  # the meeting is told from its kind, day and people
    assert "favours Competitor A" in en_page and "Outside organisation A" in en_page
    assert "finance" in en_page  # the CFO's post, in generated words


def test_a_cases_documents_are_punctuated_as_their_language_is_written(case):
    """The generated narrative follows the one punctuation rule (battlemap.punctuation): full-width colon,
    semicolon, brackets and 、 in Chinese; the ASCII ones in English."""
    documents = {lang: case.data["text"][lang]["documents"] for lang in ("zh_Hans", "en")}
    zh = "\n".join(d["body"] for d in documents["zh_Hans"])
    en = "\n".join(d["body"] for d in documents["en"])
    assert "：" in zh and "、" in zh
    for ascii_mark in (": ", "; ", " (", ", "):
        assert ascii_mark not in zh, (ascii_mark, zh)
    assert ": " in en and "：" not in en and "、" not in en


def test_an_empty_map_submitted_on_the_page_is_refused_and_uses_no_attempt(client, world):
    client.force_login(world.owner)
    page = client.post(f"/training/{SCENARIO}/", {})
    assert page.status_code == 422
    assert "还没有标出任何内容" in page.content.decode() and "submission" not in page.content.decode()
    assert not Attempt.objects.exists()


def test_a_deal_opened_and_closed_in_a_day_is_scored_against_the_flags_it_had_just_before_it_closed(
    world, won_deal
):
    """The reference is the analysis' flags the day before the close; a deal that did not exist the day before
    made a case with no flags at all, and a trainee's right flags were marked "not in the reference"."""
    from battlemap.maps import account_analysis
    from battlemap.training.cases import case_from_deal

    last_open = won_deal.history.filter(status="open").order_by("-history_date").first()
    before = account_analysis(
        account=won_deal.account, lang="en", as_of=last_open.history_date, deal_id=won_deal.pk
    )
    expected = {flag["code"] for flag in before["deals"][0]["flags"]}
    _title, data = case_from_deal(deal=won_deal)  # those the case can show: its checklist
    assert expected and set(data["answer"]["flags"]) == expected & set(data["checklist"])


def test_a_cases_documents_say_what_we_saw_of_each_attitude_and_its_reason_quotes_it(world, won_deal):
    """A trainee scored on attitudes had nothing to judge them by: the reason quoted for the decision maker's
    "supporter" was his relationship with us. Now each person's notes tell the behaviour we saw."""
    from battlemap.training import scenarios
    from battlemap.training.cases import case_from_deal
    from battlemap.training.narrative import ATTITUDE_CUES

    _title, data = case_from_deal(deal=won_deal)
    for lang, language in (("en", "en"), ("zh_Hans", "zh-hans")):
        ref = scenarios.reference_of(data, lang)
        notes = "\n".join(d["body"] for d in data["text"][lang]["documents"])
        with translation.override(language):
            for pid, attitude in ref.attitudes.items():
                cue = str(ATTITUDE_CUES[attitude])
                assert cue in notes and cue in ref.reasons[f"attitude:{pid}"], (lang, attitude)
