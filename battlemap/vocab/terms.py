"""A vocabulary's shape: `Term` (a code, its two labels, its help, its scale value) and `Vocabulary` (an ordered
tuple of codes that knows their labels), and `normalize_language`, the language a label is asked in. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

Code = str | int


@lru_cache(maxsize=32)
def normalize_language(lang: str | None) -> str:
    """'zh', 'zh-hans', 'zh_Hans', 'zh-CN' → 'zh_Hans'; anything English or empty → 'en'."""
    code = (lang or "en").strip().lower().replace("_", "-")
    if code == "zh" or code.startswith("zh-"):
        return "zh_Hans"
    if code == "en" or code.startswith("en-"):
        return "en"
    raise ValueError(f"lang: unsupported language {lang!r} (use 'zh' or 'en')")


def _is_zh(lang: str | None) -> bool:
    return normalize_language(lang) == "zh_Hans"


@dataclass(frozen=True)
class Term:
    """One code: its labels (`zh`, `en`), optional help in both languages, optional scale value."""

    code: Code
    zh: str
    en: str
    help_zh: str = ""
    help_en: str = ""
    value: int | None = None


class Vocabulary(tuple):
    """An ordered tuple of codes that also knows their labels; `name` says what it labels.

    Being a tuple, it stands wherever the plain codes did (`code in ROLES`, `for stage in STAGES`,
    `", ".join(ROLES)`); `.codes` gives the plain tuple.
    """

    name: str
    terms: tuple[Term, ...]
    _by_code: dict[Code, Term]

    def __new__(cls, name: str, terms: tuple[Term, ...]) -> Vocabulary:
        self = super().__new__(cls, tuple(t.code for t in terms))
        self.name = name
        self.terms = terms
        self._by_code = {t.code: t for t in terms}
        if len(self._by_code) != len(terms):
            raise ValueError(f"{name}: a code appears twice")
        return self

    def __reduce__(self):  # noqa: ANN204 - copy and pickle rebuild it from its terms
        return (Vocabulary, (self.name, self.terms))

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes in their order (the decision chain's stages in chain order, …)."""
        return tuple(self)

    def term(self, code: Code) -> Term:
        """The term of a code; KeyError names the vocabulary when it has no such code."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{self.name}: unknown code {code!r}") from None

    def label(self, code: Code | None, lang: str | None) -> str:
        """The label of `code` in `lang`; an unknown code comes back as itself, None as ""."""
        term = self._by_code.get(code)  # type: ignore[arg-type]
        if term is None:
            return "" if code is None else str(code)
        return term.zh if _is_zh(lang) else term.en

    def help(self, code: Code | None, lang: str | None) -> str:
        """What the code means, in `lang` ("" when this vocabulary carries no help for it)."""
        term = self._by_code.get(code)  # type: ignore[arg-type]
        if term is None:
            return ""
        return term.help_zh if _is_zh(lang) else term.help_en

    def labels(self, lang: str | None) -> dict[Code, str]:
        """{code: label} in `lang`, in order."""
        return {t.code: self.label(t.code, lang) for t in self.terms}

    def listing(self, lang: str | None, codes: tuple[Code, ...] | None = None) -> str:
        """The allowed codes (all, or `codes`) for a message that lists them: each by its label in `lang`,
        with the code in brackets when the label says more than the code — `决策者（decision_maker）、影响者
        （influencer）`; in English `decision_maker, influencer`. The code stays beside the label: it is what a
        file or the API takes. The empty code (a choice that may be left empty) is no value to list."""

        def shown(code: Code) -> str:
            text = self.label(code, lang)

            def plain(word: str) -> str:
                return word.replace("_", " ").replace("-", " ").lower()

            if not text or plain(text) == plain(str(code)):
                return str(code)
            return f"{text}（{code}）" if zh else f"{text} ({code})"

        zh = _is_zh(lang)
        chosen = self.codes if codes is None else codes
        return ("、" if zh else ", ").join(shown(code) for code in chosen if code != "")

    def by_label(self) -> dict[str, Code]:
        """Each code (as text) and its label in both languages → the code (for import value tables)."""
        table: dict[str, Code] = {}
        for t in self.terms:
            table[str(t.code)] = t.code
            table[t.en] = t.code
            table[t.zh] = t.code
        return table


def _v(name: str, *rows: tuple) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*row) for row in rows))
