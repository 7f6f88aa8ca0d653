"""Interview scheduling, calendar invites and interviewer feedback."""
