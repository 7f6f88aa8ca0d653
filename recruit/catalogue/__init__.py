"""Service lines, the rate card and fee approvals (blueprint)."""
