"""Do the forms read what was posted the way the pages did by hand: the first problem named, ids and numbers
checked before any service is called, plain values handed on?"""
import pytest
from werkzeug.datastructures import MultiDict

from recruit.forms import CorrectionsForm
from recruit.interviews.forms import FeedbackForm
from recruit.jobs.forms import ChosenForm, ShortlistRuleForm
from recruit.models import CRITERIA
from recruit.services.errors import InvalidInput


def _posted(app, form_class, data):
    """The form's ``check()`` for ``data`` posted as a browser would (CSRF checked by the app, not here)."""
    with app.test_request_context(method="POST", data=MultiDict(data)):
        return form_class(meta={"csrf": False}).check()


def test_ticked_ids_are_read_once_each_and_nothing_else(app):
    """Are repeated, non-numeric and out-of-range ids left out, in the order ticked?"""
    values = _posted(app, ChosenForm, [("application_id", v) for v in ("7", "3", "7", "x", "-1", str(2**40))])
    assert values == {"ids": [7, 3]}


def test_the_shortlist_rule_refuses_words_and_defaults_to_the_top_ten(app):
    """Is a size that is not a number refused with the page's words, and an empty size the top 10?"""
    with pytest.raises(InvalidInput, match="numbers only"):
        _posted(app, ShortlistRuleForm, {"shortlist_size": "ten"})
    assert _posted(app, ShortlistRuleForm, {"shortlist_size": "", "shortlist_threshold": "62.5"}) == \
        {"size": 10, "threshold": 62.5}
    assert _posted(app, ShortlistRuleForm, {"shortlist_size": "0"})["size"] == 0  # the service says 1 to 500


def test_corrections_name_only_profile_paths(app):
    """Does a correction of something that is no profile path fail before the service, and contact fields other
    than email and phone get dropped?"""
    with pytest.raises(InvalidInput, match="cannot be corrected"):
        _posted(app, CorrectionsForm, {"f:experience.0.title; drop": "x"})
    values = _posted(app, CorrectionsForm, {"f:experience.0.title": "Analyst", "c:email": "a@example.com",
                                            "c:name": "ignored", "next": "1"})
    assert values == {"changes": {"experience.0.title": "Analyst"}, "contact": {"email": "a@example.com"}}


def test_feedback_names_the_first_criterion_not_rated(app):
    """Is a rating outside 1 to 5 refused naming its criterion, and a full form handed on as numbers?"""
    first = next(iter(CRITERIA))
    ratings = {f"rating_{key}": "4" for key in CRITERIA}
    with pytest.raises(InvalidInput, match=f"Rate {CRITERIA[first].lower()} from 1 to 5"):
        _posted(app, FeedbackForm, {**ratings, f"rating_{first}": "9", "recommendation": "yes"})
    with pytest.raises(InvalidInput, match="Choose a recommendation"):
        _posted(app, FeedbackForm, {**ratings, "recommendation": "maybe"})
    assert _posted(app, FeedbackForm, {**ratings, "recommendation": "yes", "notes": " Clear thinker "}) == \
        {"ratings": dict.fromkeys(CRITERIA, 4), "recommendation": "yes", "notes": "Clear thinker"}
