"""The analysis stays free of Django and speaks both languages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from battlemap.analysis import analyze
from battlemap.analysis.i18n import normalize_language, tr

from .builders import WANG, healthy_snapshot, with_stakeholder


def test_importing_the_analysis_does_not_import_django():
    code = (
        "import importlib, pkgutil, sys, battlemap.analysis as a\n"
        "for m in pkgutil.iter_modules(a.__path__):\n"
        "    if m.name != 'apps':  # the AppConfig Django needs to find the catalog\n"
        "        importlib.import_module('battlemap.analysis.' + m.name)\n"
        "a.analyze, a.analysis_json\n"
        "print(len([m for m in sys.modules if m.startswith('battlemap.analysis.')]),"
        " 'django' in sys.modules or any(m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, has_django = out.stdout.split()
    assert int(count) >= 18 and has_django == "False"


@pytest.mark.parametrize("lang", ["zh", "zh-hans", "zh_Hans", "ZH-CN"])
def test_chinese_flag_text_comes_out_in_chinese(lang):
    snap = with_stakeholder(healthy_snapshot(), WANG, favoured_competitor="Acme")
    flag = analyze(snap, lang=lang).deals[0].flags[0]
    assert flag.reason == "王总偏向竞争对手（Acme）。"
    assert "王总" in flag.action and "对比" in flag.action


def test_english_flag_text_names_the_person():
    snap = with_stakeholder(healthy_snapshot(), WANG, favoured_competitor="Acme")
    flag = analyze(snap, lang="en").deals[0].flags[0]
    assert flag.reason == "王总 favours a competitor (Acme)."


def test_influence_drivers_are_translated():
    zh = analyze(healthy_snapshot(), lang="zh").influence[WANG].drivers
    assert any("管理 4 人" in d for d in zh)  # a number apart from the Chinese around it (i18n.tr)


def test_unknown_language_is_refused_with_the_field_named():
    with pytest.raises(ValueError, match="lang"):
        normalize_language("fr")


def test_a_missing_message_falls_back_to_english():
    assert tr("zh", "Not in any catalog %(x)s", x=1) == "Not in any catalog 1"


@pytest.mark.parametrize(
    ("deal", "expected"),
    [
        ("智慧水务物联网平台二期", "智慧水务物联网平台二期没有待办的下一步。"),
        ("MES rollout", "MES rollout 没有待办的下一步。"),
    ],
)
def test_a_chinese_name_joins_the_sentence_and_a_latin_one_is_spaced(deal, expected):
    """One spacing rule (`i18n._spaced`), not a space in the catalog: the trial read "…二期 没有待办的下一步"
    beside "…二期还没有识别出决策者"."""
    assert tr("zh-hans", "%(deal)s has no open next step.", deal=deal) == expected


def test_the_material_advice_says_the_customer_weighs_the_factor_not_the_deal():
    text = tr(
        "zh-hans",
        "In %(deal)s the customer weighs %(factor)s heavily: bring %(material)s.",
        deal="智慧水务二期",
        factor="价格",
        material="总拥有成本和投资回报测算",
    )
    assert text == "在智慧水务二期上，客户很看重价格：准备总拥有成本和投资回报测算。"


def test_every_analysis_module_stays_readable_in_one_sitting():
    # the house keeps a file under about 400 lines, split by idea (playbook.py had reached 402: the gatekeeper's
    # two kinds went to gatekeeper.py)
    from pathlib import Path

    import battlemap.analysis as package

    sizes = {p.name: len(p.read_text().splitlines()) for p in Path(package.__file__).parent.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
