"""Data integrity under hostile or unlucky input: what a visitor can change, simultaneous sign-ups, slow and
crashing import items, hostile archives, erasure that leaves nothing behind, and mentions that leak no notes."""
import io
import threading

import pytest
from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Application, Candidate, OutboxMessage, Resume
from tests.conftest import BrowserLikeClient
from tests.factories import JobFactory

FARAH = b"""Farah Khan
farah.khan@example.com | +91 98450 22222

WORK EXPERIENCE
Market Research Analyst | Kantar | Mumbai
May 2019 - Present
- Designed consumer surveys, ran SPSS analyses and wrote market sizing reports for consumer brands.

SKILLS
Market research, SPSS, Excel, Report writing, Survey design
"""

# What a stranger sends in Farah's name: nothing of what the job asks for.
STRANGER = b"""Farah Khan
farah.khan@example.com

WORK EXPERIENCE
Line Cook | Diner | Pune
June 2024 - Present
- Prepared breakfast orders.

SKILLS
Grilling, Knife skills
"""


def _public_job(app, title="Market Research Analyst", slug="market-research-analyst"):
    with app.app_context():
        return JobFactory(title=title, slug=slug, public=True, location="Mumbai",
                          description="Size markets, run surveys in SPSS and write reports for consumer brands.",
                          required_skills=["Market research", "SPSS", "Report writing"]).id


def _apply(client, slug, cv, *, addr="10.9.0.1", email="farah.khan@example.com", filename="cv.txt"):
    form = {"name": "Farah Khan", "email": email, "phone": "", "consent": "1", "resume": (io.BytesIO(cv), filename)}
    return client.post(f"/careers/{slug}", form, content_type="multipart/form-data",
                       environ_base={"REMOTE_ADDR": addr})


def _profile_skills(candidate_id):
    from recruit.services.parsing import profile_for

    return sorted(s["name"] for s in (profile_for(candidate_id) or {}).get("skills", []))


# ------------------------------------------------------------------ 1. a visitor cannot replace a resume

def test_can_a_visitor_with_a_known_email_replace_the_candidates_resume(app, client, login):
    """Can an anonymous visitor who knows a candidate's email replace the resume and profile the firm holds?"""
    first_job = _public_job(app)
    second_job = _public_job(app, "Survey Analyst", "survey-analyst")
    assert _apply(client, "market-research-analyst", FARAH).status_code == 302
    with app.app_context():
        farah = db.session.scalars(select(Candidate)).one()
        skills_before = _profile_skills(farah.id)
        score_before = db.session.scalars(select(Application.score).where(Application.job_id == first_job)).one()
    assert "SPSS" in skills_before and score_before

    assert _apply(client, "survey-analyst", STRANGER, addr="10.9.0.2").status_code == 302
    with app.app_context():
        farah = db.session.scalars(select(Candidate)).one()  # still one person
        assert _profile_skills(farah.id) == skills_before  # the profile stays on the resume the firm holds
        scores = dict(db.session.execute(select(Application.job_id, Application.score)).all())
        assert scores[first_job] == score_before
        assert scores[second_job] is not None and scores[second_job] > 30  # scored on Farah's real resume
        held = farah.awaiting_resumes
        assert len(held) == 1 and held[0].acceptance == "careers" and farah.latest_resume.id != held[0].id
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 2  # both acknowledged
        candidate_id, held_id = farah.id, held[0].id

    login("recruiter")
    page = client.get(f"/candidates/{candidate_id}").data.decode()
    assert "New resume sent through the careers page, awaiting review" in page and "Accept as newest resume" in page

    # Rejected: the file is gone, the profile and scores never moved.
    response = client.post(f"/candidates/{candidate_id}/resumes/{held_id}/decision", {"decision": "reject"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Resume, held_id) is None and _profile_skills(candidate_id) == skills_before
    assert "Accept as newest resume" not in client.get(f"/candidates/{candidate_id}").data.decode()


def test_does_an_accepted_resume_become_the_profile(app, client, login):
    """When a recruiter accepts the resume a returning applicant sent, do the profile and scores follow it?"""
    first_job = _public_job(app)
    _apply(client, "market-research-analyst", FARAH)
    updated = FARAH.replace(b"Survey design", b"Survey design, Tableau")
    _apply(client, "market-research-analyst", updated, addr="10.9.0.3")
    with app.app_context():
        farah = db.session.scalars(select(Candidate)).one()
        assert "Tableau" not in _profile_skills(farah.id)
        candidate_id, held_id = farah.id, farah.awaiting_resumes[0].id
    login("recruiter")
    response = client.post(f"/candidates/{candidate_id}/resumes/{held_id}/decision", {"decision": "accept"})
    assert response.status_code == 302
    with app.app_context():
        assert "Tableau" in _profile_skills(candidate_id)
        farah = db.session.get(Candidate, candidate_id)
        assert farah.latest_resume.id == held_id and not farah.awaiting_resumes
        assert db.session.scalars(select(Application.score).where(Application.job_id == first_job)).one()


def test_can_a_campus_sign_up_replace_a_known_candidates_resume(app, client, login):
    """Does a campus sign-up with a known student's email leave the resume the firm holds in place?"""
    from tests.recruit.test_campus import RESUME, _event, _signup, _student

    login("recruiter")
    _, code, _ = _event(client, app, capacity="5")
    _, other_code, _ = _event(client, app, capacity="5", title="Second hiring day")
    student = _student(7, email="nisha.verma@example.com", name="Nisha Verma")
    assert _signup(client, code, student, resume=RESUME).status_code == 302
    with app.app_context():
        nisha = db.session.scalars(select(Candidate)).one()
        skills_before = _profile_skills(nisha.id)
    assert "Accounting" in skills_before
    stranger = RESUME.replace(b"Excel, Financial modelling, Accounting, Report writing", b"Juggling")
    assert _signup(client, other_code, student, addr="10.0.0.9", resume=stranger).status_code == 302
    with app.app_context():
        nisha = db.session.scalars(select(Candidate)).one()
        assert _profile_skills(nisha.id) == skills_before
        assert [r.acceptance for r in nisha.awaiting_resumes] == ["campus"]
        candidate_id = nisha.id
    page = client.get(f"/candidates/{candidate_id}").data.decode()
    assert "New resume sent through a campus sign-up page, awaiting review" in page


# ------------------------------------------------------------------ 10 and 5. import items: leases and crashes

MEERA = b"""Meera Nair
meera.nair@example.com | +91 98450 12345

WORK EXPERIENCE
Equity Research Analyst | Crisil | Mumbai
June 2020 - Present
- Built financial models and wrote initiation reports.

SKILLS
Financial modelling, Excel, Equity research
"""


def _bodiless_docx() -> bytes:
    """A Word file whose document has no <w:body> (python-docx raises a TypeError reading it)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.'
                   'org/wordprocessingml/2006/main"></w:document>')
    return buf.getvalue()


def _queued_batch(app, files):
    """A stored batch whose items nobody has started (as if its queue messages were still waiting)."""
    from recruit.services import imports

    with app.app_context():
        original = imports.queue_items
        imports.queue_items = lambda batch_id: 0
        try:
            batch = imports.start_batch([(name, io.BytesIO(data)) for name, data in files], actor_id=None)
        finally:
            imports.queue_items = original
        return batch.id, [i.id for i in batch.items]


# The parse is stood in for in this process (PARSE_IN_CHILD off): what is tested is the item's lease.
@pytest.mark.parametrize("app_config", [{"IMPORT_STALE_SECONDS": 1, "PARSE_IN_CHILD": False}], indirect=True)
def test_is_a_slow_import_item_taken_over_while_its_worker_is_alive(app, monkeypatch):
    """Is an item parsing for longer than the stale threshold left to its living worker (one file, one candidate)?"""
    import nlp.pipeline
    from recruit.services import imports

    _, (item_id,) = _queued_batch(app, [("meera.txt", MEERA)])
    real = nlp.pipeline.parse_bytes
    parsing, release = threading.Event(), threading.Event()

    def slow(*args, **kwargs):
        parsing.set()
        release.wait(10)  # three times the lease and more: the first worker is alive all along
        return real(*args, **kwargs)

    monkeypatch.setattr(nlp.pipeline, "parse_bytes", slow)
    results = {}

    def first():
        with app.app_context():
            results["first"] = imports.process_item(item_id)

    worker = threading.Thread(target=first)
    worker.start()
    assert parsing.wait(10)
    import time

    time.sleep(3.5)  # past the one-second threshold, three times over
    with app.app_context():
        assert imports.recover_stalled() == 0  # nothing looks abandoned
        results["second"] = imports.process_item(item_id)  # a second worker handed the same item
    release.set()
    worker.join(30)
    assert results == {"first": "done", "second": "parsing"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1


@pytest.mark.parametrize("app_config", [{"IMPORT_STALE_SECONDS": 1}], indirect=True)
def test_is_a_dead_workers_item_taken_over(app):
    """When the worker holding an item is gone (its lease not renewed), is the item taken over and done once?"""
    import time

    from recruit.models import ImportItem
    from recruit.services import imports

    _, (item_id,) = _queued_batch(app, [("meera.txt", MEERA)])
    with app.app_context():
        assert imports._claim(item_id, "worker-that-dies")  # claimed, then the worker is killed: no renewals
        assert imports.process_item(item_id) == "parsing"  # its lease still runs: not taken yet
    time.sleep(1.5)
    with app.app_context():
        assert imports.recover_stalled() == 1  # the lease ran out; recovery queues it, and it is done once
        item = db.session.get(ImportItem, item_id)
        assert (item.status, item.attempts) == ("done", 2)
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1


@pytest.mark.parametrize("app_config", [{"PARSE_IN_CHILD": False}], indirect=True)  # the parser stood in for here
def test_does_a_file_that_crashes_the_parser_end_failed_with_its_reason(app, monkeypatch):
    """Does a file whose parse raises (a DOCX without a body, spaCy's E088) fail alone with a reason, batch done?"""
    import nlp.pipeline
    from recruit.models import ImportItem
    from recruit.services import imports

    real = nlp.pipeline.parse_bytes

    def parse(data, **kwargs):
        if b"E088-please" in data:
            raise ValueError("[E088] Text of length 6000000 exceeds maximum of 1000000.")
        return real(data, **kwargs)

    monkeypatch.setattr(nlp.pipeline, "parse_bytes", parse)
    with app.app_context():
        batch = imports.start_batch([("nobody.docx", io.BytesIO(_bodiless_docx())),
                                     ("huge.txt", io.BytesIO(b"Huge Text\nE088-please\n" + b"word " * 100)),
                                     ("meera.txt", io.BytesIO(MEERA))], actor_id=None)
        assert imports.progress(batch.id)["done"]
        items = {i.filename: i for i in db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch.id))}
        assert items["meera.txt"].status == "done"
        for name in ("nobody.docx", "huge.txt"):
            assert items[name].status == "failed" and items[name].error, name
        assert "E088" in items["huge.txt"].error


@pytest.mark.parametrize("app_config", [{"IMPORT_STALE_SECONDS": 1, "IMPORT_MAX_ATTEMPTS": 3}], indirect=True)
def test_does_a_file_that_kills_its_worker_every_time_end_failed(app):
    """A file that stops its worker every time (memory, a killed process): after three tries, failed with a
    reason, and the batch finishes instead of being taken over every five minutes for ever."""
    import time

    from recruit.models import ImportItem
    from recruit.services import imports

    batch_id, (item_id,) = _queued_batch(app, [("meera.txt", MEERA)])
    for attempt in range(3):
        with app.app_context():
            assert imports._claim(item_id, f"worker-killed-{attempt}")
        time.sleep(1.2)
    with app.app_context():
        assert imports.recover_stalled() == 1
        item = db.session.get(ImportItem, item_id)
        assert item.status == "failed" and "stopped the import worker 3 times" in item.error
        assert imports.progress(batch_id)["done"] and imports.recover_stalled() == 0


# ------------------------------------------------------------------ 12. hostile archives

def _zip(members) -> bytes:
    """A zip of ``(ZipInfo or name, bytes)`` members, written as a hostile archiver would."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, data)
    return buf.getvalue()


def _flag_encrypted(archive: bytes, member: str) -> bytes:
    """The zip with one member marked encrypted in both its headers (Python's zipfile cannot write one)."""
    import zipfile

    data = bytearray(archive)
    info = zipfile.ZipFile(io.BytesIO(archive)).getinfo(member)
    data[info.header_offset + 6] |= 0x1
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + length] == member.encode():
            data[central + 8] |= 0x1
        central = data.find(b"PK\x01\x02", central + 46)
    return bytes(data)


def _imported(app, name, data):
    from recruit.models import ImportItem
    from recruit.services import imports

    with app.app_context():
        batch = imports.start_batch([(name, io.BytesIO(data))], actor_id=None)
        return {i.filename.split("/")[-1]: (i.status, i.error) for i in
                db.session.scalars(select(ImportItem).where(ImportItem.batch_id == batch.id))}


def test_is_a_bare_docx_one_resume_and_a_renamed_one_in_a_zip_imported(app):
    """Is a Word file imported as one resume (not split into its XML parts), also renamed .pdf inside a zip?"""
    from tests.files import make_docx

    docx = make_docx(["Meera Nair", "meera.nair@example.com", "SKILLS", "Financial modelling, Excel"])
    assert _imported(app, "meera.docx", docx) == {"meera.docx": ("done", None)}
    ravi = make_docx(["Ravi Kumar", "ravi.kumar@example.com", "SKILLS", "Equity research, Excel"])
    assert _imported(app, "drive.zip", _zip([("ravi.pdf", ravi)])) == {"ravi.pdf": ("done", None)}
    with app.app_context():
        assert sorted(db.session.scalars(select(Candidate.name))) == ["Meera Nair", "Ravi Kumar"]


@pytest.mark.parametrize("app_config", [{"MAX_RESUME_MB": 1}], indirect=True)
def test_does_every_hostile_zip_member_fail_with_its_reason(app):
    """Does each hostile member of a zip (climbing path, absolute path, link, encrypted, huge, a bomb, a zip
    inside) become a failed item with its reason, while the good file is imported and nothing escapes?"""
    import zipfile

    link = zipfile.ZipInfo("cv-link.txt")
    link.create_system, link.external_attr = 3, (0o120777 << 16)
    stored = zipfile.ZipInfo("huge.txt")  # not compressed, so only its size is against it
    members = [("..\\..\\windows\\evil.txt", MEERA), ("/etc/cron.d/evil2.txt", MEERA), (link, b"/etc/passwd"),
               ("locked.txt", MEERA.replace(b"Meera", b"Lena")), (stored, b"Huge Person\n" + b"x" * (1024 * 1024 + 10)),
               ("bomb.txt", b"0" * (900 * 1024)), ("inner.zip", _zip([("x.txt", MEERA)])), ("meera.txt", MEERA)]
    result = _imported(app, "drive.zip", _flag_encrypted(_zip(members), "locked.txt"))
    assert result.pop("meera.txt") == ("done", None)
    reasons = {name: error for name, (status, error) in result.items() if status == "failed"}
    assert len(reasons) == len(result) == 7
    assert "..\\..\\windows\\evil.txt" in reasons["evil.txt"] and "outside the archive" in reasons["evil.txt"]
    assert "outside the archive" in reasons["evil2.txt"] and "link" in reasons["cv-link.txt"]
    assert "encrypted" in reasons["locked.txt"] and "1 MB limit" in reasons["huge.txt"]
    assert "expands far beyond" in reasons["bomb.txt"] and "zip inside a zip" in reasons["inner.zip"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1


@pytest.mark.parametrize("app_config", [{"IMPORT_MAX_FILES": 50}], indirect=True)
def test_is_a_zip_of_too_many_members_refused_whole(app):
    """Is a zip with more members than an import takes refused with one clear reason, none of them opened?"""
    result = _imported(app, "many.zip", _zip([(f"f{i}.txt", b"x") for i in range(51)]))
    assert result == {"many.zip": ("failed", "The zip holds 51 files; import at most 50 at once.")}


# ------------------------------------------------------------------ 9. simultaneous applications

# No rate limit (one test address sends them all), and a connection for each request in flight.
BURST = {"RATELIMIT_ENABLED": False, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 45, "max_overflow": 0}}


def _at_once(app, count, send):
    """``send(browser, i)`` from ``count`` threads released together; returns the status codes."""
    barrier, codes = threading.Barrier(count), []

    def one(i):
        browser = BrowserLikeClient(app)
        browser.csrf_token()
        barrier.wait()
        codes.append(send(browser, i).status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return codes


@pytest.mark.parametrize("app_config", [BURST], indirect=True)
@pytest.mark.parametrize("same", ["email", "phone"])
def test_do_forty_simultaneous_applications_make_one_candidate(app, same):
    """Forty applications at the same moment from one person (one email, or one phone with forty emails), each
    to its own job: one candidate, forty applications, forty acknowledgements, no server error."""
    with app.app_context():
        slugs = [JobFactory(title=f"Analyst {i}", slug=f"analyst-{i}", public=True).slug for i in range(40)]

    def send(browser, i):
        form = {"name": "Farah Khan", "email": "farah.khan@example.com" if same == "email" else f"farah{i}@example.com",
                "phone": "+91 98450 22222" if same == "phone" else "", "consent": "1",
                "resume": (io.BytesIO(FARAH), "cv.txt")}
        return browser.post(f"/careers/{slugs[i]}", form, content_type="multipart/form-data")

    codes = _at_once(app, 40, send)
    assert codes == [302] * 40
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1
        assert db.session.scalar(select(func.count()).select_from(Application)) == 40
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 40


@pytest.mark.parametrize("app_config", [BURST], indirect=True)
def test_do_forty_simultaneous_campus_sign_ups_all_get_an_answer(app, client, login):
    """Forty students sign up at once (and one of them twenty times): every one answered, no server error,
    each person once."""
    from recruit.models import Registration
    from tests.recruit.test_campus import _event, _signup, _student

    login("recruiter")
    _, code, _ = _event(client, app, capacity="5")
    codes = _at_once(app, 40, lambda browser, i: _signup(browser, code, _student(200 + (i if i < 20 else 99))))
    assert codes == [302] * 40
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Registration)) == 21
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 21


# ------------------------------------------------------------------ 11. erasure leaves nothing behind

def _everything_that_mentions(needles):
    """Every text or JSON value in every table of the database that contains one of ``needles``."""
    from sqlalchemy import JSON, String, Text, cast, or_

    found = []
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, (String, Text, JSON))]
        for column in columns:
            text_ = func.lower(cast(column, String))
            rows = db.session.execute(select(column).where(or_(*(text_.like(f"%{n.lower()}%") for n in needles))))
            found += [(table.name, column.name, str(value)[:120]) for (value,) in rows]
    return found


def test_does_erasure_leave_the_name_email_or_phone_anywhere(app, client, login):
    """After a candidate erases themselves, is their name, email, phone or a corrected value anywhere in the
    database: the audit log, stage-change reasons, client comments, consultants' notes, messages?"""
    from recruit.models import AuditEvent, RepresentationConsent
    from recruit.services import clients, parsing, pipeline, privacy
    from tests.factories import ClientFactory

    recruiter = login("recruiter")
    with app.app_context():
        firm = ClientFactory(name="Acme Research")
        job_id = JobFactory(title="Market Research Analyst", slug="mra", public=True, client=firm).id
        client_id = firm.id
    assert _apply(client, "mra", FARAH).status_code == 302
    with app.app_context():
        farah = db.session.scalars(select(Candidate)).one()
        candidate_id, app_id = farah.id, farah.applications[0].id
        parsing.correct_profile(candidate_id, {"name": "Farah Q. Khanum", "location": "Bandra West, Mumbai"},
                                actor_id=recruiter)
        client.post(f"/candidates/{candidate_id}/edit", {"name": "Farah Khanum", "email": "farah.khan@example.com",
                                                         "phone": "+91 98450 22222", "location": "", "headline": ""})
        pipeline.move([app_id], "screening", actor_id=recruiter, reason="Farah Khanum called back; +919845022222")
        db.session.add(RepresentationConsent(candidate_id=candidate_id, client_id=client_id, token_hash="0" * 64,
                                             status="granted"))
        db.session.commit()
        _, link = clients.create_submittal(job_id, [app_id], actor_id=recruiter,
                                           notes={app_id: "Farah Khanum is our strongest"}, contact_id=None,
                                           message="Farah Khanum first, please", anonymise=False,
                                           show_breakdown=True, expires_in_days=7)
        from recruit.models import SubmittalItem

        item_id = db.session.scalars(select(SubmittalItem.id)).one()
        clients.decide(link.rsplit("/", 1)[-1], item_id, "interested", "We like Farah Khanum (farah.khan@example.com)")
        needles = ["Farah", "Khanum", "farah.khan@example.com", "+919845022222", "98450 22222", "Bandra West"]
        assert _everything_that_mentions(needles)  # the scenario leaves copies to erase
        token = privacy.token_for(db.session.get(Candidate, candidate_id))

    response = client.post(f"/privacy/{token}", {"action": "erase", "confirm": "1"},
                           environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 200
    with app.app_context():
        assert _everything_that_mentions(needles) == []
        erased = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.erase")).one()
        assert erased.object_id == str(candidate_id)  # the audit keeps that the erasure happened
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "profile.correct")) == 2  # and who corrected what, without the values


# ------------------------------------------------------------------ 16. mentions do not leak notes

def test_does_an_interviewer_see_a_note_on_a_candidate_they_do_not_interview(app, client, make_user):
    """When a recruiter @mentions an interviewer in a note on a candidate the interviewer does not interview,
    does the interviewer's dashboard show the note? (Only that they were mentioned, until they interview.)"""
    from datetime import timedelta

    from recruit.models import Interview, InterviewAssignment
    from recruit.models.base import utcnow
    from recruit.services import notes
    from tests.conftest import PASSWORD
    from tests.factories import ApplicationFactory, CandidateFactory

    recruiter_id, _ = make_user("recruiter")
    interviewer_id, interviewer_email = make_user("interviewer")
    handle = interviewer_email.split("@")[0]
    with app.app_context():
        candidate = CandidateFactory(name="Meera Nair")
        application_id = ApplicationFactory(candidate=candidate).id
        notes.add_note(candidate.id, f"@{handle} she asked for 42 LPA, keep it quiet", actor_id=recruiter_id)
    assert client.post("/auth/login", {"email": interviewer_email, "password": PASSWORD}).status_code == 302
    page = client.get("/").data.decode()
    assert "You were mentioned in a note on a candidate you do not interview" in page
    assert "42 LPA" not in page and "Meera Nair" not in page

    with app.app_context():  # now on the candidate's interview panel: the note is theirs to read
        interview = Interview(application_id=application_id, title="Interview: Analyst", uid="uid-integrity-1",
                              starts_at=utcnow() + timedelta(days=2))
        db.session.add(interview)
        db.session.flush()
        db.session.add(InterviewAssignment(interview_id=interview.id, interviewer_id=interviewer_id))
        db.session.commit()
    assert "42 LPA" in client.get("/").data.decode()
