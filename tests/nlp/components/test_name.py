"""recruit_name: the candidate's name from the top of the resume, not a heading or a phrase."""
from tests.nlp.components.blank import build


def test_the_name_is_the_first_name_like_line():
    text = "RESUME\nAsha Rao\nSenior Equity Research Analyst\n"
    record = build("recruit_name")(text)._.recruit_record
    assert record.name == "Asha Rao"
    assert text[slice(*record.evidence["name"])] == "Asha Rao"


def test_a_labelled_name_and_no_name_at_all():
    assert build("recruit_name")("Name: Ravi Kumar\nPune\n")._.recruit_record.name == "Ravi Kumar"
    assert build("recruit_name")("Curriculum Vitae\nObjective\n")._.recruit_record.name is None
