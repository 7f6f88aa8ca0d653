"""The figures about resumes to check: the import page's counter, its panel and the review queue agree, and
the correction statistics count candidates."""
import io
import re

from recruit.services import parsing, review
from tests.recruit.test_imports import _zip
from tests.recruit.test_parsing import RESUME
from tests.recruit.test_review import ANONYMOUS, _add


def _import(client, entries: dict[str, bytes]) -> int:
    response = client.post("/imports/new", {"files": (io.BytesIO(_zip(entries)), "batch.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.data[:300]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _figures(client, batch_id: int) -> tuple[int, int, int, int]:
    """(the counter, the panel's heading, the panel's rows, the review queue's rows for this batch)."""
    page = client.get(f"/imports/{batch_id}").data.decode()
    counter = int(re.search(r'<dd data-field="review">(\d+)</dd>', page).group(1))
    panel = page[page.index("data-review-panel"):]
    heading = int(re.search(r"<h2>To review \((\d+)\)</h2>", panel).group(1))
    rows = panel.split("</section>")[0].count('<a href="/review/') - ("Check them in the review queue" in panel)
    queue = client.get(f"/review/?batch={batch_id}").data.decode()
    queued = len(set(re.findall(r'href="/review/(\d+)"', queue)))
    return counter, heading, rows, queued


def test_import_page_counts_what_its_panel_and_the_queue_list(app, client, login):
    """A file imported again while its first copy still waits for a check: do the counter, the panel and the
    review queue say the same number?"""
    login("recruiter")
    first = _import(client, {"cv-0042.txt": ANONYMOUS.encode(), "meera.txt": RESUME.encode()})
    assert _figures(client, first) == (1, 1, 1, 1)
    again = _import(client, {"copy-of-0042.txt": ANONYMOUS.encode()})
    assert _figures(client, again) == (1, 1, 1, 1)
    with app.app_context():
        from recruit.services import imports

        assert imports.progress(again)["review"] == 1  # what the page's live counter is updated from


def test_correction_statistics_count_candidates_not_fields(app, client, login):
    """One person's job title and employer corrected: does 'Candidates corrected' say 1 for experience?"""
    user_id = login("recruiter")
    candidate_id = _add(client, ANONYMOUS.encode(), "cv-0042.txt", name="Applicant 42")
    other_id = _add(client, ANONYMOUS.replace("Crisil", "ICRA").encode(), "cv-0043.txt", name="Applicant 43")
    with app.app_context():
        parsing.correct_profile(candidate_id, {"experience.0.title": "Senior Equity Research Analyst",
                                               "experience.1.employer": "Motilal Oswal Financial Services",
                                               "name": "Kavya Rao"}, actor_id=user_id)
        parsing.correct_profile(other_id, {"experience.0.employer": "ICRA Limited"}, actor_id=user_id)
        assert dict(review.stats()["by_field"]) == {"experience": 2, "name": 1}
    page = client.get("/review/").data.decode()
    assert re.search(r"<td>experience</td><td class=\"num\">2</td>", page)
