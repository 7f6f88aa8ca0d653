"""Hostile resume files fail alone, with their reason recorded, and the worker goes on to the next resume.

Every file is made by the test (``tests.security.hostile``), small, against small configured limits, so a
bomb trips its limit at once. Bounds are asserted by outcome (the reason recorded), never by the clock.
"""
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from nlp.errors import ExpandsTooMuch
from nlp.pipeline import parse_bytes, parse_text
from recruit.extensions import db
from recruit.models import Candidate, Resume
from recruit.models.base import utcnow
from recruit.services import parsing
from recruit.services.resumes import store_file
from tests.security import hostile

SMALL = {"PARSE_MAX_EXPANDED_MB": 2, "PARSE_MAX_CHARS": 20_000, "PARSE_SECONDS": 20}
GOOD = "\n".join(hostile.RESUME_LINES).encode()


def _upload(client, data: bytes, filename: str):
    form = {"name": "Asha Rao", "email": "", "phone": "", "location": "", "headline": "", "source": "manual",
            "job_id": "0", "resume": (io.BytesIO(data), filename)}
    return client.post("/candidates/new", form, content_type="multipart/form-data")


def _worker_parse(app, data: bytes, kind: str) -> SimpleNamespace:
    """Store a file as a resume (as an import or an older upload check would have) and run the parse task."""
    with app.app_context():
        candidate = Candidate(name="Asha Rao", source="manual")
        stored = store_file(data)
        resume = Resume(sha256=stored.sha256, file=stored, filename=f"resume.{kind}", file_type=kind,
                        size=len(data), parse_status="pending")
        candidate.resumes.append(resume)
        db.session.add(candidate)
        db.session.commit()
        parsing.parse_resume(resume.id)
        db.session.expire_all()
        resume = db.session.get(Resume, resume.id)
        return SimpleNamespace(parse_status=resume.parse_status, parse_error=resume.parse_error,
                               parse_started_at=resume.parse_started_at, parsed=resume.parsed)


def _next_parse_runs(app) -> None:
    """The worker's next resume, an ordinary one, still parses."""
    resume = _worker_parse(app, GOOD + b"\n", "txt")
    assert resume.parse_status == "done", resume.parse_error
    assert resume.parsed["emails"] == ["asha.rao@example.com"]


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
@pytest.mark.parametrize("make, filename, message", [
    (lambda: hostile.docx_bomb(8), "bomb.docx", "more than the 2 MB a resume may"),
    (lambda: hostile.pdf_deep_page_tree(3000), "deep.pdf", "nested too deeply"),
], ids=["docx-bomb", "pdf-deep-page-tree"])
def test_is_a_hostile_file_refused_on_the_upload_form(app, client, login, make, filename, message):
    """Is a DOCX unpacking to 8 MB (limit 2 MB; judged by its declared sizes) or a PDF whose page tree nests
    3,000 deep (a 500 before) refused with a message on the form, and nothing stored?"""
    login("recruiter")
    response = _upload(client, make(), filename)
    assert response.status_code == 200
    assert message in response.data.decode()
    with app.app_context():
        assert db.session.scalars(select(Resume)).first() is None


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
@pytest.mark.parametrize("make, kind, reason", [
    (lambda: hostile.docx_bomb(8), "docx", "unpacks to"),
    (lambda: hostile.docx_lying_sizes(8), "docx", "damaged"),
    (lambda: hostile.pdf_flate_bomb(8), "pdf", "unpacks to more than 2 MB"),
    (lambda: hostile.docx_without_body(), "docx", "no body text"),
    (lambda: hostile.pdf_deep_page_tree(3000), "pdf", "nested too deeply"),
], ids=["docx-bomb", "docx-lying-sizes", "pdf-flate-bomb", "docx-without-body", "pdf-deep-page-tree"])
def test_does_a_hostile_file_fail_on_the_worker_with_its_reason(app, make, kind, reason):
    """Does each hostile file end "failed" with its reason (not stuck "parsing"), and the next parse run?"""
    resume = _worker_parse(app, make(), kind)
    assert resume.parse_status == "failed"
    assert reason in resume.parse_error
    assert resume.parse_started_at is None
    _next_parse_runs(app)


@pytest.mark.parametrize("app_config", [{"PARSE_MAX_EXPANDED_MB": 4096, "PARSE_MEMORY_MB": 96}], indirect=True)
def test_does_a_parse_that_needs_too_much_memory_fail_without_taking_the_worker(app):
    """With the unpack check out of the way, does the memory limit stop a 300 MB flate bomb?"""
    resume = _worker_parse(app, hostile.pdf_flate_bomb(300), "pdf")
    assert resume.parse_status == "failed"
    assert "memory" in resume.parse_error
    _next_parse_runs(app)


@pytest.mark.parametrize("app_config", [{"PARSE_SECONDS": 1}], indirect=True)
def test_is_one_heavy_pdf_page_stopped_when_its_time_is_up(app):
    """Is a page too heavy to lay out in the time budget stopped with that reason?"""
    resume = _worker_parse(app, hostile.pdf_heavy_page(40_000), "pdf")
    assert resume.parse_status == "failed"
    assert "took longer than 1 seconds" in resume.parse_error
    _next_parse_runs(app)


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
@pytest.mark.parametrize("chars", [1_000_000, 6_000_000], ids=["1M", "6M-past-spacy-max-length"])
def test_is_a_huge_text_read_up_to_the_character_limit(app, chars):
    """Is a text of millions of characters (spaCy's E088 past 5M) parsed up to the limit, saying so?"""
    resume = _worker_parse(app, hostile.huge_text(chars), "txt")
    assert resume.parse_status == "done", resume.parse_error
    assert f"The resume is {chars:,} characters long" in " ".join(resume.parsed["warnings"])
    assert resume.parsed["emails"] == ["asha.rao@example.com"]


def test_is_a_million_characters_parsed_within_the_default_budget():
    """Does the pipeline get through 1M characters of jobs and headings (quadratic before: hours)?"""
    parsed = parse_text(hostile.huge_text(1_000_000).decode())
    assert len(parsed.text) <= 200_000
    assert any("only the first" in w for w in parsed.warnings)
    assert len(parsed.experience) > 1000


def test_does_parse_bytes_refuse_a_bomb_in_process_before_unpacking_it():
    """Without the child process too, is a DOCX bomb refused by its declared sizes?"""
    with pytest.raises(ExpandsTooMuch):
        parse_bytes(hostile.docx_bomb(8), max_expanded=2 * 1024 * 1024)


def _stalled(app, *, minutes_ago: int, attempts: int) -> int:
    with app.app_context():
        candidate = Candidate(name="Asha Rao", source="manual")
        stored = store_file(GOOD)
        resume = Resume(sha256=stored.sha256, file=stored, filename="resume.txt", file_type="txt",
                        size=len(GOOD), parse_status="parsing", parse_attempts=attempts,
                        parse_started_at=utcnow() - timedelta(minutes=minutes_ago))
        candidate.resumes.append(resume)
        db.session.add(candidate)
        db.session.commit()
        return resume.id


def test_is_a_parse_left_by_a_dead_worker_taken_over_after_its_lease(app):
    """Is a resume left "parsing" by a killed worker parsed again once its lease ran out, and a live one not?"""
    stalled = _stalled(app, minutes_ago=60, attempts=1)
    live = _stalled(app, minutes_ago=0, attempts=1)
    with app.app_context():
        assert parsing.recover_stalled_parses() == 1
        assert db.session.get(Resume, stalled).parse_status == "done"
        assert db.session.get(Resume, live).parse_status == "parsing"


def test_does_a_file_that_keeps_killing_workers_end_failed_with_a_reason(app):
    """After PARSE_MAX_ATTEMPTS starts that never finished, is the resume failed instead of tried forever?"""
    resume_id = _stalled(app, minutes_ago=60, attempts=3)
    with app.app_context():
        parsing.recover_stalled_parses()
        resume = db.session.get(Resume, resume_id)
        assert resume.parse_status == "failed"
        assert "stopped 3 times" in resume.parse_error
        assert parsing.recover_stalled_parses() == 0
