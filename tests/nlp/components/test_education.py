"""recruit_education: degree, field, institution, year and grade of each entry."""
from nlp.resume import Education
from tests.nlp.components.blank import build


def test_an_entry_with_its_degree_field_school_year_and_grade():
    text = "EDUCATION\nB.Tech in Computer Science\nNational Institute of Technology, Trichy\n2016 | CGPA 8.4/10\n"
    record = build("recruit_sections", "recruit_education")(text)._.recruit_record
    [entry] = record.education
    assert entry == Education(institution="National Institute of Technology", degree="B.Tech",
                              field="Computer Science", end="2016", grade="CGPA 8.4/10")
    assert text[slice(*record.evidence["education.0.grade"])] == "CGPA 8.4/10"


def test_without_an_education_heading_a_degree_line_is_still_read():
    record = build("recruit_sections", "recruit_education")("Asha Rao\nMBA, IIM Ahmedabad, 2014\n")._.recruit_record
    assert [(e.degree, e.end) for e in record.education] == [("MBA", "2014")]


def education(text: str) -> list[Education]:
    return build("recruit_sections", "recruit_education")(text)._.recruit_record.education


def test_a_grade_is_kept_apart_from_the_school_with_its_kind():
    """Is "NEW YORK UNIVERSITY GPA: GPA: 3.93 UNCF" the school New York University with a GPA of 3.93?"""
    text = ("Education\nBachelor of Arts : Chemistry Mathematics and Chinese May 1998 NEW YORK UNIVERSITY GPA: GPA: "
            "3.93 UNCF - Merck\n")
    [entry] = education(text)
    assert (entry.institution, entry.grade, entry.field, entry.end) == (
        "NEW YORK UNIVERSITY", "GPA 3.93", "Chemistry Mathematics and Chinese", "1998")
    assert education("Education\nB.E from University of Madras in 2007 with an aggregate of 62%\n")[0].institution \
        == "University of Madras"
    assert education("EDUCATION\nBachelor of Science 2004\nSkidmore College GPA: Cum Laude Graduated with "
                     "Departmental Honors\n")[0].institution == "Skidmore College"


def test_a_scholarship_is_not_a_degree():
    """Does "Undergraduate Science Research Scholarship" stay out of the degrees?"""
    text = ("Education\nBachelor of Arts : Chemistry May 1998 NEW YORK UNIVERSITY GPA: 3.93 UNCF - Merck\n"
            "Undergraduate Science Research Scholarship for Minorities GPA: 3.93\n")
    assert [e.degree for e in education(text)] == ["Bachelor of Arts"]


def test_a_masters_and_a_bachelors_on_one_line_are_two_entries():
    text = ("Education\nMaster of Business Administration : 1 2011 Bachelor of Science : Technical Management "
            "Accounting 1 2010 Keller Graduate School of Management of DeVry University\n")
    assert [(e.degree, e.end) for e in education(text)] == [("Master of Business Administration", "2011"),
                                                            ("Bachelor of Science", "2010")]
    # A degree with its abbreviation, or a diploma from a high school, is one entry.
    assert len(education("Education\nMaster of Business Administration (MBA), 2012\n")) == 1
    [school] = education("Education\nHigh School Diploma : 2013 Henry County High School | City , State\n")
    assert school.institution == "Henry County High School"


def test_a_field_and_a_school_on_one_line_are_told_apart():
    """Is "Degree : Nursing Northern Virginia Community College" the field Nursing at that college?"""
    [entry] = education("Education\nAssociate of Applied Science : Nursing Northern Virginia Community College City ,"
                        " State\n")
    assert (entry.degree, entry.field, entry.institution) == (
        "Associate of Applied Science", "Nursing", "Northern Virginia Community College")
    [entry] = education("Education\nBachelor of Science : Business Administration Valparaiso University\n")
    assert (entry.field, entry.institution) == ("Business Administration", "Valparaiso University")


def test_a_school_cut_at_a_line_break_is_read_whole():
    """Does "State University of New" / "York City , State" name the State University of New York?"""
    text = "Education\nMaster of Arts : Psychology , 2008 State University of New\nYork City , State\n"
    record = build("recruit_sections", "recruit_education")(text)._.recruit_record
    [entry] = record.education
    assert (entry.institution, entry.end) == ("State University of New York", "2008")
    assert text[slice(*record.evidence["education.0.institution"])] == "State University of New\nYork"
    assert education("Education\nB.A. in History\nUniversity of Pune\nKothrud\n")[0].institution == "University of Pune"


def test_dates_written_above_each_degree_belong_to_that_degree():
    """When each entry's years stand on a line above its degree, are the years above the bachelor's its own,
    not the end of the master's?"""
    text = ("EDUCATION\n2014-2016\nMaster of Science in Physics, University of Leeds\n2011-2014\n"
            "Bachelor of Science in Physics, University of York\n")
    assert [(e.degree, e.institution, e.start, e.end) for e in education(text)] == [
        ("Master of Science", "University of Leeds", "2014", "2016"),
        ("Bachelor of Science", "University of York", "2011", "2014")]


def test_dates_below_each_degree_stay_with_it():
    """Where every entry closes with its year, is the year above the next degree still the previous one's?"""
    text = "EDUCATION\nB.Tech in EEE\nNational Institute of Technology\n2016\nHSC\nKendriya Vidyalaya\n2012\n"
    assert [(e.degree, e.end) for e in education(text)] == [("B.Tech", "2016"), ("HSC", "2012")]


def test_a_school_written_above_its_degree_is_that_degrees_school():
    """In "BROWN UNIVERSITY, Providence, RI / Bachelor of Arts in History, May 2011 / Graduated with Honors",
    is Brown the school of the BA, and the school above the next degree that one's?"""
    text = ("EDUCATION\nBROWN UNIVERSITY, Providence, RI\nBachelor of Arts in History, May 2011\nGraduated with Honors\n"
            "Lakeside College\nSpringfield, Ohio\nAssociate of Arts, 2008\n")
    assert [(e.institution, e.degree, e.end) for e in education(text)] == [
        ("BROWN UNIVERSITY", "Bachelor of Arts", "2011"), ("Lakeside College", "Associate of Arts", "2008")]
    assert education("EDUCATION: Ridgeview University\nBachelor of Science in Physics, 2012\n")[0].institution \
        == "Ridgeview University"


def test_honours_are_part_of_the_degree_not_its_field():
    """Is "BSc (Hons) Sales Management" the degree BSc (Hons) in the field Sales Management, not "Hons"?"""
    [entry] = education("EDUCATION\nHartfield University\nBSc (Hons) Sales Management\n2008 - 2011\n")
    assert (entry.degree, entry.field, entry.institution, entry.end) == (
        "BSc (Hons)", "Sales Management", "Hartfield University", "2011")
    assert education("EDUCATION\nB.E (Computer Science), Anna University, 2012\n")[0].field == "Computer Science"
