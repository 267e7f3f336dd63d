"""One label per code, in sentence case where it starts a cell, an option or a line: "Need recognition" on the
deal page, in the pipeline, the map-quality report, the account list and the map — never "need recognition"
in one place and "Need recognition" in another (English; Chinese has no case)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from battlemap import vocab
from tests import factories as f

# a label starting an element's text: right after a tag, or after a " · " separator
LOWER_START = r"(?:>\s*|· )(?:{labels})\b"


def _lower_starts(html: str, *vocabularies) -> list[str]:
    labels = [vocab_.label(code, "en") for vocab_ in vocabularies for code in vocab_]
    labels = [re.escape(label) for label in labels if label[:1].islower()]
    pattern = LOWER_START.format(labels="|".join(sorted(labels, key=len, reverse=True)))
    return [m.group(0) for m in re.finditer(pattern, html)]


@pytest.mark.django_db
def test_stage_and_lifecycle_labels_start_in_sentence_case_on_every_page(owner_client, world):
    f.deal(account=world.en, name="Fleet rollout", stage="need_recognition")
    owner_client.cookies["django_language"] = "en"
    deal = world.cn_deal
    pages = {
        "pipeline": reverse("pipeline"),
        "map quality": reverse("map_quality"),
        "accounts": reverse("portfolio"),
        "account": reverse("account", args=[world.en.slug]),
        "deal": reverse("deal", args=[world.cn.slug, deal.pk]),
        "decision chain": reverse("account_chain", args=[world.cn.slug]),
    }
    for page, url in pages.items():
        response = owner_client.get(url)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert _lower_starts(html, vocab.STAGES, vocab.LIFECYCLE) == [], page
    pipeline = owner_client.get(pages["pipeline"]).content.decode()
    assert "Need recognition" in pipeline and "Evaluation" in pipeline
    accounts = owner_client.get(pages["accounts"]).content.decode()
    assert ">Prospect<" in accounts and ">Growing<" in accounts
