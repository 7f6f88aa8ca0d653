"""Small text rules every service shares."""
from __future__ import annotations


def squash(value) -> str:
    """``value`` as text with every run of whitespace one space and the ends trimmed; None is ''."""
    return "" if value is None else " ".join(str(value).split())
