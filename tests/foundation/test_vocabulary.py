"""One vocabulary: every surface shows the label battlemap.vocab gives a code, in both languages."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation
from django.utils.text import capfirst

import battlemap
from battlemap import vocab
from battlemap.accounts.models import Account, ExternalFactor
from battlemap.analysis.i18n import label as analysis_label
from battlemap.core import choices
from battlemap.deals.forms import StakeholderForm
from battlemap.deals.help import ATTITUDE_HELP, ROLE_HELP
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.io import labels as export
from battlemap.io.tabular.mappingfile import load_mapping
from battlemap.io.tabular.values import ValueTables, value_key
from battlemap.people.models import InfluenceLink, Person

PACKAGE = Path(battlemap.__file__).resolve().parent
LANGUAGES = {"zh-hans": "zh", "en": "en"}  # Django's language code → the vocab's


def _each(*vocabularies):
    return [
        pytest.param(v, code, lang, id=f"{v.name}-{code}-{lang}")
        for v in vocabularies
        for code in v
        for lang in LANGUAGES
    ]


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


# ---- the vocabulary itself ----


def test_it_gives_every_code_a_chinese_and_an_english_label():
    for vocabulary in vocab.VOCABULARIES:
        assert len(set(vocabulary)) == len(vocabulary), vocabulary.name
        for term in vocabulary.terms:
            assert term.zh and term.en, (vocabulary.name, term.code)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in term.zh), (vocabulary.name, term.code)
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in term.en), (vocabulary.name, term.code)


def test_it_uses_the_chinese_terms_of_the_design():
    zh = {
        v.name: v.labels("zh") for v in (vocab.BUYING_ROLES, vocab.ATTITUDES, vocab.STAGES, vocab.LIFECYCLE)
    }
    assert list(zh["buying role"].values()) == [
        "决策者",
        "影响者",
        "使用者",
        "采购者",
        "推荐者",
        "教练",
        "把关者",
    ]
    assert list(zh["attitude"].values()) == ["强烈支持", "支持", "中立", "怀疑", "反对", "未知"]
    assert list(zh["decision chain stage"].values()) == [
        "需求识别",
        "信息搜索",
        "方案评估",
        "购买决策",
        "后购买行为",
    ]
    assert list(zh["customer lifecycle stage"].values()) == [
        "潜在",
        "新客户",
        "成长",
        "成熟",
        "忠实",
        "风险",
        "流失",
    ]
    assert list(vocab.RELATIONSHIPS.labels("zh").values()) == ["无", "认识", "工作关系", "信任", "伙伴"]


def test_it_keeps_the_scale_and_the_old_constant_names():
    assert vocab.ATTITUDE_VALUES == {
        "advocate": 2,
        "supporter": 1,
        "neutral": 0,
        "skeptic": -1,
        "opponent": -2,
    }
    assert vocab.ATTITUDES[-1] == "unknown" and "unknown" not in vocab.ATTITUDE_VALUES
    assert vocab.STAGES.codes[0] == "need_recognition" and vocab.STAGES.codes[-1] == "post_purchase"
    assert vocab.NEEDS_LEVELS.codes == (
        "physiological",
        "safety",
        "belonging",
        "esteem",
        "self_actualisation",
    )
    assert set(vocab.MEETING_KINDS) <= set(vocab.INTERACTION_KINDS)
    assert vocab.ROLES is vocab.BUYING_ROLES
    assert (vocab.INFLUENCE_MIN, vocab.INFLUENCE_MAX) == (1, 5)


def test_it_reads_every_spelling_of_the_language():
    for lang in ("zh", "zh-hans", "zh_Hans", "zh-CN"):
        assert vocab.BUYING_ROLES.label("decision_maker", lang) == "决策者"
    for lang in ("en", "en-us", None, ""):
        assert vocab.BUYING_ROLES.label("decision_maker", lang) == "decision maker"
    with pytest.raises(ValueError, match="lang"):
        vocab.BUYING_ROLES.label("decision_maker", "fr")


def test_colliding_codes_are_looked_up_per_vocabulary():
    assert vocab.DEAL_STATUSES.label("lost", "zh") == "丢单"
    assert vocab.LIFECYCLE.label("lost", "zh") == "流失"
    assert vocab.EXTERNAL_KINDS.label("peer", "zh") != vocab.LINK_KINDS.label("peer", "zh")
    assert vocab.label("lost", "zh") == "丢单"  # the flat helper: the codes a report names
    assert vocab.label("no_such_code", "zh") == "no_such_code"
    assert vocab.BUYING_ROLES.label(None, "en") == ""


def test_the_vocabulary_stays_pure():
    code = (
        "import sys, battlemap.vocab, battlemap.analysis, battlemap.inference; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- every surface shows the vocabulary's label ----

CHOICES = [
    (vocab.BUYING_ROLES, choices.ROLE_CHOICES),
    (vocab.ATTITUDES, choices.ATTITUDE_CHOICES),
    (vocab.RELATIONSHIPS, choices.RELATIONSHIP_CHOICES),
    (vocab.STAGES, choices.STAGE_CHOICES),
    (vocab.DEAL_STATUSES, choices.DEAL_STATUS_CHOICES),
    (vocab.DECISION_FACTORS, choices.DECISION_FACTOR_CHOICES),
    (vocab.CHANNELS, choices.CHANNEL_CHOICES),
    (vocab.LIFECYCLE, choices.LIFECYCLE_CHOICES),
    (vocab.PERSON_STATUSES, choices.PERSON_STATUS_CHOICES),
    (vocab.EXTERNAL_KINDS, choices.EXTERNAL_KIND_CHOICES),
    (vocab.DECISION_STYLES, choices.DECISION_STYLE_CHOICES),
    (vocab.NEEDS_LEVELS, choices.NEEDS_LEVEL_CHOICES),
    (vocab.LINK_KINDS, choices.LINK_KIND_CHOICES),
    (vocab.FACTOR_KINDS, choices.FACTOR_KIND_CHOICES),
    (vocab.INTERACTION_KINDS, choices.INTERACTION_KIND_CHOICES),
    (vocab.INTERACTION_SOURCES, choices.INTERACTION_SOURCE_CHOICES),
]
DISPLAYS = {  # vocabulary → (an unsaved model instance, the field showing it)
    "relationship strength": (StakeholderRole, "relationship"),
    "attitude": (StakeholderRole, "attitude"),
    "decision chain stage": (Deal, "stage"),
    "deal status": (Deal, "status"),
    "customer lifecycle stage": (Account, "lifecycle"),
    "external factor kind": (ExternalFactor, "kind"),
    "person status": (Person, "status"),
    "external kind": (Person, "external_kind"),
    "decision style": (Person, "decision_style"),
    "needs level": (Person, "needs_level"),
    "influence link kind": (InfluenceLink, "kind"),
    "interaction kind": (Interaction, "kind"),
    "interaction source": (Interaction, "source"),
}


@pytest.mark.parametrize(("vocabulary", "code", "lang"), _each(*(v for v, _ in CHOICES)))
def test_it_shows_the_same_term_in_forms_and_model_displays(vocabulary, code, lang):
    expected = vocabulary.label(code, LANGUAGES[lang])
    field_choices = dict(next(c for v, c in CHOICES if v is vocabulary))
    with translation.override(lang):
        assert str(field_choices[code]) == expected
        if vocabulary.name in DISPLAYS:
            model, field = DISPLAYS[vocabulary.name]
            assert getattr(model(**{field: code}), f"get_{field}_display")() == expected


def test_the_role_form_offers_the_vocabulary_with_its_help():
    fields = StakeholderForm.base_fields
    with translation.override("zh-hans"):
        assert [str(label) for _, label in fields["attitude"].choices] == list(
            vocab.ATTITUDES.labels("zh").values()
        )
        assert [str(label) for _, label in fields["roles"].choices] == list(
            vocab.BUYING_ROLES.labels("zh").values()
        )
        assert str(ROLE_HELP["coach"]) == vocab.BUYING_ROLES.help("coach", "zh")


@pytest.mark.parametrize(("vocabulary", "code", "lang"), _each(*vocab.REPORT_VOCABULARIES))
def test_it_shows_the_same_term_in_the_analysis_reports(vocabulary, code, lang):
    assert analysis_label(LANGUAGES[lang], code) == vocabulary.label(code, LANGUAGES[lang])


EXPORTS = [
    (vocab.BUYING_ROLES, export.ROLE_LABELS),
    (vocab.ATTITUDES, export.ATTITUDE_LABELS),
    (vocab.RELATIONSHIPS, export.RELATIONSHIP_LABELS),
    (vocab.STAGES, export.STAGE_LABELS),
    (vocab.DEAL_STATUSES, export.STATUS_LABELS),
    (vocab.PERSON_STATUSES, export.STATUS_LABELS),
    (vocab.INTERACTION_KINDS, export.KIND_LABELS),
    (vocab.LINK_KINDS, export.KIND_LABELS),
    (vocab.SEVERITIES, export.SEVERITY_LABELS),
    (vocab.LIFECYCLE, export.LIFECYCLE_LABELS),
]


@pytest.mark.parametrize(("vocabulary", "code", "lang"), _each(*(v for v, _ in EXPORTS)))
def test_it_shows_the_same_term_in_the_exports(vocabulary, code, lang):
    table = next(t for v, t in EXPORTS if v is vocabulary)
    with translation.override(lang):
        assert export.label(table, code) == capfirst(vocabulary.label(code, LANGUAGES[lang]))


FILTERS = [  # (vocabulary, library, filter, what the filter adds to the label)
    (vocab.BUYING_ROLES, "deal_tags", "role_label", str),
    (vocab.ATTITUDES, "deal_tags", "attitude_label", str),
    (vocab.STAGES, "deal_tags", "stage_label", str),
    (vocab.RELATIONSHIPS, "deal_tags", "relationship_label", str),
    (vocab.STAGES, "account_tags", "stage_label", str),
    (vocab.LIFECYCLE, "account_tags", "lifecycle_label", str),
    (vocab.FACTOR_KINDS, "account_tags", "factor_kind_label", str),
    (vocab.RINGS, "account_tags", "ring_label", capfirst),
]


@pytest.mark.parametrize(
    ("vocabulary", "library", "name", "shape"),
    FILTERS,
    ids=[f"{lib}.{name}" for _, lib, name, _ in FILTERS],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_shows_the_same_term_in_the_templates(vocabulary, library, name, shape, lang):
    for code in vocabulary:
        with translation.override(lang):
            shown = _render(f"{{% load {library} %}}{{{{ code|{name} }}}}", code=code)
        assert shown == shape(vocabulary.label(code, LANGUAGES[lang])), code


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_shows_the_same_score_part_names_on_the_account_pages(lang):
    for parts in (vocab.HEALTH_PARTS, vocab.INFLUENCE_PARTS):
        for code in parts:
            with translation.override(lang):
                shown = _render("{% load account_tags %}{{ part|part_label }}", part={"name": code})
            assert shown == parts.label(code, LANGUAGES[lang])


@pytest.mark.parametrize(("vocabulary", "code", "lang"), _each(vocab.BUYING_ROLES, vocab.ATTITUDES))
def test_it_explains_roles_and_attitudes_in_both_languages(vocabulary, code, lang):
    help_text = vocabulary.help(code, LANGUAGES[lang])
    assert help_text
    table, name = (
        (ROLE_HELP, "role_help") if vocabulary is vocab.BUYING_ROLES else (ATTITUDE_HELP, "attitude_help")
    )
    with translation.override(lang):
        assert str(table[code]) == help_text
        shown = _render(
            f"{{% load deal_tags %}}{{% autoescape off %}}{{{{ code|{name} }}}}{{% endautoescape %}}",
            code=code,
        )
    assert shown == help_text


IMPORTS = [
    (vocab.BUYING_ROLES, lambda t, cell: t.role_values(cell)[0].roles),
    (vocab.ATTITUDES, lambda t, cell: t.attitude.get(value_key(cell))),
    (vocab.INFLUENCE_LEVELS, lambda t, cell: t.influence.get(value_key(cell))),
    (vocab.RELATIONSHIPS, lambda t, cell: t.relationship.get(value_key(cell))),
    (vocab.PERSON_STATUSES, lambda t, cell: t.status.get(value_key(cell))),
]


@pytest.mark.parametrize(("vocabulary", "code", "lang"), _each(*(v for v, _ in IMPORTS)))
def test_every_label_imports_as_its_code(vocabulary, code, lang):
    read = next(r for v, r in IMPORTS if v is vocabulary)
    expected = (code,) if vocabulary is vocab.BUYING_ROLES else code
    tables = ValueTables()
    label = vocabulary.label(code, LANGUAGES[lang])
    assert read(tables, label) == expected
    assert read(tables, label.upper()) == expected  # cells are read case-blind
    assert read(tables, str(code)) == expected


def test_a_mapping_file_may_name_a_code_by_its_label():
    mapping = load_mapping(
        '[values.roles]\n"拍板" = ["决策者", "champion"]\n[values.attitude]\n"Fan" = "强烈支持"\n'
    )
    assert mapping.values.roles["拍板"].roles == ("decision_maker", "champion")
    assert mapping.values.attitude["fan"] == "advocate"


# ---- the catalogs agree with the vocabulary ----

# The same English word with another meaning than the vocabulary's (msgid → its Chinese there).
HOMONYMS = {
    ("user", "用户"),  # someone who signs in, not the buying role
    ("active", "有效"),  # a login that may sign in, not a person still at the company
    ("email", "邮箱"),  # the e-mail address field, not the interaction kind
}


def test_no_catalog_gives_a_vocabulary_label_another_chinese_term():
    chinese: dict[str, set[str]] = {}
    for vocabulary in vocab.VOCABULARIES:
        for term in vocabulary.terms:
            chinese.setdefault(term.en.casefold(), set()).add(term.zh)
    wrong = []
    for path in sorted(PACKAGE.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            key = entry.msgid.casefold()
            if entry.obsolete or not entry.msgstr or key not in chinese or entry.msgstr in chinese[key]:
                continue
            if (key, entry.msgstr) not in HOMONYMS:
                wrong.append(f"{path.relative_to(PACKAGE)}: {entry.msgid!r} → {entry.msgstr!r}")
    assert not wrong, "\n".join(wrong)


# ---- bug: "决策者 is 决策人 in the mail-inference catalog" ----


@pytest.fixture
def inferred(world, tmp_path):
    from battlemap.mail.cache import account_inference
    from battlemap.mail.services import mail_ingest, suggestions_refresh
    from tests.inference import archives

    mail_ingest(
        account=world.cn,
        paths=[archives.write_mbox(tmp_path / "mail.mbox"), archives.write_ics(tmp_path / "cal.ics")],
        our_domains=["ours.example"],
        bodies=True,
    )
    suggestions_refresh(result=account_inference(world.cn))
    return world


def test_it_shows_the_same_chinese_term_on_the_mail_inference_surfaces(inferred, client, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client.force_login(inferred.owner)
    with translation.override("zh-hans"):
        page = client.get(f"/accounts/{inferred.cn.slug}/mail/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        out = StringIO()
        call_command("mail-infer", inferred.cn.slug, stdout=out, stderr=StringIO())
    html = page.content.decode()
    assert page.status_code == 200 and "职级" in html
    assert "<th>决策者</th>" in html
    assert "决策者" in out.getvalue()
    assert "决策人" not in html
    assert "决策人" not in out.getvalue()


def test_every_link_kind_reads_from_the_influencer_to_the_influenced():
    """A link points from the influencer to the influenced (DESIGN.md §4): "宋涛 → 王建国 信任" read in Chinese as
    宋涛 trusting 王建国, the other way round (a seller's trial). The trust link says who is trusted."""
    assert vocab.LINK_KINDS.labels("zh")["trusts"] == "受其信任"
    assert vocab.LINK_KINDS.labels("en")["trusts"] == "is trusted by"


def test_every_table_keyed_by_buying_role_names_every_role():
    """A new maintainer's trial: a buying role added to the vocabulary alone crashed every analysis of a deal holding
    it (KeyError in the playbook's strategies) and took silent defaults elsewhere (no weight, no coverage points, no
    Blue Sheet influence, its raw code as a badge). Each per-role table of the analysis names every role."""
    from battlemap.analysis.playbook import ROLE_STRATEGIES
    from battlemap.analysis.qualification import INFLUENCE_OF_ROLE
    from battlemap.analysis.settings import AnalysisSettings

    roles = set(vocab.BUYING_ROLES.codes)
    defaults = AnalysisSettings()
    tables = {
        "playbook.ROLE_STRATEGIES": set(ROLE_STRATEGIES),
        "qualification.INFLUENCE_OF_ROLE": {role for role, _influence in INFLUENCE_OF_ROLE},
        "vocab.ROLE_BADGES": set(vocab.ROLE_BADGES.codes),
        "settings.role_weights": set(defaults.role_weights),
        "settings.coverage_role_points": set(defaults.coverage_role_points),
        "settings.stage_roles (any stage)": {r for held in defaults.stage_roles.values() for r in held},
    }
    for table, keys in tables.items():
        assert keys == roles, f"{table}: missing {roles - keys}, unknown {keys - roles}"
    assert set(defaults.stage_roles) == set(vocab.STAGES.codes)
