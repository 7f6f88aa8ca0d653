"""Recruiting reports with charts and CSV export."""
