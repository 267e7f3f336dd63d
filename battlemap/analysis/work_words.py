"""What a text says of the work the playbook asks for: which kinds of work (`WORK_WORDS`) it says were done, in
both languages — not those it says were called off, refused or not done, nor those it only plans (a senior sales
coach's review: "周工来电：原定的演示取消了，暂不安排试用" read as a demo done, and the evaluation stage's
"为…做一次定制演示" (seed 002 §5, 方案评估: a custom demo builds the customer's trust) dropped).

The text is read clause by clause (split at ， 。 ； ！ ？ , ; ! ?, a full stop before a space, a line break, and
at 但/但是/不过/可是/然而/而是, "but", "however", "instead"), so one clause cannot spoil another: "演示取消，改为发送
报价" is a quote sent, no demo. In a clause naming a work (`WORK_WORDS`), the work is not done when the clause

* calls it off or puts it off, wherever the words stand (`CALLED_OFF`: 取消, 延期, 推迟, 改期, 暂不, 暂缓, 搁置,
  未能进行; cancelled, postponed, called off, rescheduled, pushed back, on hold, didn't happen, declined);
* negates it, the negation before the work's word as both languages put it (`NEGATED`: 没有, 没, 未, 尚未,
  不安排, 不需要, 无需, 拒绝; not, no, never, didn't, did not, without, instead of, unable to): "没有演示",
  "no demo" — but "试用没有发现问题", "the trial did not show any issue" are trials done;
* only plans it, asks for it or makes it a condition (`PLANNED`: 安排, 约了, 计划, 准备, 下周, 明天, 将于, 拟,
  要求, 希望, 如果 — not a module's or a department's 生产计划, 采购计划, 计划科; will, going to, scheduled,
  planned, arrange, next week, tomorrow, requested, if), unless it also says the work was carried out
  (`CARRIED_OUT`: 完成, 进行了, 顺利; done, held, completed, went well): "按计划完成演示" is done, "安排演示" is
  not.

A clause that only gives feedback on the work (`FEEDBACK`: 反馈, 效果, 评价; feedback, impressions) says the work was
done earlier, not that day: `work_done` counts it only for a person with no such work logged (a reviewer: "陈主任
反馈试用效果好" made a second demo beside the trial a week before).

Errs towards "not done": the playbook then asks for the work again, which the seller sees and can log, rather than
dropping advice on work that never took place. The table of sentences read is tests/analysis/test_work_words.py.
"""

from __future__ import annotations

import re


def _latin(*words: str) -> str:
    """Latin words matched whole (not inside another word), beside Chinese text too: "ROI测算", not "heroic"."""
    return "|".join(rf"(?<![A-Za-z]){w}(?![A-Za-z])" for w in words)


# The words that name a piece of work, Chinese and English (matched case-insensitively).
WORK_WORDS = {
    "demo": re.compile(
        "演示|试用|试点|"
        + _latin("demos?", "demonstrations?", "hands-on", "trials?", "pilots?", "poc", "proof of concept"),
        re.IGNORECASE,
    ),
    "roi": re.compile(
        "投资回报|回报测算|价值测算|" + _latin("roi", "tco", "business case", "return on investment"),
        re.IGNORECASE,
    ),
    "terms": re.compile(
        "报价|商务条款|合同条款|价格方案|"
        + _latin("quotes?", "quotation", "price proposal", "pricing", "commercial terms", "contract terms"),
        re.IGNORECASE,
    ),
    "evidence": re.compile(
        "参观|考察|样板|技术交流|白皮书|"
        + _latin("reference (?:visit|call|site)s?", "site visits?", "white papers?", "technical workshops?"),
        re.IGNORECASE,
    ),
}

_CLAUSES = re.compile(
    r"[，,。；;！!？?\n]|\.(?:\s|$)|但是|但|不过|可是|然而|而是|" + _latin("but", "however", "instead"),
    re.IGNORECASE,
)
CALLED_OFF = re.compile(
    "取消|延期|延后|推迟|推后|改期|暂不|暂缓|暂停|搁置|作罢|叫停|告吹|泡汤|"
    "(?:未能|没能|无法|未|没有|没)(?:进行|举行|成行|开展|安排|如期|完成)|没去成|"
    + _latin(
        "cancell?(?:ed|ing|s)?",
        "called off",
        "call off",
        "postpon(?:ed|e|es|ing)",
        "delayed",
        "pushed (?:back|out)",
        "put off",
        "held off",
        "rescheduled?",
        "on hold",
        "fell through",
        "scrapped",
        "no-show",
        "declined",
        "refused",
        "skipped",
        "(?:did not|didn't|never) (?:happen|take place|go ahead)",
        "not (?:yet )?(?:done|held|happened|possible|completed)",
    ),
    re.IGNORECASE,
)
NEGATED = re.compile(
    "没有(?!问题)|没(?!问题|有问题)|(?<!尚)未(?!来)|尚未|无需|不(?:安排|做|搞|需要|必|用|再|要|打算|考虑|进行|参加|同意|接受|愿意)|"
    "拒绝|婉拒|"
    + _latin(
        "not",
        "no",
        "never",
        "didn't",
        "did not",
        "don't",
        "do not",
        "couldn't",
        "could not",
        "without",
        "instead of",
        "rather than",
        "unable to",
        "failed to",
    ),
    re.IGNORECASE,
)
PLANNED = re.compile(
    "安排|约了|约好|约定|约在|预约(?!挂号)|(?<!生产)(?<!排产)(?<!采购)(?<!物料)(?<!检修)(?<!维修)(?<!销售)计划(?![科处部])|准备|打算|下周|下个?月|下次|下一步|明天|后天|近期|择日|改天|届时|"
    "将于|将在|即将|拟(?!定)|待定|有待|要求|希望|想要|申请|邀请|争取|定于|定在|如果|若是|假如|一旦|"
    + _latin(
        "will",
        r"\w+'ll",
        "going to",
        "schedul(?:e|ed|ing)",
        "plan(?:s|ned|ning)?",
        "arrang(?:e|ed|es|ing)",
        "set up",
        "setting up",
        "book(?:ed|ing)?",
        "next (?:week|month|time|step)",
        "tomorrow",
        "upcoming",
        "propos(?:e|ed|es|ing)",
        "pending",
        "tbd",
        "awaiting",
        "prepar(?:e|es|ed|ing)",
        "request(?:s|ed|ing)?",
        "asked for",
        "invit(?:e|ed|es|ing)",
        "would like",
        "wants? to",
        "if",
    ),
    re.IGNORECASE,
)
CARRIED_OUT = re.compile(
    "完成|进行了|举行了|开展了|做了|顺利|结束|"
    + _latin(
        "done",
        "held",
        "completed?",
        "ran",
        "gave",
        "delivered",
        "conducted",
        "took place",
        "went (?:well|smoothly|great|fine)",
        "finished",
        "wrapped up",
    ),
    re.IGNORECASE,
)
FEEDBACK = re.compile("反馈|效果|评价|感受|" + _latin("feedback", "impressions?"), re.IGNORECASE)


def work_said_done(text: str, *, to_do: bool = False) -> dict[str, bool]:
    """The kinds of work (`WORK_WORDS` keys) `text` says were done, each with whether it only gives feedback on
    it (True: every clause naming it is feedback). `to_do`: `text` is a to-do — a done action item's, which
    says what was to be done ("安排上手演示", ticked: done) — so its plans are not read, only what calls off or
    negates the work. Rules in the module docstring."""
    said: dict[str, bool] = {}
    for clause in _CLAUSES.split(text):
        if not clause or CALLED_OFF.search(clause):
            continue
        if not to_do and PLANNED.search(clause) and not CARRIED_OUT.search(clause):
            continue
        feedback = not to_do and bool(FEEDBACK.search(clause))
        for kind, words in WORK_WORDS.items():
            named = words.search(clause)
            if named is None or NEGATED.search(clause, 0, named.start()):
                continue
            said[kind] = said.get(kind, True) and feedback
    return said
