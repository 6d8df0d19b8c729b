"""jixiao's Textual app: screens, widgets and their .tcss. Calls core; holds no rules."""
