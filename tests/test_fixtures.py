"""The suite's own isolation: the schema is built once per run, and each test gets an empty copy of it."""
import pytest
from sqlalchemy import func, inspect, select

from recruit.extensions import db


@pytest.mark.parametrize("turn", ["first", "second"])
def test_does_each_test_start_with_empty_tables_and_ids_from_one(app, make_user, turn):
    """Whichever of the two runs second would find the other's user, or get id 2, if they shared rows."""
    with app.app_context():
        filled = [t.name for t in db.metadata.sorted_tables
                  if db.session.scalar(select(func.count()).select_from(t))]
        assert filled == []
    user_id, _ = make_user("admin")
    assert user_id == 1


def test_does_each_test_database_hold_every_table_the_models_declare(app):
    """A table another engineer adds to the models is in the copy without touching the fixtures."""
    with app.app_context():
        assert set(db.metadata.tables) - set(inspect(db.engine).get_table_names()) == set()
