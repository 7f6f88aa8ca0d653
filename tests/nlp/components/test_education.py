"""recruit_education: degree, field, institution, year and grade of each entry."""
from nlp.resume import Education
from tests.nlp.components.blank import build


def test_an_entry_with_its_degree_field_school_year_and_grade():
    text = "EDUCATION\nB.Tech in Computer Science\nNational Institute of Technology, Trichy\n2016 | CGPA 8.4/10\n"
    record = build("recruit_sections", "recruit_education")(text)._.recruit_record
    [entry] = record.education
    assert entry == Education(institution="National Institute of Technology", degree="B.Tech",
                              field="Computer Science", end="2016", grade="8.4/10")
    assert text[slice(*record.evidence["education.0.grade"])] == "8.4/10"


def test_without_an_education_heading_a_degree_line_is_still_read():
    record = build("recruit_sections", "recruit_education")("Asha Rao\nMBA, IIM Ahmedabad, 2014\n")._.recruit_record
    assert [(e.degree, e.end) for e in record.education] == [("MBA", "2014")]
