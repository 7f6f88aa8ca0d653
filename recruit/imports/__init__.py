"""Bulk resume imports: upload, watch the progress, retry or cancel."""
