"""Candidate search: full text over resumes and profiles with filters, behind one service.

SQLite uses an FTS5 table (``search_fts``, rowid = candidate id, BM25 ranking); PostgreSQL a GIN index
over ``to_tsvector('english', body)`` (``ts_rank_cd`` ranking of a bounded set of the matches, see
``_ranked_first``). Both read ``search_documents``, which ``index_candidate`` rebuilds whenever a candidate,
their parsed resume, corrections or tags change; it also copies the location and name (lower case) there, so
filters meet the text match in one table, and adds the profile's skills and job titles to ``search_terms``,
which ``suggest`` offers as the recruiter types. On SQLite a word search checks each text match's archived,
years and location in ``search_filters``, a narrow copy of those columns that triggers on ``search_documents``
keep (see recruit.models.workflow).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import and_, column, exists, func, literal_column, select, table, text, union_all

from recruit.extensions import db
from recruit.models import Application, Candidate, Resume, SavedSearch, SearchDocument, SearchTerm, Tag
from recruit.models.base import utcnow
from recruit.models.workflow import FTS_TABLE, SQLITE_FILTER_HINT, candidate_tags, search_filters
from recruit.services import blind, stored_features
from recruit.services.errors import InvalidInput
from recruit.services.listing import IdPage, contains, id_page
from recruit.services.lookup import dialect_insert, expire_loaded, hold
from recruit.services.profiles import latest_parsed_resume, profile_for
from recruit.services.text import squash

WORD = re.compile(r"[\w][\w+#.&'-]*", re.UNICODE)


def _bar(values) -> str:
    """``|a|b|`` in lower case, for LIKE filters on list columns."""
    cleaned = [squash(str(v).lower().replace("|", " ")) for v in values if v]
    return "|" + "|".join(dict.fromkeys(c for c in cleaned if c)) + "|"


def _dialect() -> str:
    return db.session.get_bind().dialect.name


# ------------------------------------------------------------------ indexing

def document_for(candidate: Candidate) -> dict:
    """The searchable text and filter values of one candidate."""
    return _document_and_terms(candidate)[0]


def _profile(candidate_id: int):
    """The candidate's latest parsed resume and their profile from it (both None without one)."""
    resume = latest_parsed_resume(candidate_id)
    return resume, profile_for(candidate_id, resume) if resume else None


def _document_and_terms(candidate: Candidate, resume=None, profile=None) -> tuple[dict, list[tuple[str, str]]]:
    """``document_for``'s values, and the ``(kind, value)`` skills and job titles the search box suggests; from
    ``resume`` and ``profile`` (``_profile``) when the caller has read them."""
    from nlp.vocab import degree_level

    if resume is None:
        resume, profile = _profile(candidate.id)
    parts = [candidate.name, candidate.headline, candidate.location, candidate.email,
             candidate.phone, candidate.phone[-10:] if candidate.phone else None]
    skills, degrees, institutions, years, titles = [], [], [], None, []
    if profile:
        skills = [s["name"] for s in profile.get("skills") or []]
        for job in profile.get("experience") or []:
            parts += [job.get("title"), job.get("employer"), job.get("location")]
            titles.append(job.get("title"))
        for ed in profile.get("education") or []:
            parts += [ed.get("degree"), ed.get("field"), ed.get("institution")]
            institutions.append(ed.get("institution"))
        degrees = sorted({level for ed in profile.get("education") or []
                          if (level := degree_level(" ".join(x for x in (ed.get("degree"), ed.get("field")) if x)))})
        degrees = sorted(set(degrees) | {level for c in profile.get("certifications") or [] if (level := degree_level(c))})
        parts += skills + list(profile.get("certifications") or []) + list(profile.get("languages") or [])
        years = profile.get("total_experience_years")
    parts += [t.name for t in candidate.tags]
    body = "\n".join(p for p in parts if p)
    if resume is not None and resume.extracted_text:
        body += "\n" + resume.extracted_text[:100_000]
    terms = [("skill", v) for v in skills] + [("title", v) for v in titles]
    terms = [(kind, squash(v)[:200]) for kind, v in terms if v and squash(v)]
    return {"body": body, "skills": _bar(skills), "degrees": _bar(degrees), "institutions": _bar(institutions),
            "years": years, "location": candidate.location.lower()[:200] if candidate.location else None,
            "name": candidate.name.lower()[:200] if candidate.name else None,
            "archived": candidate.archived_at is not None}, terms


def index_candidate(candidate_id: int, *, commit: bool = True) -> None:
    candidate = db.session.get(Candidate, candidate_id)
    if candidate is None:
        remove(candidate_id, commit=commit)
        return
    # Held until this transaction ends and read again, so what the document copies of the candidate (whether they
    # are archived) cannot change between reading and writing: a recruiter archiving someone while the worker
    # indexes their new resume waits, or is waited for, and the document ends as the candidate does.
    hold(candidate)
    resume, profile = _profile(candidate_id)  # read once for the document and the scorer's features
    values, terms = _document_and_terms(candidate, resume, profile)
    # One upsert, so two requests indexing the same candidate at once (simultaneous applications) both succeed.
    row = {**values, "updated_at": utcnow()}
    db.session.execute(dialect_insert(SearchDocument).values(candidate_id=candidate_id, **row)
                       .on_conflict_do_update(index_elements=["candidate_id"], set_=row))
    if terms:
        folded = {(v.lower(), kind): v for kind, v in terms}
        db.session.execute(dialect_insert(SearchTerm).values(
            [{"folded": f, "kind": kind, "value": v} for (f, kind), v in folded.items()]).on_conflict_do_nothing())
    expire_loaded(SearchDocument, candidate_id)
    # the scorer's features, for matching the talent pool
    stored_features.store(candidate_id, stored_features.features_of(resume, profile))
    if _dialect() == "sqlite":
        db.session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": candidate_id})
        db.session.execute(text(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (:id, :body)"),
                           {"id": candidate_id, "body": values["body"]})
    if commit:
        db.session.commit()


def mark_archived(candidate_id: int, archived: bool, *, commit: bool = True) -> None:
    """Keep the search document's copy of whether the candidate is archived (see ``SearchDocument.archived``)."""
    db.session.execute(SearchDocument.__table__.update().where(SearchDocument.candidate_id == candidate_id)
                       .values(archived=archived))
    expire_loaded(SearchDocument, candidate_id)
    if commit:
        db.session.commit()


def remove(candidate_id: int, *, commit: bool = True) -> None:
    db.session.execute(SearchDocument.__table__.delete().where(SearchDocument.candidate_id == candidate_id))
    stored_features.forget(candidate_id)
    if _dialect() == "sqlite":
        db.session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": candidate_id})
    if commit:
        db.session.commit()


def index_missing(limit: int | None = None) -> int:
    """Index candidates that have no search document yet (after an upgrade, or a lost task)."""
    stmt = (select(Candidate.id).outerjoin(SearchDocument, SearchDocument.candidate_id == Candidate.id)
            .where(SearchDocument.candidate_id.is_(None)).order_by(Candidate.id))
    ids = list(db.session.scalars(stmt.limit(limit) if limit else stmt))
    for n, candidate_id in enumerate(ids, 1):
        index_candidate(candidate_id, commit=n % 200 == 0)
    db.session.commit()
    return len(ids)


def reindex_all() -> int:
    ids = list(db.session.scalars(select(Candidate.id).order_by(Candidate.id)))
    for n, candidate_id in enumerate(ids, 1):
        index_candidate(candidate_id, commit=n % 200 == 0)
    db.session.commit()
    return len(ids)


# ------------------------------------------------------------------ searching

@dataclass
class Query:
    q: str = ""
    skills: list[str] = field(default_factory=list)
    min_years: float | None = None
    max_years: float | None = None
    degree: str = ""
    institution: str = ""
    location: str = ""
    source: str = ""
    stage: str = ""
    job_id: int | None = None
    tags: list[str] = field(default_factory=list)
    added_from: date | None = None
    added_to: date | None = None
    has_resume: str = ""  # yes, no
    archived: bool = False
    sort: str = ""  # relevance (with words), score, newest, name

    @property
    def has_words(self) -> bool:
        return bool(WORD.findall(self.q))


SORTS = {"relevance": "Best match", "score": "Highest score", "newest": "Newest first", "oldest": "Oldest first",
         "name": "Name A–Z"}


def _fts5_query(q: str) -> str:
    """User words as an FTS5 query: every word must appear (prefix match on the last one), quoted so
    nothing the user types is read as FTS5 syntax."""
    words = [w.replace('"', "") for w in WORD.findall(q)][:20]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    if len(words[-1]) >= 3:
        quoted[-1] += "*"
    return " ".join(quoted)


def search(query: Query, *, page: int = 1, per_page: int = 25):
    """Candidates matching ``query``, as a page (see ``best_scores`` for their scores)."""
    # One query of the best 1,001 ids gives the page and the capped total (one ranking instead of two). On
    # SQLite the ranked page plus a count had the better tail while the matches were joined to candidates; since
    # they are not, the one query is the faster there too (benchmarks/RESULTS.md, issue 24, s28).
    found = id_page(_ids(query), model=Candidate, count_select=_ids(query, counting=True), page=page,
                    per_page=per_page, one_query=True)
    # Said on the page: a broad word search over more than RECENT candidates may have ranked a bounded set of its
    # matches (``_ranked_first``), so an older best match shows once the search is narrowed. Only a capped total
    # can have been (below the cap every match was ranked); knowing whether it was would cost a second count.
    found.bounded = RECENT if (found.capped and query.has_words and _order(query) == "relevance"
                               and _dialect() == "postgresql" and _newest_id() > RECENT) else 0
    return found


def _newest_id() -> int:
    """The newest candidate id that has a search document (an index's last entry)."""
    return db.session.scalar(select(func.max(SearchDocument.candidate_id))) or 0


def _has_filter_index() -> bool:
    """Whether this SQLite database has the filters' index (made with the table and by migration 0022), asked on
    every word search (a lookup in SQLite's own catalogue, microseconds): ``INDEXED BY`` an index that is missing
    (dropped by hand, or a table made before it) fails the query, so without it the search runs unhinted, slower
    but right."""
    found = db.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index' AND name = :name"),
                               {"name": SQLITE_FILTER_HINT.split()[-1]})
    return found.first() is not None


def matching_ids(query: Query, *, limit: int) -> list[int]:
    """The ids of the best ``limit`` candidates for ``query``, in order, without counting them all."""
    return list(db.session.scalars(_ids(query).limit(limit)))


RECENT = 100_000  # with more candidates, PostgreSQL ranks a broad word search's matches among the newest this many
RANKED = 5000  # ... the newest this many of them at most (see _ranked_first)


def _ranked_first(stmt, vector, tsquery):
    """PostgreSQL: ``stmt``'s matches ranked by ``ts_rank_cd`` (then the newest first), ranking a bounded number
    when there are many candidates.

    Ranking reads each match's stored tsvector from the table, one row each: a broad search at a million
    candidates (20,000-28,000 matches with a location and years) spent most of its time reading rows nobody
    pages to. So when the candidates outnumber ``RECENT`` (by the newest id), the matches among the newest
    ``RECENT`` ids are ranked if there are more than a page-and-total's worth (``IdPage.cap``) of them (an index
    range ANDed with the text index, so only those rows are read), the newest ``RANKED`` of them at most;
    otherwise, and always below ``RECENT`` candidates, every match is, as before. One statement: the fallback's
    scan runs only when the newest matches are too few. Ties already went to the newest, so a search whose best
    matches are many keeps most of its first page; one whose best match is older than the newest ``RECENT``
    shows it once narrowed, and the page says so (``IdPage.bounded``; benchmarks/RESULTS.md, issue 24, s30)."""
    tsv = vector.label("tsv")
    newest = _newest_id()
    if newest > RECENT:
        recent = stmt.where(SearchDocument.candidate_id > newest - RECENT).add_columns(tsv) \
            .order_by(SearchDocument.candidate_id.desc()).limit(RANKED).cte("recent")
        enough = select(func.count()).select_from(recent).scalar_subquery() > IdPage.cap
        found = union_all(select(recent.c.candidate_id, recent.c.tsv).where(enough),
                          select(stmt.add_columns(tsv).subquery("everything")).where(~enough)).subquery("found")
    else:
        found = stmt.add_columns(tsv).subquery("found")
    return select(found.c.candidate_id).order_by(func.ts_rank_cd(found.c.tsv, tsquery).desc(),
                                                 found.c.candidate_id.desc())


def _order(query: Query) -> str:
    """The order a search's results are in: the one asked for, else best match for words and newest without."""
    sort = query.sort if query.sort in SORTS else ""
    sort = sort or ("relevance" if query.has_words else "newest")
    return "newest" if sort == "relevance" and not query.has_words else sort


def some_matching_ids(words: str, *, limit: int) -> list[int]:
    """Up to ``limit`` ids of candidates (not archived) whose documents have all of ``words`` (as ``Query.q``
    reads them), in no particular order: no ranking, so the index's matches are read only until there are
    enough, however many there are (``matching_ids`` ranks every match first). For a caller that ranks the
    candidates itself: the talent pool match scores them."""
    if not WORD.findall(words):
        return []
    if _dialect() == "sqlite":
        fts = table(FTS_TABLE, column("rowid"))
        stmt = (select(SearchDocument.candidate_id).join(fts, fts.c.rowid == SearchDocument.candidate_id)
                .where(text(f"{FTS_TABLE} MATCH :match").bindparams(match=_fts5_query(words))))
    else:
        tsquery = func.websearch_to_tsquery(literal_column("'english'::regconfig"), words)
        stmt = select(SearchDocument.candidate_id).where(literal_column("search_documents.tsv").op("@@")(tsquery))
    return list(db.session.scalars(stmt.where(SearchDocument.archived.is_(False)).limit(limit)))


def _ids(query: Query, *, counting: bool = False):
    """The search as one SELECT of candidate ids, in the page's order; ``counting`` leaves out what only
    ordering needs (ranks).

    When a filter reads the search documents they are the table searched, and ``candidates`` is joined only
    if a filter or the order reads it (source, date added, name or date order): the words, the document filters
    and whether the candidate is archived are then all in one table, so a broad search ranks and pages its
    matches without joining every one of them to candidates (benchmarks/RESULTS.md, issue 24)."""
    needs_doc = query.has_words or query.skills or query.degree or query.institution or \
        query.min_years is not None or query.max_years is not None
    sort = _order(query)
    needs_candidate = not needs_doc or bool(query.source or query.added_from or query.added_to) or \
        sort in ("name", "oldest", "newest")
    # SQLite, words and no filter but those ``search_filters`` copies (archived, years, location): that narrow table
    # is the one each text match is checked against (see recruit.models.workflow), not the documents.
    narrow = query.has_words and not (query.skills or query.degree or query.institution) and _dialect() == "sqlite"
    doc = search_filters.c if narrow else SearchDocument
    if needs_doc:
        candidate_id = doc.candidate_id
        stmt = select(candidate_id)
        if needs_candidate:
            stmt = stmt.join(Candidate, Candidate.id == candidate_id)
        stmt = stmt.where(doc.archived == query.archived)
    else:
        candidate_id = Candidate.id
        stmt = select(candidate_id).where(
            Candidate.archived_at.isnot(None) if query.archived else Candidate.archived_at.is_(None))
    rank = ranked_by = None
    if query.has_words:
        if _dialect() == "sqlite":
            # A subquery SQLite flattens into the join: bm25 is computed only for the matches the filters keep.
            columns = {"candidate_id": "rowid"} if counting else {"candidate_id": "rowid", "rank": f"bm25({FTS_TABLE})"}
            fts = text(f"SELECT {', '.join(f'{v} AS {k}' for k, v in columns.items())} FROM {FTS_TABLE} "
                       f"WHERE {FTS_TABLE} MATCH :match").bindparams(match=_fts5_query(query.q)) \
                .columns(*map(literal_column, columns)).subquery("fts")
            stmt = stmt.join(fts, fts.c.candidate_id == candidate_id)
            if not narrow and _has_filter_index():
                stmt = stmt.with_hint(SearchDocument, SQLITE_FILTER_HINT, dialect_name="sqlite")
            rank = None if counting else fts.c.rank.asc()  # bm25: lower is better
        else:
            # The stored tsvector column (see recruit.models.workflow), indexed with GIN.
            english = literal_column("'english'::regconfig")
            tsquery = func.websearch_to_tsquery(english, query.q)
            vector = literal_column("search_documents.tsv")
            stmt = stmt.where(vector.op("@@")(tsquery))
            ranked_by = (vector, tsquery)  # see _ranked_first
    for skill in query.skills:
        stmt = stmt.where(SearchDocument.skills.like(contains("|" + skill.strip().lower() + "|"), escape="\\"))
    if query.degree:
        stmt = stmt.where(SearchDocument.degrees.like(contains("|" + query.degree.lower() + "|"), escape="\\"))
    if query.institution:
        stmt = stmt.where(SearchDocument.institutions.like(contains(query.institution), escape="\\"))
    if query.min_years is not None:
        stmt = stmt.where(doc.years >= query.min_years)
    if query.max_years is not None:
        stmt = stmt.where(doc.years <= query.max_years)
    if query.location and needs_doc:
        # The document's copy, so the text match and this filter meet in one table (and, on PostgreSQL, two
        # bitmap indexes) before anything is ranked or joined; see benchmarks/RESULTS.md.
        stmt = stmt.where(doc.location.like(contains(query.location), escape="\\"))
    elif query.location:
        stmt = stmt.where(func.lower(Candidate.location).like(contains(query.location), escape="\\"))
    if query.source:
        stmt = stmt.where(Candidate.source == query.source)
    if query.stage or query.job_id:
        conditions = [Application.candidate_id == candidate_id]
        if query.stage:
            conditions.append(Application.stage == query.stage)
        if query.job_id:
            conditions.append(Application.job_id == query.job_id)
        stmt = stmt.where(exists().where(and_(*conditions)))
    for tag in query.tags:
        stmt = stmt.where(exists().where(candidate_tags.c.candidate_id == candidate_id,
                                         candidate_tags.c.tag_id == Tag.id, Tag.name == tag.strip().lower()))
    if query.added_from:
        stmt = stmt.where(Candidate.created_at >= datetime.combine(query.added_from, time.min, timezone.utc))
    if query.added_to:
        stmt = stmt.where(Candidate.created_at <= datetime.combine(query.added_to, time.max, timezone.utc))
    if query.has_resume in ("yes", "no"):
        has = exists().where(Resume.candidate_id == candidate_id)
        stmt = stmt.where(has if query.has_resume == "yes" else ~has)
    if counting:
        return stmt
    if sort == "relevance" and ranked_by:
        return _ranked_first(stmt, *ranked_by)
    if sort == "relevance":
        return stmt.order_by(rank, candidate_id.desc())
    if sort == "score":
        conditions = [Application.candidate_id == candidate_id]
        if query.job_id:
            conditions.append(Application.job_id == query.job_id)
        best = select(func.max(Application.score)).where(*conditions).scalar_subquery()
        return stmt.order_by(best.desc().nulls_last(), candidate_id.desc())
    if sort == "name":
        return stmt.order_by(func.lower(Candidate.name), candidate_id)
    if sort == "oldest":
        return stmt.order_by(Candidate.created_at, candidate_id)
    return stmt.order_by(Candidate.created_at.desc(), candidate_id.desc())


def best_scores(candidate_ids: list[int], job_id: int | None = None) -> dict[int, float]:
    """Each candidate's best score (on one job, if given), for a page of results."""
    if not candidate_ids:
        return {}
    stmt = (select(Application.candidate_id, func.max(Application.score))
            .where(Application.candidate_id.in_(candidate_ids), Application.score.isnot(None))
            .group_by(Application.candidate_id))
    if job_id:
        stmt = stmt.where(Application.job_id == job_id)
    return dict(db.session.execute(stmt).all())


def query_from_args(args) -> Query:
    """A ``Query`` from the search page's URL arguments (bad values are ignored, not errors)."""
    def number(name):
        try:
            value = float(args.get(name, ""))
            return value if 0 <= value <= 60 else None
        except ValueError:
            return None

    def day(name):
        try:
            return date.fromisoformat(args.get(name, ""))
        except ValueError:
            return None

    def items(name):
        raw = args.getlist(name) if hasattr(args, "getlist") else [args.get(name, "")]
        return [v.strip() for part in raw for v in part.split(",") if v.strip()][:10]

    return Query(q=args.get("q", "")[:200], skills=items("skills"), min_years=number("min_years"),
                 max_years=number("max_years"), degree=args.get("degree", "")[:40],
                 institution=args.get("institution", "")[:120], location=args.get("location", "")[:120],
                 source=args.get("source", "")[:20], stage=args.get("stage", "")[:30],
                 job_id=args.get("job", type=int) if hasattr(args, "getlist") else None,
                 tags=items("tags"), added_from=day("added_from"), added_to=day("added_to"),
                 has_resume=args.get("resume", ""), archived=args.get("archived") == "1",
                 sort=args.get("sort", "")[:20])



# ------------------------------------------------------------------ suggestions as the recruiter types

SUGGEST_KINDS = {"skill": "Skill", "title": "Job title", "name": "Candidate"}
NAMES_READ = 16  # distinct names read for one answer at most: blind review may hide some of them

# A skip scan of search_documents.name (its index), in one statement on both databases: each step seeks the
# first candidate, not archived or erased, whose name comes after the previous step's, so the names read cost
# one index seek each however many candidates share them (thousands of "Asha Rao" in a million).
_NAMES_SQL = """
WITH RECURSIVE found(candidate_id, name, step) AS (
    SELECT d.candidate_id, d.name, 1 FROM search_documents d WHERE d.candidate_id = (
        SELECT s.candidate_id FROM search_documents s JOIN candidates c ON c.id = s.candidate_id
        WHERE s.name >= :low AND s.name < :high AND s.name LIKE :pattern ESCAPE '\\'
          AND c.archived_at IS NULL AND c.erased_at IS NULL
        ORDER BY s.name LIMIT 1)
    UNION ALL
    SELECT d.candidate_id, d.name, found.step + 1 FROM found JOIN search_documents d ON d.candidate_id = (
        SELECT s.candidate_id FROM search_documents s JOIN candidates c ON c.id = s.candidate_id
        WHERE s.name > found.name AND s.name < :high AND s.name LIKE :pattern ESCAPE '\\'
          AND c.archived_at IS NULL AND c.erased_at IS NULL
        ORDER BY s.name LIMIT 1)
    WHERE found.step < :steps
)
SELECT found.candidate_id, candidates.name FROM found JOIN candidates ON candidates.id = found.candidate_id
ORDER BY found.step
"""


def _prefix_range(column, prefix: str):
    """``column`` starts with ``prefix`` (already lower case): an index range on both databases (the upper
    bound is the prefix with its last character's successor), and LIKE to be exact under any collation."""
    return and_(column >= prefix, column < _after(prefix), column.like(contains(prefix)[1:], escape="\\"))


def _after(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _visible_names(viewer, prefix: str, wanted: int) -> list[str]:
    """Up to ``wanted`` distinct names starting with ``prefix`` of candidates ``viewer`` may see, in name order.

    Each distinct name is read with its first candidate in the index (not archived or erased; ordering by the
    name alone keeps each seek one index step on PostgreSQL, whose index has no id to sort on), offered when
    ``viewer`` may see that candidate (blind review hides the others, see ``recruit.services.blind``): a name
    whose first candidate is hidden is left out, even if another candidate has it too."""
    if _dialect() == "postgresql":
        # The planner cannot know each recursive step is one index seek: at a million candidates it prices a prefix
        # few names have over JIT's thresholds, and compiling the statement took 2.3 s of a 2.5 s answer whose
        # execution is under a millisecond (benchmarks/RESULTS.md, issue 24, s30). For this transaction only.
        db.session.execute(text("SET LOCAL jit = off"))
    rows = db.session.execute(text(_NAMES_SQL), {"low": prefix, "high": _after(prefix),
                                                 "pattern": contains(prefix)[1:], "steps": NAMES_READ}).all()
    hidden = blind.labels_for(viewer, [cid for cid, _ in rows])
    return list(dict.fromkeys(name for cid, name in rows if cid not in hidden))[:wanted]


def suggest(viewer, typed: str, *, limit: int = 8) -> list[dict]:
    """What the search box offers for ``typed`` (2 characters or more): skills and job titles candidates
    have, then names of candidates ``viewer`` may see (blind review hides the others, see
    ``recruit.services.blind``), each ``{"value", "kind", "label"}``."""
    prefix = squash(typed).lower()[:100]
    if len(prefix) < 2:
        return []
    terms = db.session.execute(select(SearchTerm.value, SearchTerm.kind)
                               .where(_prefix_range(SearchTerm.folded, prefix))
                               .order_by(SearchTerm.folded, SearchTerm.kind).limit(limit)).all()
    found = [{"value": value, "kind": kind} for value, kind in terms]
    room = limit - min(len(found), limit // 2)  # names get at least half the list when there are some
    names = _visible_names(viewer, prefix, room)
    found = found[:limit - len(names)] + [{"value": name, "kind": "name"} for name in names]
    return [{**item, "label": SUGGEST_KINDS[item["kind"]]} for item in found]


# ------------------------------------------------------------------ saved searches

def saved_searches(user_id: int) -> list:
    return list(db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id)
                                   .order_by(SavedSearch.name)))


def save_search(user_id: int, name: str, query_string: str):
    """Keep (or replace) a named search of this user: the query string of the search page."""
    from urllib.parse import parse_qsl, urlencode


    name = squash(name)
    if not name or len(name) > 120:
        raise InvalidInput("Give the search a name of up to 120 characters.", field="name")
    pairs = [(k, v) for k, v in parse_qsl(query_string or "", keep_blank_values=False) if k != "page"]
    if not pairs:
        raise InvalidInput("Search for something first, then save it.")
    saved = db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id,
                                                         SavedSearch.name == name)).first()
    if saved is None:
        saved = SavedSearch(user_id=user_id, name=name)
        db.session.add(saved)
    saved.query = urlencode(pairs)[:4000]
    db.session.commit()
    return saved


def delete_search(user_id: int, search_id: int) -> None:
    db.session.execute(SavedSearch.__table__.delete().where(SavedSearch.id == search_id,
                                                            SavedSearch.user_id == user_id))
    db.session.commit()
