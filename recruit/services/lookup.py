"""The lookup every service's ``get_<thing>`` makes: a row by its id, or ``NotFound`` ("No such job."), also when
it belongs to another parent than the one in the address, so a guessed id of someone else's row is a plain 404."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select, text

from recruit.extensions import db
from recruit.services.errors import NotFound

Row = TypeVar("Row")


def get_or_raise(model: type[Row], row_id: int | None, what: str, **belongs_to) -> Row:
    """The ``model`` row with ``row_id``, or NotFound("No such <what>."); each ``belongs_to`` pair
    (``event_id=3``) must match too, unless its value is None (no parent asked)."""
    row = db.session.get(model, row_id) if row_id is not None else None
    if row is None or any(value is not None and getattr(row, name) != value for name, value in belongs_to.items()):
        raise NotFound(f"No such {what}.")
    return row


def hold(row) -> None:
    """Hold ``row`` until the transaction ends and read it again, so what is compared before an update (an API
    client's ETag) is what the update changes: two clients sending the same version at once are taken one after the
    other, and the second sees the first's change. PostgreSQL locks the row; SQLite has one writer at a time, and a
    write taken first makes this transaction the writer (waiting its turn) before it reads."""
    model = type(row)
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(model.id).where(model.id == row.id).with_for_update())
    else:
        db.session.execute(text(f"UPDATE {model.__tablename__} SET id = id WHERE 0"))
    db.session.refresh(row)


def dialect_insert(model):
    """``INSERT`` into ``model``'s table with the session's database's ``ON CONFLICT`` clauses (PostgreSQL's or
    SQLite's), for an insert two requests may make at once."""
    from sqlalchemy.dialects.postgresql import insert as postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return (postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert)(model)


def expire_loaded(model, key) -> None:
    """The session's copy of the ``model`` row with primary key ``key``, if loaded, is read again (after a write made
    in SQL, which the session does not see)."""
    stale = db.session.identity_map.get(db.session.identity_key(model, key))
    if stale is not None:
        db.session.expire(stale)
