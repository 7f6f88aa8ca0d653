"""Administration: users and roles, the audit log."""
