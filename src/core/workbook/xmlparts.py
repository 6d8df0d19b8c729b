"""The XML parts of an xlsx, parsed as a stream by expat with no DTD and no entities.

A part is fed to the parser in chunks as it is decompressed, so a handler can stop the
reading (by raising) the moment a limit is passed: the cost of a hostile part stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from core.workbook.problems import refuse

CHUNK = 64 * 1024
StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]
TextHandler = Callable[[str], None]


def local_name(name: str) -> str:
    """'http://…/main}c' → 'c' (the parser joins namespace and name with '}')."""
    return name.rpartition("}")[2]


def _refuse_declarations(part: str) -> Callable[..., Any]:
    def handler(*_: Any) -> None:
        raise refuse(f"文件结构异常：{part} 含有 DTD 或实体声明，拒绝读取")

    return handler


def parse_part(
    stream: IO[bytes],
    part: str,
    start: StartHandler,
    end: EndHandler | None = None,
    text: TextHandler | None = None,
) -> None:
    """Feed one part through expat, calling ``start``/``end`` with local names, ``text`` with
    character data. A part that is not well-formed XML is refused with its name."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_declarations(part)
    parser.EntityDeclHandler = _refuse_declarations(part)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise refuse(
            f"文件已损坏：{part} 不是有效的 XML（第 {exc.lineno} 行第 {exc.offset} 列）"
        ) from None
