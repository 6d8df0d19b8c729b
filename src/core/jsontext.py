"""Compact JSON made indented without parsing it: the store's JSON as an interchange file.

``json.dumps(value, indent=2)`` runs the standard library's pure-Python encoder (its C encoder
knows no indent before Python 3.14): with ``json.loads`` before it, 0.2 ms a form, most of the
cost of exporting 100,000 forms to files. The store holds each form as compact JSON
(``separators=(",", ":")``), and the layout of the indented text depends only on the structure:
which containers hold what, never on the strings' or numbers' values. So the text is cut at its
quotes (C speed); what stands between the strings, joined, is the structure (with the few numbers
and literals), and forms of the same structure share one layout, worked out once and kept.
"""

from __future__ import annotations

import json
from functools import lru_cache

from core.safetext import json_safe

INDENT = b"  "
_QUOTE = b'"'
_SCALAR = frozenset(b"0123456789+-.eEtruefalsn")
"""What numbers, true, false and null are written with: they pass through the layout."""


def indented(compact: bytes) -> bytes:
    """``compact``, UTF-8 JSON as the store writes it (``json.dumps(value, ensure_ascii=False,
    separators=(",", ":"))``, escaped by core.safetext.json_safe), as the interchange file of
    the same value is written: ``json.dumps(value, ensure_ascii=False, indent=2)``, escaped."""
    pieces = compact.split(_QUOTE)
    between = pieces[0::2]  # the strings stand at the odd places (none holds a quote: checked)
    layout = _layout(_QUOTE.join(between)) if b"\\" + _QUOTE not in compact else None
    if layout is None or len(layout) != len(between):
        value = json.loads(compact)
        return json_safe(json.dumps(value, ensure_ascii=False, indent=2)).encode("utf-8")
    pieces[0::2] = layout
    return _QUOTE.join(pieces)


@lru_cache(maxsize=512)
def _layout(structure: bytes) -> tuple[bytes, ...] | None:
    """What stands between the strings, indented; None for text this does not know (white space,
    an escaped quote, anything json.dumps does not write compactly): the caller parses it."""
    out = bytearray()
    depth = 0
    position = 0
    while position < len(structure):
        char = structure[position]
        following = structure[position + 1 : position + 2]
        if char in b"{[":
            if following == bytes((char + 2,)):  # {} and [] stay on their line
                out += bytes((char, char + 2))
                position += 2
                continue
            depth += 1
            out += bytes((char,)) + b"\n" + INDENT * depth
        elif char in b"}]":
            depth -= 1
            out += b"\n" + INDENT * depth + bytes((char,))
        elif char == ord(","):
            out += b",\n" + INDENT * depth
        elif char == ord(":"):
            out += b": "
        elif char == ord('"') or char in _SCALAR:
            out.append(char)
        else:
            return None
        position += 1
    return tuple(bytes(out).split(_QUOTE)) if depth == 0 else None
