"""A name set in a Chinese sentence of the analysis joins it without a space, whatever space the catalog put
around its placeholder (trial 23: "询问 智慧医院HIS升级项目 的关键人物…"); a Latin name keeps its space, a
label keeps the catalog's ("态度 支持 → 反对"). One rule: analysis.i18n._spaced."""

from __future__ import annotations

import pytest

from battlemap.analysis.flag_texts import TEXT
from battlemap.analysis.i18n import tr

ASK = "Ask the key people of %(deal)s which sources they trust at %(stage)s: the channels are not known."


@pytest.mark.parametrize(
    ("deal", "expected"),
    [
        (
            "智慧医院HIS升级项目",
            "询问智慧医院HIS升级项目的关键人物在方案评估阶段信任哪些信息来源：目前渠道未知。",
        ),
        ("MES rollout", "询问 MES rollout 的关键人物在方案评估阶段信任哪些信息来源：目前渠道未知。"),
    ],
)
def test_a_chinese_deal_name_joins_the_playbook_sentence(deal, expected):
    assert tr("zh-hans", ASK, deal=deal, stage="方案评估") == expected


def test_names_in_a_list_join_the_sentence_too():
    text = tr(
        "zh-hans",
        "%(deal)s is won: send %(names)s a satisfaction survey (satisfaction per area and whether they "
        "would recommend us).",
        deal="二期",
        names="王芳、李明",
    )
    assert "给王芳、李明发" in text and " " not in text


def test_a_label_keeps_the_catalogs_space():
    assert tr(
        "zh-hans", "%(deal)s: attitude %(before)s → %(after)s", deal="二期", before="支持", after="反对"
    ) == ("二期：态度 支持 → 反对")


@pytest.mark.parametrize(
    ("step", "said"), [("合同", "：合同计划在 2027-03-05。"), ("RFP", "：RFP 计划在 2027-03-05。")]
)
def test_a_process_step_joins_the_sentence_as_a_name_does(step, said):
    """process_outlasts_close read "…：合同 计划在 2027-03-05。" on the deal room, the PDF, the deck and the CLI."""
    reason = TEXT["process_outlasts_close"][0]
    text = tr("zh-hans", reason, close="2027-02-18", step=step, planned="2027-03-05")
    assert text == "采购流程赶不上预计成交日 2027-02-18" + said
