"""Accept-all when every suggestion from its percentage up is a guess (its evidence says `low_confidence`). A demo
mailbox of 40 messages, every figure a guess, read "Nothing was accepted: the 7 suggestions from 70% up wait for
something first. It rests on little mail, so its figures are a guess…": they wait for nothing, and seven are no
"it". The guesses are said apart, in the plural, and a reason to wait only when one waits."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.mail.models import Suggestion
from battlemap.mail.services import suggestions_accept_above
from tests.mail.proposals import propose_lines

pytestmark = pytest.mark.django_db

GUESS = {"code": "low_confidence", "params": {"count": 6, "confidence": "0.18"}}


def _guessed(*suggestions):
    for s in suggestions:
        Suggestion.objects.filter(pk=s.pk).update(evidence=[*s.evidence, GUESS])


@pytest.mark.parametrize(
    ("language", "said", "unsaid"),
    [
        (
            "en",
            "Nothing was accepted. The 2 suggestions from 80% up rest on little mail, so their figures are a guess: "
            "accept or reject each on its own.",
            "wait for something first",
        ),
        ("zh-hans", "2 条建议依据的邮件太少", "需先处理其前提"),
    ],
)
def test_only_guesses_say_so_and_wait_for_nothing(world, language, said, unsaid):
    world, _li, _zhao, (line, decider, _weak) = propose_lines(world)
    _guessed(line, decider)
    with translation.override(language):
        report = suggestions_accept_above(account=world.cn, user=world.owner, percent=80)
    assert report.batch is None and len(report.skipped) == 2
    assert said in report.nothing
    assert unsaid not in report.nothing
