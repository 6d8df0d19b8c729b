"""What the store reports: every failure is a StoreError (a JixiaoError) with a Chinese message."""

from __future__ import annotations

from collections.abc import Sequence

from core.errors import JixiaoError
from core.findings import Finding


class StoreError(JixiaoError):
    """The store cannot do what was asked; the message says why, in the user's words."""


class FormNotFound(StoreError):
    """No stored form has this id."""

    def __init__(self, form_id: int) -> None:
        self.form_id = form_id
        super().__init__(f"没有编号为 {form_id} 的表单")


class FinalFormError(StoreError):
    """The form is final (定稿): nothing may change it until it is reopened with a reason."""

    def __init__(self, form_id: int, action: str = "修改") -> None:
        self.form_id = form_id
        super().__init__(f"表单 {form_id} 已定稿，不能{action}；如需修改，请先退回修改并填写原因")


class ConflictError(StoreError):
    """The form changed under the writer: ``paths`` are the fields changed since its revision."""

    def __init__(self, form_id: int, revision: int, current: int, paths: Sequence[str]) -> None:
        self.form_id = form_id
        self.revision = revision
        self.current = current
        self.paths = tuple(paths)
        from core.store.labels import change_label

        changed = "、".join(dict.fromkeys(change_label(p) for p in self.paths)) or "表单"
        super().__init__(
            f"表单 {form_id} 已被他人修改（版本 {revision} → {current}），"
            f"改动了：{changed}。请重新打开后再修改"
        )


class FinalizeRefused(StoreError):
    """Finalising was refused: ``findings`` are the errors (and pending inputs) still open."""

    def __init__(self, form_id: int, findings: Sequence[Finding]) -> None:
        self.form_id = form_id
        self.findings = tuple(findings)
        super().__init__(f"表单 {form_id} 还有 {len(self.findings)} 个错误，不能定稿")
