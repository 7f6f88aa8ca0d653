"""Search at scale keeps its answers: the first pages before and after the location filter moved into the
search documents, and the search box's suggestions (skills, job titles, names the viewer may see)."""
import random
from datetime import timedelta

from sqlalchemy import func

from recruit.extensions import db
from recruit.models import Candidate
from recruit.models.base import utcnow
from recruit.services import search
from recruit.services.listing import contains
from tests.recruit.test_blind_review import blind_world  # noqa: F401 (a fixture)

CITIES = ["Mumbai", "Navi Mumbai", "Pune", "Chennai", "Bengaluru"]
TITLES = ["Equity Research Analyst", "Credit Analyst", "Research Associate", "Equity Research Associate",
          "Data Analyst", "Paralegal"]


def _fixed_candidates():
    """120 candidates from a fixed seed: names, headlines and locations that full text and the filters read."""
    rng = random.Random(24)
    now = utcnow()
    for n in range(120):
        title = rng.choice(TITLES)
        extra = " ".join(rng.sample(["equity", "research", "valuation", "banks", "credit", "sql"], rng.randint(0, 4)))
        db.session.add(Candidate(name=f"Person {n:03d} {rng.choice(['Rao', 'Nair', 'Iyer'])}", source="manual",
                                 email=f"p{n}@example.com", location=rng.choice(CITIES + [None]),
                                 headline=f"{title} {extra}".strip(), created_at=now - timedelta(hours=n * 7 % 97)))
    db.session.commit()
    search.reindex_all()


def _old_shape(query: search.Query):
    """The search as it was before: the location filter on candidates, not on the search documents."""
    location, query.location = query.location, ""
    stmt = search._statement(query)
    query.location = location
    return stmt.where(func.lower(Candidate.location).like(contains(location), escape="\\")) if location else stmt


def test_first_page_is_the_same_as_the_old_query_shape(app):
    with app.app_context():
        _fixed_candidates()
        for words, location, sort in [("equity research", "mumbai", ""), ("research", "pune", ""),
                                      ("analyst", "mumbai", "name"), ("equity", "chennai", "newest"),
                                      ("credit", "", ""), ("", "mumbai", "")]:
            query = search.Query(q=words, location=location, sort=sort)
            before = list(db.session.scalars(_old_shape(query).with_only_columns(Candidate.id).limit(25)))
            page = search.search(query, per_page=25)
            assert [c.id for c in page.items] == before, (words, location, sort)
            assert before, (words, location)  # the fixed data has matches for every case
            old_total = db.session.scalar(db.select(func.count()).select_from(_old_shape(query).subquery()))
            assert page.total == min(old_total, 1000)


def test_suggestions_offer_skills_titles_and_names(app, client, login):
    login("recruiter")
    with app.app_context():
        db.session.add(Candidate(name="Asha Menon", source="manual", location="Pune"))
        db.session.add(Candidate(name="Asha Menon", source="manual", location="Chennai"))
        db.session.add(Candidate(name="Ashwin Rao", source="manual", archived_at=utcnow()))
        db.session.add(search.SearchTerm(folded="asset valuation", kind="skill", value="Asset valuation"))
        db.session.add(search.SearchTerm(folded="associate", kind="title", value="Associate"))
        db.session.commit()
        search.reindex_all()  # names are suggested from the search documents
    answer = client.get("/candidates/suggest?q=as").get_json()
    assert answer == [{"value": "Asset valuation", "kind": "skill", "label": "Skill"},
                      {"value": "Associate", "kind": "title", "label": "Job title"},
                      {"value": "Asha Menon", "kind": "name", "label": "Candidate"}]  # once; no archived Ashwin
    assert client.get("/candidates/suggest?q=a").get_json() == []
    assert client.get("/candidates/suggest?q=ASHA%20m").get_json()[0]["value"] == "Asha Menon"
    assert client.get("/candidates/suggest?q=%25_").get_json() == []  # LIKE characters are literal


def test_indexing_a_profile_adds_its_skills_and_titles(app, client, login):
    from tests.recruit.test_workflow import _add_people

    login("recruiter")
    _add_people(client)
    values = [s["value"] for s in client.get("/candidates/suggest?q=equity").get_json()]
    assert "Equity Research Analyst" in values
    assert [s["kind"] for s in client.get("/candidates/suggest?q=tablea").get_json()] == ["skill"]


def test_suggestions_never_name_someone_under_blind_review(app, client, blind_world):  # noqa: F811
    values = [s["value"] for s in client.get("/candidates/suggest?q=meer").get_json()]
    assert values == []
    assert "Ravi Kumar" in [s["value"] for s in client.get("/candidates/suggest?q=ravi").get_json()]  # rejected
