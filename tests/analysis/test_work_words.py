"""What a summary says of the work the playbook asks for (analysis/work_words.py): done, or called off, negated,
only planned, or feedback on work done earlier — a senior sales coach's review read "原定的演示取消了" and
"安排演示" as demos done."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from battlemap.analysis.work_words import CALLED_OFF, WORK_WORDS, work_said_done

DONE = False  # the value of a kind said done as such
FEEDBACK = True  # … said only as feedback on it

# (summary, what it says was done): real-looking sentences of both languages
SENTENCES = [
    # done
    ("车间现场试用质量追溯模块", {"demo": DONE}),
    ("月结流程上手演示", {"demo": DONE}),
    ("给计划科演示生产计划模块", {"demo": DONE}),
    ("调度现场试用，何强反馈好", {"demo": DONE}),
    ("向王总汇报 ROI 测算", {"roi": DONE}),
    ("发送初步报价", {"terms": DONE}),
    ("与林经理谈报价和付款方式", {"terms": DONE}),
    ("接待陈主任参观样板工厂", {"evidence": DONE}),
    ("试用没有发现问题", {"demo": DONE}),
    ("客户没问题，演示顺利", {"demo": DONE}),
    ("按计划完成演示", {"demo": DONE}),
    ("试用结束后安排培训", {"demo": DONE}),
    ("演示取消，改为发送报价", {"terms": DONE}),
    ("POC kick-off on site", {"demo": DONE}),
    ("Gave the ops team a hands-on demo", {"demo": DONE}),
    ("The trial did not show any issue", {"demo": DONE}),
    ("Demo done as planned", {"demo": DONE}),
    ("Demo went well, will send pricing next week", {"demo": DONE}),
    ("Demo cancelled, sent the quote instead", {"terms": DONE}),
    ("Ran the trial with the warehouse team", {"demo": DONE}),
    # feedback on work done before
    ("陈主任反馈试用效果好", {"demo": FEEDBACK}),
    ("Feedback on the trial: users like it", {"demo": FEEDBACK}),
    # called off, put off
    ("周工来电：原定的演示取消了，暂不安排试用", {}),
    ("演示改期到下周", {}),
    ("试用推迟到月底", {}),
    ("客户临时有事，演示延期", {}),
    ("演示未能如期进行", {}),
    ("演示未完成", {}),
    ("Trial postponed", {}),
    ("Customer called off the demo", {}),
    ("Held off on the demo until IT signs off", {}),
    ("The site visit didn't happen", {}),
    ("Pilot on hold pending budget", {}),
    # negated
    ("没有演示", {}),
    ("陈工没有参加演示", {}),
    ("客户不需要试用", {}),
    ("No demo today, customer busy", {}),
    ("We did not send a quote yet", {}),
    # only planned, asked for, a condition
    ("与孙经理、周工梳理调度痛点，安排演示", {}),
    ("下周演示", {}),
    ("约了周五去样板客户参观", {}),
    ("客户希望试用", {}),
    ("计划月底前提交报价", {}),
    ("Scheduled a demo for next Tuesday", {}),
    ("We'll run the pilot in January", {}),
    ("Customer asked for a demo", {}),
    ("If the trial goes well they will buy", {}),
    ("Preparing the ROI case for the CFO", {}),
]


@pytest.mark.parametrize(("summary", "said"), SENTENCES)
def test_it_reads_what_was_done(summary, said):
    assert work_said_done(summary) == said


def test_the_table_is_big_enough_and_has_both_languages_and_every_outcome():
    assert len(SENTENCES) >= 30
    assert sum(not said for _text, said in SENTENCES) >= 15  # negatives
    assert sum(bool(said) for _text, said in SENTENCES) >= 15  # positives
    latin = [text for text, _said in SENTENCES if text.isascii()]
    assert 10 <= len(latin) <= len(SENTENCES) - 10


def test_a_done_action_item_is_a_to_do_done_its_plan_words_not_read():
    assert work_said_done("为陈主管、周工安排上手演示", to_do=True) == {"demo": DONE}
    assert work_said_done("Arrange a trial with 周工", to_do=True) == {"demo": DONE}
    assert work_said_done("取消演示", to_do=True) == {}  # what calls it off still does
    assert work_said_done("收集试用反馈", to_do=True) == {"demo": DONE}  # no feedback reading either


# ---------------------------------------------------------------- invariants (docs/analysis.md §5)

_DONE_TEXTS = [text for text, said in SENTENCES if said]
_ANY_TEXTS = [text for text, _said in SENTENCES]
_NO_WORK = ["客户很忙", "周工来电", "Met the CFO", "聊了聊预算", "Talked about the budget"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ANY_TEXTS), min_size=1, max_size=4))
def test_a_summary_says_what_its_clauses_say(clauses):
    """Read clause by clause: a summary joined from sentences says each kind one of them says (feedback only if
    all that say it give feedback)."""
    for joiner in ("，", "; "):
        whole = work_said_done(joiner.join(clauses))
        expected: dict[str, bool] = {}
        for clause in clauses:
            for kind, feedback in work_said_done(clause).items():
                expected[kind] = expected.get(kind, True) and feedback
        assert whole == expected


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_DONE_TEXTS), st.sampled_from(["取消了", "推迟", "改期", "cancelled", "postponed"]))
def test_calling_the_work_off_in_its_clause_never_leaves_it_done(text, word):
    assert CALLED_OFF.search(word)
    clause = text.split("，")[0].split(",")[0]
    assert work_said_done(f"{clause} {word}") == {}


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_ANY_TEXTS), st.sampled_from(_NO_WORK))
def test_a_clause_naming_no_work_changes_nothing(text, other):
    assert not any(words.search(other) for words in WORK_WORDS.values())
    assert work_said_done(f"{text}，{other}") == work_said_done(text) == work_said_done(f"{other}。{text}")
