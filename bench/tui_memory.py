"""Resident memory of jixiao with a 60-indicator form open in the form editor (target ≤ 150 MB).

Builds a store in a temporary folder holding the four samples and one form of 60 indicators
(the rows of 网络信息系统运行与维护 repeated with numbered names), starts the app headless at
160×45, opens that form, waits for it to be drawn and reads VmRSS from /proc/self/status.

    python bench/tui_memory.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

INDICATORS = 60

if TYPE_CHECKING:
    from core.model import Form
    from core.store import Store


def resident_mb() -> float:
    """VmRSS of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def sixty_indicator_form(store: Store) -> Form:
    base = next(s for s in store.list_forms() if s.project == "网络信息系统运行与维护")
    form = store.get_form(base.id).form
    rows = [
        row.model_copy(update={"name": f"{row.name}{n // len(form.indicators) + 1}"})
        for n, row in zip(range(INDICATORS), list(form.indicators) * INDICATORS, strict=False)
    ]
    update = {"project": "六十项指标的表单", "indicators": rows, "status": "draft"}
    return form.model_copy(update=update)


def main() -> None:
    from core.store import Store
    from tui.app import JixiaoApp

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "memory.db"
        with Store.open(db_path) as store:
            store.load_samples()
            form_id = store.import_form(sixty_indicator_form(store)).id
        before = resident_mb()
        readings: dict[str, float] = {}

        class Measured(JixiaoApp):
            def on_mount(self) -> None:
                super().on_mount()
                self.call_after_refresh(self._open)

            def _open(self) -> None:
                readings["home"] = resident_mb()
                self.open_form(form_id)
                self.set_timer(1.0, self._read)

            def _read(self) -> None:
                readings["form"] = resident_mb()
                readings["screen"] = type(self.screen).__name__  # type: ignore[assignment]
                show_step = getattr(self.screen, "show_step", None)
                if show_step is None:
                    self.exit()
                    return
                show_step("indicators")
                self.set_timer(1.0, self._read_indicators)

            def _read_indicators(self) -> None:
                readings["indicators"] = resident_mb()
                self.exit()

        Measured(db_path).run(headless=True, size=(160, 45))
    print(f"before the app starts (imports done): {before:6.1f} MB")
    print(f"home screen drawn:                    {readings['home']:6.1f} MB")
    print(
        f"60-indicator form open ({readings['screen']}): {readings['form']:6.1f} MB "
        "(target ≤ 150 MB)"
    )
    if "indicators" in readings:
        print(f"and its 绩效指标 step shown:          {readings['indicators']:6.1f} MB")


if __name__ == "__main__":
    main()
