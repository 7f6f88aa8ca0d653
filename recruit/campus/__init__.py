"""Campus drives for recruiters: events, registrations, check-in, rounds, funnel and reports."""
