"""Matching the talent pool: any job (in-house too) can look through everyone already in the database, and
the ranking is the one the shortlisting scorer gives each candidate on their own."""
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application
from recruit.services import candidates, clients, parsing
from recruit.services.scoring import _features, job_profile
from tests.factories import JobFactory
from tests.recruit.test_clients import ANALYST, NURSE, _candidate


def _in_house_job(app) -> int:
    with app.app_context():
        return JobFactory(title="Credit Research Analyst", required_skills=["Credit analysis", "Financial modelling"],
                          preferred_skills=["Excel"], min_years=2, description="Credit research on banks.").id


def test_an_in_house_job_matches_the_talent_pool_from_its_page(app, client, login):
    """Can a recruiter reach the talent pool from an in-house job's page and add someone from it?"""
    login("recruiter")
    job_id = _in_house_job(app)
    asha = _candidate(client, "Asha Menon", "asha@example.com", ANALYST)
    assert f'href="/clients/orders/{job_id}/match"' in client.get(f"/jobs/{job_id}").data.decode()
    page = client.get(f"/clients/orders/{job_id}/match").data.decode()
    assert "Asha Menon" in page and "ranked for this job by the shortlisting scorer" in page
    response = client.post(f"/clients/orders/{job_id}/match", {"candidate_id": asha})
    assert response.headers["Location"].endswith(f"/jobs/{job_id}/ranking")  # no client to submit to
    with app.app_context():
        application = db.session.scalars(select(Application).where(Application.job_id == job_id)).one()
        assert application.source == "pool" and application.score is not None


def test_the_pool_ranking_is_what_each_candidate_scores_alone(app, client, login):
    """Loading the pool in bulk: same people, same scores, same strongest points, same order as scoring
    each candidate by themselves (a corrected profile, a newer resume version, an archived person)?"""
    user_id = login("recruiter")
    job_id = _in_house_job(app)
    people = {name: _candidate(client, name, f"{name.split()[0].lower()}@example.com", text) for name, text in (
        ("Asha Menon", ANALYST), ("Ravi Kumar", ANALYST.replace("Financial modelling, ", "")),
        ("Meera Nair", ANALYST.replace("2019", "2023")), ("Nurse Person", NURSE), ("Kiran Rao", ANALYST),
        ("Old Timer", ANALYST), ("Dev Patel", ANALYST.replace("Excel, ", "")))}
    with app.app_context():
        parsing.correct_profile(people["Ravi Kumar"], {"skills": "Credit analysis, Valuation, Excel"},
                                actor_id=user_id)
        newer = ANALYST.replace("Accounting", "Financial modelling, Bloomberg").format(name="Meera Nair",
                                                                                     email="meera@example.com")
        candidates.add_resume(people["Meera Nair"], newer.encode(), "cv-2026.txt", actor_id=user_id)
        candidates.set_archived(people["Old Timer"], True, actor_id=user_id)
        candidates.add_to_job(people["Kiran Rao"], job_id, actor_id=user_id)  # already in this job

        from nlp.score import Scorer

        rows = clients.match_pool(job_id)
        scorer = Scorer(job_profile(clients.get_job(job_id)))
        alone = {}
        for row in rows:
            result = scorer.score(_features(row["candidate"].id))
            alone[row["candidate"].id] = (round(result.score, 1),
                                          [c.label for c in sorted(result.breakdown, key=lambda c: -c.contribution)[:3]])
        got = {r["candidate"].id: (r["score"], [c.label for c in r["top"]]) for r in rows}
        assert got == alone
        assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
        assert {r["candidate"].name for r in rows} >= {"Asha Menon", "Ravi Kumar", "Meera Nair", "Dev Patel"}
        assert not {"Old Timer", "Kiran Rao"} & {r["candidate"].name for r in rows}
        meera = next(r for r in rows if r["candidate"].name == "Meera Nair")
        assert meera["score"] == alone[people["Meera Nair"]][0]  # read from the newer version
