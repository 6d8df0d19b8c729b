"""What real forms write for ≥, ≤, >, <, =: one table of look-alike symbols and comparator words.

Forms are typed in WPS or Excel with whatever the font, the symbol dialog or the input method
offers: ``≧95%`` (GBK's ≧), ``》=95%`` (> typed with Chinese punctuation on), ``═100%`` (a
box-drawing line), ``≮95%`` (GB2312's "not less than"), ``不低于95%``, ``95%以上``. Every
such form is a row of ``CONFUSABLES`` below: what is written, the comparator it reads as, and
where it stands. Code never tests for a symbol itself; it asks this table.

``fold`` makes a text comparable: NFKC (full-width ＞＝９５％ → >=95%), every space and
invisible format character removed, then each look-alike symbol replaced by its comparator.
``leading_comparator`` and ``trailing_comparator`` find a comparator word at either end.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

Comparator = Literal["≥", "≤", ">", "<", "="]
Place = Literal["symbol", "before", "after"]


class Confusable(NamedTuple):
    """One way forms write a comparator."""

    written: str
    """written: as it stands on the form (after NFKC: full-width forms need no row)"""
    reads_as: Comparator
    place: Place
    """place: symbol — anywhere; before — ahead of the number; after — behind number and unit"""
    seen: str = ""
    """seen: why a form holds it"""


def _symbols(reads_as: Comparator, seen: str, *written: str) -> tuple[Confusable, ...]:
    return tuple(Confusable(w, reads_as, "symbol", seen) for w in written)


def _words(reads_as: Comparator, place: Place, seen: str, *written: str) -> tuple[Confusable, ...]:
    return tuple(Confusable(w, reads_as, place, seen) for w in written)


# Single symbols that look like (or mean) a comparator.
_GE = ("≥", "≧", "⩾", "≽", "≮")
_LE = ("≤", "≦", "⩽", "≼", "≯")
_GT = (">", "》", "〉", "›")
_LT = ("<", "《", "〈", "‹")
_EQ = ("=", "═", "〓", "꞊", "゠", "⹀", "˭", "≡", "≒", "≈", "≐")
# 《》〈〉 also quote titles (《管理办法》): they count only before a digit or an equals sign.
BRACKETS = frozenset("》〉《〈›‹")


def _pairs(reads_as: Comparator, firsts: tuple[str, ...], seconds: tuple[str, ...]) -> tuple:
    return _symbols(
        reads_as, "两个符号拼成，如 >=、=>、≥=", *(a + b for a in firsts for b in seconds)
    )


CONFUSABLES: tuple[Confusable, ...] = (
    *_symbols("≥", "≥ 及其形近字：GBK 的 ≧、数学符号 ⩾ ≽、GB2312 的 ≮（不小于）", *_GE),
    *_symbols("≤", "≤ 及其形近字：GBK 的 ≦、数学符号 ⩽ ≼、GB2312 的 ≯（不大于）", *_LE),
    *_symbols(">", "> 及中文标点状态下键入的 》〉", *_GT),
    *_symbols("<", "< 及中文标点状态下键入的 《〈", *_LT),
    *_symbols("=", "= 及形近的制表符 ═、〓、约等号 ≈ ≒", *_EQ),
    *_pairs("≥", _GT, _EQ),  # >= 》= >═
    *_pairs("≥", _EQ, _GT),  # =>
    *_pairs("≥", _GE, _EQ),  # ≥= (doubled)
    *_pairs("≤", _LT, _EQ),  # <= 《=
    *_pairs("≤", _EQ, _LT),  # =<
    *_pairs("≤", _LE, _EQ),  # ≤=
    *_pairs("=", _EQ, _EQ),  # ==
    *_words(
        "≥",
        "before",
        "文字写的“不低于”",
        "不低于",
        "不少于",
        "不小于",
        "不低於",
        "不少於",
        "大于等于",
        "大于或等于",
        "大于或者等于",
        "高于或等于",
        "至少",
        "达到",
        "达",
        "确保",
    ),
    *_words(">", "before", "文字写的“高于”", "大于", "高于", "多于", "超过", "超出", "优于"),
    *_words(
        "≤",
        "before",
        "文字写的“不高于”",
        "不高于",
        "不超过",
        "不超出",
        "不多于",
        "不大于",
        "不高於",
        "小于等于",
        "小于或等于",
        "小于或者等于",
        "低于或等于",
        "至多",
        "最多",
        "控制在",
        "控制",
    ),
    *_words("<", "before", "文字写的“低于”", "小于", "低于", "少于"),
    *_words("=", "before", "文字写的“等于”“约”", "等于", "约为", "约", "为"),
    *_words(
        "≥",
        "after",
        "数字后写的“以上”（含本数）",
        "以上",
        "及以上",
        "或以上",
        "以上(含)",
        "及其以上",
        "或更多",
        "或更高",
    ),
    *_words(
        "≤",
        "after",
        "数字后写的“以内”“以下”（含本数）",
        "以下",
        "及以下",
        "或以下",
        "以内",
        "之内",
        "内",
        "及以内",
        "或更少",
        "或更低",
    ),
    *_words("=", "after", "数字后写的“左右”", "左右"),
)

SYMBOLS: dict[str, Comparator] = {c.written: c.reads_as for c in CONFUSABLES if c.place == "symbol"}
BEFORE: dict[str, Comparator] = {c.written: c.reads_as for c in CONFUSABLES if c.place == "before"}
AFTER: dict[str, Comparator] = {c.written: c.reads_as for c in CONFUSABLES if c.place == "after"}

# Folding runs on every keystroke and at every start: the table becomes a translation of
# single symbols (brackets only before a digit or =) and a short list of the pairs they form.
_SPACE_OR_FORMAT = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]+")
_SINGLE = str.maketrans(
    {w: r for w, r in SYMBOLS.items() if len(w) == 1 and w not in BRACKETS and w != r}
)
_EQUALS = "".join(w for w, r in SYMBOLS.items() if len(w) == 1 and r == "=")
_BRACKET_RE = re.compile(f"[{''.join(sorted(BRACKETS))}](?=[\\d{re.escape(_EQUALS)}≥≤])")
_PAIRS = {
    w.translate(_SINGLE): r for w, r in SYMBOLS.items() if len(w) == 2 and not set(w) & BRACKETS
}
_PAIR_RE = re.compile("|".join(re.escape(w) for w in _PAIRS))
_COMPARATOR_CHARS = "≥≤><="
_BEFORE_WORDS = sorted(BEFORE, key=len, reverse=True)
_AFTER_WORDS = sorted(AFTER, key=len, reverse=True)


def compact(text: str) -> str:
    """NFKC (full-width → ASCII) and every space and invisible format character removed.

    Normalised once more after the spaces go: NFKC spells some marks with a space ('´' → ' ́'),
    and what is left must compose as it would the next time round.
    """
    spaced = _SPACE_OR_FORMAT.sub("", unicodedata.normalize("NFKC", text))
    return unicodedata.normalize("NFKC", spaced)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A text as the comparator grammar reads it: compact, every look-alike a comparator.

    ``'≧ ９５％'`` → ``'≥95%'``, ``'》=95%'`` → ``'≥95%'``, ``'═100%'`` → ``'=100%'``.
    Words (不低于, 以上) stay: they are read at the ends of a quantity.
    """
    folded = _BRACKET_RE.sub(lambda m: SYMBOLS[m[0]], compact(text)).translate(_SINGLE)
    return _PAIR_RE.sub(lambda m: _PAIRS[m[0]], folded)


def leading_comparator(head: str) -> tuple[Comparator | None, str, str]:
    """The comparator at the end of the text before a number: (comparator, the rest before it,
    the word as written). ``'完成率不低于'`` → ('≥', '完成率', '不低于')."""
    if head and head[-1] in _COMPARATOR_CHARS:
        return head[-1], head[:-1], head[-1]  # type: ignore[return-value]
    word = next((w for w in _BEFORE_WORDS if head.endswith(w)), None)
    if word is not None:
        return BEFORE[word], head[: -len(word)], word
    return None, head, ""


def trailing_comparator(tail: str) -> tuple[Comparator | None, str, str]:
    """The comparator word at the start of the text after number and unit: (comparator, the rest
    after it, the word as written). ``'以上(含)'`` → ('≥', '', '以上(含)')."""
    word = next((w for w in _AFTER_WORDS if tail.startswith(w)), None)
    if word is not None:
        return AFTER[word], tail[len(word) :], word
    return None, tail, ""


def is_comparator_word(text: str) -> bool:
    """True for a text that is only a comparator (symbol or word): nothing to compare with."""
    return text in SYMBOLS.values() or text in BEFORE or text in AFTER
