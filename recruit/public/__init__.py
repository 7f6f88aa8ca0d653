"""Public pages: the careers page, campus sign-up, a student's registration, and privacy requests."""
