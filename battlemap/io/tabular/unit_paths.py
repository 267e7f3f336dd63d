"""How a department cell names units: one unit, several (`;`, `、`, `|`), or a path from the top unit down
(集团 › 信息中心 › 运维部) — and whether `/` and `-` separate the parts of a path, decided once for the column.

`›`, `>` and `\\` always separate a path's parts. `/` and `-` are also part of units' names (`Sales/Marketing`,
`党委办公室/董事会办公室`, `E-Commerce`), so a column's values are split at them only when the column as a whole
reads as a tree (`column_paths`, one rule for both): the values holding the separator share a top unit (two
paths under it, or the top unit alone in another row), or one of them goes three levels deep — and for `-`, every
part is Chinese and no other separator is used (DingTalk's `集团-信息中心`). Battlemap's own export (its
"Battlemap id" column) writes each person's unit as its whole path joined by `›` (io.export.xlsx.people_sheet):
its cells are split at `›` alone, so a unit whose own name holds `/` or `>` comes back as itself."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from battlemap.analysis.i18n import join_names
from battlemap.core.multilingual import active_language
from battlemap.core.text import without_legal_form
from battlemap.io.cleaning import tidy_text

CJK_RE = re.compile(r"[\u3400-\u9fff]")
# several departments in one cell (WeCom, Feishu, DingTalk, hand-kept lists): `;`, `；`, `、`, `|` and `｜`
# always — but not inside brackets: `综合办公室（党委办公室、董事会办公室）` is one unit —, `,` when the parts
# are paths or Chinese
DEPARTMENT_LISTS = frozenset(";；、|｜")
BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕"}
DEPARTMENT_COMMAS = re.compile(r"\s*[,，]\s*")
ALWAYS = ">›\\"  # between the units of a path wherever they stand
SLASHES = "/／"  # between the units of a path when the column reads as a tree
HYPHEN = "-"  # likewise, in a column of Chinese paths (DingTalk)
PATH_JOINER = " › "  # how Battlemap writes a unit's path (its own export, the summary)
OWN_EXPORT = "›"  # the one separator of Battlemap's own export
# Separators typed full-width: read as their ASCII selves (the rest of a department's name keeps its width)
SEPARATOR_WIDTHS = str.maketrans({"－": "-", "＞": ">", "＼": "\\", "｜": "|", "；": ";"})
SEPARATOR_CHARS = ALWAYS + SLASHES + HYPHEN + "＞＼－"
DEEP = 3  # a path of this many levels is a path, whatever else the column holds


@functools.lru_cache(maxsize=8)
def _splitter(separators: str) -> re.Pattern[str]:
    return re.compile(rf"\s*[{re.escape(separators)}]\s*")


@dataclass(frozen=True)
class PathReading:
    """How the department column was read: `separators`, the characters a cell's paths are split at; when the
    column rule decided on `/` or `-` (`separator`), an example value with its path, and why: the shared top unit
    (`top`) or the depth of the example. `separator` empty with an example: values holding `/` read as one unit
    each. `company`: the top parts read as the account's own company, not a unit (`company_units.company_top`).
    The summary says it (`lines`)."""

    separators: str = ALWAYS
    separator: str = ""
    value: str = ""
    path: tuple[str, ...] = ()
    top: str = ""
    company: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        if self.company:  # one line: the tree read is the one below the company, never the company as a unit
            return self._company_lines()
        return self._split_lines()

    def _company_lines(self) -> list[str]:
        company = join_names(active_language(), self.company)
        if self.value and self.path:
            return [
                _("Departments read as a tree of units below %(company)s, the account's company, which is not a "
                  "unit of it: “%(value)s” is %(path)s (a person of %(company)s alone keeps the unit the map "
                  "has).") % {"company": company, "value": self.value, "path": PATH_JOINER.join(self.path)}
            ]  # fmt: skip
        return [
            _("Departments: %(company)s, at the top of the paths, is the account's company, not a unit of it: "
              "each person is placed in the units below it (a person of %(company)s alone keeps the unit the map "
              "has).") % {"company": company}
        ]  # fmt: skip

    def _split_lines(self) -> list[str]:
        if not self.value:
            return []
        shown = PATH_JOINER.join(self.path)
        if not self.separator:
            return [
                _("Departments: “%(value)s” read as the name of one unit, not as a path, as the column shows no "
                  "tree (no top unit shared, no path of three levels); to make it a unit within another, write "
                  "%(path)s.") % {"value": self.value, "path": shown}
            ]  # fmt: skip
        if self.top:
            return [
                _("Departments read as a tree of units: “%(value)s” is %(path)s, as values of the column share "
                  "the top unit %(top)s.") % {"value": self.value, "path": shown, "top": self.top}
            ]  # fmt: skip
        return [
            _("Departments read as a tree of units: “%(value)s” is %(path)s, a path of %(levels)s levels.")
            % {"value": self.value, "path": shown, "levels": len(self.path)}
        ]


def _is_cjk(part: str) -> bool:
    return bool(CJK_RE.search(part))


def department_items(cell: str) -> list[str]:
    """The departments a cell lists, split at `DEPARTMENT_LISTS` outside brackets:
    `集团-总经办、集团-信息中心` → [集团-总经办, 集团-信息中心]."""
    items, start, closing = [], 0, []
    for i, ch in enumerate(cell):
        if ch in BRACKETS:
            closing.append(BRACKETS[ch])
        elif closing and ch == closing[-1]:
            closing.pop()
        elif ch in DEPARTMENT_LISTS and not closing:
            items.append(cell[start:i])
            start = i + 1
    items.append(cell[start:])
    return [item.strip() for item in items if item.strip()]


def _comma_pieces(item: str, separators: str) -> list[str]:
    """`item` split at its commas, but for a comma before a company's legal form: the `, Ltd.` of
    `集团 > East China Energy Trading Co., Ltd. > 财务部` is part of a unit's name (`core.text.without_legal_form`)."""
    parts = DEPARTMENT_COMMAS.split(item)
    marks = DEPARTMENT_COMMAS.findall(item)
    pieces = [parts[0]]
    for mark, part in zip(marks, parts[1:], strict=True):
        head = _splitter(separators).split(part, maxsplit=1)[0]
        if head and not _is_cjk(head) and without_legal_form(f"x{mark}{head}") == "x":
            pieces[-1] += mark + part
        else:
            pieces.append(part)
    return [p for p in pieces if p]


def _items(cell: str, separators: str) -> list[str]:
    """The departments a cell names, each as written (a path not yet split): the list's items, and the parts
    between commas when each is a path or Chinese (`_comma_pieces`: not at a legal form's comma)."""
    split_items = []
    for item in department_items(cell):
        pieces = _comma_pieces(item, separators)
        if len(pieces) > 1 and all(_splitter(separators).search(p) or _is_cjk(p) for p in pieces):
            split_items.extend(pieces)
        else:
            split_items.append(item)
    return split_items


def _cleaned(cell: str) -> str:
    return tidy_text(cell).translate(SEPARATOR_WIDTHS)


@functools.lru_cache(maxsize=4096)  # a file names few departments, on many rows
def department_paths(cell: str, separators: str = ALWAYS + SLASHES) -> tuple[tuple[str, ...], ...]:
    """`集团/信息中心/运维部;集团/安委会` (or `、`, `|`) → ((集团, 信息中心, 运维部), (集团, 安委会)), split at
    `separators` (the column's: `column_paths`). Each unit's name is cleaned as every imported text is
    (`tidy_text`): `信息中心（北京）` keeps its brackets, as a title does; separators typed full-width (`－`, `＞`)
    read as their ASCII selves. Battlemap's own export (`separators` OWN_EXPORT) writes one unit a cell: its path,
    split at `›` alone — a unit named `… Co., Ltd.` or `党办、董办` is one unit, not a list of two."""
    if separators == OWN_EXPORT:
        path = tuple(p.strip() for p in tidy_text(cell).split(OWN_EXPORT) if p.strip())
        return (path,) if path else ()
    cell = _cleaned(cell)
    if not cell:
        return ()
    paths = []
    for item in _items(cell, separators):
        path = tuple(p.strip() for p in _splitter(separators).split(item) if p.strip())
        if path and path not in paths:
            paths.append(path)
    return tuple(paths)


def _tree(items: list[str], separator: str) -> PathReading | None:
    """The column's items read as paths split at `separator` (and the separators always read), when they show a
    tree: a top unit of two different paths, or named by another item — alone, or as the top of a path written
    with a separator always read (`集团 › 财务部` beside `集团/信息中心`) —, or a path of DEEP levels."""
    separators = ALWAYS + separator
    alone = {item for item in items if not _splitter(separators).search(item)}
    alone |= {_splitter(ALWAYS).split(item)[0] for item in items if _splitter(ALWAYS).search(item)} - {""}
    under: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    deep = None
    for item in dict.fromkeys(items):
        if not _splitter(separator).search(item):
            continue
        path = tuple(p for p in _splitter(separators).split(item) if p)
        if separator == HYPHEN and not all(_is_cjk(p) for p in path):
            return None  # `E-Commerce`, `Rolls-Royce`: names
        under.setdefault(path[0], []).append((item, path))
        if deep is None and len(path) >= DEEP:
            deep = (item, path)
    for top, paths in under.items():
        if len({p for _, p in paths}) > 1 or top in alone:
            item, path = paths[0]
            return PathReading(separators, separator[0], item, path, top)
    if deep:
        return PathReading(separators, separator[0], *deep)
    return None


def column_paths(cells: list[str], own_export: bool = False) -> PathReading:
    """How the department cells of a file are split into paths (the module's rule): at `›` alone in
    Battlemap's own export; else at `›`, `>`, `\\`, and at `/` or `-` when the column reads as a tree."""
    if own_export:
        return PathReading(OWN_EXPORT)
    cells = list(dict.fromkeys(cells))  # a unit names many rows
    if not any(ch in cell for cell in cells for ch in SEPARATOR_CHARS):
        return PathReading()  # no separator to decide on (cleaning 100,000 names costs a second)
    values = [v for cell in cells if (v := _cleaned(cell))]
    items = [item for v in values for item in _items(v, ALWAYS + SLASHES)]
    reading = _tree(items, SLASHES)
    if reading:
        return reading
    slashed = next((item for item in items if _splitter(SLASHES).search(item)), "")
    if not slashed and not any(_splitter(ALWAYS).search(v) for v in values):
        hyphened = [item for v in values for item in department_items(v)]
        if reading := _tree(hyphened, HYPHEN):
            return reading
    if slashed:  # said, as the user may have meant a tree
        path = tuple(p for p in _splitter(SLASHES).split(slashed) if p)
        return PathReading(ALWAYS, "", slashed, path)
    return PathReading(ALWAYS)
