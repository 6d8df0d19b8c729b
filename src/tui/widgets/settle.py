"""Waiting for a widget to catch up with the keys already sent to it.

The app hands a key to the focused widget by queueing it there and reads the next key at once,
so in a burst (a fast typist, an input method's commit, a paste-like stream from the terminal)
Enter can be handled before the characters typed just before it have reached the field. An
action that reads a field, or that decides where the cursor goes from what was typed (a band
to choose), waits for that field first.
"""

from __future__ import annotations

import asyncio

from textual.widget import Widget


async def settled(widget: Widget) -> None:
    """Return once the widget has handled every message queued for it before this call."""
    if not widget.is_attached:
        return
    done = asyncio.Event()
    if widget.call_later(done.set):
        await done.wait()
