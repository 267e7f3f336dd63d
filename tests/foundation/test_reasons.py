"""History reasons the app writes are stored as codes (core.reasons) and said in the reader's language:
a Chinese reader sees in Chinese what an English user's import or accept-all wrote; a note a person
typed, and reasons stored as plain text before, are shown as they are."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from battlemap.core.history_stamp import recorded
from battlemap.core.reasons import MAX_CHARS, reason, reason_text
from battlemap.people.services import person_update


def _history_reasons(client, world, person, lang: str) -> str:
    page = client.get(reverse("person", args=[world.cn.slug, person.pk]), headers={"Accept-Language": lang})
    html = page.content.decode()
    return html[html.index('id="history-title"') :]


def test_a_reason_written_by_an_english_user_reads_in_the_readers_language(owner_client, world):
    with translation.override("en"), recorded(reason=reason("import", "people <1>.xlsx")):
        person_update(person=world.cn_boss, version=world.cn_boss.version, title="董事长")
    with recorded(reason="旧的说明 typed before codes"):  # a plain reason, as stored before
        person_update(person=world.cn_boss, version=world.cn_boss.version + 1, title="总经理")
    zh = _history_reasons(owner_client, world, world.cn_boss, "zh-hans")
    assert "导入 people &lt;1&gt;.xlsx" in zh and "旧的说明 typed before codes" in zh
    en = _history_reasons(owner_client, world, world.cn_boss, "en")
    assert "import people &lt;1&gt;.xlsx" in en and "@import" not in en


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh-hans", "撤销：由 alice 批量接受概率 80% 及以上的建议"),
        ("en", "undo of: accepted all suggestions from 80% up, by alice"),
    ],
)
def test_a_reason_naming_another_reason_says_both(lang, said):
    batch = reason("batch", 80, "alice", "#20261201073912123456")
    with translation.override(lang):
        assert reason_text(reason("undo", batch)) == said


def test_stored_reasons_fit_the_column_and_odd_text_stays_as_it_is():
    long = reason("import", "名单" * 80 + ".xlsx")
    assert len(long) <= MAX_CHARS and long.startswith("@import|名单")
    for stored in ("@nonsense|1", "@batch|eighty|alice|#1", "@import", "handover: @bob takes it", "", None):
        assert reason_text(stored) == (stored or "")
    with pytest.raises(ValueError, match="takes"):
        reason("inferred", 3)


@pytest.mark.parametrize(
    ("lang", "one", "three"),
    [
        (
            "en",
            "inferred from 1 message or meeting, accepted by alice",
            "inferred from 3 messages and meetings",
        ),
        ("zh-hans", "根据 1 封邮件或会议推断，由 alice 采纳", "根据 3 封邮件或会议推断，由 alice 采纳"),
    ],
)
def test_a_person_accepted_before_meetings_were_counted_apart_reads_right(
    owner_client, world, lang, one, three
):
    """The reason stored then ("@inferred|1|alice") held messages and meetings in one count: the history said
    "inferred from 1 messages" (and "1 messages" for one met only in a meeting); it says what it can tell."""
    with recorded(reason="@inferred|1|alice"):
        person_update(person=world.cn_boss, version=world.cn_boss.version, title="董事长")
    with recorded(reason="@inferred|3|alice"):
        person_update(person=world.cn_boss, version=world.cn_boss.version + 1, title="总经理")
    history = _history_reasons(owner_client, world, world.cn_boss, lang)
    assert one in history and three in history
    assert "1 messages" not in history and "@inferred" not in history
