"""A sheet as plain values by coordinates: what the label reader works on, whatever the file.

Values are ``str``, ``Decimal`` (every number, exact as shown), ``Percent`` (a number shown as a
percentage), ``bool``, ``datetime`` (a number shown as a date) or ``CellError`` (#DIV/0!…).
Empty cells are absent. A merged range reads as its top-left value in every cell it covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cached_property

from core.decimals import format_plain

MAX_MERGE_CELLS = 100_000
"""MAX_MERGE_CELLS: larger merged ranges (whole columns) are not spread over their cells"""
MAX_SPREAD_CELLS = 1_000_000
"""MAX_SPREAD_CELLS: cells covered by merged ranges that a sheet may have in all"""
Coord = tuple[int, int]
"""Coord: (row, column), both from 1"""


@dataclass(frozen=True)
class Percent:
    """A number formatted as a percentage: 0.95 shown as 95%."""

    fraction: Decimal

    @property
    def text(self) -> str:
        return f"{format_plain(self.fraction * 100)}%"


@dataclass(frozen=True)
class CellError:
    """An error value a formula left in the cell (#DIV/0!, #REF!, #N/A…)."""

    code: str


CellValue = str | Decimal | Percent | bool | datetime | date | time | CellError


def column_letter(col: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def coord_name(row: int, col: int) -> str:
    """(14, 2) → 'B14'."""
    return f"{column_letter(col)}{row}"


def parse_coord(name: str) -> Coord:
    """'B14' → (14, 2); ValueError for anything else."""
    letters = "".join(ch for ch in name if ch.isalpha()).upper()
    digits = name[len(letters) :]
    if not letters or not digits.isdigit() or name[: len(letters)].upper() != letters:
        raise ValueError(name)
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - ord("A") + 1
    return int(digits), col


def parse_range(ref: str) -> tuple[int, int, int, int]:
    """'A5:C9' → (5, 1, 9, 3): first row, first column, last row, last column."""
    start, _, end = ref.partition(":")
    first, last = parse_coord(start), parse_coord(end or start)
    return (
        min(first[0], last[0]),
        min(first[1], last[1]),
        max(first[0], last[0]),
        max(first[1], last[1]),
    )


@dataclass
class Grid:
    """One sheet: its name, non-empty values, merged ranges and unreadable formulas."""

    name: str
    cells: dict[Coord, CellValue] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """merges: (first row, first column, last row, last column) of each merged range"""
    formulas_without_value: list[Coord] = field(default_factory=list)
    """formulas_without_value: formulas saved without their result (never calculated)"""
    formula_cells: set[Coord] = field(default_factory=set)
    """formula_cells: cells whose value is a formula's saved result"""
    hidden: bool = False
    _anchors: dict[Coord, Coord] | None = field(default=None, repr=False)
    _merge_by_anchor: dict[Coord, tuple[int, int, int, int]] = field(
        default_factory=dict, repr=False
    )

    @cached_property
    def max_row(self) -> int:
        """The last row holding a value (asked once the grid is read)."""
        return max((row for row, _ in self.cells), default=0)

    @cached_property
    def max_col(self) -> int:
        """The last column holding a value (asked once the grid is read)."""
        return max((col for _, col in self.cells), default=0)

    def anchor(self, row: int, col: int) -> Coord:
        """The top-left cell of the merged range holding (row, col), else the cell itself."""
        if self._anchors is None:
            self._index_merges()
        return self._anchors.get((row, col), (row, col))  # type: ignore[union-attr]

    def _index_merges(self) -> None:
        self._anchors = {}
        spread = 0
        for merge in self.merges:
            first_row, first_col, last_row, last_col = merge
            size = (last_row - first_row + 1) * (last_col - first_col + 1)
            if size > MAX_MERGE_CELLS or spread + size > MAX_SPREAD_CELLS:
                continue  # a whole-column merge holds nothing a form needs
            spread += size
            self._merge_by_anchor.setdefault((first_row, first_col), merge)
            for r in range(first_row, last_row + 1):
                for c in range(first_col, last_col + 1):
                    self._anchors.setdefault((r, c), (first_row, first_col))

    def merge_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The merged range whose top-left cell is (row, col), if any."""
        if self._anchors is None:
            self._index_merges()
        return self._merge_by_anchor.get((row, col))

    def value(self, row: int, col: int) -> CellValue | None:
        """The value shown at (row, col): a merged range's top-left value fills the range."""
        return self.cells.get(self.anchor(row, col))

    def raw(self, row: int, col: int) -> CellValue | None:
        """The value stored in the cell itself (a covered cell of a merge may hold one)."""
        return self.cells.get((row, col))
