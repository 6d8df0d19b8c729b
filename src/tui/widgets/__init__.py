"""Widgets of the form screen: the score panel, field inputs, the indicator row editor."""
