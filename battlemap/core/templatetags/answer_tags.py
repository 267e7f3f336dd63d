"""One questionnaire answered (a row of `maps.answers.survey_answers`), worded once for every surface: the web's
What changed and This week (partials/survey_answer.html: `{% answered s %}`, `{{ s|answer_ratings }}`) and the
review PDF and deck (io.export.changes_rows, `answer_text`) — "王建国 填写了决策因素问卷：合规 5/5 · 价格 3/5" /
"王建国 answered the decision-factor questionnaire: compliance 5/5 · price 3/5"."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from battlemap import punctuation as i18n
from battlemap.core.multilingual import active_language

register = template.Library()


@register.simple_tag
def answered(answer: dict[str, Any]) -> str:
    """What the person did, in the active language: "填写了决策因素问卷" / "answered the decision-factor questionnaire"."""
    return gettext("answered the %(kind)s") % {"kind": answer.get("kind_label")}


@register.filter
def answer_ratings(answer: dict[str, Any]) -> list[str]:
    """The answer's ratings, highest first, then its NPS: ["合规 5/5", "价格 3/5", "NPS 8/10"]; [] for none."""
    said = [f"{r.get('label')} {r.get('rating')}/5" for r in answer.get("rated") or []]
    if answer.get("nps") is not None:
        said.append(f"NPS {answer['nps']}/10")
    return said


def answer_text(answer: dict[str, Any]) -> str:
    """The answer as one line of text: the person, what they answered, then its ratings after a colon
    ("王建国 填写了决策因素问卷：合规 5/5 · 价格 3/5"); the when and the deal are the caller's to add."""
    text = f"{i18n.isolate(answer.get('name'))} {answered(answer)}"
    ratings = answer_ratings(answer)
    return i18n.labelled(active_language(), text, " · ".join(ratings)) if ratings else text
