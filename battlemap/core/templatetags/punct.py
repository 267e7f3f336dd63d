"""Punctuation as the page's language writes it, the one way every template joins a label to its value,
lists names or labels and brackets an aside (battlemap.punctuation holds the rules):

    {% translate "Influence score" %}{% colon %}{{ score }}   → 影响力得分：79 / Influence score: 79
    {{ names|names }}                                          → 张建国、李明 / Alice, Bob
    {% for p in people %}{{ p.name }}{% if not forloop.last %}{% list_sep %}{% endif %}{% endfor %}
    {{ name }}{% aside %}{% translate "left" %}{% endaside %}  → 冯晓东（已离职） / Peter Novak (left)
    {% sentences %}{% translate "Ingested." %}{% next %}{% translate "Nothing new." %}{% endsentences %}
                                                               → 已导入。没有新内容。 / Ingested. Nothing new.
    {{ form.errors.role|sentences }}                           → the same rule over a list (a field's errors)
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop

from battlemap import punctuation as i18n
from battlemap.core.multilingual import active_language

register = template.Library()


@register.simple_tag
def colon() -> str:
    """ "：" in Chinese (no space after it), ": " in English."""
    return i18n.colon(active_language())


@register.simple_tag
def list_sep() -> str:
    """ "、" in Chinese, ", " in English: between the items of a list a loop writes."""
    return i18n.list_separator(active_language())


@register.simple_tag
def sentence_sep() -> str:
    """ "" in Chinese, " " in English: between two sentences a script joins (`i18n.sentence_separator`)."""
    return i18n.sentence_separator(active_language())


@register.filter(is_safe=False)
def names(values) -> str:
    """A list of names or labels joined as the language writes it (`i18n.join_names`), escaped."""
    if not values:
        return ""
    return mark_safe(conditional_escape(i18n.join_names(active_language(), [str(v) for v in values])))


@register.tag
def aside(parser, token):
    """{% aside %}…{% endaside %}: the rendered content as an aside in brackets of the page's language
    (`i18n.aside`: full width and no space before it in Chinese; put no space before the tag)."""
    nodelist = parser.parse(("endaside",))
    parser.delete_first_token()
    return AsideNode(nodelist)


class AsideNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context) -> str:
        return mark_safe(i18n.aside(active_language(), self.nodelist.render(context)))


@register.tag
def sentences(parser, token):
    """{% sentences %}…{% next %}…{% endsentences %}: the parts, each one or more sentences, one after the other
    as their language writes them (`i18n.sentences`: no space after a Chinese full stop, one after an English
    sentence), each part's ending read without its tags and the whitespace around it; a part that renders
    empty (an `{% if %}` not taken) is left out. `{% next %}` stands in the block itself, outside any `{% if %}`."""
    parts = []
    while True:
        parts.append(parser.parse(("next", "endsentences")))
        if parser.next_token().contents == "endsentences":
            return SentencesNode(parts)


class SentencesNode(template.Node):
    def __init__(self, parts):
        self.parts = parts

    def render(self, context) -> str:
        said = [nodelist.render(context).strip() for nodelist in self.parts]
        return mark_safe(i18n.sentences(said, read=strip_tags))


@register.filter("sentences", is_safe=False)
def sentences_of(values) -> str:
    """A list of sentences (a field's errors) one after the other as `{% sentences %}` joins its parts
    (`i18n.sentences`), each escaped."""
    if not values:
        return ""
    return mark_safe(i18n.sentences([conditional_escape(str(v)) for v in values]))


# Django's forms end a label with gettext(":") (`label_tag`), which Django's own Chinese catalog leaves
# half-width; core's catalog, an app's, comes before Django's and says "：".
gettext_noop(":")


@register.filter(is_safe=True)
def isolated(value) -> str:
    """A user-typed name set in a translated sentence (`{% blocktranslate with name=deal.name|isolated %}`),
    kept apart from the words around it (`i18n.isolate`: FSI … PDI around a right-to-left name), as `<bdi>`
    keeps a name apart where the page writes the tag."""
    return i18n.isolate(value) if value not in (None, "") else value
