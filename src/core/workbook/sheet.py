"""A grid with its label cells found once, and the ways a form places a value beside its label.

Only the top-left cell of a merged range counts as a cell here; a merged range that hides a
different text under it is a problem of its own (the sheet does not show what it holds).
"""

from __future__ import annotations

import re

from core.workbook.grid import Coord, Grid, coord_name
from core.workbook.labels import (
    BUDGET_COLUMNS,
    DEVIATION_PREFIXES,
    FUND_COLUMNS,
    FUND_ROWS,
    FUNDS_HEADING,
    GOAL_LABELS,
    HEADER_LABELS,
    INDICATOR_COLUMNS,
    TOTAL_ROW,
    YEAR_LABELS,
    Label,
    label_of,
)
from core.workbook.problems import CellProblem
from core.workbook.values import describe, fold_blank

MAX_LABEL_LENGTH = 40
"""MAX_LABEL_LENGTH: longer texts are values, never labels"""
_INLINE = re.compile(r"^\s*([^:：\n]{2,16}?)\s*[:：]\s*(\S.*)$", re.S)
KNOWN_WORDS = frozenset(
    word
    for vocabulary in (
        HEADER_LABELS,
        FUND_COLUMNS,
        BUDGET_COLUMNS,
        FUND_ROWS,
        GOAL_LABELS,
        INDICATOR_COLUMNS,
    )
    for words in vocabulary.values()
    for word in words
) | frozenset((*YEAR_LABELS, *TOTAL_ROW, FUNDS_HEADING, "绩效指标", "中长期目标"))


class LabeledSheet:
    """One grid, its labels by cell, and the checks of its merged ranges."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.labels: dict[Coord, Label] = {}
        self.inline: dict[Coord, tuple[Label, str]] = {}
        for coord in sorted(grid.cells):
            value = grid.cells[coord]
            if not isinstance(value, str) or grid.anchor(*coord) != coord:
                continue
            if len(value) <= MAX_LABEL_LENGTH:
                self.labels[coord] = label_of(value)
            found = _INLINE.match(value)
            if found:
                self.inline[coord] = (label_of(found[1]), found[2])

    def is_label(self, coord: Coord) -> bool:
        """Whether the cell holds one of the form's labels (so it is no one's value)."""
        label = self.labels.get(coord)
        if label is None:
            return False
        words = label.words
        return words in KNOWN_WORDS or words.startswith((FUNDS_HEADING, *DEVIATION_PREFIXES))

    def find(
        self, words: tuple[str, ...], *, rows: range | None = None, prefix: bool = False
    ) -> list[Coord]:
        """Cells whose label is one of ``words`` (or starts with one), in reading order."""
        found = []
        for coord, label in self.labels.items():
            if rows is not None and coord[0] not in rows:
                continue
            if label.words in words or (prefix and label.words.startswith(words)):
                found.append(coord)
        return found

    def _end(self, coord: Coord) -> Coord:
        merge = self.grid.merge_at(*coord)
        return (merge[2], merge[3]) if merge else coord

    def right_of(self, coord: Coord, *, limit: int = 30) -> Coord | None:
        """The first value to the right of a label on its row; None when a label comes first."""
        start = self._end(coord)[1] + 1
        stop = min(start + limit, self.grid.max_col + 1)
        return self._first_value([(coord[0], col) for col in range(start, stop)], 1, start)

    def below(self, coord: Coord, *, limit: int = 3) -> Coord | None:
        """The first value under a label in its column; None when a label comes first."""
        start = self._end(coord)[0] + 1
        return self._first_value([(row, coord[1]) for row in range(start, start + limit)], 0, start)

    def _first_value(self, places: list[Coord], axis: int, start: int) -> Coord | None:
        """The first non-blank cell of ``places`` (merged ranges reaching back before ``start``
        along ``axis`` belong to the label), or None when it is a label."""
        for place in places:
            anchor = self.grid.anchor(*place)
            if anchor[axis] < start:
                continue
            value = self.grid.cells.get(anchor)
            if value is None or (isinstance(value, str) and fold_blank(value)):
                continue
            return None if self.is_label(anchor) else anchor
        return None

    def merge_problems(self) -> list[CellProblem]:
        """Merged ranges that overlap each other, or hide a different text under them."""
        problems: list[CellProblem] = []
        merges = sorted(self.grid.merges)
        for index, first in enumerate(merges):
            for second in merges[index + 1 :]:
                if second[0] > first[2]:
                    break
                if second[1] <= first[3] and first[1] <= second[3]:
                    problems.append(
                        CellProblem(
                            f"合并区域 {_range(first)} 与 {_range(second)} 相互重叠，"
                            "文件可能已损坏",
                            self.grid.name,
                            coord_name(second[0], second[1]),
                        )
                    )
        for coord, value in self.grid.cells.items():
            anchor = self.grid.anchor(*coord)
            if anchor == coord or value == self.grid.cells.get(anchor):
                continue
            if isinstance(value, str) and fold_blank(value):
                continue
            shown = describe(value)
            problems.append(
                CellProblem(
                    f"合并单元格 {_range(self._merge_of(coord))} 盖住了这里的“{shown}”"
                    f"（只显示左上角 {coord_name(*anchor)} 的内容）；请取消合并或移动内容",
                    self.grid.name,
                    coord_name(*coord),
                )
            )
        return problems

    def _merge_of(self, coord: Coord) -> tuple[int, int, int, int]:
        anchor = self.grid.anchor(*coord)
        return self.grid.merge_at(*anchor) or (*anchor, *anchor)


def _range(merge: tuple[int, int, int, int]) -> str:
    return f"{coord_name(merge[0], merge[1])}:{coord_name(merge[2], merge[3])}"
