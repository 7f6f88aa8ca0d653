"""Sorting and paging shared by every list page."""
from __future__ import annotations

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func
from sqlalchemy import select as sa_select

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


class IdPage(Pagination):
    """A page of ``model`` rows found by an ordered SELECT of their ids, with a total counted only up to ``cap``
    (then shown as "cap+"): counting every match of a broad full-text search costs as much as the search itself,
    and nobody pages past the first thousand.

    Given ``ids`` (the best ``cap + 1`` ids, read by one query), the page is cut from them and they are the
    total: a ranked full-text search then finds and ranks its matches once, not once for the page and again for
    the count. Otherwise the page is the SELECT's OFFSET page and ``count_select`` (the same ids, cheaper to
    find) or the SELECT itself is counted up to ``cap + 1``. Either way only the page's rows are loaded, by id."""

    cap = 1000

    def _query_items(self) -> list:
        args = self._query_args
        start = (self.page - 1) * self.per_page
        if args["ids"] is not None:
            wanted = args["ids"][start:start + self.per_page]
        else:
            wanted = list(args["session"].scalars(args["ids_select"].offset(start).limit(self.per_page)))
        if not wanted:
            return []
        model = args["model"]
        found = {row.id: row for row in args["session"].scalars(sa_select(model).where(model.id.in_(wanted)))}
        return [found[i] for i in wanted if i in found]

    def _query_count(self) -> int:
        args = self._query_args
        if args["ids"] is not None:
            total = len(args["ids"])
        else:
            select = args["count_select"] if args["count_select"] is not None else args["ids_select"]
            sub = select.order_by(None).limit(self.cap + 1).subquery()
            total = args["session"].execute(sa_select(func.count()).select_from(sub)).scalar() or 0
        self.capped = total > self.cap
        return min(total, self.cap)


def id_page(ids_select, *, model, page: int, per_page: int, count_select=None, one_query: bool = False) -> IdPage:
    """A page of ``model`` rows whose ids ``ids_select`` gives in order (see ``IdPage``). ``one_query``: within
    the first ``IdPage.cap`` rows, read the best ``cap + 1`` ids once for both the page and the total."""
    page = max(page, 1)
    ids = None
    if one_query and page * per_page <= IdPage.cap:
        ids = list(db.session.scalars(ids_select.limit(IdPage.cap + 1)))
    return IdPage(ids=ids, ids_select=ids_select, count_select=count_select, model=model, session=db.session,
                  page=page, per_page=per_page, error_out=False, count=True)
