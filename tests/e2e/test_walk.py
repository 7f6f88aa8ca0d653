"""The browser walk, as part of the suite: can every role open every page, at 1366 px and on a 390 px phone,
without an error page, a page wider than the screen or an error in the console?

Screenshots of every page land in test-artifacts/walk/ (`python -m tests.e2e.walk OUTDIR` takes one per
role as well; see tests/e2e/walk.py).
"""
import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.walk import demo_server, walk


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with demo_server(tmp_path_factory.mktemp("walk"), candidates=12) as demo:
        yield demo


def test_every_page_as_every_role_opens_fits_and_logs_no_error(browser, demo):
    names = [name for name, _ in demo.pages]
    for page in ("admin.audit_log", "reports.index", "candidates.candidate_list", "campus.event_list", "candidate",
                 "client", "poster", "share link", "feedback", "careers job", "event sign-up",
                 "recommendation report", "report link"):
        assert page in names or page in [n for n, _ in demo.public_pages], f"the walk misses {page}"
    assert len(demo.pages) > 45
    problems = walk(browser, demo, ARTIFACTS / "walk", every_shot=False)
    assert problems == []
    assert len(list((ARTIFACTS / "walk").glob("phone-*.png"))) > 45
