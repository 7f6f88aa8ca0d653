"""recruit_sections: is a resume cut at its headings into the sections a recruiter would name?"""
from tests.nlp.components.blank import build


def test_headings_cut_the_resume_into_labelled_sections():
    """Do 'WORK EXPERIENCE' and 'Education:' start sections, with the name above them as the header?"""
    doc = build("recruit_sections")("Asha Rao\nasha@example.com\n\nWORK EXPERIENCE\nAnalyst, Crisil\n\n"
                                    "Education: MBA, IIM Ahmedabad 2014\n")
    record = doc._.recruit_record
    assert [(s["label"], s["heading"]) for s in record.sections] == [
        ("header", ""), ("experience", "WORK EXPERIENCE"), ("education", "Education")]
    education = doc._.recruit_sections[-1]
    assert doc.text[education.body_start:education.end].strip() == "MBA, IIM Ahmedabad 2014"


def test_a_resume_without_headings_is_all_header():
    doc = build("recruit_sections")("Asha Rao\nAnalyst at Crisil since 2019\n")
    assert [s["label"] for s in doc._.recruit_record.sections] == ["header"]


def test_two_headings_in_one_and_a_spaced_out_heading():
    """Are 'Career Experience/Job History' and a template's 'E xp er ie nc e' the experience section, while a
    line of skills joined by a slash is no heading?"""
    from nlp.lines import heading_label

    assert heading_label("Career Experience/Job History") == ("experience", 0)
    assert heading_label("E xp er ie nc e") == ("experience", 0)
    assert heading_label("Java / SQL") is None
    doc = build("recruit_sections")("Ravi Kumar\nCareer Experience/Job History\n2007-Present\nTaylor Motors\n")
    assert [s["label"] for s in doc._.recruit_record.sections] == ["header", "experience"]
