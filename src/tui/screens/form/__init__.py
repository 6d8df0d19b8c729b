"""The form screen and its five steps (see screen.py); FormScreen is the one name others use."""

from tui.screens.form.screen import WRITE_DELAY, FormScreen

__all__ = ["WRITE_DELAY", "FormScreen"]
