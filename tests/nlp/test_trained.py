"""The trained entity model beside the rules: absent, it leaves the rules' parse; present, its proposals
are fitted into jobs and education entries only when the rules accept their shape."""
import warnings

import pytest
import spacy

from nlp import combine
from nlp.components.record import ResumeRecord
from nlp.components.trained import STRATEGY, TrainedEntities
from nlp.model import MODEL_DIR, chooses_checkpoint, kept_back, load, write_corpora
from nlp.resume import Education, Experience


def test_without_the_model_the_rules_parse_stands_with_a_warning(tmp_path):
    """Does a missing model leave the resume parsed by rules, and say so once?"""
    nlp = spacy.blank("en")
    proc = nlp.add_pipe("recruit_model", config={"model": str(tmp_path / "nowhere")})
    with pytest.warns(UserWarning, match="parsed by rules alone"):
        proc.initialize(nlp=nlp)
    doc = nlp.make_doc("Analyst\nCrisil\n2019 - 2021\n")
    doc._.recruit_record = ResumeRecord(experience=[Experience(title="Analyst", employer="Crisil")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # loaded once per process: no second warning
        doc = proc(doc)
    assert doc._.recruit_record.experience == [Experience(title="Analyst", employer="Crisil")]
    assert not doc._.recruit_record.sources


def test_rules_only_never_loads_a_model(tmp_path):
    proc = TrainedEntities(model=str(tmp_path / "nowhere"), strategy=combine.RULES_ONLY)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        proc.initialize()


TEXT = ("Ravi Kumar\nPune\n\nMarket Research Analyst\nKantar Analytics\nJune 2016 - March 2019\n\n"
        "EDUCATION\nMBA\nXavier Institute of Management\n2016\n")


def ents(*pieces):
    out = []
    for piece, label in pieces:
        start = TEXT.index(piece)
        out.append((start, start + len(piece), label))
    return out


def test_a_job_the_rules_missed_is_added_with_its_dates():
    """Where the rules found no job, does the model's title and employer become one, dated?"""
    out = ResumeRecord()
    combine.combine(out, TEXT, ents(("Market Research Analyst", "TITLE"), ("Kantar Analytics", "EMPLOYER")),
                    STRATEGY)
    [job] = out.experience
    assert (job.title, job.employer, job.start, job.end) == (
        "Market Research Analyst", "Kantar Analytics", "2016-06", "2019-03")
    assert out.sources["experience.0.title"] == "model"
    assert TEXT[slice(*out.evidence["experience.0.employer"])] == "Kantar Analytics"


def test_the_model_fills_the_rules_entry_it_matches_instead_of_adding_one():
    out = ResumeRecord(experience=[Experience(title="Market Research Analyst", start="2016-06", end="2019-03")],
                       education=[Education(degree="MBA", end="2016")])
    combine.combine(out, TEXT, ents(("Market Research Analyst", "TITLE"), ("Kantar Analytics", "EMPLOYER"),
                                    ("MBA", "DEGREE"), ("Xavier Institute of Management", "INSTITUTION")),
                    STRATEGY)
    assert [j.employer for j in out.experience] == ["Kantar Analytics"]
    assert [e.institution for e in out.education] == ["Xavier Institute of Management"]


def test_a_sentence_or_a_date_is_not_taken_as_a_title():
    assert not combine.plausible("I was responsible for the monthly reports", "TITLE")
    assert not combine.plausible("June 2016 - March 2019", "EMPLOYER")
    assert not combine.plausible("ravi@example.com", "SKILL")
    assert combine.plausible("Senior Analyst", "TITLE")


def test_the_development_split_is_fixed():
    """Is the same fifth of the labelled resumes kept back on every run?"""
    ids = [f"{n:04x}" for n in range(500)]
    chosen = [i for i in ids if kept_back(i)]
    assert chosen == [i for i in ids if kept_back(i)] and 60 < len(chosen) < 140


def test_checkpoints_are_chosen_outside_the_kept_back_split(tmp_path):
    """Does training pick its best checkpoint on training-side resumes only, so the kept-back figures stay
    unseen, and leave the kept-back resumes out of both files it writes?"""
    from spacy.tokens import DocBin

    ids = [f"{n:04x}" for n in range(500)]
    checkpoint = [i for i in ids if chooses_checkpoint(i)]
    assert 25 < len(checkpoint) < 90 and not any(kept_back(i) for i in checkpoint)
    rows = [{"id": i, "text": f"Resume {i}\nAnalyst at Acme", "spans": []} for i in ids[:80]]
    n_train, n_dev = write_corpora(rows, tmp_path)
    vocab = spacy.blank("en").vocab
    texts = {d.text.split("\n")[0].split()[1] for name in ("train", "dev")
             for d in DocBin().from_disk(tmp_path / f"{name}.spacy").get_docs(vocab)}
    assert n_train + n_dev == len(texts) == sum(not kept_back(i) for i in ids[:80])
    assert not any(kept_back(i) for i in texts)


@pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(), reason="the shipped model is not built")
def test_the_shipped_model_loads_once_and_finds_a_title():
    model = load()
    assert load() is model
    doc = model("Rahul Sharma\nSenior Software Engineer\nInfosys Limited - Pune, Maharashtra\n"
                "June 2015 to Present\n")
    assert {e.label_ for e in doc.ents} & {"TITLE", "EMPLOYER", "LOCATION"}


def test_the_rules_tidy_what_the_model_reads():
    """Is a model employer with its city ("Cisco Bangalore") kept as the employer alone, evidence moved?"""
    text = "Network Engineer\nCisco Bangalore\n2015 - 2018\n"
    out = ResumeRecord()
    combine.combine(out, text, [(0, 16, "TITLE"), (17, 32, "EMPLOYER")], STRATEGY)
    assert out.experience[0].employer == "Cisco"
    assert text[slice(*out.evidence["experience.0.employer"])] == "Cisco"


def test_where_the_model_replaces_the_rules_its_value_goes_into_their_entry():
    """With degrees taken from the model, is the rules' dated entry given the model's degree (one entry, not
    an undated copy beside an emptied one)?"""
    out = ResumeRecord(education=[Education(degree="MBA", end="2016")])
    out.evidence["education.0.degree"] = [TEXT.index("MBA"), TEXT.index("MBA") + 3]
    combine.combine(out, TEXT, ents(("MBA", "DEGREE"), ("Xavier Institute of Management", "INSTITUTION")),
                    {**STRATEGY, "degrees": "model"})
    assert [(e.degree, e.institution, e.end) for e in out.education] == [("MBA", "Xavier Institute of Management",
                                                                          "2016")]
    assert out.sources["education.0.degree"] == "model"


def test_evidence_follows_its_entry_when_an_emptied_one_is_dropped():
    """A job the model did not read loses the values the model replaces and is dropped: does the evidence of the
    job that stays move to its new place (and the dropped job's description go with it), so every key names the
    entry it was read for?"""
    text = ("Ravi Kumar\n\nResearch Analyst\nAcme Research\nCovered Indian banks for clients.\n\n"
            "Senior Associate\nBeta Analytics\nJan 2019 - Mar 2021\n")
    out = ResumeRecord(experience=[Experience(title="Research Analyst", employer="Acme Research",
                                              description="Covered Indian banks for clients."),
                                   Experience(title="Senior Associate", employer="Beta Analytics", start="2019-01",
                                              end="2021-03")])
    for slot, piece in [("title", "Research Analyst"), ("employer", "Acme Research"),
                        ("description", "Covered Indian banks for clients.")]:
        out.evidence[f"experience.0.{slot}"] = [text.index(piece), text.index(piece) + len(piece)]
    out.evidence["experience.1.title"] = [text.index("Senior Associate"), text.index("Senior Associate") + 16]
    model = [(text.index("Senior Associate"), text.index("Senior Associate") + 16, "TITLE"),
             (text.index("Beta Analytics"), text.index("Beta Analytics") + 14, "EMPLOYER")]
    combine.combine(out, text, model, {**STRATEGY, "titles": "model", "employers": "model"})
    assert [(j.title, j.employer) for j in out.experience] == [("Senior Associate", "Beta Analytics")]
    for name, (a, b) in out.evidence.items():
        if name.startswith("experience."):
            assert name.startswith("experience.0."), name
            slot = name.rsplit(".", 1)[1]
            if slot in ("title", "employer"):
                assert text[a:b] == getattr(out.experience[0], slot), name
    assert "experience.0.description" not in out.evidence
    assert {k for k in out.sources if k.startswith("experience.")} <= {"experience.0.title", "experience.0.employer"}


def test_a_title_the_model_reads_is_a_role_not_a_school_or_a_line_of_work():
    """Are a school, a school level, a line of work and a cut-off phrase kept out of the model's titles?"""
    for value in ("Jawaharlal Nehru Technological University", "Senior Secondary", "Data Entry",
                  "Freelance Development", "OPERATIONS MANAGER ("):
        assert not combine.plausible(value, "TITLE"), value
    for value in ("Technology Analyst", "Sr Test Engineer", "Paralegal Supervisor", "Vice President of Operations"):
        assert combine.plausible(value, "TITLE"), value


def test_a_title_on_the_line_of_a_job_the_rules_read_goes_into_that_job():
    """Where the rules read the dates and the employer of "Engineering Intern 03/2010 to 12/2010 Arcadis" but
    not its title, is the model's title that job's, not a job of its own?"""
    text = "Experience\nEngineering Intern 03/2010 to 12/2010 Arcadis\nSurveyed sites.\n"
    job = Experience(employer="Arcadis", start="2010-03", end="2010-12")
    at = text.index("Arcadis")
    out = ResumeRecord(experience=[job], evidence={"experience.0.employer": [at, at + len("Arcadis")]})
    start = text.index("Engineering Intern")
    combine.combine(out, text, [(start, start + len("Engineering Intern"), "TITLE")], STRATEGY)
    assert [(j.title, j.employer, j.start) for j in out.experience] == [("Engineering Intern", "Arcadis", "2010-03")]
