"""Whether a qualitative actual meets its target, read with the rule set's words.

Forms answer a target such as ``有效``, ``效果明显``, ``符合相关规定`` or ``提高`` in their own
words: ``达成预期指标``, ``已完成``, ``显著``, ``有所提升``, ``基本完成``, ``未完成``. Which words
mean what is data of the rule set (``[qualitative]``: met_words, partial_words, poor_words,
negations, modifiers, synonyms, opposites, scales); this module only applies it, in this order:

1. the same text, or the same after modifiers are dropped and synonyms read as one → met;
2. both on one of the ordered scales → met where the actual stands as high, else below;
3. a partial word (基本, 部分) → partly met; a poor word (较差) → below;
4. a met word standing alone (完成, 是, 有效) → met;
5. a negation (未, 没有, 不) → below; a word opposite to the target's (上升 for 下降) → below;
6. the target's word inside the actual (保持稳定 for 稳定), or a met word inside it → met;
7. anything else: jixiao cannot tell, and says so.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from core.confusables import compact

if TYPE_CHECKING:
    from core.rules import QualitativeRule

_PUNCTUATION = "。，、；;,.!！:：“”\"'‘’"


class Verdict(str, Enum):
    """What a qualitative actual says of its target."""

    MET = "met"
    PARTIAL = "partial"
    BELOW = "below"
    UNKNOWN = "unknown"


class Judgement(NamedTuple):
    """A verdict and, where it is not met, the words that decided it (for the message)."""

    verdict: Verdict
    because: str = ""


_CACHE_SIZE = 8192


class Wording:
    """The rule set's qualitative words, prepared once for matching (``QualitativeRule.wording``),
    with the judgements made so far: a form is judged again on every keystroke."""

    def __init__(self, rule: QualitativeRule) -> None:
        self.rule = rule
        self._judged: dict[tuple[str, str], Judgement] = {}
        self.met_words = frozenset(rule.met_words) | {rule.met_band}
        self.band_names = frozenset(band.name for band in rule.bands)
        self._heads = {word: group[0] for group in rule.synonyms for word in group}
        # words of two characters or more anywhere; one character (无, 零) only at the start
        long_words = sorted((w for w in self._heads if len(w) > 1), key=len, reverse=True)
        short_words = [w for w in self._heads if len(w) == 1]
        pattern = "|".join(
            [*map(re.escape, long_words), *(f"^{re.escape(w)}" for w in short_words)]
        )
        self._synonym_re = re.compile(pattern) if pattern else None
        modifiers = sorted(rule.modifiers, key=len, reverse=True)
        self._modifier_re = re.compile("|".join(map(re.escape, modifiers))) if modifiers else None
        self._opposites = [(self.canonical(a), self.canonical(b)) for a, b in rule.opposites]
        self._contained_met = sorted((w for w in self.met_words if len(w) > 1), key=len)

    def clean(self, text: str) -> str:
        """Compact, without the punctuation around it."""
        return compact(text).strip(_PUNCTUATION)

    def core(self, text: str) -> str:
        """Without modifiers (有所提高 → 提高); the text itself where nothing else is left."""
        if self._modifier_re is None:
            return text
        stripped = self._modifier_re.sub("", text)
        return stripped or text

    def canonical(self, text: str) -> str:
        """Synonyms read as their group's first word (提升 → 提高, 按期 → 按时)."""
        if text in self._heads:
            return self._heads[text]
        if self._synonym_re is None:
            return text
        return self._synonym_re.sub(lambda m: self._heads[m[0]], text)

    def _on_scale(self, aim: str, done: str) -> Judgement | None:
        for scale in self.rule.scales:
            if aim in scale and done in scale:
                if scale.index(done) >= scale.index(aim):
                    return Judgement(Verdict.MET)
                return Judgement(Verdict.BELOW, f"“{done}”低于“{aim}”")
        return None

    def _negated(self, text: str) -> str:
        return next((word for word in self.rule.negations if word in text), "")

    def _opposed(self, aim: str, done: str) -> bool:
        return any((a in aim and b in done) or (b in aim and a in done) for a, b in self._opposites)

    def opposed(self, one: str, other: str) -> bool:
        """Two words of opposite direction (提高 and 有所下降), read with synonyms."""
        return self._opposed(self.canonical(self.core(one)), self.canonical(self.core(other)))

    def judge(self, target: str, actual: str) -> Judgement:
        """Whether ``actual`` meets the qualitative ``target`` (see the module docstring)."""
        key = (target, actual)
        judged = self._judged.get(key)
        if judged is None:
            if len(self._judged) >= _CACHE_SIZE:
                self._judged.clear()
            judged = self._judged[key] = self._judge(target, actual)
        return judged

    def _judge(self, target: str, actual: str) -> Judgement:
        aim, done = self.clean(target), self.clean(actual)
        question = next((q for q in self.rule.questions if aim.startswith(q)), "")
        if question and len(aim) > len(question):  # 是否按规定执行: the answer sought is 是
            if done in self.rule.negations:  # 是否发生安全事故 — 否: which answer is sought?
                return Judgement(Verdict.UNKNOWN)
            aim = aim[len(question) :]
        if done == aim or done == self.rule.met_band:
            return Judgement(Verdict.MET)
        aim_core, done_core = self.core(aim), self.core(done)
        aim_word, done_word = self.canonical(aim_core), self.canonical(done_core)
        if done_word == aim_word:
            return Judgement(Verdict.MET)
        scaled = self._on_scale(aim_core, done_core)
        if scaled is not None:
            return scaled
        partial = next((w for w in self.rule.partial_words if w in done), "")
        if partial:
            return Judgement(Verdict.PARTIAL, f"“{partial}”")
        poor = next((w for w in self.rule.poor_words if done_core.endswith(w)), "")
        if poor:
            return Judgement(Verdict.BELOW, f"“{poor}”")
        aim_negative = bool(self._negated(aim)) or aim_word.startswith(("无", "否"))
        if not aim_negative and (done in self.met_words or done_core in self.met_words):
            return Judgement(Verdict.MET)
        negation = self._negated(done_core)
        if negation and not aim_negative:
            return Judgement(Verdict.BELOW, f"“{negation}”")
        if self._opposed(aim_word, done_word):
            return Judgement(Verdict.BELOW, "方向相反")
        if len(aim_word) > 1 and aim_word in done_word:
            return Judgement(Verdict.MET)
        if not aim_negative and any(word in done for word in self._contained_met):
            return Judgement(Verdict.MET)
        return Judgement(Verdict.UNKNOWN)
