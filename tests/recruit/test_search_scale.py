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
            # The second page, cut from the same ranked ids, is the old query's OFFSET page.
            second = list(db.session.scalars(_old_shape(query).with_only_columns(Candidate.id).offset(10).limit(10)))
            assert [c.id for c in search.search(query, page=2, per_page=10).items] == second, (words, location)


def test_a_page_past_the_cap_is_the_offset_page(app, monkeypatch):
    """Within the first ``cap`` rows a page is cut from one query of ranked ids; past them it is the OFFSET
    query: both give what the old OFFSET page gave, and the total says "cap+"."""
    from recruit.services.listing import CappedPagination, TopPage

    with app.app_context():
        _fixed_candidates()
        monkeypatch.setattr(CappedPagination, "cap", 20)
        query = search.Query(q="analyst", sort="relevance")
        everyone = list(db.session.scalars(_old_shape(query).with_only_columns(Candidate.id)))
        assert len(everyone) > 30
        inside, past = search.search(query, page=2, per_page=10), search.search(query, page=3, per_page=10)
        assert isinstance(inside, TopPage) == (db.engine.dialect.name == "postgresql")  # SQLite: OFFSET pages
        assert not isinstance(past, TopPage)
        assert [c.id for c in inside.items] == everyone[10:20]
        assert [c.id for c in past.items] == everyone[20:30]
        assert (inside.total, inside.capped, past.total, past.capped) == (20, True, 20, True)


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


def test_a_name_many_share_leaves_room_for_the_next_names(app, client, login):
    """450 candidates called Asha Bose (more than the old 400-row read) do not hide Asha Menon or Ashok Rao:
    each distinct name costs one index seek; an erased or archived candidate's name is not offered."""
    from recruit.models import SearchDocument

    login("recruiter")
    with app.app_context():
        people = [Candidate(name="Asha Bose", source="manual") for _ in range(450)]
        people += [Candidate(name="Asha Menon", source="manual"), Candidate(name="Ashok Rao", source="manual"),
                   Candidate(name="Asha Gone", source="manual", erased_at=utcnow()),
                   Candidate(name="Asha Kept", source="manual", archived_at=utcnow())]
        db.session.add_all(people)
        db.session.flush()
        db.session.add_all([SearchDocument(candidate_id=c.id, body=c.name, name=c.name.lower()) for c in people])
        db.session.commit()
    answer = client.get("/candidates/suggest?q=ash").get_json()
    assert [s["value"] for s in answer if s["kind"] == "name"] == ["Asha Bose", "Asha Menon", "Ashok Rao"]
