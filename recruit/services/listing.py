"""Sorting and paging shared by every list page."""
from __future__ import annotations

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.orm import lazyload

from recruit.extensions import db


def contains(value: str) -> str:
    """A LIKE pattern (with ``escape="\\"``) for lower-cased text containing ``value`` literally."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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


class CappedPagination(SelectPagination):
    """A page whose total is counted only up to ``cap`` (then shown as "cap+"): counting every match of a
    broad full-text search costs as much as the search itself, and nobody pages past the first thousand."""

    cap = 1000

    def _query_count(self) -> int:
        select = self._query_args.get("count_select")
        if select is None:
            select = self._query_args["select"]
        sub = select.options(lazyload("*")).order_by(None).limit(self.cap + 1).subquery()
        total = self._query_args["session"].execute(sa_select(func.count()).select_from(sub)).scalar() or 0
        self.capped = total > self.cap
        return min(total, self.cap)


def capped_page(stmt, *, page: int, per_page: int, count_select=None) -> CappedPagination:
    """A page of ``stmt``; ``count_select`` (the same rows, cheaper to find) counts them when given."""
    return CappedPagination(select=stmt, count_select=count_select, session=db.session, page=max(page, 1),
                            per_page=per_page, error_out=False, count=True)


class TopPage(Pagination):
    """A page cut from the ids of the best ``cap + 1`` rows, read by one query that also gives the capped total:
    a ranked full-text search finds and ranks its matches once, not once for the page and again for the count,
    and page 40 costs what page 1 does (no OFFSET to walk)."""

    def _query_items(self) -> list:
        start = (self.page - 1) * self.per_page
        wanted = self._query_args["ids"][start:start + self.per_page]
        if not wanted:
            return []
        model, id_column = self._query_args["model"], self._query_args["id_column"]
        found = {row.id: row for row in self._query_args["session"].scalars(
            sa_select(model).where(id_column.in_(wanted)))}
        return [found[i] for i in wanted if i in found]

    def _query_count(self) -> int:
        ids = self._query_args["ids"]
        self.capped = len(ids) > CappedPagination.cap
        return min(len(ids), CappedPagination.cap)


def top_page(stmt, *, model, page: int, per_page: int, count_select=None):
    """A page of ``stmt`` (a select of ``model``, ordered), with its total capped as ``capped_page`` does:
    within the first ``CappedPagination.cap`` rows, one query of ids (see ``TopPage``); past them, ``capped_page``."""
    page = max(page, 1)
    if page * per_page > CappedPagination.cap:
        return capped_page(stmt, page=page, per_page=per_page, count_select=count_select)
    ids = list(db.session.scalars(stmt.with_only_columns(model.id).limit(CappedPagination.cap + 1)))
    return TopPage(ids=ids, model=model, id_column=model.id, session=db.session, page=page, per_page=per_page,
                   error_out=False, count=True)
