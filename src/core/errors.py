"""The project's own exceptions: every bad input ends in one of these, never a traceback."""

from __future__ import annotations


class JixiaoError(Exception):
    """Base of every error jixiao reports to a user."""


class InputError(JixiaoError, ValueError):
    """A value typed or read that cannot be accepted; the message says what was expected.

    Subclassing ValueError lets pydantic validators raise it and report it per field.
    """


class NestedInputError(InputError):
    """An InputError about a key inside the value being validated: ``where`` is the path from
    that value down to the key (``("extensions",)``, ``("x-note", "rows", 3)``), so the message
    can name the exact field."""

    def __init__(self, message: str, where: tuple[str | int, ...]) -> None:
        self.where = where
        super().__init__(message)


class FieldInputError(InputError):
    """An InputError about one field of a form: ``reason`` says what is wrong with the value,
    the message adds which field (for where the field is not in sight)."""

    def __init__(self, label: str, reason: str) -> None:
        self.label = label
        self.reason = reason
        super().__init__(f"{label}：{reason}")


class FormReadError(JixiaoError):
    """A file that cannot be read as a form: names the file, the field path and the problem."""

    def __init__(self, source: str, path: str, message: str) -> None:
        self.source = source
        self.path = path
        self.message = message
        where = f"{source}：字段 {path}：" if path else f"{source}："
        super().__init__(where + message)


class RuleSetError(JixiaoError):
    """A rule-set file that is broken: names the file and the key."""

    def __init__(self, source: str, key: str, message: str) -> None:
        self.source = source
        self.key = key
        self.message = message
        where = f"规则文件 {source}：键 {key}：" if key else f"规则文件 {source}："
        super().__init__(where + message)
