"""Campus drives: events, eligibility, sign-up with a waitlist, check-in, rounds, the funnel and the notices.

One module per concern, each depending only on those before it: ``details`` (finding an event, its dates and rules),
``seats`` (counting places under the event's lock), ``notices`` (emails, calendar entry, QR code), ``signup``
(registering and cancelling), ``planning`` (creating and editing events), ``day`` (check-in, walk-ins,
attendees made applicants), ``rounds`` and ``reports``. Callers use ``from recruit.services import campus``
and ``campus.register(...)``: every public function is re-exported here.
"""
from recruit.services.campus.day import check_in, convert_attendees, walk_in
from recruit.services.campus.details import (CODE_ALPHABET, LENGTH_WHEN_NO_END, checked_in_text, early_check_in,
                                            eligibility_problems, eligibility_rules, event_end, events, get_event,
                                            has_ended, public_event, signup_state, when_text)
from recruit.services.campus.notices import calendar, qr_png, qr_svg, registration_url
from recruit.services.campus.planning import create_event, set_status, update_event
from recruit.services.campus.reports import funnel, report
from recruit.services.campus.rounds import (add_round, add_slot, assign_slots, candidates_for_round, get_round,
                                            record_result, round_results)
from recruit.services.campus.seats import confirmed_count, waitlist_position
from recruit.services.campus.signup import (SignupResult, by_token, cancel,
                                            counts, promote_waitlisted, register, registrations)

__all__ = [
    "CODE_ALPHABET", "LENGTH_WHEN_NO_END", "SignupResult",
    "add_round", "add_slot", "assign_slots", "by_token", "calendar", "cancel", "candidates_for_round", "check_in",
    "checked_in_text", "confirmed_count", "convert_attendees", "counts", "create_event",
    "early_check_in", "eligibility_problems", "eligibility_rules", "event_end", "events", "funnel", "get_event",
    "get_round", "has_ended", "promote_waitlisted", "public_event", "qr_png", "qr_svg", "record_result",
    "register", "registration_url", "registrations", "report", "round_results", "set_status", "signup_state",
    "update_event", "waitlist_position", "walk_in", "when_text",
]
