"""A flag still raised that names people it did not is news (a worse flag, "now also names 王总"): a decision maker
leaving while "Key person left" already names someone else only added a person to it — neither new nor more
severe, the departure went unsaid on This week and What changed, where only health going up showed."""

from __future__ import annotations

from battlemap.analysis import analyze, changes_between, changes_json

from .builders import CHEN, WANG, healthy_snapshot, with_person


def _left(snapshot, *people):
    for pid in people:
        snapshot = with_person(snapshot, pid, status="left")
    return snapshot


def test_a_flag_that_names_a_new_person_is_worse_and_says_who():
    before = _left(healthy_snapshot(), CHEN)  # the user left last month: "Key person left" names him
    after = _left(before, WANG)  # the decision maker leaves this week
    for lang, note in (("en", "now also names 王总"), ("zh-hans", "现在也涉及王总")):
        changes = changes_between(analyze(before, lang=lang), analyze(after, lang=lang), present={WANG})
        left = [f for f in changes.worse_flags if f.code == "key_person_left"]
        assert [(f.people, f.gained, f.note) for f in left] == [((WANG, CHEN), (WANG,), note)]
        assert "key_person_left" not in {f.code for f in changes.new_flags}
        row = next(r for r in changes_json(changes, lang)["worse_flags"] if r["code"] == "key_person_left")
        assert (row["gained"], row["note"]) == ([WANG], note)


def test_a_flag_naming_the_same_people_or_fewer_is_no_news():
    both = _left(healthy_snapshot(), CHEN, WANG)
    same = changes_between(analyze(both, lang="en"), analyze(both, lang="en"))
    assert same.worse_flags == ()
    fewer = changes_between(analyze(both, lang="en"), analyze(_left(healthy_snapshot(), CHEN), lang="en"))
    assert "key_person_left" not in {f.code for f in fewer.worse_flags}
