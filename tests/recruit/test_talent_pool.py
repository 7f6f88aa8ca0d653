"""Matching the talent pool: any job (in-house too) can look through everyone already in the database, and
the ranking is the one the shortlisting scorer gives each candidate on their own."""
import json

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, CandidateFeatures
from recruit.services import candidates, clients, parsing, privacy, stored_features
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


def _scored_alone(job_id: int, candidate_ids) -> dict:
    """Each candidate's score for the job from their resume as parsed now (no stored features)."""
    from nlp.score import Scorer

    scorer = Scorer(job_profile(clients.get_job(job_id)))
    return {i: scorer.score(feats).to_dict() for i in candidate_ids
            if (feats := stored_features.compute(i)) is not None}


def test_the_match_is_the_whole_pool_scored_best_first(app, client, login):
    """Is the match's list the whole pool, each scored from their resume as parsed now, best first (ties by
    id), and read from the stored features rather than parsed again?"""
    login("recruiter")
    job_id = _in_house_job(app)
    for n, text in enumerate([ANALYST, ANALYST.replace("Excel, ", ""), ANALYST.replace("2019", "2024"), NURSE,
                              ANALYST.replace("Credit Analyst", "Research Associate"), ANALYST]):
        _candidate(client, f"Person {n}", f"person{n}@example.com", text)
    with app.app_context():
        pool = clients.pool_candidates(clients.get_job(job_id), clients.POOL_SIZE)
        assert stored_features.read(pool)[1] == []  # every one stored when indexed: nothing computed per request
        alone = _scored_alone(job_id, pool)
        expected = sorted(alone, key=lambda i: (-round(alone[i]["score"], 1), i))[:50]
        rows = clients.match_pool(job_id)
        assert [r["candidate"].id for r in rows] == expected
        assert [r["score"] for r in rows] == [round(alone[i]["score"], 1) for i in expected]


def test_stored_features_follow_the_profile(app, client, login):
    """After a new resume version, a correction and an erasure, are the stored features what the scorer makes
    of the profile as it is now (the same score and breakdown for a job), and gone once the candidate is erased?"""
    from nlp.score import Scorer, features_from_dict, features_to_dict

    user_id = login("recruiter")
    job_id = _in_house_job(app)
    asha = _candidate(client, "Asha Menon", "asha@example.com", ANALYST)

    def in_step():
        (row,) = db.session.scalars(select(CandidateFeatures).where(CandidateFeatures.candidate_id == asha)).all()
        now = stored_features.compute(asha)
        assert row.data == json.loads(json.dumps(features_to_dict(now)))
        scorer = Scorer(job_profile(clients.get_job(job_id)))
        assert scorer.score(features_from_dict(row.data)).to_dict() == scorer.score(now).to_dict()
        return row.data

    with app.app_context():
        first = in_step()
        newer = ANALYST.replace("Accounting", "Bloomberg").replace("Credit Analyst", "Senior Credit Analyst")
        candidates.add_resume(asha, newer.format(name="Asha Menon", email="asha@example.com").encode(),
                              "cv-2026.txt", actor_id=user_id)
        reparsed = in_step()
        assert "bloomberg terminal" in reparsed["skills"] and "bloomberg terminal" not in first["skills"]
        parsing.correct_profile(asha, {"skills": "Credit analysis, Valuation"}, actor_id=user_id)
        corrected = in_step()
        assert len(corrected["skills"]) == 2 and "bloomberg terminal" not in corrected["skills"]
        privacy.erase(asha, actor_id=None, reason="asked")
        assert db.session.scalars(select(CandidateFeatures).where(CandidateFeatures.candidate_id == asha)).all() == []
        assert asha not in {r["candidate"].id for r in clients.match_pool(job_id)}


def test_reindexing_fills_the_features_an_upgrade_left_out(app, client, login):
    """After an upgrade (no stored features, or an older scorer's), does the match still score everyone, and does
    `recruit search reindex --features` store them for every candidate but the erased?"""
    login("recruiter")
    job_id = _in_house_job(app)
    people = [_candidate(client, name, f"{name.split()[0].lower()}@example.com", ANALYST)
              for name in ("Asha Menon", "Ravi Kumar", "Meera Nair")]
    with app.app_context():
        before = [(r["candidate"].id, r["score"]) for r in clients.match_pool(job_id)]
        db.session.execute(CandidateFeatures.__table__.delete().where(CandidateFeatures.candidate_id == people[0]))
        db.session.execute(CandidateFeatures.__table__.update().where(CandidateFeatures.candidate_id == people[1])
                           .values(format="recruit-score/0/features-0"))
        db.session.commit()
        assert stored_features.read(people)[1] == people[:2]
        assert [(r["candidate"].id, r["score"]) for r in clients.match_pool(job_id)] == before
        privacy.erase(people[2], actor_id=None, reason="asked")
    result = app.test_cli_runner().invoke(args=["search", "reindex", "--features"])
    assert result.exit_code == 0 and "Stored the features of 2 candidate(s)." in result.output, result.output
    with app.app_context():
        assert stored_features.read(people)[1] == [people[2]]  # the erased one has none, and gets none
        assert [(r["candidate"].id, r["score"]) for r in clients.match_pool(job_id)] == [
            (i, s) for i, s in before if i != people[2]]


def test_the_pools_unranked_search_finds_what_the_ranked_one_does(app, client, login):
    """Does the pool's unranked search (``search.some_matching_ids``) find the candidates the ranked search finds
    for the same words, no archived one, and no more than asked?"""
    from recruit.services import search

    user_id = login("recruiter")
    ids = [_candidate(client, name, f"{name.split()[0].lower()}@example.com", text) for name, text in (
        ("Asha Menon", ANALYST), ("Ravi Kumar", ANALYST), ("Old Timer", ANALYST), ("Nurse Person", NURSE))]
    with app.app_context():
        candidates.set_archived(ids[2], True, actor_id=user_id)
        for words in ("credit analysis excel", "patient care", "credit nurse", "analyst"):
            ranked = search.matching_ids(search.Query(q=words, sort="relevance"), limit=10)
            assert sorted(search.some_matching_ids(words, limit=10)) == sorted(ranked), words
        assert sorted(search.some_matching_ids("credit analysis", limit=10)) == sorted(ids[:2])
        assert len(search.some_matching_ids("credit analysis", limit=1)) == 1
        assert search.some_matching_ids("  ", limit=10) == []
