"""A bug in the TUI: the user is told where the details are, in a file of the core's writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.store import Store


async def test_a_crash_in_the_app_writes_a_log_of_its_own(
    store: Store, make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = make_app()

    def broken() -> None:
        raise RuntimeError("a bug in a screen")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            app.call_later(broken)
            await pilot.pause(0.2)
    logs = list((tmp_path / "data" / "jixiao" / "crash-logs").glob("jixiao-crash-*.log"))
    assert len(logs) == 1
    assert "RuntimeError: a bug in a screen" in logs[0].read_text(encoding="utf-8")
    told = capsys.readouterr().err.replace("\n", "")
    assert f"详情已写入 {logs[0]}" in told
