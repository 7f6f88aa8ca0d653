"""Signing in and out, invitations and password changes."""
