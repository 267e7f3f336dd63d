"""Two translated sentences side by side on a page read as each language writes them: no space after a Chinese
full stop (……导入。建议……), one after an English sentence (… own people. Suggestions …) — the pages join them
with `{% sentences %}` (core/templatetags/punct.py, on `punctuation.sentences`), not with the space or line
break between two tags, which a browser shows as a space after 。."""

from __future__ import annotations

import html
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from battlemap.mail.services import mail_ingest
from tests.inference import archives

pytestmark = pytest.mark.django_db

BLOCK = re.compile(r"<(br|p|li|tr|td|th|h\d|div|ul|section|form|label|option|dd|dt)\b[^>]*>|</(p|li|div|ul)>")


def seen(page: str) -> list[str]:
    """The lines of text a browser shows: whitespace collapsed to one space first (a line break between two
    tags is a space on the page), then one line per block, no tags."""
    page = re.sub(r"<(script|style|template|textarea)\b.*?</\1>", " ", page, flags=re.S)
    page = BLOCK.sub("\n", " ".join(page.split()))
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    return [line.strip() for line in text.splitlines() if line.strip()]


def _pages(world, tmp_path) -> dict[str, str]:  # noqa: ANN001
    mail_ingest(
        account=world.cn, paths=[archives.write_ics(tmp_path / "cal.ics")], our_domains=["ours.example"]
    )
    slug = world.cn.slug
    return {
        "mail": reverse("mail", args=[slug]),
        "audit": reverse("account_audit", args=[slug]),
        "erase": reverse("person_erase", args=[slug, world.cn_boss.pk]),
        "as of": reverse("account_as_of", args=[slug]) + f"?on={timezone.localdate():%Y-%m-%d}",
    }


# Sentences each page sets side by side, the first closing with a full stop: (page, first, second).
JOINED = [
    ("mail", None, "Suggestions change nothing until you accept them."),
    (
        "mail",
        "The files are ingested while you wait (no background worker is configured).",
        "Headers only unless the message bodies are read (for signatures only); nothing leaves this server.",
    ),
    ("audit", None, "A person's views are recorded once an hour (the first view of the hour)."),
    (
        "erase",
        "Their names, addresses and numbers are replaced by “[erased]” wherever the account's texts mention "
        "them: interactions, action items, comments, notes, mail subjects.",
        "A name is found as it was written on their record (each name they had): a first name alone, a nickname "
        "or a form such as “Mr Wang” is not recognised — edit those texts yourself. Other people whose names "
        "hold theirs (“Ann Lee” beside “Ann”) keep their names.",
    ),
    ("as of", "Read only, from the map's history.", None),
]


def test_sentences_side_by_side_read_as_chinese_and_english_write_them(world, client, tmp_path):
    client.force_login(world.owner)
    urls = _pages(world, tmp_path)
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            lines = {
                name: seen(client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode())
                for name, url in urls.items()
            }
            for name, first, second in JOINED:
                page = lines[name]
                key = gettext("no longer on the map")  # the as-of page's key: chips after its note
                if lang == "zh-hans":
                    shown = [line.split(key)[0].rstrip() for line in page]
                    assert not [line for line in shown if re.search("[。；！？] ", line)], name
                said = [gettext(s) for s in (first, second) if s]
                gap = "" if lang == "zh-hans" else " "
                if len(said) == 2:
                    joined = re.escape(gap.join(said))
                elif first:
                    joined = re.escape(said[0] + gap) + r"\S"
                else:
                    joined = (r"。" if lang == "zh-hans" else r"\. ") + re.escape(said[0])
                assert any(re.search(joined, line) for line in page), (lang, name, said)


def test_a_part_ending_in_a_tag_is_read_by_its_words():
    """A sentence whose last words are a link or a name in a tag still ends a Chinese sentence: no space after."""
    source = (
        "{% load punct %}{% sentences %}<span>甲。</span>\n  {% next %}{% if no %}x{% endif %}{% next %}"
        "<a>乙。</a>{% next %}<b>Done.</b>\n{% next %}Next.{% endsentences %}"
    )
    assert Template(source).render(Context({})) == "<span>甲。</span><a>乙。</a><b>Done.</b> Next."


def test_a_refusal_of_several_sentences_reads_as_each_language_writes_it():
    """A refusal of two reasons (a ValidationError's messages), as the pages' messages, the API and the commands
    say it (`core.errors.validation_message`, and the views that join `exc.messages`): 这个字段是必填项。输入… /
    This field is required. Enter …"""
    from django.core.exceptions import ValidationError

    from battlemap.core.errors import validation_message

    said = ("This field is required.", "Enter a valid email address.")
    for lang, gap in (("zh-hans", ""), ("en", " ")):
        with translation.override(lang):
            reasons = [gettext(s) for s in said]
            assert validation_message(ValidationError(reasons)) == gap.join(reasons)
            by_field = validation_message(ValidationError({"email": reasons}))
            assert by_field.endswith(gap.join(reasons)) and "。 " not in by_field


def test_a_script_joins_sentences_with_the_pages_separator():
    """The org chart joins the server's refusals with `data-sentence-sep` ({% sentence_sep %}): nothing after a
    Chinese sentence (未保存：该客户下没有这个人。请输入整数。), a space after an English one."""
    tag = Template("[{% sentence_sep %}]")
    with translation.override("zh-hans"):
        assert tag.render(Context()) == "[]"
    with translation.override("en"):
        assert tag.render(Context()) == "[ ]"
