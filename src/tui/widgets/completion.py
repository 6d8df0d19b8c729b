"""Completion of 三级指标 names and 年度指标值: the catalogue and the unit's earlier forms."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from textual.suggester import SuggestFromList

from core.resources import catalog_file
from core.rules import RuleSet


@cache
def catalog_indicators() -> tuple[dict[str, str], ...]:
    """The shipped catalogue's indicators (level1, level2, name, target); empty if unreadable."""
    try:
        data = json.loads(catalog_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(
        {key: str(item.get(key, "")) for key in ("level1", "level2", "name", "target")}
        for item in data.get("indicators", [])
        if isinstance(item, dict)
    )


@dataclass(frozen=True)
class Completions:
    """Names and targets to complete, earlier forms of the unit first."""

    names: tuple[str, ...]
    targets: tuple[str, ...]

    def name_suggester(self) -> SuggestFromList:
        return SuggestFromList(self.names, case_sensitive=False)

    def target_suggester(self) -> SuggestFromList:
        return SuggestFromList(self.targets, case_sensitive=False)


def completions(known: Iterable[Mapping[str, Any]], rules: RuleSet) -> Completions:
    """Merge the unit's known indicators with the catalogue and the rule set's target words."""
    items = [*known, *catalog_indicators()]
    names = dict.fromkeys(str(item.get("name", "")) for item in items)
    targets = dict.fromkeys(str(item.get("target", "")) for item in items)
    targets.update(dict.fromkeys(rules.qualitative.words))
    return Completions(
        names=tuple(name for name in names if name),
        targets=tuple(target for target in targets if target),
    )
