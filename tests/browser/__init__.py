"""Helpers for the explorer's browser tests (content, site build, server, browser)."""
