"""Sorting and paging shared by every list page."""
from __future__ import annotations

from dataclasses import dataclass

from recruit.extensions import db


@dataclass(frozen=True)
class Sort:
    """A sort a list page offers: its key in the URL, its label and the columns it orders by."""

    key: str
    label: str
    columns: tuple


def sorted_page(stmt, sorts: dict[str, Sort], sort: str | None, *, default: str, page: int, per_page: int):
    """Order ``stmt`` by the named sort (falling back to ``default``) and return one page of it."""
    chosen = sorts.get(sort or "", sorts[default])
    stmt = stmt.order_by(*chosen.columns)
    return db.paginate(stmt, page=max(page, 1), per_page=per_page, error_out=False, count=True)
