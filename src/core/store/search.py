"""What the store indexes of a form, and full-text search that finds Chinese words of two
characters or more.

SQLite's tokenizers do not split Chinese: unicode61 keeps a run of Chinese as one token and
trigram needs three characters. So the indexed text is rewritten as overlapping bigrams
(信访办公室 → 信访 访办 办公 公室) and a query becomes a phrase of its own bigrams, which
matches exactly where the query's characters stand next to each other in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core import fieldpaths

if TYPE_CHECKING:
    from core.model import Form

# CJK ideographs (basic, extension A, compatibility) and the full-width forms people type
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[^\s{_CJK}]+")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")
_WORD_PUNCT = re.compile(r"[^\w]+")
_FIELD_BREAK = "jxbreak"

SEARCH_KEY_SHIFT = 32
"""A form's row in the index is keyed ``year << 32 | id``: the index's own order is the list's."""


def search_key(year: int, form_id: int) -> int:
    """The key of a form's row in the full-text index (form ids stay below 2**32)."""
    return (year << SEARCH_KEY_SHIFT) | form_id


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(parts: Iterable[str]) -> str:
    """The bigram-expanded text stored in the full-text index."""
    tokens: list[str] = []
    for part in parts:
        for run in _RUN.findall(part):
            if _CJK_RUN.match(run):
                tokens.extend(_bigrams(run))
            else:
                tokens.extend(w for w in _WORD_PUNCT.split(run) if w)
        tokens.append(_FIELD_BREAK)  # keeps a phrase from running across two fields
    return " ".join(tokens)


def form_search_text(form: Form) -> str:
    """Project, units and every indicator name of a form, as indexed text."""
    return index_text(
        [form.project, form.department, form.implementer, *(i.name for i in form.indicators)]
    )


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what a user typed; None when nothing is searchable.

    Every whitespace-separated term must occur (AND); a term is a phrase of its bigrams.
    A lone Chinese character matches as a prefix of a bigram.
    """
    phrases = []
    for term in query.split():
        tokens: list[str] = []
        for run in _RUN.findall(term):
            if _CJK_RUN.match(run):
                tokens.extend(_bigrams(run))
            else:
                tokens.extend(w for w in _WORD_PUNCT.split(run) if w)
        if not tokens:
            continue
        phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
        if (len(tokens) == 1 and len(tokens[0]) == 1) or not _CJK_RUN.match(tokens[-1]):
            phrase += " *"
        phrases.append(phrase)
    return " AND ".join(phrases) if phrases else None


INDEXED_FIELDS = frozenset({"year", "project", "department", "implementer"})
"""Fields of a form that the search index reads (with indicator names: form_search_text)."""
INDEXED_INDICATOR_FIELDS = frozenset({"level1", "level2", "name", "target", "weight"})
"""Fields of an indicator row that the search index or ``form_indicators`` hold."""


def indexed(path: str) -> bool:
    """Whether a change at ``path`` can change the search index or the indicator rows."""
    if not fieldpaths.is_indicator(path):
        return path in INDEXED_FIELDS
    located = fieldpaths.indicator_of(path)
    return located is None or not located[1] or located[1] in INDEXED_INDICATOR_FIELDS


def indicator_rows(form_id: int, form: object) -> list[dict[str, object]]:
    """The rows of ``form_indicators`` for one form."""
    return [
        {
            "form_id": form_id,
            "position": position,
            "level1": row.level1,
            "level2": row.level2,
            "name": row.name,
            "target": row.target,
            "weight": None if row.weight is None else str(row.weight),
        }
        for position, row in enumerate(form.indicators)  # type: ignore[attr-defined]
    ]
