"""Bytes to text — the one decoder for every file Battlemap reads.

Pure (no Django). Every reader (people CSV, activity-log CSV, mail headers and bodies, iCalendar) decodes
through `decode`; the text is then matched on the keys of `battlemap.io.matching`.

Encodings tried (issue #14, kind 1): UTF-8 with or without BOM, UTF-16 (BOM, or the NUL pattern Excel's
"Unicode text" writes), GB18030 (which covers GBK and GB2312: a `gb2312` or `gbk` label is always decoded
as GB18030, since mailers label GBK-only characters as gb2312), Big5, Shift-JIS, Windows-1252, -1250 and
-1251, and Mac Roman. When more than one
legacy encoding decodes the bytes, the most plausible text wins (`plausibility`) and the result names the
encoding used and the others that also decoded, so a preview can let the user switch. A table file whose
lines mix UTF-8 and one legacy encoding (rows pasted from a GBK file under a UTF-8 header) is read line by
line and names the lines read in the legacy encoding, so the preview can show them to be checked.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from battlemap.core.text import is_cjk
from battlemap.io.plausibility import letter_score, plausibility

# The legacy encodings tried, in order of preference when two are equally plausible: Chinese (GB18030 covers
# GBK), Japanese (Windows' Shift-JIS), Western, Central European and Cyrillic Windows, Mac Roman.
LEGACY = ("gb18030", "big5", "cp932", "cp1252", "cp1250", "cp1251", "mac_roman")
# The legacy half of a file read line by line (rows pasted from a GBK or Windows-1252 file into a UTF-8 one).
BY_LINE = ("gb18030", "big5", "cp1252")
# Mac Roman decodes every byte: never the legacy half of a file read line by line, nor a whole-file reading of a
# file that holds UTF-8 lines (mixed with GBK ones, or damaged) — it would hide them instead of naming them.
TOTAL = frozenset({"mac_roman", "cp1250", "cp1251"})  # (Windows-1250 and -1251 leave 5 and 1 bytes out)
# Labels decoded as another, wider encoding (WHATWG Encoding Standard: gb2312/gbk → gb18030, latin-1 → cp1252).
ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "big5-hkscs": "big5hkscs",
    "macintosh": "mac_roman",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
    "mac-roman": "mac_roman",
    "macroman": "mac_roman",
    "x-mac-roman": "mac_roman",
}
NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "gb18030": "GB18030",
    "big5": "Big5",
    "big5hkscs": "Big5-HKSCS",
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp932": "Shift-JIS",
    "mac_roman": "Mac Roman",
}
CHOICES = ("utf-8", "utf-16", "gb18030", "big5", "cp932", "cp1252", "cp1250", "cp1251", "mac_roman")
# what an API caller may also name an encoding (read as its superset: GBK as GB18030, Shift_JIS as Windows-932)
ASKED_NAMES = (*CHOICES, "gbk", "shift_jis")


class UndecodableError(ValueError):
    """No supported encoding decodes these bytes (or the one asked for does not); `lines` names the
    1-based lines that no encoding decodes when the file was read line by line."""

    def __init__(self, encoding: str, lines: tuple[int, ...] = ()) -> None:
        super().__init__(encoding)
        self.lines = lines


class DoubtfulError(UndecodableError):
    """The encoding cannot be told for sure: every encoding that decodes these bytes gives implausible text
    (`plausibility` below 0: "J焤gen", "JŸrgen"), or two give different text that reads equally well
    (Windows-1252's "Jiøí Dvoøák" and Windows-1250's "Jiří Dvořák"): the user must choose. `encoding` is the
    best reading, `sample` its first non-ASCII line, `candidates` each reading worth offering as
    (codec, its first non-ASCII line), best first."""

    def __init__(self, encoding: str, sample: str, candidates: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(encoding)
        self.sample = sample
        self.candidates = candidates or ((encoding, sample),)


@dataclass(frozen=True)
class Decoded:
    """`text`; `encoding` the codec used (a key of NAMES, or `utf-8+<legacy>` for a file read line by
    line); `alternatives` the other codecs that also decoded; `legacy_lines` the 1-based lines of a file
    read line by line that were read in the legacy codec (the others are UTF-8)."""

    text: str
    encoding: str
    alternatives: tuple[str, ...] = ()
    legacy_lines: tuple[int, ...] = ()

    @property
    def legacy(self) -> str | None:
        """The legacy codec of a file read line by line (`gb18030`), else None."""
        return self.encoding.partition("+")[2] or None

    @property
    def label(self) -> str:
        if self.legacy:
            return f"UTF-8 + {NAMES.get(self.legacy, self.legacy.upper())}"
        return NAMES.get(self.encoding, self.encoding.upper())


def codec_for(label: str | None) -> str | None:
    """The codec to decode a declared charset with (`gb2312` → `gb18030`), or None if Python knows none."""
    if not label:
        return None
    name = label.strip().strip('"').lower()
    name = ALIASES.get(name, name)
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return ALIASES.get(canonical, canonical)


def _utf16(data: bytes) -> str | None:
    """UTF-16 by its BOM, or by NUL bytes (no other encoding read here ever holds one): the half of the
    byte pairs that holds more NULs is the high byte. A mostly Chinese file has NULs only beside its
    ASCII (tabs, line ends, digits), and a character such as 一 (U+4E00) puts one in the other half."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and b"\x00" in sample:
        odd_nuls = sample[1::2].count(0)
        even_nuls = sample[0::2].count(0)
        if odd_nuls > 2 * even_nuls:
            return "utf-16-le"
        if even_nuls > 2 * odd_nuls:
            return "utf-16-be"
    return None


def _decode(data: bytes, codec: str, declared: bool = True) -> str:
    """Strict decoding, except that a multi-byte character cut off at the very end (a header a gateway
    truncated, a file cut short) is dropped rather than failing the whole text into another encoding —
    when the codec was declared, or when the text before holds other multi-byte characters of it (a
    Windows-1252 `Café` at the end of a text is not a cut UTF-8 character)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        cut = exc.end == len(data) and exc.start >= len(data) - 3 and exc.start > 0
        if cut and not declared:
            cut = not data[: exc.start].isascii()
        if cut and ("end of data" in exc.reason or "incomplete" in exc.reason):
            return data[: exc.start].decode(codec)
        raise


SAMPLE = 65536  # bytes of the non-UTF-8 lines on which the legacy encoding is chosen
# A reading of other text whose letters score within this share of the best one's makes the encoding doubtful;
# when every reading is implausible, this many of them are offered.
DOUBT_MARGIN, DOUBT_OFFERED = 0.2, 4


_LONG_UTF8 = re.compile(rb"[\xe0-\xf4]")  # the lead byte of a 3- or 4-byte UTF-8 sequence (CJK, symbols)


def _utf8_line(line: bytes, legacy: str) -> str | None:
    """The line as UTF-8, when it is valid UTF-8 and either holds a 3- or 4-byte sequence (Chinese in UTF-8;
    legacy bytes almost never form one) or reads well, and at least as well as in `legacy`: a short GBK
    name is often valid UTF-8 of two bytes a character (`录`, C2 BC, is `¼`; two rarer characters may
    read as Arabic letters), and stays GBK."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if line.isascii() or _LONG_UTF8.search(line):
        return text
    try:
        other = line.decode(legacy)
    except UnicodeDecodeError:
        return text
    score = plausibility(text)
    return text if score > 0 and score >= plausibility(other) else None


def _has_utf8_lines(data: bytes) -> bool:
    """Whether a line is UTF-8 beyond two-byte letters (Chinese, symbols): a Mac Roman file has none."""
    for line in data.split(b"\n"):
        if _LONG_UTF8.search(line):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
    return False


def decode_by_line(data: bytes, legacy: str | None = None) -> Decoded | None:
    """A file whose lines mix UTF-8 and one legacy encoding (rows pasted from a GBK file under a UTF-8
    header): each line read as UTF-8 when it is, else in the legacy encoding (`legacy`, or the one of
    LEGACY under which the other lines read best). None when the file is no such mix (no line holds
    UTF-8 beyond ASCII, or none needs the legacy encoding). Raises UndecodableError naming the lines
    that neither decodes."""
    lines = data.split(b"\n")
    non_utf8 = []
    utf8_beyond_ascii = False
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_beyond_ascii = True
        except UnicodeDecodeError:
            non_utf8.append(line)
    if not non_utf8 or not utf8_beyond_ascii:
        return None  # one encoding (a plain legacy file costs one pass here)
    joined = b"\n".join(non_utf8)[:SAMPLE]
    if legacy is None:
        scored = []
        for rank, codec in enumerate(BY_LINE):
            failures = 0
            for line in non_utf8[:2000]:
                try:
                    line.decode(codec)
                except UnicodeDecodeError:
                    failures += 1
            scored.append((-failures, plausibility(joined.decode(codec, "replace")), -rank, codec))
        legacy = max(scored)[3]
    texts: list[str] = []
    legacy_lines: list[int] = []
    bad: list[int] = []
    for number, line in enumerate(lines, 1):
        text = _utf8_line(line, legacy)
        if text is None:
            try:
                text = line.decode(legacy)
            except UnicodeDecodeError:
                bad.append(number)
                continue
            legacy_lines.append(number)
        texts.append(text)
    if bad:
        raise UndecodableError(f"utf-8+{legacy}", tuple(bad))
    taken = set(legacy_lines)
    if not legacy_lines or all(line.isascii() for n, line in enumerate(lines, 1) if n not in taken):
        return None  # no UTF-8 beyond ASCII: a plain legacy file
    return Decoded("\n".join(texts), f"utf-8+{legacy}", legacy_lines=tuple(legacy_lines))


def decode(
    data: bytes, encoding: str | None = None, by_line: bool = False, refuse_doubtful: bool = False
) -> Decoded:
    """Decode `data`, with `encoding` if given (a label: `gbk` means GB18030), else by detection.

    `by_line` (a table file's reader): a file that is not one encoding but UTF-8 lines and lines of one
    legacy encoding is read line by line (`decode_by_line`), and says which lines were read how; the
    encoding `utf-8+gb18030` asks for that reading. Raises UndecodableError when the asked encoding fails
    or nothing decodes; with `refuse_doubtful` (a file the user can re-read in another encoding) also
    DoubtfulError when even the most plausible legacy reading's letters score below 0, instead of guessing.
    """
    if encoding and "+" in encoding:
        first, _, legacy = encoding.partition("+")
        legacy_codec = codec_for(legacy)
        if codec_for(first) != "utf-8" or legacy_codec not in BY_LINE:
            raise UndecodableError(encoding)
        mixed = decode_by_line(data, legacy_codec)
        if mixed is None:
            raise UndecodableError(encoding)
        return mixed
    if encoding:
        codec = codec_for(encoding)
        if codec is None:
            raise UndecodableError(encoding)
        if codec in ("utf-8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            return Decoded(_decode(data, codec), codec)
        except UnicodeDecodeError as exc:
            raise UndecodableError(encoding) from exc
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data.decode("utf-8-sig"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UndecodableError("utf-8") from exc
    utf16 = _utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(_decode(data, "utf-8", declared=False), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed, unreadable = None, UndecodableError("unknown")
    if by_line:
        try:
            mixed = decode_by_line(data)
        except UndecodableError as exc:
            unreadable = exc
    decoded: list[tuple[float, int, str, str, str]] = []
    sample = _sample(data)
    for rank, codec in enumerate(LEGACY):
        if codec in TOTAL and (unreadable.lines or _has_utf8_lines(data)):
            continue  # UTF-8 lines mixed with others or damaged ones: named, not read as Mac Roman
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        judged = sample.decode(codec, errors="ignore")  # a line cut short may end in half a character
        decoded.append((plausibility(judged), -rank, codec, text, judged))
    if mixed is not None:
        return replace(mixed, alternatives=tuple(d[2] for d in sorted(decoded, reverse=True)))
    if not decoded:
        raise unreadable
    decoded.sort(reverse=True)
    codec, text = decoded[0][2], decoded[0][3]
    if refuse_doubtful:
        _refuse_doubtful([(d[2], d[4]) for d in decoded])
    return Decoded(text, codec, _worth_offering(text, [(d[2], d[3]) for d in decoded[1:]]))


def _worth_offering(text: str, others: list[tuple[str, str]]) -> tuple[str, ...]:
    """The codecs of `others` ((codec, its reading), best first) worth offering beside the reading `text`: all,
    unless `text` holds Chinese characters — then only those whose reading holds at least half as many (Big5
    beside GB18030, which read each other's Chinese as Chinese): a GBK file of Chinese names read right was
    offered as Windows-1252, -1250 and Mac Roman too, each of which would store its names garbled (`ÕÅÎ°`)."""
    chinese = sum(map(is_cjk, text))
    if not chinese:
        return tuple(codec for codec, _reading in others)
    return tuple(codec for codec, reading in others if 2 * sum(map(is_cjk, reading)) >= chinese)


def _sample(data: bytes) -> bytes:
    """The lines of `data` beyond ASCII, whole, up to about SAMPLE bytes: what the legacy readings are judged
    on — linear in the file's size, however big (a 50 MB export was scored whole, seven times)."""
    lines, size = [], 0
    for line in data.split(b"\n"):
        if not line.isascii():
            lines.append(line[:SAMPLE])
            size += len(lines[-1])
            if size >= SAMPLE:
                break
    return b"\n".join(lines)


def _first_non_ascii_line(text: str) -> str:
    return next((line for line in text.splitlines() if not line.isascii()), "").strip()[:60]


def _refuse_doubtful(readings: list[tuple[str, str]]) -> None:
    """Raise DoubtfulError unless the first (most plausible) of `readings` (codec, text) is sure: its letters
    read well (`letter_score` at least 0) and no reading that gives other text reads about as well
    (within DOUBT_MARGIN of it). A Windows-1252 file of German names reads the same in Windows-1250: sure; one
    of Czech names does not ("Jiøí" or "Jiří"): the user chooses."""
    scored: list[tuple[str, str, float]] = []
    for codec, text in readings:
        if all(text != other for _, other, _ in scored):  # the same text in two encodings is no doubt
            scored.append((codec, text, letter_score(text)))
    best = scored[0][2]
    rivals = [s for s in scored[1:] if s[2] >= 0 and s[2] >= best - max(1.0, DOUBT_MARGIN * best)]
    if best >= 0 and not rivals:
        return
    offered = [scored[0], *rivals] if best >= 0 else sorted(scored, key=lambda s: -s[2])[:DOUBT_OFFERED]
    candidates = tuple((codec, _first_non_ascii_line(text)) for codec, text, _ in offered)
    raise DoubtfulError(candidates[0][0], candidates[0][1], candidates)
