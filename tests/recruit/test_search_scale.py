"""Search at scale keeps its answers: the first pages and capped totals are those of the query as it was before
the filters moved into the search documents (c0ba0d8), whether the candidate is archived is kept there as it
changes, and the search box's suggestions (skills, job titles, names the viewer may see)."""
import random
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import and_, exists, func, literal_column, select, text

from recruit.extensions import db
from recruit.models import Application, Candidate, SearchDocument
from recruit.models.base import utcnow
from recruit.models.workflow import FTS_TABLE, SEARCH_FILTERS
from recruit.services import candidates as candidate_service
from recruit.services import search
from recruit.services.listing import IdPage, contains
from tests.recruit.test_blind_review import blind_world  # noqa: F401 (a fixture)

CITIES = ["Mumbai", "Navi Mumbai", "Pune", "Chennai", "Bengaluru"]
TITLES = ["Equity Research Analyst", "Credit Analyst", "Research Associate", "Equity Research Associate",
          "Data Analyst", "Paralegal"]
SKILLS = ["valuation", "sql", "excel", "ifrs"]


def _fixed_candidates():
    """120 candidates from a fixed seed: names, headlines, locations, years and skills that full text and the
    filters read; one in six archived through the service (and a few of them restored again)."""
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
    ids = sorted(db.session.scalars(select(Candidate.id)))
    for cid in ids:  # years and skills as a parsed resume would give them
        db.session.execute(SearchDocument.__table__.update().where(SearchDocument.candidate_id == cid).values(
            years=rng.choice([None, 0.5, 1, 2.5, 3, 4, 7, 12]),
            skills="|" + "|".join(rng.sample(SKILLS, rng.randint(0, 3))) + "|"))
    db.session.commit()
    archived = ids[::6]
    for cid in archived:
        candidate_service.set_archived(cid, True, actor_id=None)
    for cid in archived[::4]:
        candidate_service.set_archived(cid, False, actor_id=None)
    return ids


def _old_statement(query: search.Query):
    """The search as c0ba0d8 wrote it (candidates joined to their documents, archived read from candidates), for
    the filters these tests use: the reference the new query must agree with."""
    stmt = select(Candidate.id)
    rank = None
    needs_doc = query.has_words or query.skills or query.min_years is not None
    if needs_doc:
        stmt = stmt.join(SearchDocument, SearchDocument.candidate_id == Candidate.id)
    if query.has_words and db.engine.dialect.name == "sqlite":
        fts = text(f"SELECT rowid AS candidate_id, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} "
                   f"WHERE {FTS_TABLE} MATCH :match").bindparams(match=search._fts5_query(query.q)) \
            .columns(literal_column("candidate_id"), literal_column("rank")).subquery("fts")
        stmt = stmt.join(fts, fts.c.candidate_id == Candidate.id)
        rank = fts.c.rank.asc()
    elif query.has_words:
        tsquery = func.websearch_to_tsquery(literal_column("'english'::regconfig"), query.q)
        vector = literal_column("search_documents.tsv")
        stmt = stmt.where(vector.op("@@")(tsquery))
        rank = func.ts_rank_cd(vector, tsquery).desc()
    for skill in query.skills:
        stmt = stmt.where(SearchDocument.skills.like(contains("|" + skill + "|"), escape="\\"))
    if query.min_years is not None:
        stmt = stmt.where(SearchDocument.years >= query.min_years)
    if query.location and needs_doc:
        stmt = stmt.where(SearchDocument.location.like(contains(query.location), escape="\\"))
    elif query.location:
        stmt = stmt.where(func.lower(Candidate.location).like(contains(query.location), escape="\\"))
    if query.stage:
        stmt = stmt.where(exists().where(and_(Application.candidate_id == Candidate.id,
                                              Application.stage == query.stage)))
    stmt = stmt.where(Candidate.archived_at.isnot(None) if query.archived else Candidate.archived_at.is_(None))
    sort = query.sort or ("relevance" if rank is not None else "newest")
    if sort == "relevance" and rank is not None:
        return stmt.order_by(rank, Candidate.id.desc())
    if sort == "score":
        best = select(func.max(Application.score)).where(Application.candidate_id == Candidate.id) \
            .correlate(Candidate).scalar_subquery()
        return stmt.order_by(best.desc().nulls_last(), Candidate.id.desc())
    if sort == "name":
        return stmt.order_by(func.lower(Candidate.name), Candidate.id)
    return stmt.order_by(Candidate.created_at.desc(), Candidate.id.desc())


CASES = [dict(q="equity research", location="mumbai", min_years=3), dict(q="equity research", location="mumbai"),
         dict(q="research", location="pune", min_years=1), dict(q="analyst", location="mumbai", sort="name"),
         dict(q="equity", location="chennai", sort="newest"), dict(q="credit"), dict(q="analyst", archived=True),
         dict(q="research", skills=["sql"], min_years=2), dict(q="analyst", sort="score", min_years=1),
         dict(location="mumbai"), dict(location="mumbai", min_years=3), dict(skills=["valuation"]),
         dict(q="analyst", location="mumbai", stage="screening")]


def test_first_page_and_total_are_the_old_querys(app):
    """Does a search show the same candidates, in the same order, with the same capped total, as the query before
    the archived flag and the filters moved into the search documents?"""
    from recruit.models import Job

    with app.app_context():
        ids = _fixed_candidates()
        job = Job(title="Equity Research Analyst", slug="era", owner_id=None, status="open")
        db.session.add(job)
        db.session.flush()
        rng = random.Random(7)
        db.session.add_all([Application(candidate_id=cid, job_id=job.id, stage=rng.choice(["applied", "screening"]),
                                        score=rng.choice([None, 40.0, 55.5, 70.0, 90.0])) for cid in ids[::2]])
        db.session.commit()
        for case in CASES:
            query = search.Query(**case)
            old = _old_statement(query)
            before = list(db.session.scalars(old.limit(25)))
            assert before, case  # the fixed data has matches for every case
            page = search.search(query, per_page=25)
            assert [c.id for c in page.items] == before, case
            old_total = db.session.scalar(select(func.count()).select_from(old.order_by(None).subquery()))
            assert (page.total, page.capped) == (min(old_total, 1000), old_total > 1000), case
            second = list(db.session.scalars(old.offset(10).limit(10)))
            assert [c.id for c in search.search(query, page=2, per_page=10).items] == second, case
            assert search.matching_ids(query, limit=7) == before[:7], case


def test_a_page_past_the_cap_is_the_offset_page(app, monkeypatch):
    """Within the first ``cap`` rows a page is cut from one query of ranked ids; past them it is the OFFSET
    page, counted apart: both give what the old OFFSET page gave, and the total says "cap+"."""
    with app.app_context():
        _fixed_candidates()
        monkeypatch.setattr(IdPage, "cap", 20)
        query = search.Query(q="analyst", sort="relevance")
        everyone = list(db.session.scalars(_old_statement(query)))
        assert len(everyone) > 30
        inside, past = search.search(query, page=2, per_page=10), search.search(query, page=3, per_page=10)
        assert (inside._query_args["ids"] is not None, past._query_args["ids"]) == (True, None)
        assert [c.id for c in inside.items] == everyone[10:20]
        assert [c.id for c in past.items] == everyone[20:30]
        assert (inside.total, inside.capped, past.total, past.capped) == (20, True, 20, True)



def _postgresql_only():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the bounded ranking is PostgreSQL's (SQLite's FTS5 ranks every match with bm25)")


def test_a_broad_search_ranks_its_newest_matches_and_a_narrower_one_every_match(app, client, login, monkeypatch):
    """PostgreSQL, with more candidates than ``RECENT``: does a search with more than a page-and-total's worth of
    matches among the newest ids show exactly those matches' ranking (the old query's, restricted to them), leaving
    out a better but older match, and does narrowing the search (few newest matches) rank every match again, so
    the older best match comes first?"""
    with app.app_context():
        _postgresql_only()
        ids = _fixed_candidates()
        monkeypatch.setattr(IdPage, "cap", 10)
        monkeypatch.setattr(search, "RECENT", 60)
        oldest_best = ids[1]  # not archived; "analyst" many times, twelve years
        db.session.execute(SearchDocument.__table__.update().where(SearchDocument.candidate_id == oldest_best)
                           .values(body="Credit Analyst\n" + "analyst " * 30, years=12))
        db.session.commit()
        newest = max(ids)
        broad = search.Query(q="analyst", sort="relevance")
        everyone = list(db.session.scalars(_old_statement(broad)))
        assert everyone[0] == oldest_best
        recent = list(db.session.scalars(_old_statement(broad).where(Candidate.id > newest - 60)))
        assert len(recent) > 10  # the window has more than the cap: it is what is ranked
        page = search.search(broad, per_page=5)
        assert [c.id for c in page.items] == recent[:5] and oldest_best not in [c.id for c in page.items]
        assert (page.total, page.capped) == (10, True)
        assert [c.id for c in search.search(broad, page=2, per_page=5).items] == recent[5:10]
        assert search.matching_ids(broad, limit=7) == recent[:7]
        assert page.bounded == 60  # the page says the ranking was bounded, and narrowing ranks every match
        assert search.search(search.Query(q="analyst", sort="newest"), per_page=5).bounded == 0

        narrow = search.Query(q="analyst", min_years=12, sort="relevance")
        assert len(list(db.session.scalars(_old_statement(narrow).where(Candidate.id > newest - 60)))) <= 10
        everyone = list(db.session.scalars(_old_statement(narrow)))
        assert [c.id for c in search.search(narrow, per_page=25).items] == everyone[:25]
        assert everyone[0] == oldest_best
        monkeypatch.setattr(IdPage, "cap", 1000)  # every match counted: nothing was left out, and none is said to be
        assert search.search(narrow, per_page=25).bounded == 0
    login("recruiter")
    assert "the matches among the newest 1,000" not in client.get("/candidates/?q=analyst").get_data(as_text=True)
    monkeypatch.setattr(IdPage, "cap", 10)
    assert "the matches among the newest 60 first" in client.get("/candidates/?q=analyst").get_data(as_text=True)


def test_a_window_ranks_its_newest_ranked_matches_and_says_there_are_more(app, monkeypatch):
    """PostgreSQL, more candidates than ``RECENT`` and more matches among the newest than ``RANKED``: are the ids
    shown the newest ``RANKED`` of those matches, ranked as the old query ranks them, and is the total still "cap+"
    rather than the number ranked?"""
    with app.app_context():
        _postgresql_only()
        ids = _fixed_candidates()
        assert search.RANKED > IdPage.cap  # else a bounded search's total would be the number ranked, not "cap+"
        monkeypatch.setattr(search, "RECENT", 60)
        monkeypatch.setattr(search, "RANKED", 12)
        monkeypatch.setattr(IdPage, "cap", 10)
        query = search.Query(q="analyst", sort="relevance")
        window = sorted(db.session.scalars(_old_statement(query).where(Candidate.id > max(ids) - 60)), reverse=True)
        assert len(window) > 12
        newest = set(window[:12])
        ranked = search.matching_ids(query, limit=100)
        assert set(ranked) == newest
        assert ranked == [cid for cid in db.session.scalars(_old_statement(query)) if cid in newest]  # old order
        page = search.search(query, per_page=5)
        assert [c.id for c in page.items] == ranked[:5] and (page.total, page.capped) == (10, True)


def test_below_recent_candidates_a_search_with_more_matches_than_ranked_keeps_its_first_page(app, monkeypatch):
    """PostgreSQL, fewer candidates than ``RECENT``: does a one-word search with more matches than ``RANKED`` (at
    100,000 candidates "excel" has 22,659) still rank every match, so the first page is the old query's?"""
    with app.app_context():
        _postgresql_only()
        _fixed_candidates()
        monkeypatch.setattr(search, "RANKED", 12)  # 120 candidates, as 5,000 is to 100,000
        monkeypatch.setattr(IdPage, "cap", 11)
        query = search.Query(q="analyst", sort="relevance")
        everyone = list(db.session.scalars(_old_statement(query)))
        assert len(everyone) > 12
        page = search.search(query, per_page=5)
        assert [c.id for c in page.items] == everyone[:5] and not page.bounded
        assert search.matching_ids(query, limit=100) == everyone[:100]


def test_the_fallback_of_a_windowed_search_ranks_its_best_matches(app, monkeypatch):
    """PostgreSQL, more candidates than ``RECENT``: when the newest ids hold too few matches and every match is
    ranked instead, but those are more than ``RANKED``, is the page still the old query's best?"""
    with app.app_context():
        _postgresql_only()
        ids = _fixed_candidates()
        monkeypatch.setattr(IdPage, "cap", 10)
        monkeypatch.setattr(search, "RECENT", 60)
        query = search.Query(q="analyst", min_years=7, sort="relevance")
        recent = list(db.session.scalars(_old_statement(query).where(Candidate.id > max(ids) - 60)))
        everyone = list(db.session.scalars(_old_statement(query)))
        assert len(recent) <= 10 < len(everyone)  # the fallback runs
        monkeypatch.setattr(search, "RANKED", len(everyone) - 3)
        assert [c.id for c in search.search(query, per_page=5).items] == everyone[:5]


def _indexed(app, **fields) -> int:
    """A candidate added by hand and indexed; their id."""
    with app.app_context():
        candidate = Candidate(source="manual", **fields)
        db.session.add(candidate)
        db.session.commit()
        search.index_candidate(candidate.id)
        return candidate.id


def test_archiving_keeps_the_search_document_in_step(app, client, login):
    """Is a candidate archived on the candidate page gone from search at once, found among the archived, and back
    when restored; and does indexing them again (a new resume, a note) keep them archived?"""
    login("recruiter")
    cid = _indexed(app, name="Meera Pillai", location="Kochi", headline="Credit Analyst")

    def found(archived=False):
        with app.app_context():
            return [c.id for c in search.search(search.Query(q="credit", location="kochi", archived=archived)).items]

    assert found() == [cid] and found(archived=True) == []
    client.post(f"/candidates/{cid}/archive", {"archived": "1"})
    assert found() == [] and found(archived=True) == [cid]
    assert b"Meera Pillai" in client.get("/candidates/?q=credit&archived=1").data
    assert b"Meera Pillai" not in client.get("/candidates/?q=credit").data
    with app.app_context():
        search.index_candidate(cid)  # rebuilt from the candidate: still archived
        assert db.session.get(SearchDocument, cid).archived is True
    assert found() == []
    client.post(f"/candidates/{cid}/archive", {"archived": "0"})
    assert found() == [cid] and found(archived=True) == []
    with app.app_context():
        assert db.session.get(SearchDocument, cid).archived is False


def test_archiving_while_the_worker_indexes_leaves_the_document_archived(app, monkeypatch):
    """A recruiter archives someone just as the worker writes their search document (a parse finishing): does the
    document end archived, as the candidate is, instead of the worker's read from before the archive?"""
    candidate_id = _indexed(app, name="Ira Menon", email="ira@example.com", headline="Credit analyst")

    def archive():
        with app.app_context():
            candidate_service.set_archived(candidate_id, True, actor_id=None)

    archiving = threading.Thread(target=archive)
    real = search._document_and_terms

    def read_then_wait(*args):
        values = real(*args)
        archiving.start()
        time.sleep(0.5)  # the archive tries to commit while the document is being written
        return values

    monkeypatch.setattr(search, "_document_and_terms", read_then_wait)
    with app.app_context():
        search.index_candidate(candidate_id)
    archiving.join(timeout=15)
    assert not archiving.is_alive()
    with app.app_context():
        assert db.session.get(Candidate, candidate_id).archived_at is not None
        assert db.session.get(SearchDocument, candidate_id).archived is True
        assert search.matching_ids(search.Query(q="credit"), limit=10) == []


def test_0022_copies_whether_each_candidate_is_archived(app):
    """Does upgrading to 0022 mark the search documents of candidates archived before it, and only theirs?"""
    from flask_migrate import downgrade, upgrade

    with app.app_context():
        db.drop_all()
        upgrade(revision="0021")
        now = utcnow()
        with db.engine.begin() as conn:
            for cid, archived in ((1, now), (2, None), (3, now)):
                conn.execute(text("INSERT INTO candidates (id, name, source, created_at, updated_at, archived_at, "
                                  "name_from_resume) VALUES (:id, :name, 'manual', :now, :now, :archived, false)"),
                             {"id": cid, "name": f"Person {cid}", "now": now, "archived": archived})
                if cid != 3:  # the third has no search document yet
                    conn.execute(text("INSERT INTO search_documents (candidate_id, body, skills, degrees, "
                                      "institutions, updated_at) VALUES (:id, 'x', '|', '|', '|', :now)"),
                                 {"id": cid, "now": now})
        upgrade(revision="0022")
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT candidate_id, archived FROM search_documents")).all())
        assert {cid: bool(flag) for cid, flag in rows.items()} == {1: True, 2: False}
        downgrade(revision="0021")
        upgrade()


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


def test_search_without_the_sqlite_filter_index_still_answers(app):
    """SQLite: with the filters' index gone (dropped by hand, or a table made before it), does a word search still
    give the same candidates instead of failing on its INDEXED BY hint?"""
    with app.app_context():
        _fixed_candidates()
        query = search.Query(q="equity research", location="Mumbai")
        hinted = search.matching_ids(query, limit=50)
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("DROP INDEX ix_search_documents_filters"))
            db.session.commit()
        assert hinted and search.matching_ids(query, limit=50) == hinted


def _filters_in_step() -> bool:
    """SQLite: does ``search_filters`` hold exactly each search document's archived, years and location?"""
    if db.engine.dialect.name != "sqlite":
        return True
    documents = db.session.execute(text("SELECT candidate_id, archived, years, location FROM search_documents"))
    copied = db.session.execute(text(f"SELECT candidate_id, archived, years, location FROM {SEARCH_FILTERS}"))
    return sorted(documents.all()) == sorted(copied.all())


def test_a_word_search_follows_the_candidates_location_years_archive_and_erasure(app):
    """After a candidate moves, gains experience, is archived, restored, erased or deleted, does a word search
    with the location and years filters (on SQLite read from ``search_filters``) find them exactly where they
    now are, and nowhere they were?"""
    from recruit.services import privacy

    cid = _indexed(app, name="Meera Pillai", email="meera@example.com", location="Kochi", headline="Credit Analyst")
    other = _indexed(app, name="Ravi Rao", email="ravi@example.com", location="Navi Mumbai", headline="Credit Analyst")

    def found(location="", min_years=None, archived=False):
        query = search.Query(q="credit analyst", location=location, min_years=min_years, archived=archived)
        return sorted(c.id for c in search.search(query).items)

    with app.app_context():
        assert (found("kochi"), found("mumbai"), found()) == ([cid], [other], sorted([cid, other]))
        candidate_service.update_candidate(cid, {"name": "Meera Pillai", "location": "Mumbai"}, actor_id=None)
        assert (found("kochi"), found("mumbai")) == ([], sorted([cid, other])) and _filters_in_step()
        # Years as a parsed resume gives them (written to the document, as indexing does).
        db.session.execute(SearchDocument.__table__.update().where(SearchDocument.candidate_id == cid)
                           .values(years=4.5))
        db.session.commit()
        assert (found("mumbai", 4), found("mumbai", 5)) == ([cid], []) and _filters_in_step()
        candidate_service.set_archived(cid, True, actor_id=None)
        assert (found("mumbai"), found("mumbai", archived=True)) == ([other], [cid]) and _filters_in_step()
        search.index_candidate(cid)  # indexed again (a note, a resume) while archived: still archived
        assert (found("mumbai"), found("mumbai", archived=True)) == ([other], [cid]) and _filters_in_step()
        candidate_service.set_archived(cid, False, actor_id=None)
        assert (found("mumbai"), found("mumbai", archived=True)) == (sorted([cid, other]), []) and _filters_in_step()
        privacy.erase(cid, actor_id=None, reason="asked")
        db.session.commit()
        assert (found("mumbai"), found(archived=True), found()) == ([other], [], [other]) and _filters_in_step()
        db.session.delete(db.session.get(Candidate, other))  # a candidate deleted outright: the cascade
        db.session.commit()
        assert found("mumbai") == [] and _filters_in_step()


def test_0025_fills_the_sqlite_search_filters_and_head_keeps_them_in_step(app):
    """Does upgrading to 0025 copy each existing search document's filters (SQLite; nothing on PostgreSQL), and
    does the database at head, made by the migrations, keep the copy in step as documents change?"""
    from flask_migrate import downgrade, upgrade

    with app.app_context():
        db.drop_all()
        upgrade(revision="0023")
        now = utcnow()
        with db.engine.begin() as conn:
            for cid, location, years in ((1, "pune", 2.0), (2, None, None), (3, "kochi", 7.5)):
                conn.execute(text("INSERT INTO candidates (id, name, source, created_at, updated_at, "
                                  "name_from_resume) VALUES (:id, :name, 'manual', :now, :now, false)"),
                             {"id": cid, "name": f"Person {cid}", "now": now})
                conn.execute(text("INSERT INTO search_documents (candidate_id, body, skills, degrees, institutions, "
                                  "updated_at, location, years, archived) VALUES (:id, 'analyst', '|', '|', '|', "
                                  ":now, :location, :years, :archived)"),
                             {"id": cid, "now": now, "location": location, "years": years, "archived": cid == 3})
        upgrade(revision="0025")
        sqlite = db.engine.dialect.name == "sqlite"
        with db.engine.connect() as conn:
            names = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars()) if sqlite else set()
            if sqlite:
                rows = conn.execute(text(f"SELECT candidate_id, archived, years, location FROM {SEARCH_FILTERS} "
                                         "ORDER BY candidate_id")).all()
                assert [tuple(r) for r in rows] == [(1, 0, 2.0, "pune"), (2, 0, None, None), (3, 1, 7.5, "kochi")]
        assert (SEARCH_FILTERS in names) == sqlite
        downgrade(revision="0023")
        upgrade()
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE search_documents SET location = 'mumbai', archived = false WHERE candidate_id = 3"))
            conn.execute(text("DELETE FROM search_documents WHERE candidate_id = 2"))
        db.session.remove()
        assert _filters_in_step()
        if sqlite:
            assert db.session.scalar(text(f"SELECT location FROM {SEARCH_FILTERS} WHERE candidate_id = 3")) == "mumbai"
