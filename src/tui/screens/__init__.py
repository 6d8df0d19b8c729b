"""The screens of the TUI: home, the form, review, compare, help and the dialogs."""
