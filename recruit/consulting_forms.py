"""Readers the consultant's forms share (briefs, partner firms, the rate card): lists typed with commas,
dates, money and ids."""
from __future__ import annotations

from datetime import date

from wtforms.validators import ValidationError

from recruit.forms import number, tidy, whole


def listed(value: str | None, limit: int = 120) -> list[str]:
    """Comma, semicolon or line separated entries, tidied, each once (first spelling kept)."""
    seen, out = set(), []
    for part in (value or "").replace(";", ",").replace("\n", ",").split(","):
        item = tidy(part, limit)
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def day(value: str | None, message: str) -> date | None:
    """An ISO date (None when empty); ValidationError with ``message`` otherwise."""
    if not (value or "").strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(message)


def money(value: str | None, name: str) -> float | None:
    """An amount of money, zero or more (None when empty)."""
    return number(value, name, 0, 1e12)


def some_id(value: str | None) -> int | None:
    """A chosen record's id, or None for "none"."""
    out = whole(value, 0)
    return out if out > 0 else None
