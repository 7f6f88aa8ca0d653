"""Bulk import: a zip of real resumes becomes candidates; bad files fail alone; duplicates are caught."""
import io
import zipfile

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Application, Candidate, ImportItem
from recruit.services import imports
from tests.factories import CandidateFactory, JobFactory
from tests.files import PNG, corrupt_pdf, encrypted_pdf, image_only_pdf, livecareer_pdf


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


MEERA = b"Meera Nair\nmeera.nair@example.com | +91 98450 12345\nSKILLS\nFinancial modelling, Excel, SQL\n"


def _counts(app, batch_id):
    with app.app_context():
        return imports.progress(batch_id)["counts"]


def test_zip_upload_becomes_candidates_and_bad_files_fail_alone(app, client, login):
    """Does a zip of resumes become candidates on the job, with each broken file failing with its reason?"""
    login("recruiter")
    with app.app_context():
        job_id = JobFactory().id
    pdf_a, pdf_b = livecareer_pdf("FINANCE", 0).read_bytes(), livecareer_pdf("BANKING", 1).read_bytes()
    archive = _zip({
        "drive/a.pdf": pdf_a, "drive/b.pdf": pdf_b, "drive/meera.txt": MEERA, "drive/again.pdf": pdf_a,
        "drive/broken.pdf": corrupt_pdf(), "drive/locked.pdf": encrypted_pdf(), "drive/scan.pdf": image_only_pdf(),
        "drive/photo.pdf": PNG, "drive/empty.txt": b"", "drive/inner.zip": _zip({"x.txt": MEERA}),
        "../../etc/evil.txt": b"Evil Person\nSKILLS\nExcel, SQL, Python, research\n", "__MACOSX/._a.pdf": b"junk",
    })
    response = client.post("/imports/new", {"job_id": str(job_id), "files": (io.BytesIO(archive), "drive.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    batch_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert _counts(app, batch_id) == {"done": 3, "duplicate": 1, "failed": 7}
    with app.app_context():
        failed = {i.filename.split("/")[-1]: i.error for i in imports.failed_items(batch_id)}
        assert "damaged" in failed["broken.pdf"] and "password" in failed["locked.pdf"]
        assert "no text layer" in failed["scan.pdf"] and "PNG image" in failed["photo.pdf"]
        assert failed["empty.txt"] == "The file is empty." and "zip inside a zip" in failed["inner.zip"]
        # A path climbing out of the zip is refused with its reason, never followed
        assert "points outside the archive" in failed["evil.txt"] and "../../etc/evil.txt" in failed["evil.txt"]
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 3
        assert db.session.scalar(select(func.count()).select_from(Application).where(
            Application.job_id == job_id)) == 3
        meera = db.session.scalar(select(Candidate).where(Candidate.email == "meera.nair@example.com"))
        assert meera.name == "Meera Nair" and meera.phone == "+919845012345" and meera.source == "import"
    page = client.get(f"/imports/{batch_id}").data.decode()
    assert "scan.pdf" in page and "no text layer" in page and 'data-count="failed">7<' in page


def test_known_person_gets_a_new_version_flagged_for_review(app, client, login):
    login("recruiter")
    with app.app_context():
        existing = CandidateFactory(name="Meera N.", email="meera.nair@example.com").id
        batch = imports.start_batch([("meera-2024.txt", io.BytesIO(MEERA))], actor_id=None)
        item = batch.items[0]
        assert (item.status, item.candidate_id, item.needs_review) == ("done", existing, True)
        assert "by email" in item.note
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1
        assert len(db.session.get(Candidate, existing).resumes) == 1
    assert b"Matched an existing candidate by email" in client.get(f"/imports/{batch.id}").data


def test_lost_and_repeated_tasks_lose_nothing_and_double_nothing(app):
    """A worker killed mid-item, and a message delivered twice: one candidate per file, none lost."""
    from datetime import timedelta

    from recruit.models.base import utcnow

    with app.app_context():
        batch = imports.start_batch([("meera.txt", io.BytesIO(MEERA))], actor_id=None)
        item_id = batch.items[0].id
        assert imports.process_item(item_id) == "done"
        assert imports.process_item(item_id) == "done"  # the same message again: nothing happens
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1

        second = imports.start_batch([("ravi.txt", io.BytesIO(b"Ravi Kumar\nravi@example.com\nSKILLS\nSQL, "
                                                               b"Excel, Python, Tableau\n"))], actor_id=None)
        item = second.items[0]
        db.session.delete(db.session.scalar(select(Candidate).where(Candidate.email == "ravi@example.com")))
        item.status, item.candidate_id, item.resume_id = "parsing", None, None  # claimed, then the worker died
        item.updated_at = utcnow() - timedelta(hours=1)
        db.session.commit()
        assert imports.process_item(item.id) == "done"  # a stale claim is taken over
        fresh = imports.start_batch([("anita.txt", io.BytesIO(b"Anita Desai\nanita@example.com\nSKILLS\nSAP, "
                                                                b"Excel, GST, Tally\n"))], actor_id=None)
        busy = fresh.items[0]
        db.session.delete(db.session.scalar(select(Candidate).where(Candidate.email == "anita@example.com")))
        busy.status = "parsing"  # another worker is on it right now
        db.session.commit()
        assert imports.process_item(busy.id) == "parsing"
        assert imports.recover_stalled() == 0  # not stale yet: left to the worker that has it
        emails = sorted(db.session.scalars(select(Candidate.email)))
    assert emails == ["meera.nair@example.com", "ravi@example.com"]


def test_cancel_and_retry(app, client, login):
    login("recruiter")
    with app.app_context():
        batch = imports.start_batch([("bad.pdf", io.BytesIO(corrupt_pdf()))], actor_id=None)
        assert imports.progress(batch.id)["counts"] == {"failed": 1}
        batch_id = batch.id
    response = client.post(f"/imports/{batch_id}/retry", follow_redirects=True)
    assert b"1 failed file queued again." in response.data
    response = client.post(f"/imports/{batch_id}/cancel", follow_redirects=True)
    assert b"Import cancelled" in response.data
    assert client.get(f"/imports/{batch_id}/progress").json["cancelled"] is True


def test_nothing_chosen(client, login):
    login("recruiter")
    response = client.post("/imports/new", {"job_id": ""}, content_type="multipart/form-data",
                           follow_redirects=True)
    assert b"Choose resume files or a zip of them." in response.data


def test_cli_import_of_a_folder(app, tmp_path):
    folder = tmp_path / "drive"
    (folder / "sub").mkdir(parents=True)
    (folder / "meera.txt").write_bytes(MEERA)
    (folder / "sub" / "finance.pdf").write_bytes(livecareer_pdf("FINANCE", 3).read_bytes())
    (folder / "sub" / "broken.pdf").write_bytes(corrupt_pdf())
    result = app.test_cli_runner().invoke(args=["import", str(folder), "--wait"])
    assert result.exit_code == 0, result.output
    assert "3 files queued" in result.output
    assert "1 done" not in result.output and "2 done" in result.output and "1 failed" in result.output
    assert "failed  sub/broken.pdf: The PDF is damaged" in result.output
