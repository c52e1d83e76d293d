"""Disclosure control: the written policy, protected quotes, the output scanner and the
public-use file. Never imports Django."""

from __future__ import annotations

from barometer.disclosure.policy import SETTINGS, DisclosurePolicy, describe_policy, load_policy

__all__ = ["SETTINGS", "DisclosurePolicy", "describe_policy", "load_policy"]
