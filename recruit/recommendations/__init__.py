"""The consultant's recommendation report: draft, edit, issue, download and send."""
